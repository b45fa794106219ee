"""Pairwise process matching: which steps of model A correspond to which of model B.

1. Steps and their meanings are extracted from both models (:mod:`.steps`).
2. Candidate pairs come from the inverted index; each gets a label similarity
   (:mod:`.similarity`), lowered for an event against an activity.
3. Context refinement: a pair whose neighbours (steps before and after) also
   correspond gains, one whose neighbours do not loses (one round of similarity
   flooding, mixed in with weight ``context``).
4. Assignment: best pairs first, each step used once (one-to-one), above
   ``threshold``; then one-to-many: a step left over may join a step already taken
   when its score reaches ``threshold_many`` and its label is subsumed by the
   partner's (all its concepts appear in the partner).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import networkx as nx

from procmodel.analysis.similarity import (
    LabelSimilarity,
    LabelStatistics,
    SimilaritySettings,
    TermMatch,
    candidate_pairs,
    relation_text,
    written,
)
from procmodel.analysis.steps import ModelSteps, Step, extract_steps
from procmodel.labels import LabelLanguage, default_language
from procmodel.model import Definitions


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds and weights of the matcher; defaults chosen by cross-validation."""

    threshold: float = 0.75
    threshold_many: float = 0.4
    context: float = 0.2
    one_to_many: bool = True
    #: one-to-many by subsumption ("Bescheid erstellen und versenden" ⊇ "Bescheid
    #: versenden"); off for tasks that ask for equivalence only (PMMC's "=" gold).
    subsumption: bool = True
    #: weight of lane (role) and data-object agreement against one side of neighbours
    role_weight: float = 0.0
    #: "greedy" (best pair first) or "optimal" (maximum-weight bipartite matching)
    assignment: str = "greedy"
    #: compare a catching event ("Rejected") with a receiving step ("Receive rejection")
    catching_events: bool = True
    #: treat a label without a verb ("Ablehnung", "Rejection") like a catching event
    verbless_received: bool = True
    similarity: SimilaritySettings = field(default_factory=SimilaritySettings)


@dataclass(frozen=True)
class Relation:
    """Two words of the labels that agree: ``role`` "action" or "object"; words as
    written; ``kind`` one of :data:`~procmodel.analysis.similarity.RELATION_NAMES`."""

    role: str
    a: str
    b: str
    kind: str

    def text(self, language: str = "de") -> str:
        return relation_text(self.a, self.b, self.kind, language)


#: English for the context notes of :meth:`Matcher._context`.
_CONTEXT_EN = (("Kontext: ", "context: "), ("Nachbarschritte davor", "neighbouring steps before"),
               ("Nachbarschritte danach", "neighbouring steps after"),
               ("gleiche Rolle", "same role"), ("gleiche Daten", "same data"))


@dataclass(frozen=True)
class Reason:
    """Why two steps were judged the same, in the labels' own words.

    ``shared_action`` and ``shared_objects`` are display texts ("Prüfung ≈ prüfen
    (Substantivierung)", "Vollständigkeit"); ``synonyms`` lists further word
    correspondences that are not the action or an object of A; ``relations`` the same
    as structured data, from which :meth:`text` (German) and :meth:`text_en` are made.
    """

    shared_action: str | None
    shared_objects: tuple[str, ...]
    synonyms: tuple[str, ...]
    context: str | None
    label_score: float
    context_score: float
    relations: tuple[Relation, ...] = ()

    def text(self, language: str = "de") -> str:
        """The reason as one line, German (``language="de"``) or English."""
        de = language == "de"
        action = [r for r in self.relations if r.role == "action"]
        objects = [r for r in self.relations if r.role == "object"]
        other = [r for r in self.relations if r.role == "other"]
        parts = []
        if action:
            parts.append(("gleiche Handlung: " if de else "same action: ")
                         + action[0].text(language))
        if objects:
            parts.append(("gleiches Objekt: " if de else "same object: ")
                         + ", ".join(r.text(language) for r in objects))
        if other:
            parts.append(("weitere Entsprechungen: " if de else "further matching words: ")
                         + "; ".join(r.text(language) for r in other))
        if self.context:
            note = self.context
            if not de:
                for german, english in _CONTEXT_EN:
                    note = note.replace(german, english)
            parts.append(note)
        return "; ".join(parts) or ("ähnliche Beschriftung" if de else "similar label")

    def text_en(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Correspondence:
    """One pair of corresponding flow nodes (source in A, target in B)."""

    source_id: str
    target_id: str
    score: float
    source_label: str
    target_label: str
    kind: str  # "1:1" or "1:n"
    reason: Reason

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["reason"]["text"] = self.reason.text()
        data["reason"]["text_en"] = self.reason.text_en()
        return data


class _RoleSimilarity:
    """Similarity of lane and data-object names, remembered per pair of names."""

    def __init__(self, language: LabelLanguage, sim: LabelSimilarity, left: str,
                 right: str) -> None:
        self.language, self.sim, self.left, self.right = language, sim, left, right
        self._cache: dict[tuple[str, str], float] = {}

    def best(self, mine: Sequence[str], theirs: Sequence[str]) -> float:
        return max(self.pair(x, y) for x in mine for y in theirs)

    def pair(self, x: str, y: str) -> float:
        key = (x, y)
        if key not in self._cache:
            a = self.language.analyse(x, self.left)
            b = self.language.analyse(y, self.right)
            self._cache[key] = 1.0 if x.casefold() == y.casefold() else self.sim.compare(a, b)[0]
        return self._cache[key]


def explain(a: Step, b: Step, matches: Sequence[TermMatch], label_score: float,
            context_score: float, context_note: str | None) -> Reason:
    """The :class:`Reason` of a pair from its term matches (words as the labels write them)."""
    relations: list[Relation] = []
    action_a = written(a.meaning.action) if a.meaning.action else None
    action_b = written(b.meaning.action) if b.meaning.action else None
    object_words = {written(t) for t in a.meaning.objects}
    seen: set[tuple[str, str]] = set()
    for m in matches:
        if m.score < 0.5 or (m.a, m.b) in seen:
            continue
        seen.add((m.a, m.b))
        if m.a == action_a and m.b == action_b:
            role = "action"
        elif m.a in object_words:
            role = "object"
        elif m.kind == "same":
            continue  # nothing to explain beyond the action and objects
        else:
            role = "other"
        relations.append(Relation(role, m.a, m.b, m.kind))
    relations.sort(key=lambda r: ("action", "object", "other").index(r.role))
    action = next((r.text() for r in relations if r.role == "action"), None)
    shared_objects = tuple(r.text() for r in relations if r.role == "object")
    synonyms = tuple(r.text() for r in relations if r.role == "other")
    return Reason(action, shared_objects, synonyms, context_note,
                  round(label_score, 3), round(context_score, 3), tuple(relations))


class Matcher:
    """Matches steps between models; statistics may come from a larger collection."""

    def __init__(self, language: LabelLanguage | None = None,
                 settings: MatchSettings | None = None,
                 stats: LabelStatistics | None = None) -> None:
        self.language = language or default_language()
        self.settings = settings or MatchSettings()
        self.stats = stats

    def steps(self, model: Definitions) -> ModelSteps:
        return extract_steps(model, self.language)

    def match_steps(self, left: ModelSteps, right: ModelSteps) -> list[Correspondence]:
        settings = self.settings
        stats = self.stats
        if stats is None:
            stats = LabelStatistics()
            for step in (*left.steps, *right.steps):
                stats.add(step.meaning)
        sim = LabelSimilarity(self.language, stats, settings.similarity)
        receive = self.language.concept("empfangen", "de")
        label: dict[tuple[int, int], tuple[float, list[TermMatch]]] = {}
        for i, j in candidate_pairs([s.meaning for s in left.steps],
                                    [s.meaning for s in right.steps], stats):
            a, b = left.steps[i], right.steps[j]
            score, matches = sim.compare(a.meaning, b.meaning)
            for event, other, flip in ((a, b, False), (b, a, True)):
                waited_for = (event.is_catching and event.is_event) or (
                    settings.verbless_received and event.meaning.verbless)
                if settings.catching_events and waited_for:
                    received = sim.compare_as_received(event.meaning, other.meaning, receive)
                    if received and received[0] > score:
                        score, matches = received
                        if flip:
                            matches = [TermMatch(m.b, m.a, m.score, m.kind) for m in matches]
            if a.kind_group != b.kind_group:
                score *= settings.similarity.event_activity
            if score > 0:
                label[(i, j)] = (score, matches)
        scores: dict[tuple[int, int], tuple[float, float | None, str | None]] = {}
        roles = _RoleSimilarity(self.language, sim, left.language, right.language)
        for (i, j), (score, _) in label.items():
            ctx, note = self._context(left.steps[i], right.steps[j], label, roles,
                                      settings.role_weight)
            # Without neighbours to compare there is no context evidence either way.
            combined = score if ctx is None else (
                (1 - settings.context) * score + settings.context * ctx)
            scores[(i, j)] = (combined, ctx, note)
        return self._assign(left, right, label, scores)

    @staticmethod
    def _context(a: Step, b: Step,
                 label: dict[tuple[int, int], tuple[float, list[TermMatch]]],
                 roles: _RoleSimilarity, role_weight: float,
                 ) -> tuple[float | None, str | None]:
        """Agreement of the context: neighbours before and after, lane, data objects.

        The mean of the best label score among the steps before, the same after, and
        (weighted by ``role_weight``) how alike the lanes (roles) and the data objects
        are. ``None`` when nothing of the context can be compared.
        """
        parts: list[float] = []
        weights: list[float] = []
        notes = []
        for what, mine, theirs in (("Rolle", (a.lane,) if a.lane else (),
                                    (b.lane,) if b.lane else ()),
                                   ("Daten", a.data, b.data)):
            if role_weight and mine and theirs:
                value = roles.best(mine, theirs)
                parts.append(value)
                weights.append(role_weight)
                if value >= 0.75:
                    notes.append(f"gleiche {what}")
        for mine, theirs, name in ((a.before, b.before, "davor"), (a.after, b.after, "danach")):
            if not mine or not theirs:
                continue
            best = max((label.get((x, y), (0.0, []))[0] for x in mine for y in theirs),
                       default=0.0)
            parts.append(best)
            weights.append(1.0)
            if best >= 0.5:
                notes.append(f"Nachbarschritte {name}")
        if not parts:
            return None, None
        note = ("Kontext: " + ", ".join(notes)) if notes else None
        return sum(p * w for p, w in zip(parts, weights, strict=True)) / sum(weights), note

    def _assign(self, left: ModelSteps, right: ModelSteps,
                label: dict[tuple[int, int], tuple[float, list[TermMatch]]],
                scores: dict[tuple[int, int], tuple[float, float | None, str | None]]
                ) -> list[Correspondence]:
        settings = self.settings
        ranked = sorted(scores.items(), key=lambda item: (-item[1][0], item[0]))
        used_left: dict[int, int] = {}
        used_right: dict[int, int] = {}
        chosen: list[tuple[int, int, str]] = []
        if settings.assignment == "optimal":
            # Maximum-weight bipartite matching over the pairs above the threshold.
            graph = nx.Graph()
            for (i, j), (score, _, _) in ranked:
                if score < settings.threshold:
                    break
                graph.add_edge(("a", i), ("b", j), weight=score)
            pairs = []
            for u, v in nx.max_weight_matching(graph):
                (_, i), (_, j) = sorted((u, v))
                pairs.append((i, j))
            for i, j in sorted(pairs):
                used_left[i] = j
                used_right[j] = i
                chosen.append((i, j, "1:1"))
        else:
            for (i, j), (score, _, _) in ranked:
                if score < settings.threshold:
                    break
                if i in used_left or j in used_right:
                    continue
                used_left[i] = j
                used_right[j] = i
                chosen.append((i, j, "1:1"))
        if settings.one_to_many:
            # A step left over may join a partner that is already taken when it is a
            # part of it: all its concepts appear in the partner's label, which says
            # more ("Bescheid erstellen und versenden" covers "Bescheid versenden").
            # A step that repeats its partner's label in the same model (drawn twice)
            # joins it when the pair scores like a one-to-one match.
            for (i, j), (score, _, _) in ranked:
                if (i in used_left) == (j in used_right):
                    continue
                fine, coarse = (left.steps[i], right.steps[j]) if i not in used_left else (
                    right.steps[j], left.steps[i])
                if score >= settings.threshold:
                    subsumed = self._subsumed(fine, coarse, strict=False)
                elif settings.subsumption:
                    subsumed = label[(i, j)][0] >= settings.threshold_many and self._subsumed(
                        fine, coarse, strict=True)
                else:
                    subsumed = False
                if subsumed:
                    chosen.append((i, j, "1:n"))
                    used_left.setdefault(i, j)
                    used_right.setdefault(j, i)
        result = []
        for i, j, kind in chosen:
            a, b = left.steps[i], right.steps[j]
            score, ctx, note = scores[(i, j)]
            label_score, matches = label[(i, j)]
            result.append(Correspondence(
                source_id=a.id, target_id=b.id, score=round(score, 4),
                source_label=a.label, target_label=b.label, kind=kind,
                reason=explain(a, b, matches, label_score, ctx or 0.0, note),
            ))
        return result

    @staticmethod
    def _subsumed(fine: Step, coarse: Step, *, strict: bool) -> bool:
        if strict and len(coarse.meaning.terms) <= len(fine.meaning.terms):
            return False
        coarse_keys = {t.concept for t in coarse.meaning.terms} | {
            t.verb for t in coarse.meaning.terms if t.verb}
        return all(t.concept in coarse_keys or (t.verb and t.verb in coarse_keys)
                   for t in fine.meaning.terms)

    def match(self, a: Definitions, b: Definitions) -> list[Correspondence]:
        return self.match_steps(self.steps(a), self.steps(b))


def match_models(a: Definitions, b: Definitions, *, settings: MatchSettings | None = None,
                 language: LabelLanguage | None = None,
                 stats: LabelStatistics | None = None) -> list[Correspondence]:
    """Corresponding flow nodes of two models, best first within each kind."""
    return Matcher(language, settings, stats).match(a, b)
