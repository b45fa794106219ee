"""Measuring targets on a snapshot and assessing progress over time.

:func:`measure` computes one rule's value on one :class:`Snapshot`;
:func:`assess` compares the value as of a day with the goal, the value at an
earlier day (trend) and the straight line from the target's start to its deadline
(on track or at risk).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from procmodel.strategy.rules import Rule
from procmodel.strategy.snapshot import ServiceState, Snapshot

#: Gives the snapshot of the register as of the end of a Berlin day.
SnapshotSource = Callable[[date], Snapshot]

#: Progress states, German labels.
STATUS_LABELS = {
    "erreicht": ("erreicht", "achieved"),
    "auf_kurs": ("auf Kurs", "on track"),
    "gefaehrdet": ("gefährdet", "at risk"),
    "verfehlt": ("verfehlt", "missed"),
    "offen": ("offen", "open"),
    "keine_daten": ("keine Daten", "no data"),
}


@dataclass(frozen=True)
class TargetDef:
    """A target (Ziel) of one Handlungsfeld, as plain data."""

    id: int | None
    name: str
    handlungsfeld: str
    rule: Rule
    start: date
    description: str = ""
    responsible: str = ""


@dataclass(frozen=True)
class Measurement:
    """A measured value; for shares ``numerator``/``denominator`` say what it is made of."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    unit: str = ""

    def display(self) -> str:
        if self.value is None:
            return "–"
        text = f"{self.value:.1f}".replace(".", ",").removesuffix(",0")
        return f"{text} %" if self.unit == "%" else text


def _matches(rule: Rule, s: ServiceState) -> bool:
    if rule.leika_types is not None and not (s.leika_types & rule.leika_types):
        return False
    if rule.statuses is not None:
        inside = (s.status or "") in rule.statuses
        if inside == rule.statuses_negated:
            return False
    return not (rule.reifegrad_model and s.reifegrad_model != rule.reifegrad_model)


def _at_level(rule: Rule, s: ServiceState) -> bool:
    if s.reifegrad is None:
        return False
    level = s.conformant_level if rule.conformant else (rule.level or 0)
    return s.reifegrad >= level


def measure(rule: Rule, handlungsfeld: str | None, snapshot: Snapshot) -> Measurement:
    """The value of ``rule`` for ``handlungsfeld`` on ``snapshot``.

    ``handlungsfeld`` is the target's own field; the rule's ``handlungsfeld``
    condition overrides it ("alle": the whole register).
    """
    scope = None if rule.scope == "*" else (rule.scope or handlungsfeld)
    unit = rule.unit
    if rule.metric in ("doppelstrukturen", "medienbrueche"):
        dup = snapshot.duplicates
        if dup.analysed_at is None:
            return Measurement(None, unit=unit)
        if rule.metric == "doppelstrukturen":
            value = dup.cross_field if scope is None else dup.cross_by_field.get(scope, 0)
        else:
            value = dup.media_breaks if scope is None else dup.media_breaks_by_field.get(scope, 0)
        return Measurement(float(value), unit=unit)
    services = [s for s in snapshot.in_field(scope) if _matches(rule, s)]
    if rule.metric == "anzahl_leistungen":
        return Measurement(float(len(services)), unit=unit)
    if rule.metric == "anzahl_reifegrad":
        return Measurement(float(sum(_at_level(rule, s) for s in services)), unit=unit)
    if rule.metric == "mittel_reifegrad":
        levels = [s.reifegrad for s in services if s.reifegrad is not None]
        if not levels:
            return Measurement(None, unit=unit)
        return Measurement(sum(levels) / len(levels), sum(levels), len(levels), unit)
    if rule.metric == "online_fallzahl":
        with_cases = [s for s in services if s.fallzahl]
        total = sum(s.fallzahl or 0 for s in with_cases)
        if not total:
            return Measurement(None, 0, 0, unit)
        online = sum((s.fallzahl or 0) * (s.online_share or 0.0) for s in with_cases)
        return Measurement(100.0 * online / total, round(online), total, unit)
    if rule.metric == "anteil_reifegrad":
        hits = sum(_at_level(rule, s) for s in services)
    elif rule.metric == "anteil_status":
        hits = sum((s.status or "") in rule.metric_statuses for s in services)
    else:  # pragma: no cover - METRICS and this function are kept in step
        raise ValueError(rule.metric)
    if not services:
        return Measurement(None, 0, 0, unit)
    return Measurement(100.0 * hits / len(services), hits, len(services), unit)


def _reached(op: str, value: float, goal: float) -> bool:
    return {">=": value >= goal, "<=": value <= goal, ">": value > goal,
            "<": value < goal, "=": abs(value - goal) < 1e-9}[op]


@dataclass(frozen=True)
class Assessment:
    """Where a target stands as of ``as_of``."""

    target: TargetDef
    as_of: date
    current: Measurement
    goal: float | None  # absolute goal (relative goals resolved against the baseline)
    baseline: Measurement | None
    previous: Measurement | None
    previous_date: date | None
    expected: float | None  # where the straight line from start to goal stands today
    status: str
    trend: str | None  # "steigend", "fallend", "gleich"
    trend_good: bool | None
    series: tuple[tuple[date, float | None], ...] = field(default_factory=tuple)

    @property
    def status_de(self) -> str:
        return STATUS_LABELS[self.status][0]

    @property
    def status_en(self) -> str:
        return STATUS_LABELS[self.status][1]

    def goal_display(self) -> str:
        """The absolute goal with its unit (relative goals resolved): "6 Doppelstrukturen"."""
        if self.goal is None:
            return "–"
        return self.target.rule.value_de(self.goal)

    def current_de(self) -> str:
        """The current value with unit, and for relative goals the base value:
        "12 Doppelstrukturen (Basis 24)"."""
        text = self.target.rule.value_de(self.current.value)
        if self.baseline is not None and self.baseline.value is not None:
            base = self.baseline.display()
            text += f" (Basis {base})"
        return text

    def parts_de(self) -> str:
        """What a share is made of: "14 von 28 Leistungen", "54.708 von 200.140 Fällen"."""
        m = self.current
        if m.unit != "%" or not m.denominator:
            return ""
        noun = "Fällen" if self.target.rule.metric == "online_fallzahl" else "Leistungen"
        return (f"{int(m.numerator or 0):,} von {int(m.denominator):,} {noun}"
                .replace(",", "."))

    def previous_de(self) -> str:
        """The comparison value with unit, or "–"."""
        return self.target.rule.value_de(self.previous.value) if self.previous else "–"

    def scope_de(self) -> str:
        """Which services the value is measured on."""
        return self.target.rule.scope_de(self.target.handlungsfeld)

    @property
    def trend_symbol(self) -> str:
        return {"steigend": "↗", "fallend": "↘", "gleich": "→"}.get(self.trend or "", "")


def assess(target: TargetDef, snapshot_at: SnapshotSource, as_of: date, *,
           trend_from: date | None = None,
           series_dates: Sequence[date] = ()) -> Assessment:
    """Assess ``target`` as of the end of the Berlin day ``as_of``.

    ``trend_from`` (e.g. the start of the report period) gives the comparison value
    for the trend; ``series_dates`` the points of a progress chart.  Only
    snapshots at or before ``as_of`` are used, so the result for a past day does not
    depend on anything recorded later.
    """
    rule = target.rule
    field_ = target.handlungsfeld
    current = measure(rule, field_, snapshot_at(as_of))
    baseline = None
    goal: float | None = rule.goal
    if rule.relative and rule.baseline:
        baseline = measure(rule, field_, snapshot_at(min(rule.baseline, as_of)))
        goal = None if baseline.value is None else baseline.value * rule.goal / 100.0
    previous = None
    if trend_from is not None and trend_from < as_of:
        previous = measure(rule, field_, snapshot_at(trend_from))
    trend = trend_good = None
    if previous is not None and previous.value is not None and current.value is not None:
        delta = current.value - previous.value
        trend = "gleich" if abs(delta) < 1e-9 else ("steigend" if delta > 0 else "fallend")
        if trend != "gleich":
            trend_good = (delta < 0) if rule.decreasing else (delta > 0)
    expected = _expected(target, snapshot_at, as_of, goal)
    status = _status(rule, current, goal, expected, as_of)
    series = tuple((d, measure(rule, field_, snapshot_at(d)).value)
                   for d in series_dates if d <= as_of)
    return Assessment(target, as_of, current, goal, baseline, previous,
                      trend_from if previous is not None else None, expected, status,
                      trend, trend_good, series)


def _expected(target: TargetDef, snapshot_at: SnapshotSource, as_of: date,
              goal: float | None) -> float | None:
    rule = target.rule
    if goal is None or rule.deadline is None:
        return None
    start = rule.baseline if rule.relative and rule.baseline else target.start
    if start >= rule.deadline or as_of <= start:
        return None
    start_value = measure(rule, target.handlungsfeld, snapshot_at(start)).value
    if start_value is None:
        return None
    fraction = min(1.0, (as_of - start).days / (rule.deadline - start).days)
    return start_value + (goal - start_value) * fraction


def _status(rule: Rule, current: Measurement, goal: float | None, expected: float | None,
            as_of: date) -> str:
    if current.value is None or goal is None:
        return "keine_daten"
    if _reached(rule.op, current.value, goal):
        return "erreicht"
    if rule.deadline is not None and as_of > rule.deadline:
        return "verfehlt"
    if expected is None:
        return "offen"
    behind = current.value < expected - 1e-9 if not rule.decreasing \
        else current.value > expected + 1e-9
    return "gefaehrdet" if behind else "auf_kurs"
