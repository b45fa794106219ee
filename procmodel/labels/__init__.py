"""The label language: what a step's label means, in German and English.

A label goes through line-break repair, abbreviation expansion, tokenising, case,
umlaut and ß folding, stop words, Snowball stemming, compound splitting, typo
correction against the shipped word lists, and is split into an action (verb, also
from nominalisations and participles) and business objects. Words are compared as
*concepts*: synonym groups from ``data/synonyms.txt`` (extended by a city's file,
setting ``SYNONYMS_FILE``) or stems.

>>> meaning = default_language().analyse("Prüfung der Unterlagen")
>>> meaning.action.concept == default_language().analyse("Unterlagen prüfen").action.concept
True

This package imports nothing outside the standard library and ``snowballstemmer``.
"""

from __future__ import annotations

from functools import lru_cache

from procmodel.labels.analyzer import LabelLanguage, LabelMeaning, Term
from procmodel.labels.resources import (
    ResourceError,
    Resources,
    default_resources,
    load_resources,
)
from procmodel.labels.text import edit_distance, fold, repair, tokenise


@lru_cache(maxsize=8)
def default_language(synonyms_file: str | None = None) -> LabelLanguage:
    """The shared :class:`LabelLanguage` for the shipped resources (plus a synonym file)."""
    return LabelLanguage(default_resources(synonyms_file))


def analyse_label(text: str | None, language: str | None = None) -> LabelMeaning:
    """Shortcut: the meaning of one label with the default resources."""
    return default_language().analyse(text, language)


__all__ = [
    "LabelLanguage",
    "LabelMeaning",
    "ResourceError",
    "Resources",
    "Term",
    "analyse_label",
    "default_language",
    "default_resources",
    "edit_distance",
    "fold",
    "load_resources",
    "repair",
    "tokenise",
]
