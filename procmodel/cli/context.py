"""What register commands share: the ``--db`` option and opening the register.

``--db URL`` defaults to the ``PROCMODEL_DATABASE_URL`` setting, else a SQLite file in
the instance folder (see :mod:`procmodel.settings`).  :func:`open_register` is how every
command (and anything else at the edge) opens the register: one transaction per command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from procmodel.cli import UnusableInput
from procmodel.settings import load_settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

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


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a SQLite file URL (the default lives in ``./instance``)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def register_engine(db: str | None) -> Engine:
    """An engine on the register named by ``--db`` (or the setting); caller disposes it."""
    from inventory.db import make_engine

    url = resolve_db_url(db)
    ensure_sqlite_folder(url)
    try:
        return make_engine(url)
    except Exception as exc:  # bad URL, missing driver: the user must fix the option
        raise UnusableInput(f"Datenbank-URL nicht verwendbar / unusable database URL: {exc}") \
            from exc


@contextmanager
def open_register(db: str | None, *, require_current: bool = True) -> Iterator[Session]:
    """Open the register as one transaction: commit on success, roll back on any error.

    With ``require_current`` (the default) a database that lacks migrations is refused
    (exit 2) with the hint to run ``procmodel init`` or ``procmodel db upgrade``, so no
    command ever works on a half-made schema.  Domain errors
    (:class:`inventory.errors.InventoryError`) propagate unchanged after the rollback;
    the command translates them.
    """
    from sqlalchemy.exc import OperationalError

    from inventory.db import make_session_factory
    from inventory.migrate import current_revisions, head_revisions

    engine = register_engine(db)
    try:
        if require_current:
            try:
                current = current_revisions(engine)
            except OperationalError as exc:
                raise UnusableInput(
                    f"Datenbank nicht erreichbar / database unreachable: {exc.orig}") from exc
            if not current:
                raise UnusableInput(
                    "Die Datenbank ist leer. Zuerst `procmodel init` ausführen. / "
                    "The database is empty; run `procmodel init` first.")
            if current != head_revisions():
                raise UnusableInput(
                    "Das Datenbankschema ist nicht aktuell. `procmodel db upgrade` ausführen. / "
                    "The database schema is outdated; run `procmodel db upgrade`.")
        with make_session_factory(engine)() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
    finally:
        engine.dispose()


@contextmanager
def progress_reporter(description: str, *, enabled: bool = True
                      ) -> Iterator[Callable[[int, int, str], None]]:
    """A ``progress(done, total, what)`` callback drawing a rich progress bar on stderr.

    The domain functions of the register accept such a callback; the bar disappears
    when the work is done.  With ``enabled=False`` (machine output) nothing is drawn.
    """
    if not enabled:
        yield lambda _done, _total, _what: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[what]}"), console=Console(stderr=True),
                  transient=True) as bar:
        task = bar.add_task(description, total=None, what="")

        def update(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, what=what)

        yield update


@contextmanager
def register_errors() -> Iterator[None]:
    """Translate the register's exceptions into the CLI's exit codes (use in commands).

    Rows with wrong values, invalid fields and edit conflicts exit 1; files that cannot be
    used, unknown records, refused restores and database failures exit 2.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from inventory.errors import (
        ConflictError,
        ImportRejected,
        InvalidValue,
        InventoryError,
    )
    from procmodel.cli import InputHasErrors as _HasErrors

    try:
        yield
    except ImportRejected as exc:
        raise (UnusableInput(str(exc)) if exc.unusable else _HasErrors(str(exc))) from None
    except (InvalidValue, ConflictError) as exc:
        raise _HasErrors(str(exc)) from None
    except InventoryError as exc:
        raise UnusableInput(str(exc)) from None
    except SQLAlchemyError as exc:
        raise UnusableInput(f"Datenbankfehler / database error: {exc}") from exc
