"""Engine, session factory and the declarative base shared by every table.

SQLite (the embedded default) gets foreign keys switched on and WAL journaling;
PostgreSQL needs nothing special.  Tables are created by Alembic migrations only
(``inventory.migrate``), never by ``metadata.create_all`` outside tests of the
migrations themselves.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, String, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every table of the register."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class casefold(FunctionElement[str]):
    """Case-insensitive form of a text for searching, also for umlauts.

    SQLite's own ``lower()`` folds ASCII only (``Ü`` stays ``Ü``), so on SQLite this
    calls ``pm_casefold`` (Python's :meth:`str.casefold`, registered on every
    connection); PostgreSQL's ``lower()`` already handles Unicode.  Apply it to both
    sides of a comparison.
    """

    type = String()
    inherit_cache = True


@compiles(casefold)
def _casefold_default(element: casefold, compiler, **kw) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(casefold, "sqlite")
def _casefold_sqlite(element: casefold, compiler, **kw) -> str:
    return f"pm_casefold({compiler.process(element.clauses, **kw)})"


def _python_casefold(value: object) -> str | None:
    return None if value is None else str(value).casefold()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.create_function("pm_casefold", 1, _python_casefold, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str, **kwargs) -> Engine:
    """An engine for ``url`` with the register's connection settings applied."""
    if url.startswith("postgresql"):
        # JIT compilation pays off for long analytical queries only; for the register's
        # short queries it adds tens of milliseconds whenever the planner's estimate is high.
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("options", "-c jit=off")
        kwargs["connect_args"] = connect_args
    engine = create_engine(url, future=True, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database.

    PostgreSQL stores ``timestamptz``; SQLite has no time zones, so values are stored
    as naive UTC and given their UTC zone back when read.  Naive values are refused on
    the way in: a silently misread local time would corrupt the history.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the register stores aware UTC times")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (what every timestamp column stores)."""
    return datetime.now(UTC)
