"""Reading a lexicon YAML file into its pydantic model, with errors a user can act on.

Every stage keeps its word lists in ``config/lexicons/`` for editors to extend. A file that
cannot be read or does not fit its schema stops loading with one line naming the file and the
first offending field: a silently skipped entry would quietly change the results.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from genderwatch.errors import GenderwatchError

Model = TypeVar("Model", bound=BaseModel)


def load_validated(model: type[Model], path: Path, what: str) -> Model:
    """``path`` parsed as YAML and validated as ``model``; ``what`` names the file in errors
    ("lexicon", "people lexicon" ...)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GenderwatchError(f"cannot read {what} file {path}: {error}") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        raise GenderwatchError(f"invalid {what} file {path} at {where}: {first['msg']}") from None
