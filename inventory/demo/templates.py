"""Process patterns the demo models share, with the wording varied per service.

Real departments write the same work in different words; the demo does the same on
purpose, so that the duplicate analysis has something to find.  Each shared step has a
list of wordings as they occur in municipal models; a service takes one of them,
chosen by a stable hash of its slug unless the description names one.
"""

from __future__ import annotations

import zlib
from typing import Any

from inventory.demo.spec import (
    blackbox,
    branch,
    catch,
    end,
    merge,
    model,
    pool,
    start,
    task,
    timeout,
    xor,
)

IDENT = [
    "Identität über BundID prüfen",
    "Antragsteller authentifizieren (BundID)",
    "Login mit DeutschlandID",
    "Nutzer/in über BundID-\nKonto identifizieren",
    "Identifizierung mit Online-Ausweis (eID)",
    "Anmeldung mit BundID prüfen",
]
IDENT_COMPANY = [
    "Unternehmen über Mein Unternehmenskonto authentifizieren",
    "Login mit Mein Unternehmens-\nkonto (MUK)",
    "Identität des Gewerbetreibenden über MUK prüfen",
]
#: The same identification seen from the applicant's side (Soll models' applicant pool).
LOGIN = [
    "Login mit DeutschlandID",
    "Mit BundID anmelden",
    "Mit Online-Ausweis identifizieren",
    "Über BundID-Konto einloggen",
]
LOGIN_COMPANY = [
    "Login mit Mein Unternehmens-\nkonto (MUK)",
    "Mit Mein Unternehmenskonto anmelden",
]
PAY = [
    "Gebühr über ePayBL einziehen",
    "Zahlung per ePayment abwickeln",
    "Gebührenbescheid bezahlen lassen",
    "Online-Bezahlung über pmPayment durchführen",
    "Verwaltungsgebühr per ePayBL\nvereinnahmen",
    "Gebühr online bezahlen lassen (ePayment)",
]
PAY_PAPER = [
    "Zahlungseingang manuell buchen",
    "Gebühr an der Kasse bar kassieren",
    "Überweisung abgleichen und Kassen-\nanordnung schreiben",
]
CHECK = [
    "Vollständigkeit prüfen",
    "Prüfung der Unterlagen auf Vollständigkeit",
    "Antrag auf Vollständigkeit prüfen",
    "Unterlagen auf Vollständig-\nkeit prüfen",
    "Vollständigkeitsprüfung durchführen",
    "Antrag formell prüfen",
]
BESCHEID = [
    "Bescheid erstellen",
    "Bescheid fertigen",
    "Bewilligungsbescheid erstellen",
    "Erstellung des Bescheids",
    "Genehmigungsbescheid ausfertigen",
]
ZUSTELL = [
    "Bescheid versenden",
    "Bewilligungsbescheid zustellen",
    "Bescheid ins Postfach zustellen",
    "Zustellung des Bescheids",
    "Bescheid elektronisch übermitteln",
]
ZUSTELL_PAPER = [
    "Bescheid per Post versenden",
    "Bescheid ausdrucken und per Post verschicken",
    "Bescheid kuvertieren und zur Post geben",
]
AKTE = [
    "In E-Akte ablegen",
    "Vorgang in der E-Akte speichern",
    "Ablage in der E-Akte",
    "Vorgang e-akten-\nkonform ablegen",
    "Unterlagen zur E-Akte nehmen",
]
AKTE_PAPER = [
    "Papierakte anlegen und ablegen",
    "Vorgang in Handakte abheften",
    "Akte im Registraturschrank ablegen",
]
FIT = [
    "Antragsdaten via FIT-Connect empfangen",
    "Antrag über FIT-Connect ins Fachverfahren übernehmen",
    "Übermittlung an Fachverfahren (FIT-Connect)",
    "Datensatz per FIT-Connect abholen",
]
NACHFORDERN = [
    "Fehlende Unterlagen nachfordern",
    "Unterlagen nachfordern",
    "Nachforderung an Antragsteller senden",
    "Antragsteller zur Ergänzung auffordern",
]
SCAN = [
    "Unterlagen einscannen",
    "Antrag scannen",
    "Posteingang digitalisieren (Scan)",
]
ABTIPPEN = [
    "Antragsdaten manuell erfassen",
    "Daten ins Fachverfahren abtippen",
    "Angaben aus Papierantrag übertragen",
]
ABLEHNEN = [
    "Ablehnungsbescheid erstellen",
    "Antrag ablehnen",
    "Ablehnung begründen und Bescheid fertigen",
]


NACHGEREICHT = [
    "Nachgereichte Unterlagen erhalten",
    "Eingang der Nachreichung abwarten",
    "Ergänzte Unterlagen empfangen",
    "Auf Nachreichung warten",
]
MITWIRKUNG = [
    "Antrag wegen fehlender Mitwirkung ablehnen",
    "Antrag als unvollständig zurückweisen",
    "Ablehnung wegen fehlender Mitwirkung",
    "Vorgang mangels Unterlagen abschließen",
]
ABLEHNUNG_ZUSTELL = [
    "Ablehnung zustellen",
    "Ablehnungsbescheid versenden",
    "Ablehnungsbescheid zustellen",
    "Ablehnung mitteilen",
]
STEMPEL = [
    "Eingangsstempel setzen",
    "Posteingang stempeln",
    "Eingang mit Datum stempeln",
    "Post öffnen und Eingangsstempel anbringen",
]
UNTERSCHRIFT = [
    "Bescheid ausdrucken und handschriftlich unterschreiben",
    "Bescheid drucken und unterzeichnen",
    "Ausdruck handschriftlich zeichnen",
]
NACHFORDERN_POST = [
    "Nachforderung per Post versenden",
    "Unterlagen schriftlich nachfordern (Brief)",
    "Nachforderungsschreiben per Post schicken",
]


def pick(options: list[str], slug: str, salt: str = "") -> str:
    """One wording of ``options``, stable for ``slug`` (same choice on every run)."""
    return options[zlib.crc32(f"{slug}/{salt}".encode()) % len(options)]


def antrag(slug: str, title: str, kind: str, org: str, *,
           channel: str = "online",
           company: bool = False,
           applicant: str = "Antragsteller/in",
           fach: list[dict[str, Any]] | None = None,
           decision: str | None = "Antrag genehmigungsfähig?",
           pay: bool = True,
           lanes: list[str] | None = None,
           fach_lane: str | None = None,
           extra_pools: list[dict[str, Any]] | None = None,
           words: dict[str, str] | None = None,
           intake: list[dict[str, Any]] | None = None,
           after: list[dict[str, Any]] | None = None,
           citizen_pool: bool = False,
           doc: str | None = None) -> dict[str, Any]:
    """An application procedure (Antragsverfahren): receive, check for completeness
    (with a request for missing documents and a deadline), examine, decide, charge the
    fee, notify, file.  ``channel`` is ``online`` (portal, BundID, FIT-Connect, ePayment,
    E-Akte), ``papier`` (post, scanning, re-typing, paper notice) or ``vorort`` (at the
    counter).  ``words`` overrides a shared step's wording by key (ident, pay, check,
    bescheid, zustell, akte, fit, scan, abtippen, nachfordern, ablehnen, stempel,
    nachgereicht, mitwirkung, unterschrift, ablehnung_zustell)."""
    words = words or {}
    online = channel == "online"
    if citizen_pool:
        applicant = "Unternehmen" if company else "Bürger/in"

    def w(key: str, options: list[str]) -> str:
        return words.get(key) or pick(options, slug, key)

    sb = "Sachbearbeitung"
    lane_list = [sb]
    if fach_lane:
        lane_list.append(fach_lane)
    if pay:
        lane_list.append("Kasse")
    if channel == "papier":
        lane_list.insert(0, "Poststelle")
    if lanes:
        lane_list = lanes
    flow: list[dict[str, Any]] = []
    ident_words = IDENT_COMPANY if company else IDENT
    if channel == "online":
        if citizen_pool:
            flow.append(start("Antrag eingegangen", "message", lane=sb, id="eingang"))
        else:
            flow.append(start("Online-Antrag eingegangen", "message", lane=sb, id="eingang",
                              msg_in=applicant))
            flow.append(task(w("ident", ident_words), "service"))
        flow.append(task(w("fit", FIT), "service", out=("store:Fachverfahren",)))
    elif channel == "papier":
        flow.append(start("Antrag per Post eingegangen", "message", lane="Poststelle",
                          id="eingang", msg_in=applicant))
        flow.append(task(w("stempel", STEMPEL), "manual"))
        flow.append(task(w("scan", SCAN), "manual"))
        flow.append(task(w("abtippen", ABTIPPEN), "user", lane=sb,
                         out=("store:Fachverfahren",)))
    else:
        flow.append(start("Vorsprache im Bürgerbüro", lane=sb, id="eingang"))
        flow.append(task("Identität anhand Ausweis prüfen", "manual"))
        flow.append(task(w("abtippen", ABTIPPEN), "user", out=("store:Fachverfahren",)))
    flow.extend(intake or [])
    nachfordern_send = w("nachfordern", NACHFORDERN_POST if channel == "papier" else
                         NACHFORDERN)
    flow.append(merge("pruefung", lane=sb))
    flow.append(task(w("check", CHECK), "user", lane=sb, inp=("Antrag",)))
    flow.append(xor(
        "Unterlagen\nvollständig?",
        branch("ja"),
        branch("nein",
               task(nachfordern_send, "send", msg_out=applicant),
               task(w("nachgereicht", NACHGEREICHT), "receive", msg_in=applicant,
                    timer=timeout("P14D", "Frist (14 Tage)\nabgelaufen",
                                  task(w("mitwirkung", MITWIRKUNG)),
                                  end("Antrag abgelehnt", lane=sb))),
               goto="pruefung"),
        default=0))
    flow.extend(fach or [])
    zustell = w("zustell", ZUSTELL if online else ZUSTELL_PAPER)
    bescheid_steps: list[dict[str, Any]] = [task(w("bescheid", BESCHEID), "user", lane=sb)]
    if channel == "papier":
        bescheid_steps.append(task(w("unterschrift", UNTERSCHRIFT), "manual"))
    if pay:
        if online:
            bescheid_steps.append(task(w("pay", PAY), "service", lane="Kasse"))
        else:
            bescheid_steps.append(task(w("pay", PAY_PAPER), "manual", lane="Kasse"))
    bescheid_steps.append(task(zustell, "send", lane=sb, id="zustellung",
                               msg_out=None if citizen_pool else applicant))
    if decision:
        flow.append(xor(decision,
                        branch("ja", *bescheid_steps),
                        branch("nein",
                               task(w("ablehnen", ABLEHNEN), "user", lane=sb),
                               task(w("ablehnung_zustell", ABLEHNUNG_ZUSTELL), "send",
                                    msg_out=None if citizen_pool else applicant),
                               task(w("akte", AKTE if online else AKTE_PAPER), "user",
                                    out=("store:E-Akte",) if online else ()),
                               end("Antrag abgelehnt")),
                        default=0, lane=sb))
    else:
        flow.extend(bescheid_steps)
    flow.extend(after or [])
    akte = w("akte", AKTE if online else AKTE_PAPER)
    flow.append(task(akte, "user", lane=sb, out=("store:E-Akte",) if online or
                     "E-Akte" in akte else ()))
    flow.append(end("Vorgang abgeschlossen"))
    pools: list[dict[str, Any]] = []
    if citizen_pool:
        pools.append(citizen(slug, company))
    else:
        pools.append(blackbox(applicant))
    pools.append(pool(org, flow, lanes=lane_list))
    pools.extend(extra_pools or [])
    return model(slug, title, kind, pools, doc=doc)


def citizen(slug: str, company: bool = False) -> dict[str, Any]:
    """The applicant as a pool of its own: fills in the online form, identifies,
    submits and receives the notice (used by the Soll models)."""
    who = "Unternehmen" if company else "Bürger/in"
    ident = pick(LOGIN_COMPANY if company else LOGIN, slug, "citizen-ident")
    return pool(who, [
        start("Anliegen entsteht", id="c_start"),
        task("Online-Antrag im Serviceportal ausfüllen", "user"),
        task(ident, "user"),
        task("Antrag absenden", "send", id="c_send", msg_out="@eingang"),
        catch("Bescheid erhalten", "message", id="c_bescheid"),
        end("Anliegen erledigt"),
    ], offset=0)


def link_back(model_desc: dict[str, Any]) -> dict[str, Any]:
    """Connect the city's notice to the applicant pool's waiting event."""
    for p in model_desc["pools"]:
        for step in p.get("flow", []):
            _set_msg(step, "zustellung", "@c_bescheid")
    return model_desc


def _set_msg(step: dict[str, Any], step_id: str, target: str) -> None:
    if step.get("id") == step_id:
        step["msg_out"] = target
    for br in step.get("branches", []) or []:
        for inner in br["steps"]:
            _set_msg(inner, step_id, target)
