"""The timeline (Zeitplan): projects and measures with milestones, as a Gantt model.

:func:`build_gantt` turns :class:`TimelineItem` objects into a :class:`GanttModel`
with what a reader needs to see: rows grouped by Handlungsfeld, overdue items and
milestones, items of the same responsible unit that overlap in time, dependencies
that start before what they depend on ends, the outlook (planned projects) and the
today line.  :mod:`procmodel.strategy.gantt_svg` draws it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

#: Project statuses: key → (German, English).
STATUSES = {
    "geplant": ("geplant", "planned"),
    "in_arbeit": ("in Arbeit", "in progress"),
    "abgeschlossen": ("abgeschlossen", "finished"),
    "zurueckgestellt": ("zurückgestellt", "on hold"),
    "abgebrochen": ("abgebrochen", "cancelled"),
}
CLOSED = {"abgeschlossen", "abgebrochen"}


@dataclass(frozen=True)
class Milestone:
    """A milestone; ``done_on`` is the day it was reached (``None``: not yet)."""

    name: str
    due: date
    done_on: date | None = None

    def overdue(self, today: date) -> bool:
        return self.done_on is None and self.due < today

    @property
    def late(self) -> bool:
        """Reached, but after its due day."""
        return self.done_on is not None and self.done_on > self.due


@dataclass(frozen=True)
class TimelineItem:
    """A project or measure of one Handlungsfeld."""

    id: int
    name: str
    handlungsfeld: str
    start: date
    end: date
    status: str = "geplant"
    responsible: str = ""
    milestones: tuple[Milestone, ...] = ()
    depends_on: tuple[int, ...] = ()
    services: tuple[str, ...] = ()
    outlook: bool = False
    priority: int | None = None
    finished_on: date | None = None
    description: str = ""

    @property
    def finished(self) -> bool:
        return self.status == "abgeschlossen"

    @property
    def status_de(self) -> str:
        return STATUSES.get(self.status, (self.status, self.status))[0]

    def overdue(self, today: date) -> bool:
        """Planned end passed without being finished (cancelled items are never overdue)."""
        return self.status not in CLOSED and self.end < today


@dataclass(frozen=True)
class GanttRow:
    item: TimelineItem
    overdue: bool
    overdue_milestones: tuple[Milestone, ...]
    overlaps_with: tuple[int, ...]  # ids of items of the same unit overlapping in time
    blocked_by: tuple[int, ...]  # dependencies ending after this item starts


@dataclass(frozen=True)
class GanttGroup:
    handlungsfeld: str
    rows: tuple[GanttRow, ...]


@dataclass(frozen=True)
class GanttModel:
    start: date
    end: date
    today: date
    groups: tuple[GanttGroup, ...]
    overlaps: tuple[tuple[int, int], ...] = field(default_factory=tuple)

    @property
    def rows(self) -> tuple[GanttRow, ...]:
        return tuple(r for g in self.groups for r in g.rows)

    def months(self) -> list[date]:
        """First days of the months inside the window (for ticks)."""
        out = []
        day = date(self.start.year, self.start.month, 1)
        if day < self.start:
            day = _next_month(day)
        while day <= self.end:
            out.append(day)
            day = _next_month(day)
        return out


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def overlapping_pairs(items: Sequence[TimelineItem]) -> list[tuple[int, int]]:
    """Pairs of item ids with the same responsible unit whose date ranges overlap."""
    pairs = []
    active = [i for i in items if i.status != "abgebrochen" and i.responsible]
    ordered = sorted(active, key=lambda i: (i.responsible, i.start, i.id))
    for n, a in enumerate(ordered):
        for b in ordered[n + 1:]:
            if b.responsible != a.responsible:
                break
            if b.start <= a.end:
                pairs.append((min(a.id, b.id), max(a.id, b.id)))
    return sorted(pairs)


def build_gantt(items: Iterable[TimelineItem], today: date, *,
                window: tuple[date, date] | None = None,
                field_order: Sequence[str] = ()) -> GanttModel:
    """The Gantt model of ``items`` as seen on ``today``.

    The window defaults to the items' range widened to whole months and to include
    ``today``.  Groups follow ``field_order``, then any other Handlungsfeld by name.
    """
    items = list(items)
    if window is None:
        if items:
            lo = min(min(i.start for i in items), today)
            hi = max(max(i.end for i in items), today)
        else:
            lo = hi = today
        lo = date(lo.year, lo.month, 1)
        hi = _next_month(date(hi.year, hi.month, 1)) - timedelta(days=1)
        window = (lo, hi)
    by_id = {i.id: i for i in items}
    pairs = overlapping_pairs(items)
    partners: dict[int, list[int]] = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    order = list(field_order) + sorted({i.handlungsfeld for i in items} - set(field_order))
    groups = []
    for name in order:
        members = sorted((i for i in items if i.handlungsfeld == name),
                         key=lambda i: (i.outlook, i.start, i.end, i.id))
        if not members:
            continue
        rows = tuple(
            GanttRow(
                item=i,
                overdue=i.overdue(today),
                overdue_milestones=tuple(m for m in i.milestones if m.overdue(today)),
                overlaps_with=tuple(sorted(partners.get(i.id, ()))),
                blocked_by=tuple(d for d in i.depends_on
                                 if d in by_id and by_id[d].end >= i.start
                                 and by_id[d].status != "abgeschlossen"),
            )
            for i in members
        )
        groups.append(GanttGroup(name, rows))
    return GanttModel(window[0], window[1], today, tuple(groups), tuple(pairs))
