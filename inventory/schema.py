"""Imports every table module so that ``Base.metadata`` knows all tables.

Alembic's ``env.py``, backup/restore and the test fixtures import this module.  Other
parts add their table modules below (additive edits); a module that does not exist
yet is skipped so that parts can land in any order.
"""

from __future__ import annotations

import importlib

import inventory.tables  # noqa: F401 - registers the register's own tables
from inventory.db import Base

#: Table modules of other parts (strategy H8, analysis H6, web jobs/tokens H7).
OPTIONAL_TABLE_MODULES: tuple[str, ...] = (
    "inventory.strategy",
    "inventory.analysis_store",
    "inventory.jobs",
    "inventory.tokens",
)

for _name in OPTIONAL_TABLE_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # not written yet; any other error must surface
        if exc.name != _name:
            raise

metadata = Base.metadata

__all__ = ["Base", "metadata"]
