"""Older versions of demo models: how a service's process looked before it was digitised.

For the services in :data:`REVISIONS` the register holds two Ist versions: the process as
first recorded (``<slug>.v1.bpmn``, with the paper of the time: stamping and scanning the
incoming post, re-typing, cash payment, the notice by post, the paper file) and the
current model, uploaded in the half-year named there when E-Akte, FIT-Connect and
ePayment replaced the paper.  Both versions keep the element ids of the steps they share
(``scripts/make_demo_models.py``), so the version diff shows the real change and the
dated analysis runs of the demo find those media breaks and duplicate structures and
later see them resolved.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from inventory.demo import templates as words
from inventory.demo.spec import task

#: slug → half-year of the revision, counted back from the reference day's half-year
#: (0: the current one, 1: the previous one, 2: the one before) and the reason given
#: with the upload of the revised model.
REVISIONS: dict[str, tuple[int, str]] = {
    "gewerbeummeldung": (2, "Online-Antrag über MUK und FIT-Connect eingeführt"),
    "elterngeld": (2, "ELFE-Antrag mit BundID; Eingang über FIT-Connect"),
    "stellenbesetzung": (2, "Bewerbungsportal und E-Akte eingeführt"),
    "it-stoerung": (2, "Störungen kommen über das Self-Service-Portal ins Ticketsystem"),
    "bewohnerparkausweis": (1, "Online-Antrag mit ePayBL eingeführt"),
    "kita-platz": (1, "Kita-Portal mit BundID und FIT-Connect"),
    "veranstaltungsgenehmigung": (1, "Online-Antrag; Bescheid ins Postfach"),
    "beschwerdemanagement": (1, "Beschwerden über das Serviceportal, Ablage in der E-Akte"),
    "webredaktion": (1, "Redaktionsworkflow im Content-Management-System"),
    "open-data-portal": (1, "Datensätze kommen über die Schnittstelle der Fachverfahren"),
    "buergerbeteiligungsplattform": (1, "Beteiligungsplattform mit E-Akte verbunden"),
    "geburtsurkunde": (0, "Online-Bestellung mit ePayment und FIT-Connect"),
    "baumfaellgenehmigung": (0, "Online-Antrag; Bescheid elektronisch"),
    "fachverfahren-einfuehrung": (0, "Einführungsprojekte im Projektportal mit E-Akte"),
    "maengelmelder": (0, "Meldungen gehen direkt ins Ticketsystem"),
}

#: Paper habits of the time, worded alike in every service revised in the same half-year
#: (the same Sachgebiet practice in several Ämter): duplicate structures across
#: Handlungsfelder that disappear with that half-year's revisions.
HABITS: dict[int, tuple[str, ...]] = {
    2: ("Eingang in Excel-Liste eintragen", "Akte per Hauspost an das Fachamt senden"),
    1: ("Laufzettel ausdrucken und abzeichnen", "Fristen im Wandkalender notieren"),
    0: ("Rückfragen telefonisch klären und Gesprächsnotiz anlegen",),
}

UPLOAD_COMMENT_OLD = "Ist-Prozess im Prozessworkshop aufgenommen (Papierverfahren)."
UPLOAD_COMMENT_REVISED = ("Überarbeitet: {reason}; Scannen, Abtippen und Papierakte "
                          "entfallen.")


def revision_day(today: date, slug: str, half_years_back: int) -> date:
    """The day the revised model of ``slug`` was uploaded: about ten weeks into its
    half-year (spread over a few days per service), never later than a week ago."""
    start = date(today.year, 1 if today.month <= 6 else 7, 1)
    for _ in range(half_years_back):
        start = date(start.year - 1, 7, 1) if start.month == 1 else date(start.year, 1, 1)
    spread = sum(map(ord, slug)) % 21
    day = start + timedelta(days=60 + spread)
    if half_years_back == 0:
        day = max(start, min(day, today - timedelta(days=7)))
    return day


def _main_pool(desc: dict[str, Any]) -> dict[str, Any]:
    pools = [p for p in desc["pools"] if p["type"] == "pool"]
    return max(pools, key=lambda p: len(p["flow"]))


def _reword(step: dict[str, Any], options: list[str], slug: str, key: str,
            kind: str | None = None) -> None:
    step["base_label"] = step["label"]
    step["label"] = words.pick(options, slug, key)
    if kind:
        step["type"] = kind


def paper_era(desc: dict[str, Any]) -> dict[str, Any]:
    """The version of ``desc`` from before its digitisation (file ``<slug>.v1.bpmn``)."""
    slug = desc["slug"]
    habits = [task(label, "manual") for label in HABITS[REVISIONS[slug][0]]]
    old = copy.deepcopy(desc)
    old.update(slug=f"{slug}.v1", title=f"{desc['title']} – Papierverfahren",
               version_of=slug, draft=False)
    pool = _main_pool(old)
    flow = pool["flow"]
    replaced_akte = False

    def walk(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal replaced_akte
        result = []
        for step in steps:
            label = step.get("label")
            for br in step.get("branches") or []:
                br["steps"] = walk(br["steps"])
            if step.get("timer"):
                step["timer"]["steps"] = walk(step["timer"]["steps"])
            if label in words.IDENT or label in words.IDENT_COMPANY:
                continue  # no online identification before the portal
            if label in words.FIT:
                result.append(task(words.pick(words.STEMPEL, slug, "stempel"), "manual"))
                result.append(task(words.pick(words.SCAN, slug, "scan"), "manual"))
                result.append(task(words.pick(words.ABTIPPEN, slug, "abtippen"), "user",
                                   out=step["out"]))
                result.extend(habits)
                habits.clear()
                continue
            if label == "Online-Antrag eingegangen":
                step["base_label"], step["label"] = label, "Antrag per Post eingegangen"
            elif label in words.PAY:
                _reword(step, words.PAY_PAPER, slug, "pay", "manualTask")
            elif label in words.ZUSTELL:
                _reword(step, words.ZUSTELL_PAPER, slug, "zustell", "manualTask")
            elif label in words.AKTE:
                _reword(step, words.AKTE_PAPER, slug, "akte", "manualTask")
                step["out"] = ()
                replaced_akte = True
            result.append(step)
        return result

    flow[:] = walk(flow)
    if not any(s.get("label") in words.STEMPEL for s in flow):
        # a procedure that starts inside the administration: the form was paper
        at = next((i + 1 for i, s in enumerate(flow) if s["type"] == "startEvent"), 0)
        flow[at:at] = [task("Formular ausdrucken und handschriftlich unterschreiben", "manual"),
                       task(words.pick(words.SCAN, slug, "scan"), "manual"), *habits]
    if not replaced_akte and flow and flow[-1]["type"] == "endEvent":
        flow.insert(len(flow) - 1, task(words.pick(words.AKTE_PAPER, slug, "akte"), "manual"))
    return old
