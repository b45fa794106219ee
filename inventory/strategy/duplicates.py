"""Duplicate-structure figures for the strategy, read from the stored analysis results.

The duplicate analysis (``procmodel.analysis``, stored by ``inventory.analysis_store``)
is another part of the project; this module reads its stored runs as of a moment and
reduces them to :class:`procmodel.strategy.DuplicateFigures`.  When no analysis part
or no run before the moment exists, the figures say so (``analysed_at`` is ``None``)
and targets on Doppelstrukturen show "keine Daten".
"""

from __future__ import annotations

import importlib
from datetime import datetime

from sqlalchemy.orm import Session

from procmodel.strategy import DuplicateFigures


def duplicate_figures_at(session: Session, when: datetime, fields: dict[int, str]
                         ) -> DuplicateFigures:
    """The figures of the newest stored analysis run at or before ``when``."""
    try:
        store = importlib.import_module("inventory.analysis_store")
    except ModuleNotFoundError:
        return DuplicateFigures()
    reader = getattr(store, "strategy_figures_at", None)
    if reader is None:
        return DuplicateFigures()
    raw = reader(session, when)
    if not raw:
        return DuplicateFigures()
    return DuplicateFigures(**{k: v for k, v in dict(raw).items()
                               if k in DuplicateFigures.__dataclass_fields__})
