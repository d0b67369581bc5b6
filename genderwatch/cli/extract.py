"""``genderwatch extract``: article fields of one page as JSON, or re-extraction of stored pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

import typer

from crawler.registry import load_registry
from genderwatch.cli.groups import bench_app
from genderwatch.errors import GenderwatchError
from genderwatch.settings import get_settings

OUTPUT_FIELDS = ("title", "lead", "body", "authors", "byline", "wire_source", "published_at", "section",
                 "captions", "media_kind", "outlet", "url")


def _read_page(page: Path) -> bytes:
    try:
        raw = page.read_bytes()
    except FileNotFoundError:
        raise GenderwatchError(f"không thấy tệp / file not found: {page}") from None
    except OSError as error:
        raise GenderwatchError(f"cannot read {page}: {error.strerror}") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise GenderwatchError(f"{page} is not valid gzip: {error}") from None
    return raw


def _stored_page(url: str) -> tuple[bytes, Optional[str]]:
    from sqlmodel import Session, select

    from crawler.run import prepare_store, raw_store_for
    from store.models import RawPage

    settings = get_settings()
    engine = prepare_store(settings)
    with Session(engine) as session:
        row = session.exec(select(RawPage).where(RawPage.url == url).order_by(RawPage.id.desc())).first()  # type: ignore[union-attr]
    if row is None:
        raise GenderwatchError(f"no stored page for {url}: give the saved file as PAGE")
    return raw_store_for(settings).get(row.sha256), row.content_type


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GenderwatchError(f"--url must be an absolute http(s) URL, got {url!r}")
    return url


def extract_command(
    page: Optional[Path] = typer.Argument(None, help="Trang đã lưu / saved page (.html or .html.gz)."),
    url: Optional[str] = typer.Option(None, "--url", help="URL of the page (picks the outlet's selectors)."),
    reprocess_all: bool = typer.Option(False, "--reprocess", help="Re-extract every stored raw page."),
    outlet: Optional[list[str]] = typer.Option(None, "--outlet", "-o", help="With --reprocess: only these outlets."),
    registry: Optional[Path] = typer.Option(None, "--registry", help="Outlet registry YAML."),
) -> None:
    """Trích xuất bài / print a page's article fields as JSON, or re-extract stored pages."""
    from crawler.decode import NotText
    from crawler.extract import extract_page

    settings = get_settings()
    outlets = load_registry(registry or settings.registry_path)
    if reprocess_all:
        from crawler.reprocess import reprocess
        from crawler.run import prepare_store, raw_store_for

        if page is not None:
            raise GenderwatchError("--reprocess works on stored pages: give no PAGE")
        counts = reprocess(prepare_store(settings), raw_store_for(settings), outlets, outlet or None)
        typer.echo(json.dumps(dict(sorted(counts.items())), ensure_ascii=False))
        return
    if url is None:
        raise GenderwatchError("give --url URL (with a saved PAGE, or alone for a stored page)")
    url = _check_url(url)
    raw, content_type = (_read_page(page), None) if page is not None else _stored_page(url)
    try:
        extraction = extract_page(raw, url, outlets.for_url(url), content_type)
    except NotText as error:
        raise GenderwatchError(f"not an HTML page: {error}") from None
    if not extraction.is_article:
        raise GenderwatchError(f"no article found in {page or url}: no {'title' if not extraction.title else 'body'}")
    data = extraction.to_json()
    typer.echo(json.dumps({name: data[name] for name in OUTPUT_FIELDS}, ensure_ascii=False, indent=2))


def bench_extract_command(rounds: int = typer.Option(3, "--rounds", min=1, help="Passes over the corpus.")) -> None:
    """Tốc độ trích xuất / extraction pages per second on one CPU over the demo corpus."""
    from crawler.bench import bench_extraction, pin_to_one_cpu

    cpu = pin_to_one_cpu()
    timing = bench_extraction(rounds)
    typer.echo(f"extraction: {timing.items} pages in {timing.seconds:.2f} s on CPU {cpu} = "
               f"{timing.per_second:.1f} pages/s ({1000 / timing.per_second:.1f} ms/page)")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
    bench_app.command("extract")(bench_extract_command)
