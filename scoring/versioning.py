"""Stage versions that change by themselves when the data a stage runs on changes.

A stage's behaviour is its code *and* its data files: the classifier head ``genderwatch
train`` writes, the lexicons editors extend. The stored analyses record the analyser version
that made them and the analysis job re-analyses every article whose current analysis has
another version, so a version that ignored the data would leave articles analysed by a
stale head or lexicon until someone remembered to bump a number. The version is therefore
the stage's hand-set code version plus a short digest of its data files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from genderwatch.errors import GenderwatchError

DIGEST_LENGTH = 8


def files_digest(paths: Iterable[Path]) -> str:
    """Short SHA-256 over the files' names and bytes, in name order (so where the checkout
    lives does not matter, only what the files say)."""
    hasher = hashlib.sha256()
    for path in sorted(paths, key=lambda path: path.name):
        try:
            content = path.read_bytes()
        except OSError as error:
            raise GenderwatchError(f"cannot read analyser data file {path}: {error.strerror}") from None
        hasher.update(path.name.encode("utf-8") + b"\0")
        hasher.update(hashlib.sha256(content).digest())
    return hasher.hexdigest()[:DIGEST_LENGTH]


def stage_version(code_version: str, data_files: Iterable[Path]) -> str:
    """``code_version`` with the data digest as build metadata: ``1.0.0+3fa2b1c9``."""
    return f"{code_version}+{files_digest(data_files)}"


def version_attribute(module: str, compute: Callable[[], str],
                      name: str = "VERSION") -> Callable[[str], str]:
    """A module-level ``__getattr__`` serving ``name`` from ``compute``, computed on first use
    and then kept: the data files are found through the settings, which must not be read at
    import time (the CLI's ``--config`` is applied after the modules are imported)."""
    cached = lru_cache(maxsize=1)(compute)

    def attribute(attribute_name: str) -> str:
        if attribute_name == name:
            return cached()
        raise AttributeError(f"module {module!r} has no attribute {attribute_name!r}")

    return attribute
