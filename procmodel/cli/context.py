"""What register commands share: the ``--db`` option and opening the register.

``--db URL`` defaults to the ``PROCMODEL_DATABASE_URL`` setting, else a SQLite file in
the instance folder (see :mod:`procmodel.settings`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from procmodel.settings import load_settings

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """Add ``--db URL`` to a command; the value reaches it as ``db``."""
    return click.option(
        "--db",
        "db",
        metavar="URL",
        default=None,
        help="Datenbank-URL (SQLAlchemy), Standard: PROCMODEL_DATABASE_URL oder "
        "SQLite im Instanzordner / database URL",
    )(func)


def resolve_db_url(db: str | None) -> str:
    """The URL given by ``--db``, else the configured one."""
    return db or load_settings()["DATABASE_URL"]
