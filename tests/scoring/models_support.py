"""Where tests find the converted encoder built at set-up (``make install``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from genderwatch.settings import load_settings
from scoring.models.convert import converted_model_dir


def built_model_dir() -> Path:
    """The converted model under the configured ``model_dir``; skip (with the reason) if
    it was never built. ``make test`` depends on ``make install``, which builds it."""
    directory = converted_model_dir(load_settings().model_dir)
    if not (directory / "model.safetensors").is_file():
        pytest.skip(f"converted encoder not built at {directory}: run `genderwatch models build` "
                    "(make install / make test do this first)")
    return directory
