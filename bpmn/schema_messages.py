"""Readable German and English wording for libxml2's XML-Schema messages.

libxml2 reports schema violations in terse English with Clark-notation names
("Element '{http://…/MODEL}task', attribute 'id': 'x' is not a valid value of the
atomic type 'xs:ID'.").  :func:`paraphrase` recognises the common messages and says
the same in plain German and English, naming elements with their usual prefixes
(``bpmn:``, ``bpmndi:``, ``dc:``, ``di:``).  The original text is kept by the caller
as a detail; a message not recognised here is passed on as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bpmn import namespaces as ns

PREFIXES = {
    f"{{{ns.MODEL}}}": "bpmn:",
    f"{{{ns.BPMNDI}}}": "bpmndi:",
    f"{{{ns.DC}}}": "dc:",
    f"{{{ns.DI}}}": "di:",
    f"{{{ns.XSI}}}": "xsi:",
}

#: How many allowed elements/values are listed before "und N weitere".
_LIST_MAX = 10


def with_prefixes(text: str) -> str:
    """``text`` with the well-known namespaces written as their usual prefixes."""
    for clark, prefix in PREFIXES.items():
        text = text.replace(clark, prefix)
    return text


@dataclass(frozen=True)
class Paraphrase:
    """A schema message in German and English; ``element`` is the failing element's
    name as written in the message (``bpmn:task``), where the message names one."""

    de: str
    en: str
    element: str | None = None


# "Element 'E'" or "Element 'E', attribute 'A'" at the start of every message.
_HEAD = re.compile(r"^Element '(?P<element>[^']+)'(?:, attribute '(?P<attribute>[^']+)')?: ")
_EXPECTED = re.compile(r"Expected is (?:one of )?\( (?P<items>.*) \)\.?$", re.S)
_TYPE_NAMES = {
    "xs:boolean": ("ein Wahrheitswert (true oder false)", "a boolean (true or false)"),
    "xs:integer": ("eine ganze Zahl", "a whole number"),
    "xs:int": ("eine ganze Zahl", "a whole number"),
    "xs:double": ("eine Zahl", "a number"),
    "xs:float": ("eine Zahl", "a number"),
    "xs:decimal": ("eine Zahl", "a number"),
    "xs:anyURI": ("eine URI", "a URI"),
    "xs:QName": ("ein qualifizierter Name (Präfix:Name)", "a qualified name (prefix:name)"),
    "xs:IDREF": ("die ID eines Elements dieser Datei", "the id of an element of this file"),
}


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _listing(items: list[str], language: str) -> str:
    shown = ", ".join(items[:_LIST_MAX])
    rest = len(items) - _LIST_MAX
    if rest > 0:
        shown += f" und {rest} weitere" if language == "de" else f" and {rest} more"
    return shown


def paraphrase(message: str) -> Paraphrase | None:
    """German and English wording of a libxml2 schema message; ``None`` if unknown."""
    text = with_prefixes(message.strip())
    head = _HEAD.match(text)
    if head is None:
        return None
    element, attribute = head["element"], head["attribute"]
    rest = text[head.end():]
    tag = f"<{element}>"
    found = _paraphrase_rest(rest, tag, attribute)
    if found is None:
        return None
    return Paraphrase(found[0], found[1], element)


def _paraphrase_rest(rest: str, tag: str, attribute: str | None) -> tuple[str, str] | None:
    expected = _EXPECTED.search(rest)
    allowed = _items(expected["items"]) if expected else []
    if rest.startswith("This element is not expected."):
        de = f"Das Element {tag} ist an dieser Stelle nicht erlaubt."
        en = f"The element {tag} is not allowed at this position."
        if allowed:
            de += f" Erlaubt wäre hier: {_listing(allowed, 'de')}."
            en += f" Allowed here: {_listing(allowed, 'en')}."
        return de, en
    if rest.startswith("Missing child element(s)."):
        de = f"Dem Element {tag} fehlt ein vorgeschriebenes Kindelement"
        en = f"The element {tag} lacks a required child element"
        if allowed:
            de += f"; erwartet wird: {_listing(allowed, 'de')}"
            en += f"; expected: {_listing(allowed, 'en')}"
        return de + ".", en + "."
    if m := re.match(r"The attribute '([^']+)' is required but missing\.", rest):
        return (f"Dem Element {tag} fehlt das Pflichtattribut „{m[1]}“.",
                f"The element {tag} lacks the required attribute '{m[1]}'.")
    if m := re.match(r"The attribute '([^']+)' is not allowed\.", rest):
        return (f"Das Attribut „{m[1]}“ ist am Element {tag} nicht erlaubt.",
                f"The attribute '{m[1]}' is not allowed on the element {tag}.")
    if m := re.match(r"\[facet 'enumeration'\] The value '([^']*)' is not an element of the "
                     r"set \{(.*)\}\.", rest, re.S):
        values = [v.strip().strip("'") for v in m[2].split(",")]
        where = f"des Attributs „{attribute}“ " if attribute else ""
        where_en = f"of the attribute '{attribute}' " if attribute else ""
        return (f"Der Wert „{m[1]}“ {where}am Element {tag} ist nicht zulässig; erlaubt sind: "
                f"{_listing(values, 'de')}.",
                f"The value '{m[1]}' {where_en}on the element {tag} is not allowed; allowed "
                f"are: {_listing(values, 'en')}.")
    if m := re.match(r"'([^']*)' is not a valid value of the (?:atomic|list) type '([^']+)'\.",
                     rest):
        return _invalid_value(m[1], m[2], tag, attribute)
    if m := re.match(r"The QName value '([^']*)' has no corresponding namespace declaration "
                     r"in scope\.", rest):
        prefix = m[1].partition(":")[0]
        where = f"des Attributs „{attribute}“ " if attribute else ""
        where_en = f"of the attribute '{attribute}' " if attribute else ""
        return (f"Der Wert „{m[1]}“ {where}am Element {tag} benutzt das Präfix „{prefix}“, das "
                "hier nicht deklariert ist (xmlns fehlt).",
                f"The value '{m[1]}' {where_en}on the element {tag} uses the prefix "
                f"'{prefix}', which is not declared here (xmlns missing).")
    if rest.startswith("No matching global element declaration available, but demanded by "
                       "the strict wildcard."):
        return (f"Das Element {tag} aus einem fremden Namensraum ist an dieser Stelle nicht "
                "erlaubt; Erweiterungen von Werkzeugen gehören in <bpmn:extensionElements>.",
                f"The element {tag} from a foreign namespace is not allowed at this position; "
                "tool extensions belong in <bpmn:extensionElements>.")
    return None


def _invalid_value(value: str, type_name: str, tag: str,
                   attribute: str | None) -> tuple[str, str]:
    where = f"des Attributs „{attribute}“ " if attribute else ""
    where_en = f"of the attribute '{attribute}' " if attribute else ""
    if type_name == "xs:ID":
        return (f"„{value}“ ist als ID am Element {tag} ungültig: IDs müssen in der Datei "
                "eindeutig sein und mit einem Buchstaben oder „_“ beginnen (danach Buchstaben, "
                "Ziffern, „-“, „_“, „.“).",
                f"'{value}' is not a valid id on the element {tag}: ids must be unique within "
                "the file and start with a letter or '_' (then letters, digits, '-', '_', '.').")
    if type_name == "xs:IDREF":
        return (f"Der Verweis „{value}“ {where}am Element {tag} ist ungültig: erwartet wird die "
                "ID eines Elements dieser Datei.",
                f"The reference '{value}' {where_en}on the element {tag} is invalid: expected "
                "the id of an element of this file.")
    german, english = _TYPE_NAMES.get(
        type_name, (f"ein Wert vom Typ {type_name}", f"a value of type {type_name}"))
    return (f"Der Wert „{value}“ {where}am Element {tag} ist ungültig: erwartet wird {german}.",
            f"The value '{value}' {where_en}on the element {tag} is invalid: expected {english}.")
