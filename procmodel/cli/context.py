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


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (``None`` for other databases and in-memory SQLite)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # an unusable URL is reported by make_engine, with its reason
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def database_problem(exc: BaseException, url: str | None) -> str:
    """One German/English line for a database that cannot be reached or used.

    Names the database (host, port, name; never the password), the driver's first line
    and a hint, instead of SQLAlchemy's multi-line text with its documentation link.
    """
    from sqlalchemy.engine import make_url

    orig = getattr(exc, "orig", None) or exc
    first = next((line.strip() for line in str(orig).splitlines() if line.strip()), "")
    first = first.split("(Background on this error")[0].strip()
    if url is None:
        return f"Datenbank nicht erreichbar / database unreachable: {first}"
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
    except Exception:  # not a URL at all
        return f"Datenbank-URL nicht verwendbar / unusable database URL: {first}"
    if backend == "sqlite":
        where = f"SQLite-Datei {parsed.database}"
        hint = "Pfad und Schreibrechte prüfen"
    else:
        where = (f"{backend} auf {parsed.host or 'localhost'}:{parsed.port or 'Standardport'}"
                 f", Datenbank „{parsed.database or ''}“"
                 + (f", Benutzer „{parsed.username}“" if parsed.username else ""))
        hint = "läuft der Server, stimmen Host, Port, Datenbank und Zugangsdaten?"
    return (f"Datenbank nicht erreichbar / database unreachable: {where} – {hint} "
            f"({first})")


def register_engine(db: str | None, *, require_existing: bool = False) -> Engine:
    """An engine on the register named by ``--db`` (or the setting); caller disposes it.

    With ``require_existing`` a SQLite file that does not exist is refused (exit 2) instead
    of silently creating a new, empty register at a mistyped path.
    """
    from inventory.db import make_engine

    url = resolve_db_url(db)
    path = _sqlite_path(url)
    if require_existing and path is not None and not path.exists():
        raise UnusableInput(
            f"Datenbank nicht gefunden: {path} – für ein neues Register `procmodel init` "
            "(oder `procmodel demo`) ausführen. / Database not found; run `procmodel init` "
            "to create a new register.")
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

    engine = register_engine(db, require_existing=True)
    try:
        if require_current:
            try:
                current = current_revisions(engine)
            except OperationalError as exc:
                raise UnusableInput(database_problem(exc, resolve_db_url(db))) from exc
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
def register_errors(db: str | None = None) -> Iterator[None]:
    """Translate the register's exceptions into the CLI's exit codes (use in commands).

    Rows with wrong values, invalid fields and edit conflicts exit 1; files that cannot be
    used, unknown records, refused restores and database failures exit 2.
    """
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

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
    except OperationalError as exc:
        raise UnusableInput(database_problem(exc, resolve_db_url(db) if db else None)) from exc
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise UnusableInput(f"Datenbankfehler / database error: {first}") from exc
