"""``genderwatch demo``: the main job on the embedded default.

It grows with the pipeline; it reports exactly the steps it ran and nothing more.
"""

from __future__ import annotations

import typer

from genderwatch.context import open_store
from genderwatch.settings import get_settings
from store.migrate import upgrade_to_head


def demo() -> None:
    """Run the demo on the embedded default (local demo outlets, SQLite)."""
    settings = get_settings()
    engine = open_store(settings)
    _, revisions = upgrade_to_head(engine)
    where = engine.url.render_as_string(hide_password=True)
    typer.echo("genderwatch demo")
    typer.echo(f"  1. Cơ sở dữ liệu / database: {where} (schema {', '.join(sorted(revisions))})")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
