"""Alembic environment of the register.

Run through :func:`inventory.migrate.upgrade` (which passes an open connection in
``config.attributes["connection"]``) or through the ``alembic`` command with
``sqlalchemy.url`` set.  Every table module is known via :mod:`inventory.schema`.
"""

from __future__ import annotations

from alembic import context

import inventory.schema
from inventory.db import make_engine

config = context.config
target_metadata = inventory.schema.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not supported; run `procmodel db upgrade`.")
run_migrations_online()
