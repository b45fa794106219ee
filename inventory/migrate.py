"""Schema migrations: bring any database of the register to the newest schema.

Every part of the project adds its tables through an Alembic revision branching from
``0001_register``; :func:`upgrade` therefore runs ``upgrade heads`` (all branches).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from inventory.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration pointing at :data:`MIGRATIONS_DIR`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _with_engine(url_or_engine: str | Engine) -> tuple[Engine, bool]:
    if isinstance(url_or_engine, Engine):
        return url_or_engine, False
    return make_engine(url_or_engine), True


def upgrade(url_or_engine: str | Engine, revision: str = "heads") -> None:
    """Migrate the database to ``revision`` (default: every head), keeping all data."""
    engine, owned = _with_engine(url_or_engine)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if owned:
            engine.dispose()


def current_revisions(url_or_engine: str | Engine) -> set[str]:
    """The revisions the database is at (empty for a database never migrated)."""
    engine, owned = _with_engine(url_or_engine)
    try:
        with engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())
    finally:
        if owned:
            engine.dispose()


def head_revisions() -> set[str]:
    """The newest revision of every branch known to the code."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def is_up_to_date(url_or_engine: str | Engine) -> bool:
    """Whether the database has every migration the code knows."""
    return current_revisions(url_or_engine) == head_revisions()
