"""Turning a diagram label into tokens: line-break repair, folding, tokenising.

Labels in BPMN diagrams are short, typed into boxes and broken by hand
("Antrags-\\nprüfung"), abbreviated ("Antr. prüfen") and written with or without
umlauts ("Pruefung"). Everything here is deterministic and language-neutral; the
morphology (stems, compounds, verbs) lives in :mod:`procmodel.labels.morphology`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from procmodel.model import normalise_label

#: Letters kept inside a token besides word characters: the hyphen of "E-Akte" and
#: the dot of abbreviations ("z.B.", "Antr.") which are resolved before splitting.
_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*\.?", re.UNICODE)
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae", "ø": "o"})
_ASCII_UMLAUTS = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"))


@dataclass(frozen=True)
class Token:
    """One word of a label.

    ``surface`` is the word as written (after line-break repair); ``lower`` its
    case-folded form with umlauts kept; ``capitalised`` whether it was written with
    a capital first letter, which in German marks a noun.
    """

    surface: str
    lower: str
    capitalised: bool
    position: int


def repair(text: str | None) -> str:
    """Join hyphenated line breaks, drop soft hyphens, collapse whitespace.

    "Antrags-\\nprüfung" becomes "Antragsprüfung"; "E-\\nAkte" keeps its hyphen; a
    plain line break without a hyphen separates two words.
    """
    text = unicodedata.normalize("NFC", text or "")
    return normalise_label(text)


def fold(word: str) -> str:
    """Case-fold and replace umlauts and ß ("Prüfung" → "prufung", "Straße" → "strasse")."""
    return word.casefold().translate(_UMLAUTS)


def surface_parts(surface: str, parts: Sequence[str]) -> list[str]:
    """Cut a written word into the spellings of its folded compound parts.

    ``surface_parts("Antragsprüfung", ["antrag", "prufung"])`` gives ``["Antrag",
    "prüfung"]``: each part as written (umlauts, ß and capitals kept), linking
    elements and hyphens between parts dropped. A part that cannot be found is
    returned as given.
    """
    folded = []
    index = []  # position in ``surface`` of every folded character
    for k, ch in enumerate(surface):
        for f in fold(ch):
            folded.append(f)
            index.append(k)
    text = "".join(folded)
    result = []
    start = 0
    for part in parts:
        at = text.find(part, start)
        if at < 0 or not part:
            result.append(part)
            continue
        end = at + len(part)
        result.append(surface[index[at]:index[end - 1] + 1])
        start = end
    return result


def umlaut_variants(word: str) -> list[str]:
    """Spellings of a lower-case word with ASCII umlauts restored ("pruefung" → "prüfung").

    Only used to look a word up in a word list: "ue" in "Steuer" must stay as it is,
    so the caller keeps the variant that is known.
    """
    variants = []
    for ascii_form, umlaut in _ASCII_UMLAUTS:
        if ascii_form in word:
            variants.append(word.replace(ascii_form, umlaut))
    if len(variants) > 1:
        combined = word
        for ascii_form, umlaut in _ASCII_UMLAUTS:
            combined = combined.replace(ascii_form, umlaut)
        variants.append(combined)
    return variants


def tokenise(text: str) -> list[Token]:
    """Split a repaired label into word tokens; punctuation is dropped.

    Hyphenated compounds ("E-Akte", "Wohngeld-Antrag") stay one token here; the
    morphology decides how to split them.
    """
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        tokens.append(
            Token(
                surface=word,
                lower=word.casefold(),
                capitalised=word[:1].isupper(),
                position=len(tokens),
            )
        )
    return tokens


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b``, capped at ``limit + 1``.

    Counts insertions, deletions, substitutions and swaps of neighbouring letters
    (the typical typing errors "Antarg", "Anrtag"). Stops early once the distance
    is certainly above ``limit``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)
