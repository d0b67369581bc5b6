"""Labelled evaluation and training data as JSON Lines, one validated record per line.

A record that breaks its format stops loading with the file and line named, because a
silently dropped record changes every figure computed from the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from genderwatch.errors import GenderwatchError

Record = TypeVar("Record", bound=BaseModel)


def load_jsonl(path: Path, model: type[Record]) -> list[Record]:
    """Every record of ``path`` validated as ``model``; raises :class:`GenderwatchError`
    naming the bad line, or when the file holds no record at all."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise GenderwatchError(f"cannot read labelled data {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise GenderwatchError(f"labelled data {path} is not UTF-8") from None
    records: list[Record] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(model.model_validate(json.loads(line)))
        except ValueError as error:  # JSONDecodeError and ValidationError are ValueErrors
            raise GenderwatchError(f"{path}:{number}: {_first_problem(error)}") from None
    if not records:
        raise GenderwatchError(f"labelled data {path} holds no records")
    return records


def _first_problem(error: ValueError) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    return f"not valid JSON: {error}"
