"""Assembling the Sachstandsbericht: every figure of the report, computed in one place.

:func:`assemble_report` asks a :class:`ReportSource` (the register, or any other
provider of the same plain data) for the state as of the end of the period and
returns a :class:`Report` that the HTML, PDF and DOCX writers only lay out.  Figures
come from the history as of the period's last day (Berlin time), so the report for a
past period gives the same figures whenever it is generated.  Narrative sections are
the texts the coordinators wrote for the period (their edits are kept as revisions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from procmodel.reporting import charts
from procmodel.reporting.narrative import Narrative
from procmodel.strategy import (
    Assessment,
    DuplicateFigures,
    Measurement,
    Period,
    Snapshot,
    StrategyError,
    TargetDef,
    assess,
    measure,
    parse_rule,
)
from procmodel.strategy.gantt_svg import render_gantt_svg
from procmodel.strategy.periods import day_end, format_date_de, local_day
from procmodel.strategy.snapshot import reifegrad_distribution, status_distribution
from procmodel.strategy.timeline import Milestone, TimelineItem, build_gantt

#: Service fields whose changes the report lists one by one (the status of the work);
#: changes of other fields (Fallzahl, online share, …) are counted only.
LISTED_CHANGE_KEYS = frozenset({"reifegrad", "reifegrad_model", "umsetzungsstatus",
                                "target_reifegrad", "target_date", "handlungsfeld_id"})
#: At most this many listed changes per Handlungsfeld (the newest); the rest are counted.
MAX_LISTED_CHANGES = 80


class PeriodNotStarted(StrategyError):
    """The report period lies entirely in the future."""


_CONFORMANT = parse_rule("anteil(reifegrad >= konform) ziel >= 100 %")
_ONLINE = parse_rule("online_fallzahl ziel >= 100 %")


@dataclass(frozen=True)
class ChangeRecord:
    """One change in the period: a service's steering field or a project's field."""

    when: datetime
    handlungsfeld: str | None
    subject: str
    field: str
    old: str
    new: str
    by: str = ""
    comment: str = ""
    key: str = ""  # the field's technical name, e.g. "reifegrad" ("" when not known)

    @property
    def day(self) -> str:
        return format_date_de(local_day(self.when))


class ReportSource(Protocol):
    """What the report needs from the register (all as plain data)."""

    organisation: str

    def snapshot_at(self, day: date) -> Snapshot: ...

    def targets_at(self, moment: datetime) -> Sequence[TargetDef]: ...

    def timeline_at(self, moment: datetime) -> Sequence[TimelineItem]: ...

    def service_changes(self, start: datetime, end: datetime) -> Sequence[ChangeRecord]: ...

    def timeline_changes(self, start: datetime, end: datetime) -> Sequence[ChangeRecord]: ...

    def narratives(self, period: Period) -> Sequence[Narrative]: ...


@dataclass(frozen=True)
class FieldFigures:
    """Inventory figures of one Handlungsfeld (or of all, ``name`` "Gesamt")."""

    name: str
    services: int
    services_start: int
    by_reifegrad: dict[int | None, int]
    by_status: dict[str, int]
    conformant: Measurement
    conformant_start: Measurement
    online: Measurement
    online_start: Measurement
    overdue_services: tuple[str, ...]


@dataclass(frozen=True)
class FieldDuplicates:
    cross_start: int | None
    cross_end: int | None
    media_start: int | None
    media_end: int | None
    touching: int | None


@dataclass(frozen=True)
class DuplicateChanges:
    """Doppelstrukturen and media breaks found and resolved between two analysis runs."""

    structures_found: int
    structures_resolved: int
    media_found: int
    media_resolved: int


def duplicate_changes(start: DuplicateFigures, end: DuplicateFigures
                      ) -> DuplicateChanges | None:
    """What changed between the runs known at ``start`` and at ``end`` (both needed)."""
    if start.analysed_at is None or end.analysed_at is None:
        return None
    return DuplicateChanges(
        structures_found=len(end.structure_keys - start.structure_keys),
        structures_resolved=len(start.structure_keys - end.structure_keys),
        media_found=len(end.media_break_keys - start.media_break_keys),
        media_resolved=len(start.media_break_keys - end.media_break_keys))


@dataclass(frozen=True)
class MilestoneEntry:
    project: str
    milestone: Milestone

    @property
    def due(self) -> str:
        return format_date_de(self.milestone.due)

    @property
    def done(self) -> str:
        return format_date_de(self.milestone.done_on)


@dataclass(frozen=True)
class FieldSection:
    name: str
    figures: FieldFigures
    targets: tuple[Assessment, ...]
    service_changes: tuple[ChangeRecord, ...]  # status changes, newest MAX_LISTED_CHANGES
    service_change_counts: dict[str, int]  # every change in the period, by field label
    service_changes_omitted: int  # listed-kind changes left out for length
    timeline_changes: tuple[ChangeRecord, ...]
    finished_projects: tuple[TimelineItem, ...]
    running_projects: tuple[TimelineItem, ...]
    overdue_projects: tuple[TimelineItem, ...]
    finished_milestones: tuple[MilestoneEntry, ...]
    late_milestones: tuple[MilestoneEntry, ...]
    outlook: tuple[TimelineItem, ...]
    duplicates: FieldDuplicates
    narrative: Narrative | None
    reifegrad_chart: str
    target_charts: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return "hf-" + "".join(c if c.isalnum() else "-" for c in self.name.lower())


@dataclass(frozen=True)
class Report:
    """The whole Sachstandsbericht of one period, ready to be laid out."""

    period: Period
    organisation: str
    title: str
    as_of: date  # the day whose end the figures describe (period end, or today if earlier)
    generated_at: datetime
    complete: bool  # False while the period is still running
    total: FieldFigures
    sections: tuple[FieldSection, ...]
    general: Narrative | None
    duplicates_start: DuplicateFigures
    duplicates_end: DuplicateFigures
    overview_chart: str
    gantt_svg: str
    all_targets: tuple[Assessment, ...] = field(default_factory=tuple)
    duplicate_changes: DuplicateChanges | None = None

    @property
    def as_of_de(self) -> str:
        return format_date_de(self.as_of)

    @property
    def period_de(self) -> str:
        return (f"{self.period.title_de} ({format_date_de(self.period.start)} – "
                f"{format_date_de(self.period.end)})")

    def figures(self) -> dict:
        """The report without its generation time: what must not change when a past
        period's report is generated again."""
        return asdict(replace(self, generated_at=datetime.min))


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _series_dates(as_of: date) -> list[date]:
    """Month ends every two months over the year before ``as_of``, plus ``as_of``."""
    ends = {_add_months(as_of, -k) - timedelta(days=1) for k in range(0, 13, 2)}
    return sorted(ends | {as_of})


def _figures(name: str, scope: str | None, start: Snapshot, end: Snapshot,
             as_of: date) -> FieldFigures:
    now = end.in_field(scope)
    return FieldFigures(
        name=name,
        services=len(now),
        services_start=len(start.in_field(scope)),
        by_reifegrad=reifegrad_distribution(now),
        by_status=status_distribution(now),
        conformant=measure(_CONFORMANT, scope, end),
        conformant_start=measure(_CONFORMANT, scope, start),
        online=measure(_ONLINE, scope, end),
        online_start=measure(_ONLINE, scope, start),
        overdue_services=tuple(sorted(s.name for s in now if s.overdue(as_of))),
    )


def _reifegrad_chart(fig: FieldFigures) -> str:
    levels = sorted(k for k in fig.by_reifegrad if k is not None)
    top = max([4, *levels])
    labels = [str(level) for level in range(top + 1)]
    values = [float(fig.by_reifegrad.get(level, 0)) for level in range(top + 1)]
    if fig.by_reifegrad.get(None):
        labels.append("ohne")
        values.append(float(fig.by_reifegrad[None]))
    return charts.bar_chart(labels, values,
                            title=f"{fig.name}: Leistungen nach Reifegrad ({fig.services})")


def _in_period(day: date | None, period: Period, as_of: date) -> bool:
    return day is not None and period.start <= day <= as_of


def _change_summary(changes: list[ChangeRecord]) -> dict:
    counts: dict[str, int] = {}
    for c in changes:
        counts[c.field] = counts.get(c.field, 0) + 1
    listed = [c for c in changes if not c.key or c.key in LISTED_CHANGE_KEYS]
    kept = listed[-MAX_LISTED_CHANGES:]
    return {"service_changes": tuple(kept), "service_change_counts": counts,
            "service_changes_omitted": len(listed) - len(kept)}


def assemble_report(source: ReportSource, period: Period, *, today: date,
                    generated_at: datetime, title: str = "Sachstandsbericht Digitalstrategie"
                    ) -> Report:
    """Compute the report of ``period`` as known at the end of ``period.end`` (or of
    ``today`` while the period is still running)."""
    if period.start > today:
        raise PeriodNotStarted(
            f"Der Zeitraum {period.key} beginnt erst am {format_date_de(period.start)}; "
            "ein Bericht ist ab dem ersten Tag möglich.",
            f"Period {period.key} starts on {period.start.isoformat()}; there is nothing to "
            "report yet.")
    as_of = min(period.end, today)
    start_day = period.start - timedelta(days=1)
    end_moment = day_end(as_of)
    start_snap = source.snapshot_at(start_day)
    end_snap = source.snapshot_at(as_of)
    targets = list(source.targets_at(end_moment))
    timeline = list(source.timeline_at(end_moment))
    service_changes = list(source.service_changes(period.start_instant, end_moment))
    timeline_changes = list(source.timeline_changes(period.start_instant, end_moment))
    narratives = list(source.narratives(period))
    field_names = list(end_snap.fields())
    for item in [*targets, *timeline]:
        if item.handlungsfeld not in field_names:
            field_names.append(item.handlungsfeld)

    series_dates = _series_dates(as_of)
    assessments = {t.id: assess(t, source.snapshot_at, as_of, trend_from=start_day,
                                series_dates=series_dates) for t in targets}
    sections = []
    for name in field_names:
        fig = _figures(name, name, start_snap, end_snap, as_of)
        items = [i for i in timeline if i.handlungsfeld == name]
        field_targets = tuple(assessments[t.id] for t in targets if t.handlungsfeld == name)
        finished_ms, late_ms = [], []
        for item in items:
            for m in item.milestones:
                if _in_period(m.done_on, period, as_of):
                    finished_ms.append(MilestoneEntry(item.name, m))
                if (m.done_on is None and m.due < as_of) or (
                        _in_period(m.done_on, period, as_of) and m.late):
                    late_ms.append(MilestoneEntry(item.name, m))
        dup_start, dup_end = start_snap.duplicates, end_snap.duplicates
        sections.append(FieldSection(
            name=name,
            figures=fig,
            targets=field_targets,
            **_change_summary([c for c in service_changes if c.handlungsfeld == name]),
            timeline_changes=tuple(c for c in timeline_changes if c.handlungsfeld == name),
            finished_projects=tuple(i for i in items if i.finished
                                    and _in_period(i.finished_on, period, as_of)),
            running_projects=tuple(i for i in items if i.status == "in_arbeit"),
            overdue_projects=tuple(i for i in items if i.overdue(as_of)),
            finished_milestones=tuple(sorted(finished_ms, key=lambda e: e.milestone.due)),
            late_milestones=tuple(sorted(late_ms, key=lambda e: e.milestone.due)),
            outlook=tuple(sorted((i for i in items if i.outlook or
                                  (i.start > as_of and i.status == "geplant")),
                                 key=lambda i: (i.priority or 9, i.start))),
            duplicates=FieldDuplicates(
                cross_start=dup_start.cross_by_field.get(name, 0)
                if dup_start.analysed_at else None,
                cross_end=dup_end.cross_by_field.get(name, 0) if dup_end.analysed_at else None,
                media_start=dup_start.media_breaks_by_field.get(name, 0)
                if dup_start.analysed_at else None,
                media_end=dup_end.media_breaks_by_field.get(name, 0)
                if dup_end.analysed_at else None,
                touching=dup_end.by_field.get(name, 0) if dup_end.analysed_at else None),
            narrative=next((n for n in narratives if n.handlungsfeld == name), None),
            reifegrad_chart=_reifegrad_chart(fig),
            target_charts=tuple(
                charts.progress_chart(a.series, goal=a.goal, title=a.target.name,
                                      unit=a.current.unit, deadline=a.target.rule.deadline)
                for a in field_targets),
        ))
    total = _figures("Gesamt", None, start_snap, end_snap, as_of)
    overview = charts.paired_share_chart(
        [s.name for s in sections],
        [s.figures.conformant_start.value for s in sections],
        [s.figures.conformant.value for s in sections],
        title="Anteil OZG-konformer Leistungen (Reifegrad ≥ 3) je Handlungsfeld",
        before_label=f"Stand {format_date_de(start_day)}",
        after_label=f"Stand {format_date_de(as_of)}")
    window_start = _add_months(period.start, -6)
    window_end = _add_months(period.end, 13) - timedelta(days=1)
    in_window = [i for i in timeline if i.end >= window_start and i.start <= window_end]
    gantt = render_gantt_svg(
        build_gantt(in_window, as_of, window=(window_start, window_end),
                    field_order=field_names),
        title=f"Zeitplan, Stand {format_date_de(as_of)}")
    return Report(
        period=period,
        organisation=source.organisation,
        title=title,
        as_of=as_of,
        generated_at=generated_at,
        complete=today > period.end,
        total=total,
        sections=tuple(sections),
        general=next((n for n in narratives if n.handlungsfeld is None), None),
        duplicates_start=start_snap.duplicates,
        duplicates_end=end_snap.duplicates,
        overview_chart=overview,
        gantt_svg=gantt,
        all_targets=tuple(a for s in sections for a in s.targets),
        duplicate_changes=duplicate_changes(start_snap.duplicates, end_snap.duplicates),
    )
