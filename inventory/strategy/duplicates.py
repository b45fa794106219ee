"""Duplicate-structure figures for the strategy, read from the stored analysis runs.

The duplicate analysis (``procmodel.analysis``) stores each run's full result as JSON
in ``analysis_run`` (``inventory.analysis_store``).  For a moment, this module takes
the newest run started at or before it and reduces it to
:class:`procmodel.strategy.DuplicateFigures`: Doppelstrukturen (total, spanning
several Handlungsfelder, per field), media breaks, and the identities of both, so a
report can say which were found and which resolved between two moments.  Without a
run (or without the analysis part) the figures say so (``analysed_at`` is ``None``).
"""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from procmodel.strategy import DuplicateFigures


def _structure_key(item: dict[str, Any]) -> str:
    services = ",".join(sorted(str(s) for s in item.get("services") or []))
    return f"{item.get('kind')}:{item.get('name')}:{services}"


def _media_key(item: dict[str, Any]) -> str:
    step = item.get("step") or {}
    return f"{step.get('service_id')}#{step.get('step_id')}:{item.get('kind')}"


def figures_from_result(result: dict[str, Any], analysed_at: datetime | None
                        ) -> DuplicateFigures:
    """Reduce one stored analysis result (``AnalysisResult.to_dict()``) to figures."""
    structures = result.get("doppelstrukturen") or []
    by_field: dict[str, int] = {}
    cross_by_field: dict[str, int] = {}
    cross = 0
    for item in structures:
        fields = sorted(set(item.get("handlungsfelder") or []))
        spans = len(fields) > 1
        cross += spans
        for name in fields:
            by_field[name] = by_field.get(name, 0) + 1
            if spans:
                cross_by_field[name] = cross_by_field.get(name, 0) + 1
    breaks = result.get("media_breaks") or []
    media_by_field: dict[str, int] = {}
    for item in breaks:
        name = (item.get("step") or {}).get("handlungsfeld")
        if name:
            media_by_field[name] = media_by_field.get(name, 0) + 1
    return DuplicateFigures(
        total=len(structures), cross_field=cross, media_breaks=len(breaks),
        by_field=by_field, cross_by_field=cross_by_field,
        media_breaks_by_field=media_by_field, analysed_at=analysed_at,
        structure_keys=frozenset(_structure_key(i) for i in structures),
        media_break_keys=frozenset(_media_key(i) for i in breaks),
    )


def duplicate_figures_at(session: Session, when: datetime, fields: dict[int, str]
                         ) -> DuplicateFigures:
    """The figures of the newest stored analysis run started at or before ``when``."""
    del fields  # the stored result names Handlungsfelder already
    try:
        store = importlib.import_module("inventory.analysis_store")
    except ModuleNotFoundError:
        return DuplicateFigures()
    run_table = getattr(store, "AnalysisRun", None)
    if run_table is None:
        return DuplicateFigures()
    # A run describes the models as they were when it started (imports of older
    # analyses keep their original start time), so that moment dates its figures.
    run = session.scalars(select(run_table).where(run_table.started_at <= when)
                          .order_by(run_table.started_at.desc(), run_table.id.desc())
                          .limit(1)).first()
    if run is None:
        return DuplicateFigures()
    return figures_from_result(run.result or {}, run.started_at)
