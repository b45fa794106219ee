"""Narrative sections of the Sachstandsbericht, written by coordinators per period."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inventory.strategy.errors import StrategyConflict, StrategyInvalid
from inventory.strategy.revisions import (
    append_revision,
    clean_text,
    diff_states,
    moment,
    resolve_handlungsfeld,
    who,
)
from inventory.strategy.tables import (
    ReportNarrative,
)
from procmodel.strategy import Period, PeriodError


def narrative_data(narrative: ReportNarrative) -> dict[str, Any]:
    return {"period_key": narrative.period_key,
            "handlungsfeld": narrative.handlungsfeld.name if narrative.handlungsfeld else None,
            "handlungsfeld_id": narrative.handlungsfeld_id, "title": narrative.title,
            "body": narrative.body}


def save_narrative(session: Session, *, period: str, handlungsfeld: Any, title: str,
                   body: str, expected_version: int | None = None, changed_by: Any = None,
                   when: datetime | None = None) -> ReportNarrative:
    """Create or change the narrative section of ``period`` and ``handlungsfeld``
    (``None``: the general part).  ``expected_version`` guards against overwriting
    someone else's newer text (``None`` only when creating)."""
    when = moment(when)
    try:
        key = Period.parse(period).key
    except PeriodError as exc:
        raise StrategyInvalid("period_key", exc.message_de) from None
    field = None if handlungsfeld in (None, "") else resolve_handlungsfeld(session, handlungsfeld)
    title_text = clean_text("title", title, required=True)
    body_text = (body or "").replace("\r\n", "\n").strip()
    if len(body_text) > 50_000:
        raise StrategyInvalid("body", "Text: höchstens 50 000 Zeichen")
    query = select(ReportNarrative).where(ReportNarrative.period_key == key)
    query = query.where(ReportNarrative.handlungsfeld_id.is_(None) if field is None
                        else ReportNarrative.handlungsfeld_id == field.id)
    narrative = session.scalar(query)
    _, by_name = who(changed_by)
    if narrative is None:
        narrative = ReportNarrative(period_key=key, handlungsfeld_id=field.id if field else None,
                                    handlungsfeld=field, title=title_text, body=body_text,
                                    updated_at=when, updated_by_name=by_name)
        session.add(narrative)
        session.flush()
        data = narrative_data(narrative)
        append_revision(session, "narrative", narrative.id, "created", data,
                        diff_states({}, data), changed_by, when, None)
        return narrative
    if expected_version is None or narrative.version != expected_version:
        raise StrategyConflict(f"Der Abschnitt „{narrative.title}“", narrative.updated_by_name,
                               narrative.updated_at)
    before = narrative_data(narrative)
    narrative.title, narrative.body = title_text, body_text
    after = narrative_data(narrative)
    diff = diff_states(before, after)
    if diff:
        narrative.updated_at, narrative.updated_by_name = when, by_name
        session.flush()
        append_revision(session, "narrative", narrative.id, "updated", after, diff,
                        changed_by, when, None)
    return narrative


def narratives_for(session: Session, period_key: str) -> list[ReportNarrative]:
    """The narrative sections of a period: the general part first, then by field."""
    rows = session.scalars(select(ReportNarrative).where(
        ReportNarrative.period_key == period_key)).unique()
    return sorted(rows, key=lambda n: (n.handlungsfeld is not None,
                                       n.handlungsfeld.position if n.handlungsfeld else 0,
                                       n.handlungsfeld.name if n.handlungsfeld else ""))
