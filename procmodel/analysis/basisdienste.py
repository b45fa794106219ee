"""Basisdienste and media breaks: what a step does that a shared component would do.

A step *uses* a Basisdienst when its label names the shared component ("Login mit
BundID", "Zahlung über ePayBL"). It *builds it itself* when it does the same job
without naming any shared component ("Identität anhand Ausweiskopie prüfen",
"Rechnung stellen und Zahlungseingang überwachen"). Both are recognised from the
label's words and concepts (so synonyms and typos count), never from ids.

Media breaks (Medienbrüche) are steps that print, scan, sign by hand, send by post
or fax, or type data in again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from procmodel.labels import LabelLanguage, LabelMeaning, fold


@dataclass(frozen=True)
class Component:
    """One Basisdienst: names of the shared components and what doing it oneself looks like.

    ``names`` are folded words or phrases that name a shared component. A step does
    the job itself when its action is one of ``actions`` (concepts of these verbs)
    together with an object among ``objects``, or when it names one of ``own_words``.
    """

    key: str
    title: str
    names: tuple[str, ...]
    actions: tuple[str, ...]
    objects: tuple[str, ...]
    own_words: tuple[str, ...] = ()


COMPONENTS: tuple[Component, ...] = (
    Component("identifikation", "Identifizierung (BundID, DeutschlandID, Mein "
              "Unternehmenskonto, Online-Ausweis)",
              ("bundid", "deutschlandid", "deutschland-id", "mein unternehmenskonto",
               "unternehmenskonto", "online-ausweis", "onlineausweis", "eid",
               "servicekonto", "nutzerkonto bund", "elster-zertifikat"),
              ("identifizieren", "prufen", "registrieren", "erfassen", "kopieren"),
              ("identitat", "ausweis", "personalausweis", "reisepass", "benutzerkonto",
               "zugangsdaten", "passwort"),
              ("ausweiskopie", "identitatsprufung", "identitatsnachweis")),
    Component("bezahlen", "Bezahlen (ePayBL, pmPayment)",
              ("epaybl", "pmpayment", "pm-payment", "epayment", "e-payment", "paypal",
               "giropay", "bezahlplattform", "payment-plattform"),
              ("bezahlen", "prufen", "uberwachen", "erstellen", "versenden", "buchen"),
              ("gebuhr", "rechnung", "zahlungseingang", "kassenzeichen", "uberweisung",
               "zahlung", "bankverbindung"),
              ("barzahlung", "kassenautomat", "zahlungseingang", "uberweisungstrager")),
    Component("postfach", "Postfach (Bürger- und Organisationspostfach)",
              ("postfach", "burgerpostfach", "organisationspostfach", "behordenpostfach",
               "servicekonto-postfach", "bundid-postfach"),
              ("versenden", "benachrichtigen", "zustellen"),
              ("e-mail", "email", "mail"),
              ("e-mail", "email")),
    Component("transport", "Übermittlung an das Fachverfahren (FIT-Connect, XTA, OSCI)",
              ("fit-connect", "fitconnect", "xta", "osci", "xoev", "xdomea"),
              ("weiterleiten", "versenden", "erfassen", "ubertragen"),
              ("fachverfahren", "fachanwendung", "datensatz", "antragsdaten"),
              ("manuell ubertragen", "export", "csv")),
    Component("formular", "Online-Formular (Formularserver, Antragsassistent)",
              ("formularserver", "online-formular", "onlineformular", "onlineantrag",
               "online-antrag", "antragsassistent", "formularmanagement",
               "formular-management", "online-dienst", "onlinedienst", "apply online",
               "online form"),
              ("ausfullen", "erstellen", "versenden", "bereitstellen", "drucken"),
              ("papierformular", "pdf-formular", "formular", "vordruck"),
              ("papierformular", "pdf-formular", "vordruck")),
    Component("e-akte", "E-Akte (Dokumentenmanagement)",
              ("e-akte", "eakte", "elektronische akte", "dms", "dokumentenmanagementsystem",
               "dokumentenmanagement", "vis-suite", "e-akte-system"),
              ("archivieren", "erstellen", "ablegen"),
              ("akte", "papierakte", "ordner", "aktenordner", "registratur"),
              ("papierakte", "aktenordner", "abheften", "registratur")),
    Component("nachweisabruf", "Nachweisabruf (NOOTS, Once-Only)",
              ("noots", "nachweisabruf", "once-only", "onceonly", "xnachweis",
               "registerabruf", "registerabfrage", "datenabruf"),
              ("anfordern", "einreichen", "empfangen", "prufen"),
              ("nachweis", "bescheinigung", "urkunde", "meldebescheinigung",
               "geburtsurkunde", "zeugnis", "beleg"),
              ()),
)

_MEDIA_BREAKS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    # kind, actions (verb concepts), words
    ("print", ("drucken",), ("ausdruck", "papierformular", "print")),
    ("scan", ("scannen",), ("scan", "eingescannt")),
    ("sign", ("unterschreiben",), ("handschriftlich", "unterschrift", "signature",
                                   "by hand")),
    ("post", (), ("post", "postweg", "postalisch", "briefpost", "per brief", "by post",
                  "by mail", "einschreiben mit ruckschein", "postversand")),
    ("fax", ("faxen",), ("fax", "telefax", "per fax")),
    ("retype", (), ("abtippen", "manuell erfassen", "manuell ubertragen", "manuell eingeben",
                    "erneut erfassen", "erneut eingeben", "nochmals erfassen", "retype",
                    "re-enter", "manually enter", "enter again")),
)
_DIGITAL = ("elektronisch", "digital", "qualifiziert", "online", "electronic", "e-mail",
            "email", "qes")


def _text(meaning: LabelMeaning) -> str:
    return " " + " ".join(fold(meaning.text).replace(",", " ").split()) + " "


def _has(text: str, words: Iterable[str]) -> str | None:
    for word in words:
        if f" {word} " in text or (len(word) > 4 and word in text):
            return word
    return None


class Recogniser:
    """Recognises Basisdienst steps and media breaks with one label language."""

    def __init__(self, language: LabelLanguage) -> None:
        self.language = language
        self._actions = {
            c.key: {language.concept(a, "de") for a in c.actions} | set(c.actions)
            for c in COMPONENTS
        }
        self._media_actions = {
            kind: {language.concept(a, "de") for a in actions}
            for kind, actions, _ in _MEDIA_BREAKS
        }

    def basisdienst(self, meaning: LabelMeaning) -> list[tuple[Component, str, str]]:
        """(component, "shared" or "own", evidence) for every component the step touches."""
        text = _text(meaning)
        found = []
        concepts = {t.concept for t in meaning.terms} | {p for t in meaning.terms
                                                         for p in t.parts}
        words = {fold(t.word) for t in meaning.terms} | {
            fold(t.corrected) for t in meaning.terms if t.corrected}
        for component in COMPONENTS:
            shared = _has(text, component.names)
            if shared:
                found.append((component, "shared", shared))
                continue
            own = _has(text, component.own_words) if component.own_words else None
            action = meaning.action.concept if meaning.action else None
            object_hit = next((o for o in component.objects
                               if o in words or self.language.concept(o) in concepts
                               or any(w.endswith(o) for w in words if len(o) > 4)), None)
            if own or (action in self._actions[component.key] and object_hit):
                evidence = own or f"{meaning.action.word if meaning.action else ''} " \
                                  f"{object_hit}".strip()
                found.append((component, "own", evidence))
        return found

    def media_breaks(self, meaning: LabelMeaning) -> list[tuple[str, str]]:
        """(kind, evidence) of every media break in the step's label."""
        text = _text(meaning)
        digital = _has(text, _DIGITAL)
        action = meaning.action.concept if meaning.action else None
        result = []
        for kind, _, words in _MEDIA_BREAKS:
            evidence = None
            if action and action in self._media_actions[kind] and meaning.action:
                evidence = meaning.action.word
            else:
                evidence = _has(text, words)
            if evidence and not (digital and kind in ("sign", "post", "retype")):
                result.append((kind, evidence))
        return result
