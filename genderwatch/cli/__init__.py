"""The ``genderwatch`` command line.

Each capability registers its commands from its own module here; ``main`` turns every
:class:`~genderwatch.errors.GenderwatchError` (and store error) into one line on stderr
and a non-zero exit, so users never see a traceback for a mistake they can fix.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from genderwatch.cli import (
    analysis_bench, analyze, crawl, dashboard_bench, database, demo, demo_web, extract, groups, indicators, models, outlets,
    people, scheduler, scorecard, serve, stereotypes, topics, users,
)
from genderwatch.errors import GenderwatchError
from genderwatch.settings import CONFIG_FILE_ENV
from store.engine import StoreError

# Nothing in genderwatch may reach a model hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

app = typer.Typer(
    name="genderwatch",
    help=(
        "Theo dõi giới trong báo chí địa phương (Bộ chỉ số về giới trong truyền thông). "
        "Gender-in-media monitoring for Vietnamese provincial outlets."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    config: Optional[Path] = typer.Option(
        None, "--config", "-c", help="TOML settings file (same keys as GENDERWATCH_* variables)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages."),
) -> None:
    if config is not None:
        if not config.is_file():
            raise GenderwatchError(f"config file not found: {config}")
        os.environ[CONFIG_FILE_ENV] = str(config)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


database.register(app)
demo.register(app)
groups.register(app)
models.register(app)
stereotypes.register(app)
analysis_bench.register(app)
indicators.register(app)
scorecard.register(app)
outlets.register(app)
crawl.register(app)
extract.register(app)
demo_web.register(app)
serve.register(app)
users.register(app)
dashboard_bench.register(app)
analyze.register(app)
people.register(app)
topics.register(app)
scheduler.register(app)


def main() -> None:
    """Entry point of the ``genderwatch`` script."""
    try:
        app(standalone_mode=False)
    except (GenderwatchError, StoreError) as error:
        typer.secho(f"Lỗi / error: {error}", fg=typer.colors.RED, err=True)
        sys.exit(getattr(error, "exit_code", 1))
    except typer.Abort:
        typer.echo("Đã hủy / aborted.", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("Đã dừng / interrupted.", err=True)
        sys.exit(130)
    except Exception as error:  # click usage errors carry their own exit code
        exit_code = getattr(error, "exit_code", None)
        if exit_code is None:
            raise
        show = getattr(error, "show", None)
        if show is not None:
            show()
        sys.exit(exit_code)
