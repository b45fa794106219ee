"""The key that signs session cookies and CSRF tokens.

There is no usable default: the key comes from the ``SECRET_KEY`` setting
(``PROCMODEL_SECRET_KEY`` or the instance file), else from the file ``secret_key`` in
the instance folder.  Only in development or demo mode (``procmodel serve --dev``,
``DEV=True``) is a random key generated and written to that file, so that sessions
survive a restart.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE = "secret_key"
MIN_LENGTH = 16


class MissingSecretKey(RuntimeError):
    """No secret key is configured and development mode is off."""

    def __init__(self, instance_path: Path) -> None:
        super().__init__(
            "Kein SECRET_KEY gesetzt: setzen Sie PROCMODEL_SECRET_KEY (mindestens "
            f"{MIN_LENGTH} Zeichen) oder legen Sie die Datei {instance_path / KEY_FILE} an; "
            "für Entwicklung und Demo erzeugt `procmodel serve --dev` einen Zufallsschlüssel. / "
            "No SECRET_KEY set: set PROCMODEL_SECRET_KEY, create the key file, or use --dev."
        )


class WeakSecretKey(RuntimeError):
    """The configured key is too short to be safe."""


def resolve_secret_key(configured: str | None, instance_path: Path, *, dev: bool) -> str:
    """The key to use; raises :class:`MissingSecretKey` when there is none."""
    if configured:
        if len(str(configured)) < MIN_LENGTH:
            raise WeakSecretKey(
                f"SECRET_KEY ist zu kurz (mindestens {MIN_LENGTH} Zeichen) / "
                f"SECRET_KEY is too short (at least {MIN_LENGTH} characters)"
            )
        return str(configured)
    key_file = instance_path / KEY_FILE
    if key_file.is_file():
        key = key_file.read_text(encoding="utf-8").strip()
        if len(key) >= MIN_LENGTH:
            return key
    if not dev:
        raise MissingSecretKey(instance_path)
    key = secrets.token_urlsafe(48)
    instance_path.mkdir(parents=True, exist_ok=True)
    # Written with owner-only permissions: the key signs every session.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    return key
