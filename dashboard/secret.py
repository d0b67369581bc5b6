"""The key that signs dashboard sessions: from settings, or generated once into the data directory."""

from __future__ import annotations

import os
import secrets

from genderwatch.errors import GenderwatchError
from genderwatch.settings import Settings

SECRET_FILE = "secret_key"


def session_secret(settings: Settings) -> str:
    """``secret_key`` when set; else the key in ``<data_dir>/secret_key``, created (mode 600) if absent.

    Keeping a generated key on disk means sessions survive restarts without anyone having to
    invent a secret, and a deployment can still pin its own through the settings.
    """
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / SECRET_FILE
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 32:
            raise GenderwatchError(f"session key in {path} is too short: delete the file to regenerate it") from None
        return key
    except OSError as error:
        raise GenderwatchError(f"cannot create the session key in {path}: {error.strerror}") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key
