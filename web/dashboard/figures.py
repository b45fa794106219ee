"""The dashboard's figures: counts per Handlungsfeld by Reifegrad and by status, the
share at the OZG-conformant Reifegrad, overdue targets and recent changes.

Overdue targets are counted with the register's own filter conditions
(:func:`inventory.listing.conditions` of ``ServiceFilter(overdue=True)``), so the
dashboard and the service list always agree.  The counts by Reifegrad and status are one
grouped query.

Computing the figures reads the whole service table and a year of history (about 0.15 s
for 10,000 services and 100,000 history rows on SQLite), while they change only when a
service or the lists change.  :class:`DashboardCache` therefore keeps the last figures per
process together with a *change key* — the newest history row, the newest service update,
the number of services, the Handlungsfelder, the Reifegrad thresholds and today's date —
which costs a few milliseconds to read; any change to one of them recomputes the figures.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inventory import listing, lists
from inventory.tables.services import Service, StatusHistory
from procmodel.strategy.periods import BERLIN
from procmodel.strategy.periods import today as berlin_today

#: History fields that count as a status change on the dashboard.
STATUS_CHANGE_FIELDS = ("reifegrad", "umsetzungsstatus")


@dataclass
class FieldFigures:
    """The figures of one Handlungsfeld (or of all of them: ``id`` ``None``)."""

    id: int | None
    name: str
    total: int = 0
    by_reifegrad: Counter = field(default_factory=Counter)
    #: (Reifegradmodell, level) → services: a 4 in model 1.1 is not a 4 in model 2.0.
    by_model_level: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    conformant: int = 0
    overdue: int = 0

    @property
    def conformant_share(self) -> float | None:
        return None if not self.total else 100.0 * self.conformant / self.total


class OverdueService(NamedTuple):
    id: int
    name: str
    reifegrad: int | None
    target_reifegrad: int | None
    target_date: date | None


class RecentChange(NamedTuple):
    service_id: int
    service_name: str
    field: str
    old_value: str | None
    new_value: str | None
    changed_at: datetime
    changed_by_name: str | None


@dataclass
class Dashboard:
    fields: list[FieldFigures]
    overall: FieldFigures
    levels: list[int]
    stages: list[str]
    changes_by_month: list[tuple[str, int]]
    overdue_services: list[OverdueService]
    recent_changes: list[RecentChange]
    conformant_levels: dict[str, int]
    #: The Reifegrad models services use, each with its level names (level → name).
    models_in_use: list[tuple[str, dict[int, str]]] = field(default_factory=list)


def _conformant(levels: dict[str, int], model: str | None, level: int | None) -> bool:
    threshold = levels.get(model or "")
    return level is not None and threshold is not None and level >= threshold


def _changes_per_month(session: Session, keys: list[str]) -> dict[str, int]:
    """Status changes per Berlin calendar month (``YYYY-MM``) from the first of ``keys``.

    PostgreSQL converts to Berlin time in the query; SQLite has no time zones, so the
    timestamps (one narrow column of one year) are grouped here — a change at 23:30 UTC
    on 30 November belongs to December in Berlin.
    """
    start = datetime(int(keys[0][:4]), int(keys[0][5:]), 1, tzinfo=BERLIN).astimezone(UTC)
    column = StatusHistory.changed_at
    where = (column >= start, StatusHistory.field.in_(STATUS_CHANGE_FIELDS),
             StatusHistory.old_value.is_not(None))
    if session.get_bind().dialect.name == "postgresql":
        month = func.to_char(func.timezone("Europe/Berlin", column), "YYYY-MM")
        return {k: int(v) for k, v in session.execute(
            select(month, func.count()).where(*where).group_by(month)).all()}
    counts: Counter = Counter()
    for (when,) in session.execute(select(column).where(*where)):
        local = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(BERLIN)
        counts[f"{local.year:04d}-{local.month:02d}"] += 1
    return dict(counts)


def months_back(today: date, count: int) -> list[str]:
    """The ``count`` months up to and including ``today``'s, oldest first, as YYYY-MM."""
    year, month = today.year, today.month
    keys = []
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(keys))


def build(session: Session, today: date | None = None, months: int = 12) -> Dashboard:
    today = today or berlin_today()
    models = lists.reifegrad_models(session)
    conformant_levels = {m.version: m.ozg_conformant_level for m in models}
    default_model = next((m.version for m in models if m.is_default),
                         models[0].version if models else "")
    handlungsfelder = lists.handlungsfelder(session)
    by_id = {h.id: FieldFigures(h.id, h.name) for h in handlungsfelder}
    overall = FieldFigures(None, "")

    rows = session.execute(
        select(Service.handlungsfeld_id, Service.reifegrad_model, Service.reifegrad,
               Service.umsetzungsstatus, func.count())
        .group_by(Service.handlungsfeld_id, Service.reifegrad_model, Service.reifegrad,
                  Service.umsetzungsstatus)
    ).all()
    for hf_id, model, level, status, count in rows:
        target = by_id.get(hf_id)
        if target is None:  # an inactive Handlungsfeld still has services
            target = by_id.setdefault(hf_id, FieldFigures(hf_id, f"#{hf_id}"))
        for figures in (target, overall):
            figures.total += count
            figures.by_reifegrad[level] += count
            figures.by_model_level[(model or default_model, level)] += count
            figures.by_status[status] += count
            if _conformant(conformant_levels, model, level):
                figures.conformant += count

    overdue_query = select(Service.handlungsfeld_id, func.count()).group_by(
        Service.handlungsfeld_id)
    for condition in listing.conditions(listing.ServiceFilter(overdue=True, today=today)):
        overdue_query = overdue_query.where(condition)
    for hf_id, count in session.execute(overdue_query).all():
        if hf_id in by_id:
            by_id[hf_id].overdue = count
        overall.overdue += count

    overdue_page = listing.list_services(session, listing.ServiceFilter(overdue=True,
                                                                        today=today),
                                         sort="target_date", page=1, per_page=10)

    keys = months_back(today, months)
    counted = _changes_per_month(session, keys)
    changes = [(key, int(counted.get(key, 0))) for key in keys]

    recent = session.execute(
        select(StatusHistory.service_id, Service.name, StatusHistory.field,
               StatusHistory.old_value, StatusHistory.new_value, StatusHistory.changed_at,
               StatusHistory.changed_by_name)
        .join(Service, Service.id == StatusHistory.service_id)
        .where(StatusHistory.field.in_(STATUS_CHANGE_FIELDS),
               StatusHistory.old_value.is_not(None))
        .order_by(StatusHistory.changed_at.desc(), StatusHistory.id.desc()).limit(10)
    ).all()

    levels = sorted({lvl for m in models for lvl in range(m.min_level, m.max_level + 1)})
    stage_names = [s.name for s in lists.stages(session)]
    ordered = [by_id[h.id] for h in handlungsfelder] + [
        f for key, f in by_id.items() if key not in {h.id for h in handlungsfelder}]
    return Dashboard(fields=ordered, overall=overall, levels=levels, stages=stage_names,
                     changes_by_month=changes,
                     overdue_services=[OverdueService(s.id, s.name, s.reifegrad,
                                                      s.target_reifegrad, s.target_date)
                                       for s in overdue_page.items],
                     recent_changes=[RecentChange(*row) for row in recent],
                     conformant_levels=conformant_levels,
                     models_in_use=[
                         (m.version, {int(k): v for k, v in (m.levels or {}).items()})
                         for m in models
                         if any(key[0] == m.version for key in overall.by_model_level)])


def change_key(session: Session, today: date) -> tuple[Any, ...]:
    """What the figures depend on, cheaply read (see the module docstring)."""
    newest_history = session.scalar(select(func.max(StatusHistory.id)))
    newest_update, services = session.execute(
        select(func.max(Service.updated_at), func.count(Service.id))).one()
    fields = tuple((h.id, h.name, h.position) for h in lists.handlungsfelder(session))
    thresholds = tuple((m.version, m.ozg_conformant_level)
                       for m in lists.reifegrad_models(session))
    stages = tuple(s.name for s in lists.stages(session))
    return (today, newest_history, newest_update, services, fields, thresholds, stages)


class DashboardCache:
    """The last figures of this process with their change key."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._value: Dashboard | None = None

    def get(self, session: Session, today: date | None = None) -> Dashboard:
        today = today or berlin_today()
        key = change_key(session, today)
        with self._lock:
            if key == self._key and self._value is not None:
                return self._value
        value = build(session, today)
        with self._lock:
            self._key, self._value = key, value
        return value


def group_counts(counter: Counter, keys: list) -> list[tuple[object, int]]:
    """``counter`` in the order of ``keys``, then ``None`` (not set) last."""
    out = [(key, counter.get(key, 0)) for key in keys]
    extra = [(k, v) for k, v in counter.items() if k not in keys and k is not None]
    out.extend(sorted(extra, key=lambda kv: str(kv[0])))
    if counter.get(None):
        out.append((None, counter[None]))
    return out
