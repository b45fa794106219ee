"""How alike two steps are: label, element kind and context.

Label similarity is a soft TF-IDF over *concepts* (see :mod:`procmodel.labels`):
every term of one label looks for its best partner in the other label, and the
partners' agreement is weighted by how rare the concept is in the collection (a
shared "Antrag" says less than a shared "Wohngeld"). Two terms agree fully when
their concepts are equal, partly when the concepts are listed as related, when
one is the verb of the other's nominalisation ("Accepted" ↔ "acceptance"), when
compounds share parts ("Wohngeldantrag" ↔ "Wohngeld") or when their stems differ by
one typing error. Actions that disagree lower the score: "Antrag prüfen" and
"Antrag versenden" share their object, not their work.

Candidate pairs come from an inverted index on concepts, so a register of many
thousand models is never compared pair by pair.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from procmodel.labels import LabelLanguage, LabelMeaning, Term, edit_distance


@dataclass(frozen=True)
class SimilaritySettings:
    """Weights of the similarity; defaults chosen by cross-validation (docs/analysis.md)."""

    related: float = 0.7  # concepts listed as related
    cross_role: float = 0.8  # verb of a nominalisation ↔ the verb itself
    part: float = 0.6  # compound parts shared
    head: float = 0.8  # same head of a compound ("Posteingang" ↔ "Eingang")
    typo: float = 0.8  # stems one edit apart
    action_weight: float = 1.0  # weight of the action against one object term
    part_weight: float = 0.5  # weight of compound parts against the whole word
    manner_weight: float = 0.3  # weight of a channel/manner word ("per Post", "online")
    action_mismatch: float = 0.55  # factor when both actions differ
    event_activity: float = 0.9  # factor for an event against an activity
    negation: float = 0.5  # factor when one label is negated and the other is not


@dataclass(frozen=True)
class TermMatch:
    """Why two terms agree: ``how`` is "gleich", "Synonym", "verwandt", … ."""

    a: str
    b: str
    score: float
    how: str


@dataclass
class LabelStatistics:
    """Document frequencies of concepts over a collection of labels (for IDF)."""

    labels: int = 0
    df: Counter[str] = field(default_factory=Counter)

    def add(self, meaning: LabelMeaning, count: int = 1) -> None:
        """Count one label (or ``count`` labels with the same meaning)."""
        self.labels += count
        for key in keys_of(meaning):
            self.df[key] += count

    def idf(self, concept: str) -> float:
        return math.log(1.0 + (self.labels + 1) / (self.df.get(concept, 0) + 1))


def keys_of(meaning: LabelMeaning) -> set[str]:
    """Index keys of a label: its concepts, compound parts and verbs."""
    keys: set[str] = set()
    for term in meaning.terms:
        keys.add(term.concept)
        keys.update(term.parts)
        if term.verb:
            keys.add(term.verb)
    return keys


class LabelSimilarity:
    """Soft TF-IDF similarity of label meanings over one collection's statistics."""

    def __init__(self, language: LabelLanguage, stats: LabelStatistics,
                 settings: SimilaritySettings | None = None) -> None:
        self.language = language
        self.stats = stats
        self.settings = settings or SimilaritySettings()
        self._term_cache: dict[tuple[Term, Term], TermMatch | None] = {}

    def term_match(self, a: Term, b: Term) -> TermMatch | None:
        key = (a, b)
        if key in self._term_cache:
            return self._term_cache[key]
        result = self._term_match(a, b)
        self._term_cache[key] = result
        return result

    def _term_match(self, a: Term, b: Term) -> TermMatch | None:
        s = self.settings
        if a.concept == b.concept:
            how = "Synonym" if a.synonym and a.stem != b.stem else "gleich"
            return TermMatch(a.word, b.word, 1.0, how)
        if self.language.related(a.concept, b.concept):
            return TermMatch(a.word, b.word, s.related, "verwandt")
        if (a.verb and a.verb in (b.concept, b.verb)) or (b.verb and b.verb == a.concept):
            return TermMatch(a.word, b.word, s.cross_role, "Verbform")
        # German compounds are right-headed: a "Posteingang" is an "Eingang".
        head_a = a.parts[-1] if a.parts else a.concept
        head_b = b.parts[-1] if b.parts else b.concept
        if head_a == head_b and (a.parts or b.parts):
            return TermMatch(a.word, b.word, s.head, "Grundwort")
        pa = set(a.parts) or {a.concept}
        pb = set(b.parts) or {b.concept}
        shared = pa & pb
        if shared and (a.parts or b.parts):
            overlap = len(shared) / max(len(pa), len(pb))
            return TermMatch(a.word, b.word, s.part * (0.5 + 0.5 * overlap), "Wortteil")
        if (
            len(a.stem) >= 6
            and len(b.stem) >= 6
            and a.stem[0] == b.stem[0]
            and edit_distance(a.stem, b.stem, 1) <= 1
        ):
            return TermMatch(a.word, b.word, s.typo, "Schreibvariante")
        return None

    def _weights(self, meaning: LabelMeaning) -> list[tuple[Term, float]]:
        s = self.settings
        weighted = []
        for term in meaning.terms:
            weight = self.stats.idf(term.concept)
            if term is meaning.action:
                weight *= s.action_weight
            elif term.stem in self.language.res.manner:
                # "per Post", "online": how the work is done, not what is done.
                weight *= s.manner_weight
            weighted.append((term, weight))
        return weighted

    def _directed(self, a: LabelMeaning, b: LabelMeaning,
                  matches: list[TermMatch]) -> float:
        total = 0.0
        got = 0.0
        for term, weight in self._weights(a):
            best: TermMatch | None = None
            for other in b.terms:
                match = self.term_match(term, other)
                if match and (best is None or match.score > best.score):
                    best = match
            total += weight
            if best:
                got += weight * best.score
                matches.append(best)
        return got / total if total else 0.0

    def compare(self, a: LabelMeaning, b: LabelMeaning) -> tuple[float, list[TermMatch]]:
        """Similarity in [0, 1] and the term matches that explain it."""
        if a.is_empty or b.is_empty:
            return 0.0, []
        score, matches = self._compare(a, b)
        if a.negated != b.negated:
            score *= self.settings.negation
        return score, matches

    def compare_as_received(self, event: LabelMeaning, other: LabelMeaning,
                            receive: str) -> tuple[float, list[TermMatch]] | None:
        """An event that is waited for against a step that receives something.

        A catching event says what arrives ("Rejected", "Bescheid eingegangen"); a
        step "Receive rejection" / "Bescheid empfangen" says the same with the
        receiving made explicit. The receive action is dropped and the event's
        words, verb forms included, are compared with the other step's object.
        """
        if other.action is None or other.action.concept != receive or not other.objects:
            return None
        event_terms = event.objects if (event.action and event.action.concept == receive
                                        ) else event.terms
        if not event_terms:
            return None
        a = LabelMeaning(text=event.text, language=event.language, action=None,
                         objects=tuple(event_terms), negated=event.negated)
        b = LabelMeaning(text=other.text, language=other.language, action=None,
                         objects=other.objects, negated=other.negated)
        return self.compare(a, b)

    def _compare(self, a: LabelMeaning, b: LabelMeaning) -> tuple[float, list[TermMatch]]:
        matches: list[TermMatch] = []
        forward = self._directed(a, b, matches)
        backward = self._directed(b, a, [])
        score = (forward + backward) / 2
        if a.action and b.action:
            action = self.term_match(a.action, b.action)
            if action is None or action.score < 0.5:
                score *= self.settings.action_mismatch
        unique = {(m.a, m.b): m for m in matches}
        return score, list(unique.values())


def candidate_pairs(
    left: Sequence[LabelMeaning],
    right: Sequence[LabelMeaning],
    stats: LabelStatistics,
    *,
    max_postings: int | None = None,
) -> Iterable[tuple[int, int]]:
    """Index pairs (i, j) of labels sharing at least one concept, part or verb.

    An inverted index over the right side's keys; keys found in more than
    ``max_postings`` labels (stop-word-like concepts such as "Antrag" in a large
    register) do not produce candidates on their own.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for j, meaning in enumerate(right):
        for key in keys_of(meaning):
            index[key].append(j)
    for i, meaning in enumerate(left):
        seen: set[int] = set()
        for key in keys_of(meaning):
            postings = index.get(key, ())
            if max_postings is not None and len(postings) > max_postings:
                continue
            for j in postings:
                if j not in seen:
                    seen.add(j)
                    yield i, j
