"""What a label means: its terms, action and objects, and the small word tables
that decide which word is the action.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One meaningful word (or phrase) of a label.

    ``concept`` is what matching compares; ``synonym`` names the synonym group when
    the word was found in one; ``verb`` is the verb concept of a verb form or
    nominalisation ("Prüfung" → the concept of prüfen); ``parts`` the concepts of a
    compound's parts; ``corrected`` the known word a typo was read as.
    ``word`` is always the label's own spelling (umlauts and capitals kept, a
    compound part cut out of the written word), so explanations can quote it;
    ``nominal`` marks a noun made from a verb ("Prüfung", "Versand", "assessment");
    ``abbreviation`` the abbreviation written in the label ("Antr." for "Antrag").
    """

    word: str
    stem: str
    concept: str
    synonym: str | None = None
    verb: str | None = None
    parts: tuple[str, ...] = ()
    corrected: str | None = None
    nominal: bool = False
    abbreviation: str | None = None


@dataclass(frozen=True)
class LabelMeaning:
    """A label split into action and business objects."""

    text: str
    language: str
    action: Term | None
    objects: tuple[Term, ...]
    notes: tuple[str, ...] = field(default=())
    negated: bool = False
    #: the label has no verb; its action comes from a noun ("Ablehnung", "Rejection")
    verbless: bool = False

    @property
    def terms(self) -> tuple[Term, ...]:
        return ((self.action,) if self.action else ()) + self.objects

    @property
    def is_empty(self) -> bool:
        return self.action is None and not self.objects

    def describe(self) -> str:
        """Short human-readable form: "prüfen | Antrag"."""
        action = self.action.word if self.action else "–"
        objects = ", ".join(t.word for t in self.objects) or "–"
        return f"{action} | {objects}"


#: Words that negate a label ("Antrag nicht vollständig", "Not take interview").
NEGATIONS = frozenset({"nicht", "kein", "keine", "keinen", "keiner", "ohne", "not", "no",
                        "never", "without", "non"})
#: Particles of English phrasal verbs that may stand apart from their verb.
PARTICLES = frozenset({"over", "out", "in", "up", "back", "on", "off", "down"})
#: Light verbs: with a verbal noun, the noun names the action ("eine Prüfung
#: durchführen" = prüfen, "take an interview" = interview).
LIGHT_VERBS = {
    "de": frozenset({"durchfuhren", "vornehmen", "fuhren", "machen", "setzen", "anbringen",
                     "stellen", "leisten", "erfolgen", "abhalten", "tatigen"}),
    "en": frozenset({"take", "go", "make", "do", "have", "hold", "conduct", "perform",
                     "carry", "undergo", "attend"}),
}

#: German nouns that look like verb forms but are nouns (checked after folding).
NOUN_FORMS = frozenset({"schreiben", "versand", "eingang", "antrag", "bescheid"})
