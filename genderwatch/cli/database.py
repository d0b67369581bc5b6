"""``genderwatch init``: create or upgrade the database through the migrations."""

from __future__ import annotations

import typer

from genderwatch.context import open_store
from genderwatch.settings import get_settings
from store.migrate import upgrade_to_head


def init() -> None:
    """Create the database, or upgrade it to the latest schema (safe to run again)."""
    settings = get_settings()
    engine = open_store(settings)
    before, after = upgrade_to_head(engine)
    where = engine.url.render_as_string(hide_password=True)
    if before == after:
        typer.echo(f"Cơ sở dữ liệu đã ở phiên bản mới nhất / database up to date: {where} ({', '.join(sorted(after))})")
    else:
        typer.echo(f"Đã khởi tạo/nâng cấp cơ sở dữ liệu / database ready: {where} ({', '.join(sorted(after))})")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
