"""From a label to its meaning: action (verb) and business object, as concepts.

A *concept* is what two words share when they mean the same: the synonym group of
the word ("syn:versenden" for zustellen, verschicken, send, mail …) or, for a word
in no group, its Snowball stem. Matching compares concepts, never raw words.

``analyse("Prüfung der Wohngeld-\\nAnträge")`` gives the action ``prüfen`` (from the
nominalisation), the object ``Antrag`` with the compound parts ``wohn``, ``geld``,
``antrag`` — the same as for "Wohngeldantrag prüfen" or "Check housing benefit
application" as far as the word lists reach.
"""

from __future__ import annotations

import re
from dataclasses import replace

from procmodel.labels.meaning import (
    LIGHT_VERBS,
    NEGATIONS,
    NOUN_FORMS,
    PARTICLES,
    LabelMeaning,
    Term,
)
from procmodel.labels.morphology import Morphology
from procmodel.labels.resources import Resources, default_resources
from procmodel.labels.text import Token, fold, repair, surface_parts, tokenise


class LabelLanguage:
    """The label language over one set of resources; ``analyse`` is cached per text."""

    def __init__(self, resources: Resources | None = None) -> None:
        self.res = resources or default_resources()
        self.morph = Morphology(self.res)
        self._cache: dict[tuple[str, str | None], LabelMeaning] = {}
        self._score_cache: dict[str, int] = {}
        # One pass over the label finds every abbreviation (instead of one regex each).
        self._abbreviation_re = re.compile(
            "|".join(f"(?P<a{n}>{p.pattern})" if p.flags & re.IGNORECASE == 0
                     else f"(?i:(?P<a{n}>{p.pattern}))"
                     for n, (p, _) in enumerate(self.res.abbreviations)))
        self._abbreviation_long = [long for _, long in self.res.abbreviations]

    # --- public -----------------------------------------------------------------

    def analyse(self, text: str | None, language: str | None = None) -> LabelMeaning:
        """The meaning of one label; ``language`` "de", "en" or None to guess."""
        key = (text or "", language)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._analyse(text or "", language)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = cached
        return cached

    def detect_language(self, texts: list[str]) -> str:
        """The language of a set of labels (one model): "de" unless English dominates."""
        score = 0
        for text in texts:
            cached = self._score_cache.get(text)
            if cached is None:
                cached = self._language_score(tokenise(self.expand_abbreviations(repair(text))))
                if len(self._score_cache) > 200_000:
                    self._score_cache.clear()
                self._score_cache[text] = cached
            score += cached
        return "en" if score < 0 else "de"

    def concept(self, word: str, language: str = "de") -> str:
        """The concept of a single word, as :meth:`analyse` would give it."""
        folded = fold(word)
        stem = self.res.stem(folded, language)
        return self.res.synonyms.get((language, (stem,)), stem)

    def related(self, a: str, b: str) -> bool:
        """Whether two concepts are listed as related (a weaker kind of synonym)."""
        return frozenset((a, b)) in self.res.related

    def expand_abbreviations(self, text: str,
                             found: list[tuple[str, str]] | None = None) -> str:
        """Replace the listed abbreviations ("Antr." → "Antrag").

        ``found`` collects (abbreviation as written, expansion) of every replacement.
        """
        if not self._abbreviation_long:
            return text

        def expand(match: re.Match[str]) -> str:
            long = self._abbreviation_long[int(match.lastgroup[1:])]
            if found is not None:
                found.append((match.group(0).strip(), long))
            return long

        return self._abbreviation_re.sub(expand, text)

    # --- internals ----------------------------------------------------------------

    def _language_score(self, tokens: list[Token]) -> int:
        """Positive for German evidence, negative for English."""
        score = 0
        for token in tokens:
            word = fold(token.lower.rstrip("."))
            if any(ch in token.lower for ch in "äöüß"):
                score += 2
            if word in self.res.stopwords["de"]:
                score += 1
            if word in self.res.stopwords["en"]:
                score -= 1
            if word in self.res.verbs["de"] or word in self.res.lexicon_de:
                score += 1
            if word in self.res.verbs["en"]:
                score -= 1
            elif (
                word not in self.res.known["de"]
                and self.morph.verb_of(word, "en")
                and not self.morph.verb_of(word, "de")
            ):
                # "Accepted", "Checking": English verb forms unknown in German.
                score -= 1
        return score

    def _analyse(self, text: str, language: str | None) -> LabelMeaning:
        notes: list[str] = []
        repaired = repair(text)
        abbreviations: list[tuple[str, str]] = []
        expanded = self.expand_abbreviations(repaired, abbreviations)
        if expanded != repaired:
            notes.append(f"Abkürzung aufgelöst: {expanded}")
        tokens = tokenise(expanded)
        if language is None:
            language = "en" if self._language_score(tokens) < 0 else "de"
        words = [fold(t.lower.rstrip(".")) for t in tokens]
        terms: list[tuple[Term, Token, bool]] = []  # term, first token, is a verb form
        i = 0
        stop = self.res.stopwords[language]
        while i < len(words):
            phrase = self._phrase_at(words, i, language)
            if phrase:
                length, concept = phrase
                surface = " ".join(t.surface for t in tokens[i:i + length])
                stem = " ".join(self.res.stem(w, language) for w in words[i:i + length])
                is_action = any(self.morph.verb_of(w, language)
                                for w in words[i:i + length])
                verb = concept if is_action else None
                term = Term(word=surface, stem=stem, concept=concept,
                            synonym=self.res.groups[concept].name, verb=verb)
                terms.append((term, tokens[i], verb is not None))
                i += length
                continue
            word = words[i]
            if word and word not in stop and not word.isdigit() and len(word) > 1:
                term, is_verb = self._term(word, tokens[i], language)
                terms.append((term, tokens[i], is_verb))
            i += 1
        terms = self._split_nominal_compounds(terms, language)
        if language == "en":
            terms = self._join_phrasal_verbs(terms, words, tokens)
        action_index = self._choose_action(terms, language)
        verbless = action_index is not None and not terms[action_index][2]
        action_index = self._resolve_light_verb(terms, action_index, language, notes)
        action = terms[action_index][0] if action_index is not None else None
        if action is not None and action.verb and action.verb != action.concept:
            # The action is compared as its verb: "Prüfung" acts as "prüfen".
            action = replace(action, concept=action.verb)
        objects = tuple(t for k, (t, _, _) in enumerate(terms) if k != action_index)
        if action is not None and len(action.parts) >= 2 and language == "de":
            # A compound that became the action ("Eingangsstempel anbringen") keeps its
            # first parts as the object: the stamp is put on the Eingang.
            split = self.morph.split_compound(fold(action.word))
            if len(split) == len(action.parts):
                stem, concept, synonym = self._lookup(split[-2], language)
                written = surface_parts(action.word, split)
                action = replace(action, word=_noun(written[-1], action.word))
                modifier = Term(word="".join(written[:-1]), stem=stem, concept=concept,
                                synonym=synonym, parts=action.parts[:-1]
                                if len(split) > 2 else ())
                objects = (modifier, *objects)
        if abbreviations:
            action, objects = _mark_abbreviations(action, objects, abbreviations)
        negated = any(w in NEGATIONS for w in words)
        return LabelMeaning(text=repaired, language=language, action=action,
                            objects=objects, notes=tuple(notes), negated=negated,
                            verbless=verbless)

    def _split_nominal_compounds(
        self, terms: list[tuple[Term, Token, bool]], language: str
    ) -> list[tuple[Term, Token, bool]]:
        """Split "Antragsprüfung" into the object "Antrag" and the action "Prüfung".

        A German compound whose head is a nominalised verb names an action on the
        object its first parts name; it reads like "Prüfung des Antrags". When the
        label has a verb of its own ("Baumfällgenehmigung erteilen"), the compound
        stays whole: it is the object.
        """
        if language != "de":
            return terms
        if any(is_verb and len(term.parts) < 2 and self.morph.verb_of(
                fold(term.word), language) not in LIGHT_VERBS[language]
               for term, _, is_verb in terms):
            return terms
        result = []
        for term, token, is_verb in terms:
            if len(term.parts) >= 2:
                split = self.morph.split_compound(fold(term.word))
                head_verb = self.morph.verb_of(split[-1], language)
                if head_verb:
                    modifier = split[:-1]
                    written = surface_parts(term.word, split)
                    stem, concept, synonym = self._lookup(modifier[-1], language)
                    result.append((
                        Term(word="".join(written[:-1]), stem=stem, concept=concept,
                             synonym=synonym, parts=term.parts[:-1]
                             if len(modifier) > 1 else ()),
                        token, False,
                    ))
                    h_stem, h_concept, h_syn = self._lookup(split[-1], language)
                    result.append((
                        Term(word=_noun(written[-1], term.word), stem=h_stem,
                             concept=h_concept, synonym=h_syn,
                             verb=self._lookup(head_verb, language)[1], nominal=True),
                        token, False,
                    ))
                    continue
            result.append((term, token, is_verb))
        return result

    def _join_phrasal_verbs(
        self, terms: list[tuple[Term, Token, bool]], words: list[str], tokens: list[Token]
    ) -> list[tuple[Term, Token, bool]]:
        """Read "hand the application over" as the phrase "hand over"."""
        for k, (_term, token, is_verb) in enumerate(terms):
            if not is_verb:
                continue
            for later in range(token.position + 2, len(words)):
                if words[later] not in PARTICLES:
                    continue
                verb_word = self.morph.verb_of(words[token.position], "en") or words[
                    token.position]
                key = ("en", (self.res.stem(verb_word, "en"),
                              self.res.stem(words[later], "en")))
                concept = self.res.synonyms.get(key)
                if concept:
                    phrase = f"{token.surface} … {tokens[later].surface}"
                    terms[k] = (Term(word=phrase, stem=" ".join(key[1]), concept=concept,
                                     synonym=self.res.groups[concept].name, verb=concept),
                                token, True)
                    return [item for item in terms if item[1].position != later]
            break
        return terms

    def _resolve_light_verb(
        self, terms: list[tuple[Term, Token, bool]], index: int | None, language: str,
        notes: list[str],
    ) -> int | None:
        """"Prüfung durchführen", "take interview": the noun carries the action."""
        if index is None:
            return None
        term = terms[index][0]
        verb_word = self.morph.verb_of(fold(term.word.split()[0]), language) or fold(
            term.word)
        if verb_word not in LIGHT_VERBS[language]:
            return index
        # The verbal noun nearest to the light verb carries the action.
        nearest = sorted((abs(k - index), k) for k, (other, _, _) in enumerate(terms)
                         if k != index and other.verb)
        if nearest:
            k = nearest[0][1]
            notes.append(f"Funktionsverb „{term.word}“: Handlung aus „{terms[k][0].word}“")
            del terms[index]
            return k if k < index else k - 1
        return index

    def _phrase_at(self, words: list[str], i: int, language: str) -> tuple[int, str] | None:
        for length in range(min(self.res.max_phrase, len(words) - i), 1, -1):
            key = (language, tuple(self.res.stem(w, language) for w in words[i:i + length]))
            concept = self.res.synonyms.get(key)
            if concept:
                return length, concept
        return None

    def _lookup(self, word: str, language: str) -> tuple[str, str, str | None]:
        """(stem, concept, synonym group name) of a single folded word."""
        stem = self.res.stem(word, language)
        concept = self.res.synonyms.get((language, (stem,)))
        if concept:
            return stem, concept, self.res.groups[concept].name
        return stem, stem, None

    def _term(self, word: str, token: Token, language: str) -> tuple[Term, bool]:
        corrected = None
        stem, concept, synonym = self._lookup(word, language)
        if synonym is None and "-" in word:
            # "Wohngeld-Antrag" is written "Wohngeldantrag" as well: one concept.
            stem, concept, synonym = self._lookup(word.replace("-", ""), language)
        known = synonym is not None or self.morph.is_known(word, language)
        verb_form = self.morph.verb_of(word, language)
        parts: tuple[str, ...] = ()
        if language == "de" and not known and verb_form is None:
            split = self.morph.split_compound(word)
            if len(split) > 1:
                parts = tuple(self._lookup(p, language)[1] for p in split)
                head = split[-1]
                # The compound is compared through its head as well ("Wohngeldantrag"
                # is an Antrag), and keeps its own stem as concept.
                known = True
                verb_head = self.morph.verb_of(head, language)
                if verb_head and head not in self.res.lexicon_de:
                    verb_form = verb_head
        if not known and verb_form is None and not synonym:
            fixed = self.morph.correct(word, language)
            if fixed and fixed != word:
                corrected = fixed
                stem, concept, synonym = self._lookup(fixed, language)
                verb_form = self.morph.verb_of(fixed, language)
        verb = self._lookup(verb_form, language)[1] if verb_form else None
        is_verb = verb_form is not None and self._reads_as_verb(word, token, language,
                                                                verb_form)
        if verb and verb == concept:
            verb = concept
        # A verb-derived word that does not act as the verb is its nominalisation
        # ("Prüfung", "Versand", "assessment"); a participle ("geprüft") is not.
        nominal = verb is not None and not is_verb and (language != "de" or token.capitalised)
        return (
            Term(word=token.surface.rstrip("."), stem=stem, concept=concept,
                 synonym=synonym, verb=verb, parts=parts, corrected=corrected,
                 nominal=nominal),
            is_verb,
        )

    @staticmethod
    def _reads_as_verb(word: str, token: Token, language: str, verb: str) -> bool:
        """Whether a verb-derived word acts as the verb of the label (not as a noun).

        German nouns are capitalised: a capitalised word is a verb only as the first
        word of a label ("Prüfe Antrag", "Prüfen der Unterlagen"). Nominalisations
        are never read as verbs here; they become the action only when the label has
        no verb at all.
        """
        if language == "de":
            nominal = word.endswith(("ung", "ation")) or word in NOUN_FORMS
            if nominal:
                return False
            return not token.capitalised or token.position == 0
        return word == verb or word.endswith(("ed", "ing", "s"))

    @staticmethod
    def _choose_action(terms: list[tuple[Term, Token, bool]], language: str) -> int | None:
        """Index of the term that is the action, or None.

        German labels put the infinitive last ("Antrag prüfen") or an imperative first
        ("Prüfe Antrag"); English ones put the verb first ("Check application"). When
        no word reads as a verb, the first nominalisation is the action ("Prüfung der
        Unterlagen", "Assessment of application").
        """
        verbs = [k for k, (_, _, is_verb) in enumerate(terms) if is_verb]
        if verbs:
            if language == "de":
                first_token = terms[verbs[0]][1]
                return verbs[0] if first_token.position == 0 and len(verbs) == 1 else verbs[-1]
            return verbs[0]
        nominal = [k for k, (term, _, _) in enumerate(terms) if term.verb]
        return nominal[0] if nominal else None


def _noun(part: str, whole: str) -> str:
    """A compound's head as a word of its own: capitalised like the compound."""
    if whole[:1].isupper() and part[:1].islower():
        return part[:1].upper() + part[1:]
    return part


def _mark_abbreviations(action: Term | None, objects: tuple[Term, ...],
                        found: list[tuple[str, str]]) -> tuple[Term | None, tuple[Term, ...]]:
    """Note on each term that came from an abbreviation what the label wrote ("Antr.")."""
    written = {}
    for short, long in found:
        for word in long.split():
            written.setdefault(fold(word), short)

    def mark(term: Term) -> Term:
        short = written.get(fold(term.word))
        return replace(term, abbreviation=short) if short else term

    return (mark(action) if action else None), tuple(mark(t) for t in objects)
