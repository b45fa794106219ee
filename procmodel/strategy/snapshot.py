"""The register as of one moment, as plain data: what targets are measured on.

``inventory.strategy.build_snapshot`` fills these from the status history; tests
and the CLI on files may build them directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

#: Reifegrad counted as OZG-conformant per maturity-model version (DESIGN.md §3).
DEFAULT_CONFORMANT_LEVEL = {"1.1": 3, "2.0": 3}


@dataclass(frozen=True)
class ServiceState:
    """One service's steering fields as of the snapshot's moment.

    ``online_share`` is a fraction 0..1 of the yearly ``fallzahl`` handled online.
    ``leika_types`` holds LeiKa-Typ codes as strings ("1", "2/3", "3", "4", "5").
    """

    service_id: int
    name: str
    handlungsfeld: str | None
    leika_types: frozenset[str] = frozenset()
    reifegrad: int | None = None
    reifegrad_model: str = "1.1"
    conformant_level: int = 3
    status: str | None = None
    target_reifegrad: int | None = None
    target_date: date | None = None
    fallzahl: int | None = None
    online_share: float | None = None
    department: str | None = None

    @property
    def conformant(self) -> bool:
        return self.reifegrad is not None and self.reifegrad >= self.conformant_level

    def overdue(self, today: date) -> bool:
        """Target date passed and target Reifegrad not reached."""
        return (self.target_date is not None and self.target_date < today
                and self.target_reifegrad is not None
                and (self.reifegrad or 0) < self.target_reifegrad)


@dataclass(frozen=True)
class DuplicateFigures:
    """Duplicate-analysis figures known as of the snapshot's moment.

    ``cross_field`` counts Doppelstrukturen spanning more than one Handlungsfeld;
    ``by_field`` counts, per Handlungsfeld, the Doppelstrukturen touching it.
    ``structure_keys``/``media_break_keys`` identify each structure and media break,
    so two moments can be compared (found, resolved).  ``analysed_at`` is the
    time of the analysis run they come from (``None`` when none ran).
    """

    total: int = 0
    cross_field: int = 0
    media_breaks: int = 0
    by_field: dict[str, int] = field(default_factory=dict)
    cross_by_field: dict[str, int] = field(default_factory=dict)
    media_breaks_by_field: dict[str, int] = field(default_factory=dict)
    analysed_at: datetime | None = None
    structure_keys: frozenset[str] = frozenset()
    media_break_keys: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Snapshot:
    """Every service's state, plus duplicate figures, as of ``as_of``."""

    as_of: datetime
    services: tuple[ServiceState, ...]
    duplicates: DuplicateFigures = field(default_factory=DuplicateFigures)
    handlungsfelder: tuple[str, ...] = ()

    def in_field(self, handlungsfeld: str | None) -> tuple[ServiceState, ...]:
        """Services whose primary Handlungsfeld is ``handlungsfeld`` (all for ``None``)."""
        if handlungsfeld is None:
            return self.services
        return tuple(s for s in self.services if s.handlungsfeld == handlungsfeld)

    def fields(self) -> tuple[str, ...]:
        """The Handlungsfelder known to the snapshot, in their configured order."""
        seen = list(self.handlungsfelder)
        for s in self.services:
            if s.handlungsfeld and s.handlungsfeld not in seen:
                seen.append(s.handlungsfeld)
        return tuple(seen)


def reifegrad_distribution(services: Iterable[ServiceState]) -> dict[int | None, int]:
    """How many services stand at each Reifegrad (``None``: not assessed)."""
    counts: dict[int | None, int] = {}
    for s in services:
        counts[s.reifegrad] = counts.get(s.reifegrad, 0) + 1
    return counts


def status_distribution(services: Iterable[ServiceState]) -> dict[str, int]:
    """How many services stand at each Umsetzungsstatus ("ohne Status" for none)."""
    counts: dict[str, int] = {}
    for s in services:
        key = s.status or "ohne Status"
        counts[key] = counts.get(key, 0) + 1
    return counts
