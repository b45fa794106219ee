"""The register as of a moment, as the plain data the strategy core measures.

:func:`build_snapshot` reconstructs every service's steering fields at a moment
with :func:`inventory.history.states_at` (one batch query over the history, not one
per service) and converts them into :class:`procmodel.strategy.Snapshot`.
:func:`snapshot_source` gives a cached ``date -> Snapshot`` function where a date
means the end of that day in Berlin time.  :func:`targets_as_of` and
:func:`timeline_as_of` rebuild targets and projects from their revisions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inventory.history import states_at
from inventory.strategy.duplicates import duplicate_figures_at
from inventory.strategy.replay import HistoryReplay
from inventory.strategy.tables import StrategyRevision
from inventory.tables import (
    Handlungsfeld,
    LeikaTyp,
    ReifegradModel,
    Service,
    StatusHistory,
    service_leika,
)
from procmodel.strategy import ServiceState, Snapshot, TargetDef, parse_rule
from procmodel.strategy.periods import day_end
from procmodel.strategy.timeline import Milestone, TimelineItem


def field_names(session: Session) -> dict[int, str]:
    """Handlungsfeld id → name, in configured order."""
    rows = session.execute(select(Handlungsfeld.id, Handlungsfeld.name)
                           .order_by(Handlungsfeld.position, Handlungsfeld.name))
    return dict(rows.all())


def _leika_types(session: Session) -> dict[int, frozenset[str]]:
    rows = session.execute(select(service_leika.c.service_id, LeikaTyp.code).join(
        LeikaTyp, LeikaTyp.leika_leistung_id == service_leika.c.leika_leistung_id))
    out: dict[int, set[str]] = defaultdict(set)
    for service_id, code in rows:
        out[service_id].add(code)
    return {k: frozenset(v) for k, v in out.items()}


class _RegisterFacts:
    """What does not change between moments: names, LeiKa types, conformant levels."""

    def __init__(self, session: Session) -> None:
        self.fields = field_names(session)
        self.conformant = dict(session.execute(
            select(ReifegradModel.version, ReifegradModel.ozg_conformant_level)).all())
        self.leika = _leika_types(session)


def _snapshot(session: Session, when: datetime, facts: _RegisterFacts,
              states: dict[int, dict[str, Any]], names: dict[int, str],
              with_duplicates: bool) -> Snapshot:
    out = []
    for sid, row in sorted(states.items()):
        share = row.get("online_share")
        model = row.get("reifegrad_model") or "1.1"
        out.append(ServiceState(
            service_id=sid,
            name=names.get(sid, f"#{sid}"),
            handlungsfeld=facts.fields.get(row.get("handlungsfeld_id")),
            leika_types=facts.leika.get(sid, frozenset()),
            reifegrad=row.get("reifegrad"),
            reifegrad_model=model,
            conformant_level=facts.conformant.get(model, 3),
            status=row.get("umsetzungsstatus"),
            target_reifegrad=row.get("target_reifegrad"),
            target_date=row.get("target_date"),
            fallzahl=row.get("fallzahl"),
            online_share=None if share is None else float(share) / 100.0,
            department=row.get("department"),
        ))
    dup = duplicate_figures_at(session, when, facts.fields) if with_duplicates else None
    kwargs: dict[str, Any] = {"duplicates": dup} if dup is not None else {}
    return Snapshot(when, tuple(out), handlungsfelder=tuple(facts.fields.values()), **kwargs)


def build_snapshot(session: Session, when: datetime, *, with_duplicates: bool = True
                   ) -> Snapshot:
    """Every service's state at ``when`` (aware), plus duplicate figures known then.

    One moment: two window queries over the history (:func:`inventory.history.states_at`).
    For many moments use :func:`snapshot_source`, which replays the history in memory.
    """
    names = dict(session.execute(select(Service.id, Service.name)).all())
    return _snapshot(session, when, _RegisterFacts(session), states_at(session, when), names,
                     with_duplicates)


def snapshot_source(session: Session, *, replay: bool = True) -> Callable[[date], Snapshot]:
    """A cached function giving the snapshot as of the end of a Berlin day.

    With ``replay`` (the default) the services and their history are read once, on the
    first call (:class:`~inventory.strategy.replay.HistoryReplay`), and each day is
    rebuilt in memory; from about three days on this is faster than two window queries
    per day (:func:`inventory.history.states_at`, ``replay=False``).  Use one source
    per request or report: it does not see later writes.
    """
    cache: dict[date, Snapshot] = {}
    loaded: dict[str, Any] = {}

    def at(day: date) -> Snapshot:
        if day not in cache:
            if not loaded:
                loaded["facts"] = _RegisterFacts(session)
                if replay:
                    loaded["replay"] = HistoryReplay(session)
                else:
                    loaded["names"] = dict(session.execute(select(Service.id, Service.name)).all())
            moment = day_end(day)
            if replay:
                history: HistoryReplay = loaded["replay"]
                states, names = history.states_at(moment), history.names
            else:
                states, names = states_at(session, moment), loaded["names"]
            cache[day] = _snapshot(session, moment, loaded["facts"], states, names, True)
        return cache[day]

    return at


def _latest_revisions(session: Session, entity: str, when: datetime) -> list[StrategyRevision]:
    rows = session.scalars(select(StrategyRevision).where(
        StrategyRevision.entity == entity, StrategyRevision.changed_at <= when)
        .order_by(StrategyRevision.entity_id, StrategyRevision.number))
    latest: dict[int, StrategyRevision] = {}
    for rev in rows:
        latest[rev.entity_id] = rev
    return [r for r in latest.values() if not r.data.get("archived")]


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def targets_as_of(session: Session, when: datetime) -> list[TargetDef]:
    """The targets as they were defined at ``when`` (archived ones left out)."""
    out = []
    for rev in _latest_revisions(session, "target", when):
        data = rev.data
        out.append(TargetDef(id=rev.entity_id, name=data["name"],
                             handlungsfeld=data["handlungsfeld"],
                             rule=parse_rule(data["rule"]),
                             start=_d(data["start_date"]) or rev.changed_at.date(),
                             description=data.get("description") or "",
                             responsible=data.get("responsible") or ""))
    return sorted(out, key=lambda t: (t.handlungsfeld, t.id or 0))


def item_from_data(entity_id: int, data: dict[str, Any]) -> TimelineItem:
    """A :class:`TimelineItem` from a project's stored state."""
    return TimelineItem(
        id=entity_id, name=data["name"], handlungsfeld=data["handlungsfeld"],
        start=_d(data["start_date"]), end=_d(data["end_date"]), status=data["status"],
        responsible=data.get("responsible") or "",
        milestones=tuple(Milestone(m["name"], _d(m["due"]), _d(m.get("done_on")))
                         for m in data.get("milestones", [])),
        depends_on=tuple(data.get("depends_on", [])),
        services=tuple(s["name"] for s in data.get("services", [])),
        outlook=bool(data.get("outlook")), priority=data.get("priority"),
        finished_on=_d(data.get("finished_on")), description=data.get("description") or "")


def timeline_as_of(session: Session, when: datetime) -> list[TimelineItem]:
    """The projects as they stood at ``when`` (archived ones left out)."""
    return [item_from_data(r.entity_id, r.data)
            for r in _latest_revisions(session, "project", when)]


def project_revisions_between(session: Session, start: datetime, end: datetime
                              ) -> list[StrategyRevision]:
    """Project and target revisions with ``start <= changed_at <= end``, oldest first."""
    return list(session.scalars(select(StrategyRevision).where(
        StrategyRevision.entity.in_(("project", "target")),
        StrategyRevision.changed_at >= start, StrategyRevision.changed_at <= end)
        .order_by(StrategyRevision.changed_at, StrategyRevision.id)))


def status_changes_between(session: Session, start: datetime, end: datetime
                           ) -> list[StatusHistory]:
    """Service history rows with ``start <= changed_at <= end``, oldest first."""
    return list(session.scalars(select(StatusHistory).where(
        StatusHistory.changed_at >= start, StatusHistory.changed_at <= end)
        .order_by(StatusHistory.changed_at, StatusHistory.id)))
