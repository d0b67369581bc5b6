"""``genderwatch analyze``: the analyser contract (architecture.md §4) on the command line.

One text (a file or standard input) prints one JSON object; ``--jsonl`` reads one object
per line and prints one result per line, in order, with the same ``id``. A line that
cannot be analysed (not JSON, not UTF-8, empty, HTML, another language, too long) prints
an object with ``error`` in its place and a line on stderr; the other lines are still
analysed and the exit code is 1 if any line failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, BinaryIO
from collections.abc import Iterator

import typer

from genderwatch.errors import GenderwatchError


def analyze(
    file: str | None = typer.Argument(
        None,
        metavar="[FILE|-]",
        help="Tệp văn bản UTF-8 / plain-text file (UTF-8); '-' or nothing reads standard input.",
    ),
    jsonl: str | None = typer.Option(
        None,
        "--jsonl",
        metavar="IN.jsonl",
        help='Mỗi dòng một bài / one object per line: {"id", "text"} or {"id", "title", "lead", '
        '"body"} (optional "section": the outlet section, a hint for the topic); "-" reads '
        'standard input.',
    ),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON of a single text."),
) -> None:
    """Phân tích văn bản / analyse Vietnamese news text: people, gender, quotes, stereotype
    findings (JSON, offsets into the input)."""
    from scoring.analyzer import analyze_text
    from scoring.input_checks import decode_utf8

    if jsonl is not None:
        if file is not None:
            raise GenderwatchError("give either FILE or --jsonl, not both")
        failed = _analyze_lines(jsonl)
        if failed:
            raise GenderwatchError(f"{failed} line(s) could not be analysed (see above)")
        return
    name = "standard input" if file in (None, "-") else file
    with _open(file or "-") as stream:
        data = stream.read()
    result = analyze_text(decode_utf8(data, name)).to_dict()
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2 if pretty else None))


def _open(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        return Path(path).open("rb")
    except OSError as error:
        raise GenderwatchError(f"cannot read {path}: {error.strerror}") from None


def _analyze_lines(path: str) -> int:
    """Analyse every line; return how many failed."""
    failed = 0
    with _open(path) as stream:
        for number, raw in _numbered_lines(stream):
            result = _analyze_line(number, raw)
            if "error" in result:
                failed += 1
                typer.echo(f"Lỗi / error: line {number}: {result['error']}", err=True)
            typer.echo(json.dumps(result, ensure_ascii=False))
    return failed


def _numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(stream, start=1):
        if raw.strip():
            yield number, raw.rstrip(b"\r\n")


def _analyze_line(number: int, raw: bytes) -> dict[str, Any]:
    """The result object for one JSONL line, or an error object in its place."""
    from scoring.analyzer import analyze_article, analyze_text, error_result
    from scoring.input_checks import InputError, decode_utf8

    record: Any = None
    try:
        record = json.loads(decode_utf8(raw, f"line {number}"))
        if not isinstance(record, dict):
            raise InputError(f"expected a JSON object, got {type(record).__name__}")
        identifier = record.get("id")
        if "text" in record:
            text = record["text"]
            if not isinstance(text, str):
                raise InputError('"text" must be a string')
            return analyze_text(text, id=identifier).to_dict()
        parts = {key: record.get(key) for key in ("title", "lead", "body")}
        if not any(parts.values()):
            raise InputError('needs "text", or "title"/"lead"/"body"')
        section = record.get("section")
        if any(value is not None and not isinstance(value, str)
               for value in (*parts.values(), section)):
            raise InputError('"title", "lead", "body" and "section" must be strings')
        return analyze_article(
            parts["title"], parts["lead"], parts["body"], id=identifier, section=section
        ).to_dict()
    except json.JSONDecodeError as error:
        return _with_line(error_result(f"not JSON ({error.msg} at column {error.colno})"), number)
    except InputError as error:
        identifier = record.get("id") if isinstance(record, dict) else None
        return _with_line(error_result(str(error), id=identifier), number)


def _with_line(result: dict[str, Any], number: int) -> dict[str, Any]:
    result["line"] = number
    return result


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
