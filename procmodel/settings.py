"""Settings, declared once with their default and help.

Values come from the defaults below, then from an instance file
(``<instance>/procmodel.toml``, a flat TOML table of ``NAME = value`` with names
in lower case and without the ``PROCMODEL_`` prefix), then from ``PROCMODEL_*``
environment variables, then from a mapping passed in code (tests, the web factory).
Both the CLI and the web application read settings through :func:`load_settings`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str  # upper case, without the PROCMODEL_ prefix
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _bool(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "on", "ja"}


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _default_instance_path() -> str:
    return str(Path.cwd() / "instance")


SETTINGS: tuple[Setting, ...] = (
    Setting("INSTANCE_PATH", None, "Folder for the SQLite file, uploads and the instance "
            "settings file; default ./instance"),
    Setting("DATABASE_URL", None, "SQLAlchemy URL of the register; default a SQLite file "
            "procmodel.sqlite3 in the instance folder"),
    Setting("SECRET_KEY", None, "Key that signs session cookies; required in production "
            "(there is no usable default)"),
    Setting("MAX_UPLOAD_BYTES", 20 * 1024 * 1024, "Largest BPMN file accepted, in bytes", int),
    Setting("MAX_XML_DEPTH", 256, "Deepest element nesting accepted in a BPMN file", int),
    Setting("DISABLED_RULES", (), "Comma-separated validation rule ids to switch off", _list),
    Setting("SOUNDNESS_STATE_LIMIT", 50_000, "Markings the behavioural (soundness) check "
            "explores per process or subprocess before it stops with a soundness-limit "
            "finding", int),
    Setting("SCHEMA_CHECK", True, "Check uploads against the BPMN 2.0 XML Schema", _bool),
    Setting("SYNONYMS_FILE", None, "Extra synonym list for the label language (one group "
            "per line, comma-separated)"),
    Setting("LANGUAGE", "de", "Default language of the web interface and messages (de, en)"),
    Setting("COOKIE_SECURE", False, "Send session cookies only over HTTPS (set in production "
            "behind TLS)", _bool),
    Setting("PROXY_FIX", 0, "Number of reverse proxies in front of the web application whose "
            "X-Forwarded-* headers are trusted (0: none)", int),
    Setting("LOGIN_MAX_FAILURES", 5, "Failed sign-ins per user name within the window before "
            "further attempts are refused", int),
    Setting("LOGIN_WINDOW_SECONDS", 900, "Window of the sign-in throttle, in seconds", int),
    Setting("LOGIN_MAX_FAILURES_ADDRESS", 50, "Failed sign-ins from one client address (all "
            "user names) within the window before that address is refused; behind a reverse "
            "proxy set PROXY_FIX, else every request has the proxy's address", int),
    Setting("ORGANISATION", "Stadtverwaltung", "Name of the city or organisation shown on "
            "the Sachstandsbericht's title page"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def load_settings(overrides: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """All settings as a dict keyed by name (without prefix), resolved in order."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    instance = (overrides or {}).get("INSTANCE_PATH") or environ.get(
        "PROCMODEL_INSTANCE_PATH") or _default_instance_path()
    values["INSTANCE_PATH"] = str(instance)
    instance_file = Path(instance) / "procmodel.toml"
    if instance_file.is_file():
        with instance_file.open("rb") as fh:
            for key, value in tomllib.load(fh).items():
                values[key.upper()] = value
    for setting in SETTINGS:
        raw = environ.get(f"PROCMODEL_{setting.name}")
        if raw is not None:
            values[setting.name] = setting.parse(raw)
    for key, value in (overrides or {}).items():
        values[key.upper()] = value
    if not values.get("DATABASE_URL"):
        values["DATABASE_URL"] = default_database_url(values["INSTANCE_PATH"])
    return values


def default_database_url(instance_path: str) -> str:
    return f"sqlite:///{Path(instance_path).resolve() / 'procmodel.sqlite3'}"
