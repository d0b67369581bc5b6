"""Write a file completely or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from genderwatch.errors import GenderwatchError


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only on success.

    The temporary file sits in the same directory so the final rename is atomic; on any error
    it is removed, so a failed export never leaves a partial file behind.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise GenderwatchError(f"thư mục không tồn tại / directory does not exist: {target.parent}")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Run ``write(temporary_path)`` and move the result to ``target``."""
    with atomic_path(target) as temporary:
        write(temporary)
    return target
