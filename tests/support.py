"""Helpers for tests that drive genderwatch the way a user does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None, input: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``genderwatch`` in a subprocess, as a user would."""
    full_env = {key: value for key, value in os.environ.items() if not key.startswith("GENDERWATCH_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "genderwatch", *args],
        cwd=cwd, env=full_env, input=input, capture_output=True, text=True, timeout=timeout,
    )
