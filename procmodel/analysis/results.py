"""What a register-wide analysis takes and gives: plain, JSON-able dataclasses."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from procmodel.model import Definitions


@dataclass(frozen=True)
class ModelEntry:
    """One model of the register with its context.

    ``fallzahl`` is the yearly number of cases, ``bearbeitungszeit`` the processing
    time of one case in minutes; both ``None`` when unknown. ``model_id`` tells
    models of the same service apart (a file name, a model version id).
    """

    model: Definitions
    service_id: str
    service_name: str
    handlungsfeld: str | None = None
    department: str | None = None
    fallzahl: int | None = None
    bearbeitungszeit: float | None = None
    model_id: str | None = None


@dataclass(frozen=True)
class StepRef:
    """Where a step is: service, process, step id, label, Handlungsfeld, department."""

    service_id: str
    service_name: str
    model_id: str | None
    process_id: str
    step_id: str
    label: str
    handlungsfeld: str | None
    department: str | None
    lane: str | None = None

    @property
    def key(self) -> str:
        """Stable identity of the step across runs: ``service#step``."""
        return step_key(self.service_id, self.step_id)


def step_key(service_id: str, step_id: str) -> str:
    return f"{service_id}#{step_id}"


@dataclass(frozen=True)
class Decision:
    """An analyst's verdict on a suggested pair of steps (keys as :attr:`StepRef.key`)."""

    a: str
    b: str
    verdict: str  # "confirmed" or "rejected"

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


@dataclass
class Explanation:
    """Why members were grouped: shared action and objects, synonyms, context."""

    action: str | None
    objects: list[str]
    synonyms: list[str]
    context: list[str]

    def text(self) -> str:
        parts = []
        if self.action:
            parts.append(f"gemeinsame Handlung: {self.action}")
        if self.objects:
            parts.append("gemeinsames Objekt: " + ", ".join(self.objects))
        if self.synonyms:
            parts.append("Synonyme: " + "; ".join(self.synonyms))
        parts.extend(self.context)
        return "; ".join(parts)


@dataclass
class DuplicateCluster:
    """Steps in several services that do the same work."""

    id: str
    canonical_name: str
    members: list[StepRef]
    explanation: Explanation
    services: int
    handlungsfelder: list[str]
    departments: list[str]
    score: float
    doppelstruktur: bool = False


@dataclass
class FragmentOccurrence:
    step_ids: list[str]
    labels: list[str]
    service_id: str
    service_name: str
    model_id: str | None
    handlungsfeld: str | None
    department: str | None
    minutes_per_year: float | None


@dataclass
class Fragment:
    """A chain of two or more steps that recurs in several processes: a reuse candidate.

    ``minutes_per_year`` adds, over the occurrences whose Fallzahl and
    Bearbeitungszeit are known, the share of the processing time that the
    fragment's steps take (steps of the fragment / steps of the process ×
    Fallzahl × Bearbeitungszeit): the time a shared solution would touch.
    """

    id: str
    steps: list[str]
    occurrences: list[FragmentOccurrence]
    services: int
    handlungsfelder: list[str]
    departments: list[str]
    minutes_per_year: float | None
    explanation: str
    doppelstruktur: bool = False


@dataclass
class Doppelstruktur:
    """A cluster or fragment that spans several Handlungsfelder or departments."""

    kind: str  # "cluster" or "fragment"
    ref: str
    name: str
    handlungsfelder: list[str]
    departments: list[str]
    services: list[str]
    reason: str


@dataclass
class BasisdienstFinding:
    """One Basisdienst: which services use the shared component, which build it themselves."""

    component: str
    name: str
    shared_examples: list[str]
    using: list[StepRef]
    self_built: list[StepRef]
    reason: str


@dataclass
class MediaBreak:
    step: StepRef
    kind: str  # print, scan, sign, post, fax, retype
    evidence: str


@dataclass
class AnalysisResult:
    """Everything :func:`procmodel.analysis.analyse` finds."""

    clusters: list[DuplicateCluster] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    doppelstrukturen: list[Doppelstruktur] = field(default_factory=list)
    basisdienste: list[BasisdienstFinding] = field(default_factory=list)
    media_breaks: list[MediaBreak] = field(default_factory=list)
    media_breaks_by_service: dict[str, dict[str, int]] = field(default_factory=dict)
    media_breaks_by_handlungsfeld: dict[str, dict[str, int]] = field(default_factory=dict)
    suppressed_pairs: list[list[str]] = field(default_factory=list)
    statistics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for cluster, raw in zip(self.clusters, data["clusters"], strict=True):
            raw["explanation"]["text"] = cluster.explanation.text()
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
