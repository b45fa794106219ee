"""The language resources shipped in ``procmodel/labels/data`` and how they are read.

Word lists are plain UTF-8 text, one entry a line, ``#`` starts a comment. They are
read once per :class:`Resources` (the default set is cached), never downloaded.

Files:

``stopwords.de.txt`` / ``stopwords.en.txt``
    words without meaning for matching.
``verbs.de.txt`` / ``verbs.en.txt``
    infinitives; they tell the action of a label from its object.
``lexicon.de.txt``
    German nouns and compound parts for compound splitting.
``synonyms.txt``
    synonym groups (format in the file's header); a city adds its own file with the
    same format through the ``SYNONYMS_FILE`` setting.
``abbreviations.txt``
    ``abbreviation = expansion``.
``manner.txt``
    words that name a channel or manner ("Post", "online"); they weigh little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

import snowballstemmer

from procmodel.labels.text import fold

LANGUAGES = ("de", "en")
_STEMMER_NAMES = {"de": "german", "en": "english"}


class ResourceError(ValueError):
    """A word list (shipped or configured) cannot be read; the message names file and line."""


def _data_text(name: str) -> str:
    return importlib_resources.files("procmodel.labels").joinpath("data", name).read_text(
        encoding="utf-8"
    )


def _lines(text: str) -> list[tuple[int, str]]:
    result = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            result.append((number, line))
    return result


class Stemmer:
    """Snowball stemmers for German and English with a cache (labels repeat a lot)."""

    def __init__(self) -> None:
        self._stemmers = {
            lang: snowballstemmer.stemmer(name) for lang, name in _STEMMER_NAMES.items()
        }
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, language: str) -> str:
        """The stem of a folded word (``fold`` already applied)."""
        key = (language, word)
        stem = self._cache.get(key)
        if stem is None:
            stem = self._stemmers[language].stemWord(word)
            self._cache[key] = stem
        return stem


@dataclass
class SynonymGroup:
    """One synonym group: its name (the first word) and its words per language."""

    name: str
    words: dict[str, list[str]] = field(default_factory=dict)

    @property
    def concept(self) -> str:
        return "syn:" + fold(self.name)


@dataclass
class Resources:
    """All word lists of the label language, folded and stemmed for lookup.

    ``synonyms`` maps ``(language, stems of the words)`` to a group; phrases of several
    words are keyed by the tuple of their stems. ``related`` holds unordered pairs of
    group concepts that match with a lower score.
    """

    stemmer: Stemmer
    stopwords: dict[str, frozenset[str]]
    verbs: dict[str, frozenset[str]]
    verb_by_stem: dict[str, dict[str, str]]
    lexicon_de: frozenset[str]
    groups: dict[str, SynonymGroup]
    synonyms: dict[tuple[str, tuple[str, ...]], str]
    related: frozenset[frozenset[str]]
    abbreviations: list[tuple[re.Pattern[str], str]]
    max_phrase: int = 1
    known: dict[str, frozenset[str]] = field(default_factory=dict)
    collisions: list[str] = field(default_factory=list)
    #: stems of words that name a channel or manner ("per Post", "online")
    manner: frozenset[str] = frozenset()

    def stem(self, word: str, language: str) -> str:
        return self.stemmer(word, language)

    def group_of(self, concept: str) -> SynonymGroup | None:
        return self.groups.get(concept)


def _parse_synonym_line(line: str) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {"de": [], "en": []}
    for part in line.split("|"):
        part = part.strip()
        languages: tuple[str, ...] = LANGUAGES
        match = re.match(r"^(de|en)\s*:\s*", part)
        if match:
            languages = (match.group(1),)
            part = part[match.end():]
        for word in part.split(","):
            word = " ".join(word.split())
            if word:
                for language in languages:
                    words[language].append(word)
    return words


def _add_synonyms(res: Resources, text: str, source: str, *, extend: bool = False) -> None:
    """Add the groups of one synonym file.

    With ``extend`` (a city's own file) a group that shares a word with a known
    group is merged into it; otherwise a word already taken by an earlier group is
    recorded in ``res.collisions`` and stays with that group.
    """
    related_lines: list[tuple[int, str]] = []
    for number, line in _lines(text):
        if line.startswith("~"):
            related_lines.append((number, line[1:]))
            continue
        words = _parse_synonym_line(line)
        first = next((w for lang in LANGUAGES for w in words[lang]), None)
        if first is None:
            raise ResourceError(f"{source}:{number}: Synonymgruppe ohne Wörter / empty group")
        # A user group that shares a word with a shipped group extends that group.
        concept = None
        for language in LANGUAGES if extend else ():
            for word in words[language]:
                key = (language, _phrase_key(res, word, language))
                if key in res.synonyms:
                    concept = res.synonyms[key]
                    break
            if concept:
                break
        group = res.groups.get(concept) if concept else None
        if group is None:
            group = SynonymGroup(name=first)
            res.groups[group.concept] = group
        for language in LANGUAGES:
            for word in words[language]:
                key = (language, _phrase_key(res, word, language))
                res.max_phrase = max(res.max_phrase, len(key[1]))
                # The first group that names a word keeps it: a later, unrelated
                # group cannot silently take it over.
                held = res.synonyms.setdefault(key, group.concept)
                if held != group.concept:
                    res.collisions.append(f"{source}:{number}: {word} ({held})")
                group.words.setdefault(language, []).append(word)
    pairs = set(res.related)
    for number, line in related_lines:
        names = [w.strip() for w in line.split(",") if w.strip()]
        concepts = []
        for name in names:
            concept = next(
                (
                    res.synonyms[(lang, _phrase_key(res, name, lang))]
                    for lang in LANGUAGES
                    if (lang, _phrase_key(res, name, lang)) in res.synonyms
                ),
                None,
            )
            if concept is None:
                raise ResourceError(
                    f"{source}:{number}: „{name}“ ist in keiner Synonymgruppe / "
                    f"not in any synonym group"
                )
            concepts.append(concept)
        for i, a in enumerate(concepts):
            for b in concepts[i + 1:]:
                if a != b:
                    pairs.add(frozenset((a, b)))
    res.related = frozenset(pairs)


def _phrase_key(res: Resources, phrase: str, language: str) -> tuple[str, ...]:
    return tuple(res.stem(fold(w), language) for w in re.split(r"[\s]+", phrase) if w)


def _parse_abbreviations(text: str) -> list[tuple[re.Pattern[str], str]]:
    result = []
    for number, line in _lines(text):
        if "=" not in line:
            raise ResourceError(f"abbreviations.txt:{number}: '=' fehlt / missing '='")
        short, long = (part.strip() for part in line.split("=", 1))
        body = re.escape(short).replace(r"\ ", r"\s*")
        # An abbreviation with a final dot ends there; one without must end the word.
        tail = "" if short.endswith(".") else r"(?![\w-])"
        pattern = rf"(?<![\w.-]){body}{tail}"
        flags = 0 if short.isupper() else re.IGNORECASE
        result.append((re.compile(pattern, flags), long))
    # Longer abbreviations first, so that "z. B." wins over "B.".
    result.sort(key=lambda item: -len(item[0].pattern))
    return result


def load_resources(extra_synonyms: str | Path | None = None) -> Resources:
    """Read the shipped word lists, plus a city's synonym file when one is given."""
    stemmer = Stemmer()
    stopwords = {
        lang: frozenset(fold(w) for _, w in _lines(_data_text(f"stopwords.{lang}.txt")))
        for lang in LANGUAGES
    }
    verbs = {
        lang: frozenset(fold(w) for _, w in _lines(_data_text(f"verbs.{lang}.txt")))
        for lang in LANGUAGES
    }
    verb_by_stem = {
        lang: {stemmer(v, lang): v for v in sorted(verbs[lang])} for lang in LANGUAGES
    }
    lexicon_de = frozenset(fold(w) for _, w in _lines(_data_text("lexicon.de.txt")))
    res = Resources(
        stemmer=stemmer,
        stopwords=stopwords,
        verbs=verbs,
        verb_by_stem=verb_by_stem,
        lexicon_de=lexicon_de,
        groups={},
        synonyms={},
        related=frozenset(),
        abbreviations=_parse_abbreviations(_data_text("abbreviations.txt")),
    )
    _add_synonyms(res, _data_text("synonyms.txt"), "synonyms.txt")
    manner = set()
    for _, word in _lines(_data_text("manner.txt")):
        for lang in LANGUAGES:
            manner.add(" ".join(stemmer(fold(w), lang) for w in word.split()))
    res.manner = frozenset(manner)
    if extra_synonyms:
        path = Path(extra_synonyms)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ResourceError(
                f"{path}: Synonymdatei nicht lesbar / synonym file unreadable: {exc}"
            ) from exc
        _add_synonyms(res, text, str(path), extend=True)
    _verbs_from_synonyms(res)
    for lang in LANGUAGES:
        words = set(res.verbs[lang])
        words.update(w for group in res.groups.values() for w in group.words.get(lang, ())
                     if " " not in w)
        if lang == "de":
            words.update(lexicon_de)
        res.known[lang] = frozenset(fold(w) for w in words)
    return res


def _verbs_from_synonyms(res: Resources) -> None:
    """Every single word of a group that contains a known verb is a verb too.

    So a city's "rausschicken" added to the group of "versenden" acts as a verb.
    """
    for lang in LANGUAGES:
        verbs = set(res.verbs[lang])
        for group in res.groups.values():
            words = [fold(w) for w in group.words.get(lang, ()) if " " not in w]
            if any(w in res.verbs[lang] for w in words):
                verbs.update(words)
        res.verbs[lang] = frozenset(verbs)
        for verb in sorted(verbs):
            res.verb_by_stem[lang].setdefault(res.stem(verb, lang), verb)


@lru_cache(maxsize=8)
def default_resources(extra_synonyms: str | None = None) -> Resources:
    """The shipped resources (plus one synonym file), read once per process."""
    return load_resources(extra_synonyms)
