"""Word structure: compounds, verb forms, nominalisations, typos.

All functions take folded words (see :func:`procmodel.labels.text.fold`) and the
:class:`~procmodel.labels.resources.Resources`; results are cached per word because
labels in a register repeat the same few thousand words.
"""

from __future__ import annotations

from procmodel.labels.resources import Resources
from procmodel.labels.text import edit_distance, umlaut_variants

#: Linking elements (Fugenelemente) allowed between the parts of a German compound.
_LINKS = ("", "s", "es", "n", "en", "e", "er", "ns")
_MIN_PART = 3
_MIN_COMPOUND = 6

#: German noun suffixes that turn a verb into a noun, with the infinitive ending
#: that replaces them ("Prüfung" → "prüfen", "Registrierung" → "registrieren",
#: "Information" → "informieren").
_DE_NOMINAL = (("ierung", "ieren"), ("ation", "ieren"), ("ung", "en"), ("ung", "n"))
#: English suffixes of nouns and participles that come from a verb, with replacements.
_EN_NOMINAL = (
    ("ification", "ify"),
    ("ission", "it"),
    ("ation", "e"),
    ("ation", ""),
    ("ment", ""),
    ("ance", ""),
    ("ence", ""),
    ("ion", ""),
    ("ion", "e"),
    ("al", "e"),
    ("al", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ied", "y"),
    ("ies", "y"),
    ("s", ""),
)
#: German noun forms of verbs that no suffix rule finds (Ablaut, -e, -t nouns).
_DE_IRREGULAR = {
    "versand": "versenden",
    "eingang": "eingehen",
    "zugang": "zugehen",
    "ausgabe": "ausgeben",
    "abgabe": "abgeben",
    "vorlage": "vorlegen",
    "annahme": "annehmen",
    "aufnahme": "aufnehmen",
    "entgegennahme": "entgegennehmen",
    "zusage": "zusagen",
    "absage": "absagen",
    "anfrage": "anfragen",
    "abfrage": "abfragen",
    "nachfrage": "nachfragen",
    "einsicht": "einsehen",
    "entscheid": "entscheiden",
    "beschluss": "beschliessen",
    "abschluss": "abschliessen",
    "erlass": "erlassen",
    "empfang": "empfangen",
    "ausdruck": "ausdrucken",
    "druck": "drucken",
    "kontrolle": "kontrollieren",
    "korrektur": "korrigieren",
    "identifikation": "identifizieren",
    "kommunikation": "kommunizieren",
    "zahlung": "zahlen",
    "einreichung": "einreichen",
    "widerruf": "widerrufen",
    "antwort": "antworten",
    "wahl": "wahlen",
    "auswahl": "auswahlen",
    "vergabe": "vergeben",
    "freigabe": "freigeben",
    "eingabe": "eingeben",
    "rückgabe": "zuruckgeben",
}
#: Prefixes of German past participles ("ein-ge-reicht", "ge-prüft").
_DE_SEPARABLE = (
    "ab", "an", "auf", "aus", "bei", "ein", "fest", "frei", "mit", "nach", "vor", "weiter",
    "zu", "zuruck", "zusammen", "entgegen", "hoch", "um",
)


class Morphology:
    """Compound splitting, verb recognition and typo correction over one resource set."""

    def __init__(self, resources: Resources) -> None:
        self.res = resources
        verb_stems_de = {v[:-2] if v.endswith("en") else v[:-1] for v in resources.verbs["de"]}
        self._parts = (
            frozenset(resources.lexicon_de)
            | frozenset(s for s in verb_stems_de if len(s) >= _MIN_PART)
            | frozenset(w for w in resources.known.get("de", ()) if len(w) >= _MIN_PART)
            # nominalisations as compound heads: "Eheschließung", "Baumfällung"
            | frozenset(v[:-2] + "ung" for v in resources.verbs["de"] if v.endswith("en"))
        )
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._verb_cache: dict[tuple[str, str], str | None] = {}
        self._typo_cache: dict[tuple[str, str], str | None] = {}
        # Candidates for typo correction by (length, first letter): a typo in the
        # first letter is rare, and the buckets keep the search small.
        self._by_length: dict[str, dict[tuple[int, str], list[str]]] = {}
        for language, words in resources.known.items():
            buckets: dict[tuple[int, str], list[str]] = {}
            if language == "de":
                # Nominalisations are typed as often as verbs ("Ersetllung").
                words = words | {v[:-2] + "ung" for v in resources.verbs["de"]
                                 if v.endswith("en") and not v.endswith("ieren")}
            for word in sorted(words):
                buckets.setdefault((len(word), word[:1]), []).append(word)
            self._by_length[language] = buckets

    # --- compounds -----------------------------------------------------------

    def split_compound(self, word: str) -> tuple[str, ...]:
        """The parts of a German compound ("wohngeldantrag" → wohn, geld, antrag).

        Dynamic programming over the word: every part must be in the lexicon (or be
        a verb stem), linking elements may follow a part; the split with the fewest
        parts wins, ties go to the longer last part (the head). A word that is itself
        in the lexicon, or cannot be covered, is returned whole.
        """
        cached = self._split_cache.get(word)
        if cached is not None:
            return cached
        result: tuple[str, ...] = (word,)
        if "-" in word:
            pieces = [p for p in word.split("-") if p]
            parts: list[str] = []
            for piece in pieces:
                parts.extend(self.split_compound(piece) if len(piece) > 1 else (piece,))
            result = tuple(parts)
        elif len(word) >= _MIN_COMPOUND and word not in self._parts:
            result = self._split_dp(word) or (word,)
        self._split_cache[word] = result
        return result

    def _split_dp(self, word: str) -> tuple[str, ...] | None:
        n = len(word)
        # best[i]: (number of parts, -length of last part, parts) covering word[:i]
        best: list[tuple[int, int, tuple[str, ...]] | None] = [None] * (n + 1)
        best[0] = (0, 0, ())
        for start in range(n):
            current = best[start]
            if current is None:
                continue
            for end in range(start + _MIN_PART, n + 1):
                part = word[start:end]
                if part not in self._parts:
                    continue
                for link in _LINKS:
                    stop = end + len(link)
                    if stop > n or word[end:stop] != link:
                        continue
                    # At the end of the word the same endings are inflection
                    # ("Wohngeldanträge" → …antrag + e).
                    candidate = (current[0] + 1, -len(part), (*current[2], part))
                    held = best[stop]
                    if held is None or candidate[:2] < held[:2]:
                        best[stop] = candidate
        final = best[n]
        if final is None or final[0] < 2:
            return None
        return final[2]

    # --- verbs ------------------------------------------------------------------

    def verb_of(self, word: str, language: str) -> str | None:
        """The infinitive a word stands for, when it is a verb form or nominalisation.

        German: inflected forms ("prüft", "prüfe"), past participles ("geprüft",
        "eingereicht", "registriert"), -ung/-ierung/-ation nouns and the irregular
        noun forms listed above. English: base form, -s/-ed/-ing forms and
        nominalisations (-ion, -ment, -ance, -al, -ification, -ission).
        """
        key = (language, word)
        if key in self._verb_cache:
            return self._verb_cache[key]
        verb = self._find_verb(word, language)
        self._verb_cache[key] = verb
        return verb

    def _find_verb(self, word: str, language: str) -> str | None:
        verbs = self.res.verbs[language]
        if word in verbs:
            return word
        if language == "de":
            return self._find_verb_de(word, verbs)
        for suffix, replacement in _EN_NOMINAL:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                candidate = word[: -len(suffix)] + replacement
                if candidate in verbs:
                    return candidate
                # doubled consonant: "submitted", "planning"
                doubled = len(candidate) > 3 and candidate[-1] == candidate[-2]
                if doubled and candidate[:-1] in verbs:
                    return candidate[:-1]
        stem = self.res.stem(word, "en")
        return self.res.verb_by_stem["en"].get(stem)

    def _find_verb_de(self, word: str, verbs: frozenset[str]) -> str | None:
        folded_irregular = {k.replace("ü", "u"): v for k, v in _DE_IRREGULAR.items()}
        if word in folded_irregular:
            return folded_irregular[word]
        for suffix, ending in _DE_NOMINAL:
            if word.endswith(suffix):
                candidate = word[: -len(suffix)] + ending
                if candidate in verbs:
                    return candidate
        # Nouns that are the bare verb stem: "Stempel" → stempeln, "Wechsel" → wechseln.
        if word.endswith(("el", "er")) and word + "n" in verbs:
            return word + "n"
        participle = self._participle_de(word, verbs)
        if participle:
            return participle
        # Inflected finite forms and imperatives: prüft, prüfe, prüfst, prüfend.
        for ending in ("", "e", "t", "st", "et", "end", "ende", "te", "ten"):
            if ending and word.endswith(ending):
                base = word[: -len(ending)]
                for infinitive in (base + "en", base + "n"):
                    if infinitive in verbs:
                        return infinitive
        return None

    @staticmethod
    def _participle_de(word: str, verbs: frozenset[str]) -> str | None:
        for ending in ("t", "et", "en", "te", "ten", "tes", "ter", "tem"):
            if not word.endswith(ending):
                continue
            body = word[: -len(ending)]
            for prefix in ("", *_DE_SEPARABLE):
                if not body.startswith(prefix + "ge"):
                    continue
                core = prefix + body[len(prefix) + 2:]
                for infinitive in (core + "en", core + "n"):
                    if infinitive in verbs:
                        return infinitive
            if body.endswith("ier"):
                infinitive = body + "en"
                if infinitive in verbs:
                    return infinitive
            # Inseparable prefixes take no "ge": "bearbeitet", "versendet", "erstellt".
            for infinitive in (body + "en", body + "n"):
                if infinitive in verbs and not body.startswith("ge"):
                    return infinitive
        return None

    # --- typos and spelling ---------------------------------------------------

    def correct(self, word: str, language: str) -> str | None:
        """A known word that ``word`` is a likely misspelling of, else ``None``.

        Tries the ASCII umlaut spellings first ("pruefung"); then a known word at
        edit distance 1 (words of 5–8 letters) or 2 (9 letters and more). Words
        shorter than 5 letters are never corrected: too many real words are that
        close to each other.
        """
        key = (language, word)
        if key in self._typo_cache:
            return self._typo_cache[key]
        known = self.res.known.get(language, frozenset())
        result = None
        for variant in umlaut_variants(word):
            folded = variant.replace("ä", "a").replace("ö", "o").replace("ü", "u")
            if folded in known:
                result = folded
                break
        if result is None and len(word) >= 5:
            limit = 1 if len(word) < 9 else 2
            best = limit + 1
            buckets = self._by_length.get(language, {})
            # The first two letters swapped ("rpüfen") is the one typo that changes the
            # first letter; its candidates start with the typed second letter.
            firsts = {word[:1], word[1:2]}
            for length, first in ((n, f) for n in range(len(word) - limit,
                                                         len(word) + limit + 1)
                                  for f in firsts):
                for candidate in buckets.get((length, first), ()):
                    distance = edit_distance(word, candidate, limit)
                    if distance < best:
                        best, result = distance, candidate
            if best > limit:
                result = None
        self._typo_cache[key] = result
        return result

    def is_known(self, word: str, language: str) -> bool:
        return word in self.res.known.get(language, frozenset())
