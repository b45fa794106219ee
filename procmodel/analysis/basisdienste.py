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
from procmodel.labels.text import surface_parts


@dataclass(frozen=True)
class Rule:
    """Doing a Basisdienst's job oneself: one of ``actions`` (verbs, compared as
    concepts) on one of ``objects`` (nouns, also as compound parts)."""

    actions: tuple[str, ...]
    objects: tuple[str, ...]


@dataclass(frozen=True)
class Component:
    """One Basisdienst: how a label names the shared component, and what doing its
    job without it looks like.

    ``names`` are folded words or phrases that name a shared component (long ones also
    inside compounds: "BundID-Konto"); ``codes`` are abbreviations matched as written,
    case-sensitively ("MUK", "eID", "nPA": "Eid" is an oath). A step does the job itself
    when it matches one of ``rules`` or names one of ``own_words``, and none of
    ``not_words``: these mark work that only looks alike (a travel-expense
    *Abrechnung* or a supplier's *Rechnung* is not a citizen paying a fee).
    """

    key: str
    title: str
    title_en: str
    names: tuple[str, ...]
    codes: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    own_words: tuple[str, ...] = ()
    not_words: tuple[str, ...] = ()
    #: for own work: at least one of these must be in the label as well (empty: no
    #: condition), e.g. the Postfach replaces e-mail to the *applicant* only
    also_needs: tuple[str, ...] = ()


_CHECK = ("prufen", "kontrollieren", "feststellen", "abgleichen", "identifizieren")
_FILE_PAPER = ("archivieren", "ablegen", "anlegen", "erstellen")

COMPONENTS: tuple[Component, ...] = (
    Component(
        "identifikation",
        "Identifizierung (BundID, DeutschlandID, Mein Unternehmenskonto, Online-Ausweis)",
        "Identification (BundID, DeutschlandID, Mein Unternehmenskonto, eID)",
        names=("bundid", "bund-id", "deutschlandid", "deutschland-id",
               "mein unternehmenskonto", "unternehmenskonto", "online-ausweis",
               "onlineausweis", "ausweisapp", "ausweisfunktion", "eid-funktion",
               "servicekonto", "nutzerkonto bund", "elster-zertifikat", "elster",
               "bayernid"),
        codes=("MUK", "eID", "nPA"),
        rules=(Rule((*_CHECK, "kopieren"), ("identitat", "ausweis", "personalausweis",
                                             "reisepass", "ausweisdokument")),
               Rule(("registrieren", "anlegen", "erstellen", "vergeben"),
                    ("benutzerkonto", "zugangsdaten", "passwort", "kennwort"))),
        own_words=("ausweiskopie", "identitatsprufung"),
        # Accounts of the city's own staff are IT administration, not a citizen login.
        not_words=("verzeichnisdienst", "active directory", "mitarbeit", "beschaftigt",
                   "dienstlich", "intern")),
    Component(
        "bezahlen", "Bezahlen (ePayBL, pmPayment)", "Payment (ePayBL, pmPayment)",
        names=("epaybl", "pmpayment", "pm-payment", "epayment", "e-payment", "paypal",
               "giropay", "paydirekt", "bezahlplattform", "payment-plattform",
               "zahlungsplattform", "bezahldienst"),
        # A citizen or company pays a fee or charge; the office collects it.
        rules=(Rule(("bezahlen", "einziehen", "erheben", "kassieren", "vereinnahmen",
                     "abbuchen"),
                    ("gebuhr", "entgelt", "kosten", "betrag", "zahlung", "abgabe",
                     "verwarngeld", "bussgeld", "kassenzeichen", "beitrag")),
               Rule(("uberwachen", "buchen", *_CHECK), ("zahlungseingang", "gebuhreneingang",
                                                        "zahlung"))),
        own_words=("barzahlung", "bar bezahlen", "kassenautomat", "zahlungseingang",
                   "uberweisungstrager"),
        not_words=("lieferant", "rechnungseingang", "eingangsrechnung", "abrechnung",
                   "dienstreise", "reisekost", "gehalt", "auszahl", "erstatt",
                   "mittelabfluss")),
    Component(
        "postfach", "Postfach (Bürger- und Organisationspostfach)",
        "Mailbox (citizen and organisation mailbox)",
        names=("postfach", "burgerpostfach", "organisationspostfach", "behordenpostfach",
               "servicekonto-postfach", "bundid-postfach", "bayernportal",
               "service-bw", "mein postfach"),
        codes=("beBPo",),
        # Mail to the applicant about the case; e-mail between offices is no Postfach job.
        rules=(Rule(("versenden", "benachrichtigen", "zustellen", "mitteilen"),
                    ("e-mail", "email", "mail")),),
        own_words=("e-mail", "email"),
        not_words=("amt", "fachamt", "it", "kollege", "mitarbeit", "vorgesetzt", "intern",
                   "leitung", "dienststelle", "abteilung", "referat"),
        also_needs=("antragsteller", "burger", "kunde", "bescheid", "bestatigung", "zusage",
                    "absage", "nachforderung", "ablehnung", "genehmigung", "termin",
                    "nachricht", "eingangsbestatigung", "unternehmen", "gewerbetreibend")),
    Component(
        "transport", "Übermittlung an das Fachverfahren (FIT-Connect, XTA, OSCI)",
        "Transport to the back-office system (FIT-Connect, XTA, OSCI)",
        names=("fit-connect", "fitconnect", "xta", "osci", "xoev", "xov", "xdomea"),
        codes=("XTA", "OSCI"),
        rules=(Rule(("weiterleiten", "erfassen", "ubertragen", "eingeben"),
                    ("fachverfahren", "fachanwendung", "datensatz", "antragsdaten")),),
        own_words=("manuell ubertragen",)),
    Component(
        "formular", "Online-Formular (Formularserver, Antragsassistent)",
        "Online form (form server, application assistant)",
        names=("formularserver", "online-formular", "onlineformular", "onlineantrag",
               "online-antrag", "antragsassistent", "formularmanagement",
               "formular-management", "online-dienst", "onlinedienst", "form-solutions",
               "formsolutions", "apply online", "online form"),
        rules=(Rule(("ausfullen", "erstellen", "versenden", "bereitstellen", "drucken"),
                    ("papierformular", "pdf-formular", "formular", "vordruck")),),
        own_words=("papierformular", "pdf-formular", "vordruck")),
    Component(
        "e-akte", "E-Akte (Dokumentenmanagement)", "E-file (document management)",
        names=("e-akte", "eakte", "elektronische akte", "dokumentenmanagementsystem",
               "dokumentenmanagement", "vis-suite", "enaio", "d.velop", "dvelop", "nscale",
               "regisafe", "codia", "doxis", "e-akte-system"),
        codes=("DMS",),
        rules=(Rule(_FILE_PAPER, ("akte", "papierakte", "handakte", "ordner", "aktenordner",
                                  "registratur")),),
        own_words=("papierakte", "handakte", "aktenordner", "abheften", "registratur")),
    Component(
        "nachweisabruf", "Nachweisabruf (NOOTS, Once-Only)",
        "Evidence retrieval (NOOTS, once-only)",
        names=("noots", "nachweisabruf", "once-only", "onceonly", "xnachweis",
               "registerabruf", "registerabfrage", "datenabruf"),
        codes=("NOOTS",),
        rules=(Rule(("anfordern", "einreichen", "empfangen", "prufen", "sichten"),
                    ("nachweis", "bescheinigung", "urkunde", "meldebescheinigung",
                     "geburtsurkunde", "zeugnis")),),
        not_words=("beleg", "abrechnung", "reisekost", "dienstreise", "rechnung")),
    Component(
        "zustaendigkeit", "Zuständigkeitsfinder (PVOG)", "Responsibility finder (PVOG)",
        names=("pvog", "zustandigkeitsfinder", "portalverbund"),
        codes=("PVOG", "ZuFi")),
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
    return " " + " ".join(fold(meaning.text).replace(",", " ").replace("(", " ")
                          .replace(")", " ").replace("/", " ").split()) + " "


def _has(text: str, words: Iterable[str]) -> str | None:
    for word in words:
        if f" {word} " in text or (len(word) > 4 and word in text):
            return word
    return None


def _written(meaning: LabelMeaning, folded: str) -> str:
    """The label's own spelling of the word(s) that contain a folded phrase."""
    text = meaning.text
    part = surface_parts(text, [folded])[0]
    start = text.find(part)
    if start < 0:
        return part
    end = start + len(part)
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return text[start:end]


class Recogniser:
    """Recognises Basisdienst steps and media breaks with one label language."""

    def __init__(self, language: LabelLanguage) -> None:
        self.language = language
        self._rules = {
            c.key: [({language.concept(a, "de") for a in r.actions} | set(r.actions),
                     r.objects) for r in c.rules]
            for c in COMPONENTS
        }
        self._media_actions = {
            kind: {language.concept(a, "de") for a in actions}
            for kind, actions, _ in _MEDIA_BREAKS
        }

    def basisdienst(self, meaning: LabelMeaning) -> list[tuple[Component, str, str]]:
        """(component, "shared" or "own", evidence) for every component the step touches.

        The evidence quotes the label ("MUK", "Identität … prüfen", "Handakte").
        """
        text = _text(meaning)
        written_words = {w.strip(".,;:()") for w in meaning.text.split()}
        found = []
        for component in COMPONENTS:
            code = next((c for c in component.codes if c in written_words), None)
            shared = code or _has(text, component.names)
            if shared:
                found.append((component, "shared", code or _written(meaning, shared)))
                continue
            if _has(text, component.not_words) or (
                    component.also_needs and not self._names_any(meaning,
                                                                 component.also_needs)):
                continue
            evidence = self._own(component, meaning, text)
            if evidence:
                found.append((component, "own", evidence))
        return found

    @staticmethod
    def _names_any(meaning: LabelMeaning, words: tuple[str, ...]) -> bool:
        """Whether an object of the label is (or contains) one of ``words``."""
        folded = [fold(t.word) for t in meaning.objects]
        return any(w in f for f in folded for w in words)

    def _own(self, component: Component, meaning: LabelMeaning, text: str) -> str | None:
        own = _has(text, component.own_words) if component.own_words else None
        if own:
            # "Handakte", "Ausweiskopie", "Zahlungseingang" say it best.
            return _written(meaning, own)
        action = meaning.action
        if action is not None:
            for actions, objects in self._rules[component.key]:
                if action.concept not in actions and (action.verb or "") not in actions:
                    continue
                term = self._object(meaning, objects)
                if term is not None:
                    if meaning.language == "de":
                        return f"{term.word} … {action.word}"
                    return f"{action.word} … {term.word}"
        return None

    def _object(self, meaning: LabelMeaning, objects: tuple[str, ...]):
        """The label's object term that names one of ``objects`` (word, part or concept)."""
        wanted = {self.language.concept(o) for o in objects}
        for term in meaning.objects:
            word = fold(term.word)
            if (word in objects or term.concept in wanted or wanted & set(term.parts)
                    or any(word.endswith(o) for o in objects if len(o) > 4)):
                return term
        return None

    def media_breaks(self, meaning: LabelMeaning) -> list[tuple[str, str]]:
        """(kind, evidence) of every media break in the step's label, in its own words."""
        text = _text(meaning)
        digital = _has(text, _DIGITAL)
        action = meaning.action.concept if meaning.action else None
        result = []
        for kind, _, words in _MEDIA_BREAKS:
            evidence = None
            if action and action in self._media_actions[kind] and meaning.action:
                evidence = meaning.action.word
            else:
                hit = _has(text, words)
                evidence = _written(meaning, hit) if hit else None
            if evidence and not (digital and kind in ("sign", "post", "retype")):
                result.append((kind, evidence))
        return result
