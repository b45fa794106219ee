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

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "service_id": self.service_id,
                "service_name": self.service_name, "model_id": self.model_id,
                "process_id": self.process_id, "step_id": self.step_id, "label": self.label,
                "handlungsfeld": self.handlungsfeld, "department": self.department,
                "lane": self.lane}


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
    """Why members were grouped: shared action and objects, word variants, context.

    All words are quoted as the labels write them. ``synonyms`` are the variants in
    German display form ("prüfen ≈ Prüfung (Substantivierung)"); ``relations`` the
    same as data (``a``, ``b``, ``kind`` as in
    :data:`procmodel.analysis.similarity.RELATION_NAMES`), from which the English
    text is made; ``context_en`` is ``context`` in English.
    """

    action: str | None
    objects: list[str]
    synonyms: list[str]
    context: list[str]
    relations: list[dict[str, str]] = field(default_factory=list)
    context_en: list[str] = field(default_factory=list)

    def text(self, language: str = "de") -> str:
        """The explanation as one line, German (``language="de"``) or English."""
        from procmodel.analysis.similarity import relation_text

        de = language == "de"
        parts = []
        if self.action:
            parts.append(("gemeinsame Handlung: " if de else "shared action: ") + self.action)
        if self.objects:
            parts.append(("gemeinsames Objekt: " if de else "shared object: ")
                         + ", ".join(self.objects))
        if self.relations:
            parts.append(("Wortvarianten: " if de else "word variants: ") + "; ".join(
                relation_text(r["a"], r["b"], r["kind"], language) for r in self.relations))
        elif self.synonyms:
            parts.append(("Wortvarianten: " if de else "word variants: ")
                         + "; ".join(self.synonyms))
        parts.extend(self.context if de or not self.context_en else self.context_en)
        return "; ".join(parts)

    def text_en(self) -> str:
        return self.text("en")


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
    kind: str = "chain"  # "chain" (steps in sequence) or "region" (a SESE block)
    explanation_en: str = ""


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
    reason_en: str = ""


@dataclass
class BasisdienstFinding:
    """One Basisdienst: which services use the shared component, which build it themselves."""

    component: str
    name: str
    shared_examples: list[str]
    using: list[StepRef]
    self_built: list[StepRef]
    reason: str
    #: for each step in ``self_built``: the label's words that show it does the job itself
    evidence: list[str] = field(default_factory=list)
    name_en: str = ""
    reason_en: str = ""


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
        """Plain dicts and lists; steps as :meth:`StepRef.to_dict` (built directly,
        because ``dataclasses.asdict`` deep-copies and is slow on large registers)."""

        def refs(items: list[StepRef]) -> list[dict[str, Any]]:
            return [r.to_dict() for r in items]

        clusters = []
        for c in self.clusters:
            explanation = asdict(c.explanation)
            explanation["text"] = c.explanation.text()
            explanation["text_en"] = c.explanation.text_en()
            clusters.append({
                "id": c.id, "canonical_name": c.canonical_name, "services": c.services,
                "handlungsfelder": c.handlungsfelder, "departments": c.departments,
                "score": c.score, "doppelstruktur": c.doppelstruktur,
                "explanation": explanation, "members": refs(c.members),
            })
        fragments = []
        for f in self.fragments:
            fragments.append({
                "id": f.id, "steps": f.steps, "services": f.services,
                "handlungsfelder": f.handlungsfelder, "departments": f.departments,
                "minutes_per_year": f.minutes_per_year, "explanation": f.explanation,
                "explanation_en": f.explanation_en,
                "doppelstruktur": f.doppelstruktur, "kind": f.kind,
                "occurrences": [o.__dict__.copy() for o in f.occurrences],
            })
        return {
            "statistics": dict(self.statistics),
            "clusters": clusters,
            "fragments": fragments,
            "doppelstrukturen": [d.__dict__.copy() for d in self.doppelstrukturen],
            "basisdienste": [{
                "component": b.component, "name": b.name,
                "shared_examples": b.shared_examples, "reason": b.reason,
                "name_en": b.name_en, "reason_en": b.reason_en,
                "using": refs(b.using), "self_built": [
                    {**r.to_dict(), "evidence": e}
                    for r, e in zip(b.self_built, b.evidence, strict=False)],
            } for b in self.basisdienste],
            "media_breaks": [{"kind": m.kind, "evidence": m.evidence, "step": m.step.to_dict()}
                             for m in self.media_breaks],
            "media_breaks_by_service": self.media_breaks_by_service,
            "media_breaks_by_handlungsfeld": self.media_breaks_by_handlungsfeld,
            "suppressed_pairs": self.suppressed_pairs,
        }

    def to_json(self, indent: int | None = None) -> str:
        """JSON text; compact by default (a large register gives many megabytes)."""
        separators = (",", ":") if indent is None else None
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent,
                          separators=separators)
