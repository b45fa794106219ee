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
from functools import lru_cache

from procmodel.labels import LabelLanguage, LabelMeaning, Term, edit_distance, fold


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
    #: factor when one label works digitally and the other on paper ("In E-Akte
    #: ablegen" / "In Handakte abheften", "ins Postfach" / "per Post"): for the city
    #: that is the difference between a digital step and a media break
    medium_conflict: float = 0.5


#: How two words agree (``TermMatch.kind``), with the German and English names shown
#: in explanations. Words are always quoted as the labels write them.
RELATION_NAMES: dict[str, tuple[str, str]] = {
    "same": ("gleiches Wort", "same word"),
    "word_form": ("Wortform", "word form"),
    "nominalisation": ("Substantivierung", "nominalisation"),
    "synonym": ("Synonym", "synonym"),
    "related": ("verwandt", "related"),
    "abbreviation": ("Abkürzung", "abbreviation"),
    "typo": ("Tippfehler", "typo"),
    "head": ("Grundwort", "compound head"),
    "compound": ("Wortteil", "compound part"),
}


def relation_text(a: str, b: str, kind: str, language: str = "de") -> str:
    """"Prüfung ≈ prüfen (Substantivierung)", "zustellen ~ versenden (Synonym)", "Antrag"."""
    if kind == "same" or a.casefold() == b.casefold():
        return a
    sign = "~" if kind in ("synonym", "related") else "≈"
    name = RELATION_NAMES.get(kind, (kind, kind))[0 if language == "de" else 1]
    return f"{a} {sign} {b} ({name})"


@dataclass(frozen=True)
class TermMatch:
    """Why two terms agree: words as written, score and ``kind`` (see RELATION_NAMES)."""

    a: str
    b: str
    score: float
    kind: str

    @property
    def how(self) -> str:
        """The German name of the relation ("Synonym", "Substantivierung", …)."""
        return RELATION_NAMES.get(self.kind, (self.kind, self.kind))[0]

    def text(self, language: str = "de") -> str:
        return relation_text(self.a, self.b, self.kind, language)


def same_concept_kind(a: Term, b: Term) -> str:
    """How two terms with the same concept differ: abbreviation, typo, nominalisation …"""
    if (a.abbreviation or b.abbreviation) and a.abbreviation != b.abbreviation:
        return "abbreviation"
    if (a.corrected or b.corrected) and a.corrected != b.corrected:
        return "typo"
    if fold(a.word) == fold(b.word):
        return "same"
    if a.nominal != b.nominal:
        return "nominalisation"
    if a.stem == b.stem:
        return "word_form"
    return "synonym" if (a.synonym or b.synonym) else "word_form"


#: Words (folded) that say a step works digitally or on paper; ``*`` marks a prefix.
_DIGITAL_WORDS = ("e-akte*", "eakte*", "elektronisch*", "digital*", "dms", "postfach*",
                  "online*", "e-mail", "email", "portal", "serviceportal*",
                  "fit-connect", "xta", "osci", "bundid*", "epaybl", "pmpayment",
                  "burgerpostfach", "organisationspostfach", "electronic*", "e-file",
                  "mailbox", "inbox")
_PAPER_WORDS = ("handakte*", "papier*", "aktenordner*", "ordner", "abheften", "geheftet",
                "registratur*", "post", "postweg", "postalisch", "brief", "briefpost",
                "hauspost", "fax", "telefax", "faxen", "ausdruck*", "ausdrucken", "drucken",
                "kuvertieren", "paper*", "print*", "handwritten")


def _compile(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    return (frozenset(w for w in words if not w.endswith("*")),
            tuple(w[:-1] for w in words if w.endswith("*")))


_MEDIA_WORDS = (("digital", _compile(_DIGITAL_WORDS)), ("paper", _compile(_PAPER_WORDS)))


def _word_medium(word: str) -> str | None:
    for medium, (exact, prefixes) in _MEDIA_WORDS:
        if word in exact or word.startswith(prefixes):
            return medium
    return None


@lru_cache(maxsize=100_000)
def _text_medium(text: str) -> str | None:
    found = set()
    for word in fold(text).replace("/", " ").replace("(", " ").replace(
            ")", " ").replace(",", " ").split():
        medium = _word_medium(word.strip(".:;"))
        if medium:
            found.add(medium)
    return found.pop() if len(found) == 1 else None


def medium_of(meaning: LabelMeaning) -> str | None:
    """"digital", "paper" or None: the medium a label names (E-Akte vs Handakte,
    Postfach vs Post). A label naming both ("Papierantrag digitalisieren") has none."""
    return _text_medium(meaning.text)


def relation_kind(a: Term, b: Term) -> str:
    """How two words that were judged alike relate, without scores (for explanations)."""
    if a.concept == b.concept:
        return same_concept_kind(a, b)
    if (a.verb and a.verb in (b.concept, b.verb)) or (b.verb and b.verb == a.concept):
        return "nominalisation" if a.nominal != b.nominal else "word_form"
    if a.parts and b.parts and a.parts[-1] == b.parts[-1]:
        return "head"
    if set(a.parts or (a.concept,)) & set(b.parts or (b.concept,)):
        return "compound"
    return "related"


def written(term: Term) -> str:
    """The word as the label writes it (an abbreviation as abbreviated)."""
    return term.abbreviation or term.word


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
        self._medium_cache: dict[str, str | None] = {}

    def term_match(self, a: Term, b: Term) -> TermMatch | None:
        key = (a, b)
        if key in self._term_cache:
            return self._term_cache[key]
        result = self._term_match(a, b)
        self._term_cache[key] = result
        return result

    def _term_match(self, a: Term, b: Term) -> TermMatch | None:
        s = self.settings
        wa, wb = written(a), written(b)
        if a.concept == b.concept:
            return TermMatch(wa, wb, 1.0, same_concept_kind(a, b))
        if self.language.related(a.concept, b.concept):
            return TermMatch(wa, wb, s.related, "related")
        if (a.verb and a.verb in (b.concept, b.verb)) or (b.verb and b.verb == a.concept):
            kind = "nominalisation" if a.nominal != b.nominal else "word_form"
            return TermMatch(wa, wb, s.cross_role, kind)
        # German compounds are right-headed: a "Posteingang" is an "Eingang".
        head_a = a.parts[-1] if a.parts else a.concept
        head_b = b.parts[-1] if b.parts else b.concept
        if head_a == head_b and (a.parts or b.parts):
            return TermMatch(wa, wb, s.head, "head")
        pa = set(a.parts) or {a.concept}
        pb = set(b.parts) or {b.concept}
        shared = pa & pb
        if shared and (a.parts or b.parts):
            overlap = len(shared) / max(len(pa), len(pb))
            return TermMatch(wa, wb, s.part * (0.5 + 0.5 * overlap), "compound")
        if (
            len(a.stem) >= 6
            and len(b.stem) >= 6
            and a.stem[0] == b.stem[0]
            and edit_distance(a.stem, b.stem, 1) <= 1
        ):
            return TermMatch(wa, wb, s.typo, "typo")
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
        if self.settings.medium_conflict != 1.0:
            ma, mb = self.medium(a), self.medium(b)
            if ma and mb and ma != mb:
                score *= self.settings.medium_conflict
        return score, matches

    def medium(self, meaning: LabelMeaning) -> str | None:
        """:func:`medium_of`, remembered per label text."""
        try:
            return self._medium_cache[meaning.text]
        except KeyError:
            value = self._medium_cache[meaning.text] = medium_of(meaning)
            return value

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
