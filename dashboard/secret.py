"""The key that signs dashboard sessions: from settings, or generated once into the data directory."""

from __future__ import annotations

import os
import secrets
import tempfile

from genderwatch.errors import GenderwatchError
from genderwatch.settings import Settings

SECRET_FILE = "secret_key"


def session_secret(settings: Settings) -> str:
    """``secret_key`` when set; else the key in ``<data_dir>/secret_key``, created (mode 600) if absent.

    Keeping a generated key on disk means sessions survive restarts without anyone having to
    invent a secret, and a deployment can still pin its own through the settings. The file is
    written completely under a temporary name and then hard-linked into place, so several
    worker processes starting at once all end up with the same, complete key.
    """
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / SECRET_FILE
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            descriptor, temporary = tempfile.mkstemp(dir=settings.data_dir, prefix=".secret-")
            try:
                with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                    handle.write(secrets.token_urlsafe(48) + "\n")
                os.link(temporary, path)
            except FileExistsError:
                pass  # another process won the race; its key is complete
            finally:
                os.unlink(temporary)
        key = path.read_text(encoding="ascii").strip()
    except OSError as error:
        raise GenderwatchError(f"cannot read or create the session key {path}: {error.strerror}") from None
    if len(key) < 32:
        raise GenderwatchError(f"session key in {path} is too short: delete the file to regenerate it")
    return key
