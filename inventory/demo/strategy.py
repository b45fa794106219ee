"""Demo strategy data: targets, a timeline and narrative sections for two half-years.

Called by :func:`inventory.demo.load.load_demo` as ``load(session, today)``.  Every
date is relative to ``today`` (the same ``today`` gives the same register); each
project's changes are written in time order with ``when`` set to the day they
happened, so the reports of the previous and the current half-year both have history
to show: projects started and finished, milestones reached, one late, one overdue,
targets revised, and planned projects for the outlook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inventory.strategy import create_project, create_target, save_narrative, update_project
from inventory.strategy import update_target as _update_target
from inventory.tables import Service
from procmodel.strategy import BERLIN, Period

OZG = "OZG-Umsetzung"
VD = "Verwaltungsdigitalisierung"
IT = "IT- und Kommunikationsstrategie"
SC = "Smart City"
COORDINATOR = "Digitalisierungsbüro (Demo)"


def _month(today: date, months: int, day: int = 1) -> date:
    index = today.year * 12 + today.month - 1 + months
    first = date(index // 12, index % 12 + 1, 1)
    return first + timedelta(days=day - 1)


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=BERLIN)


@dataclass
class _Plan:
    name: str
    field: str
    start: int  # months from today's month
    end: int
    responsible: str
    finished: int | None = None  # months from today's month when finished
    milestones: list[tuple[str, int, int | None]] = field(default_factory=list)
    # (name, due month offset, done: days after due (negative: early) or None)
    outlook: bool = False
    priority: int | None = None
    services: list[str] = field(default_factory=list)
    depends: list[str] = field(default_factory=list)
    description: str = ""
    kind: str = "projekt"


PLANS = [
    _Plan("Relaunch des Serviceportals", OZG, -19, -9, "Amt 17 – Amt für IT/Digitalisierung",
          finished=-9, milestones=[("Vergabe", -17, -3), ("Go-live", -9, 6)],
          services=["Gewerbeanmeldung", "Wohnsitzanmeldung"],
          description="Neues Serviceportal mit Anbindung an BundID und ePayment."),
    _Plan("Gewerbe-Leistungen über EfA-Dienste", OZG, -11, 2, "Amt 32 – Ordnungsamt",
          milestones=[("Gewerbeanmeldung online", -6, -4),
                      ("Gewerbeum- und -abmeldung online", -1, None)],
          services=["Gewerbeanmeldung", "Gewerbeummeldung", "Gewerbeabmeldung"],
          description="Nachnutzung des EfA-Gewerbeservice; Übergabe per FIT-Connect."),
    _Plan("Wohngeld digital (EfA-Nachnutzung)", OZG, -14, -2, "Amt 50 – Sozialamt",
          milestones=[("Nachnutzungsvereinbarung", -12, 20), ("Produktivbetrieb", -2, None)],
          services=["Wohngeld"],
          description="Antrag online, Übernahme in das Fachverfahren ohne Medienbruch."),
    _Plan("Digitale Kita-Platz-Vergabe", OZG, -4, 8, "Amt 51 – Jugendamt",
          milestones=[("Pilot in zwei Kitas", 2, None)], services=["Kita-Platz-Vergabe"]),
    _Plan("Digitale Baugenehmigung (Bauportal)", OZG, 4, 16, "Amt 63 – Bauaufsicht",
          outlook=True, priority=1, services=["Baugenehmigung"],
          description="Anbindung an das Landes-Bauportal; Prüfung der Nachnutzung."),
    _Plan("Einführung der E-Akte", VD, -20, -1, "Amt 10 – Haupt- und Personalamt",
          milestones=[("Pilotamt", -14, 9), ("Roll-out Amt 10", -6, -2),
                      ("Roll-out alle Ämter", -1, None)],
          services=["Posteingang und Aktenführung (E-Akte)"],
          description="Stadtweite E-Akte mit digitalem Posteingang."),
    _Plan("XRechnung-Workflow", VD, -12, -3, "Amt 21 – Stadtkasse", finished=-3,
          milestones=[("Empfang über Peppol", -8, 0), ("Freigabe-Workflow", -3, -5)],
          services=["Rechnungseingang und -bearbeitung (XRechnung)"]),
    _Plan("Personalportal mit digitalem Urlaubsantrag", VD, -3, 6,
          "Amt 10 – Haupt- und Personalamt", milestones=[("Pilot Amt 10", 1, None)],
          services=["Urlaubsantrag", "Fortbildungsantrag"], depends=["Einführung der E-Akte"]),
    _Plan("Digitale Sitzungsvorlagen", VD, 3, 12, "Büro der Stadtverordnetenversammlung",
          outlook=True, priority=2, kind="massnahme",
          services=["Sitzungsvorlagen für die Stadtverordnetenversammlung"]),
    _Plan("Rechenzentrums-Kooperation", IT, -16, -6, "Amt 17 – Amt für IT/Digitalisierung",
          finished=-6, milestones=[("Vertrag", -13, 0), ("Umzug der Fachverfahren", -6, -10)]),
    _Plan("Arbeitsplatz-Erneuerung", IT, -9, 3, "Amt 17 – Amt für IT/Digitalisierung",
          milestones=[("Pilotgruppe", -5, 3), ("50 % der Arbeitsplätze", 0, None)],
          services=["IT-Arbeitsplatz für neue Beschäftigte"]),
    _Plan("Service-Desk-Werkzeug", IT, -5, 1, "Amt 17 – Amt für IT/Digitalisierung",
          milestones=[("Ausschreibung", -3, 5)], services=["IT-Störungsmeldung (Service Desk)"],
          kind="massnahme"),
    _Plan("Zero-Trust-Netzkonzept", IT, 6, 18, "Amt 17 – Amt für IT/Digitalisierung",
          outlook=True, priority=2),
    _Plan("Mängelmelder-App", SC, -17, -10, "Stabsstelle Digitalisierung und Smart City",
          finished=-10, milestones=[("Start der App", -10, -4)], services=["Mängelmelder"]),
    _Plan("Open-Data-Portal", SC, -8, 1, "Stabsstelle Digitalisierung und Smart City",
          milestones=[("Erste 50 Datensätze", -3, 12), ("Schnittstelle für Fachverfahren", 1,
                                                         None)],
          services=["Open-Data-Portal"]),
    _Plan("Umweltsensorik Innenstadt (Pilot)", SC, -6, 6,
          "Stabsstelle Digitalisierung und Smart City",
          milestones=[("20 Sensoren in Betrieb", -1, 8)],
          services=["Umweltsensorik (Luft und Lärm)"]),
    _Plan("Ausbau der Parkraumsensorik", SC, 5, 17, "Amt 66 – Amt für Straßen und Verkehr",
          outlook=True, priority=1, services=["Parkraumsensorik und Parkleitsystem"],
          depends=["Umweltsensorik Innenstadt (Pilot)"]),
    _Plan("Digitaler Zwilling der Innenstadt", SC, 9, 30, "Amt 61 – Stadtplanung",
          outlook=True, priority=3),
]


def _targets(today: date) -> list[dict[str, Any]]:
    current = Period.half_year_of(today)
    base = current.previous_half_year().previous_half_year().start  # about 1½ years ago
    goal_1 = current.end + timedelta(days=1) + timedelta(days=180)  # end of next half-year
    goal_1 = Period.half_year_of(goal_1).end
    goal_2 = Period.half_year_of(goal_1 + timedelta(days=1)).end
    d1, d2, b = goal_1.isoformat(), goal_2.isoformat(), base.isoformat()
    return [
        dict(handlungsfeld=OZG, name="Kommunal vollzogene Leistungen OZG-konform",
             rule=f"anteil(reifegrad >= 3) wo leika_typ in {{2/3, 3, 4, 5}} ziel >= 100 % "
                  f"bis {d1}",
             description="Alle Leistungen mit LeiKa-Typ 2/3, 3, 4 oder 5 mindestens auf "
                         "Reifegrad 3 (OZG-konform)."),
        dict(handlungsfeld=OZG, name="Online-Anteil der Fallzahl",
             rule=f"online_fallzahl ziel >= 40 % bis {d2}",
             description="Anteil der Fälle, die online gestellt werden, gewichtet mit der "
                         "Fallzahl."),
        dict(handlungsfeld=OZG, name="Doppelstrukturen zwischen Handlungsfeldern halbieren",
             rule=f"doppelstrukturen wo handlungsfeld = alle ziel <= 50 % der basis {b} "
                  f"bis {d2}",
             description="Gemeinsame Bausteine statt paralleler Lösungen (Basisdienste)."),
        dict(handlungsfeld=VD, name="Interne Verfahren digital (Reifegrad ≥ 3)",
             rule=f"anteil(reifegrad >= 3) ziel >= 80 % bis {d2}"),
        dict(handlungsfeld=VD, name="Mittlerer Reifegrad der internen Verfahren",
             rule=f"mittel(reifegrad) ziel >= 3 bis {d1}"),
        dict(handlungsfeld=IT, name="IT-Prozesse durchgängig digital",
             rule=f"anteil(reifegrad >= 3) ziel >= 75 % bis {d1}"),
        dict(handlungsfeld=IT, name="Medienbrüche abbauen",
             rule=f"medienbrueche ziel <= 5 bis {d2}"),
        dict(handlungsfeld=SC, name="Smart-City-Dienste im Betrieb",
             rule=f'anteil(status in {{"online verfügbar"}}) ziel >= 50 % bis {d2}'),
        dict(handlungsfeld=SC, name="Smart-City-Dienste mindestens Reifegrad 3",
             rule=f"anzahl(reifegrad >= 3) ziel >= 4 bis {d1}"),
    ], base


NARRATIVES = {
    None: ("Zusammenfassung",
           "Die Digitalstrategie ist im Berichtszeitraum planmäßig vorangekommen. Die "
           "Schwerpunkte lagen auf der Nachnutzung von EfA-Leistungen, dem Roll-out der "
           "E-Akte und dem Aufbau gemeinsamer Basisdienste.\n\n"
           "Verzögerungen gibt es dort, wo Fachverfahren der Länder noch keine Schnittstellen "
           "bereitstellen. Die Koordinierung zwischen den Handlungsfeldern erfolgt über den "
           "monatlichen Lenkungskreis; Doppelstrukturen werden dort vorgestellt und "
           "aufgelöst."),
    OZG: ("Stand der OZG-Umsetzung",
          "Weitere Leistungen sind über das Serviceportal online erreichbar. Die Anbindung an "
          "BundID und ePayment wird von allen neuen Online-Diensten genutzt.\n\n"
          "Beim Wohngeld verzögert sich der Produktivbetrieb, weil das Landesverfahren die "
          "Übernahme der Antragsdaten noch nicht unterstützt."),
    VD: ("Stand der Verwaltungsdigitalisierung",
         "Die E-Akte ist in den ersten Ämtern im Betrieb; der Roll-out in alle Ämter dauert "
         "länger als geplant, da Scan-Prozesse im Posteingang neu geordnet werden.\n\n"
         "Der XRechnung-Workflow ist abgeschlossen; Rechnungen werden medienbruchfrei "
         "bearbeitet."),
    IT: ("Stand der IT- und Kommunikationsstrategie",
         "Die Kooperation mit dem kommunalen Rechenzentrum ist umgesetzt. Die Erneuerung der "
         "Arbeitsplätze und das neue Service-Desk-Werkzeug laufen parallel im Amt 17; die "
         "Ressourcen werden im Lenkungskreis abgestimmt."),
    SC: ("Stand der Smart-City-Konzeption",
         "Mängelmelder und Open-Data-Portal werden gut angenommen. Der Sensorik-Pilot in der "
         "Innenstadt liefert erste Daten; sie sind Grundlage für den geplanten Ausbau der "
         "Parkraumsensorik."),
}


def _service_ids(session: Session, names: list[str]) -> list[int]:
    if not names:
        return []
    return list(session.scalars(select(Service.id).where(Service.name.in_(names))))


def _events(plan: _Plan, today: date) -> list[tuple[date, dict[str, Any], str]]:
    """The dated changes of one project after its creation, in time order."""
    start, end = _month(today, plan.start), _month(today, plan.end, 28)
    events: list[tuple[date, dict[str, Any], str]] = []
    if start <= today and not plan.outlook:
        events.append((start, {"status": "in_arbeit"}, "Projektstart"))
    done: dict[str, date] = {}
    for name, due_offset, delay in plan.milestones:
        if delay is None:
            continue
        day = _month(today, due_offset, 15) + timedelta(days=delay)
        if day < today:
            done[name] = day
            events.append((day, {"milestone_done": name}, f"Meilenstein „{name}“ erreicht"))
    if plan.finished is not None:
        finished = min(_month(today, plan.finished, 20), today - timedelta(days=1))
        events.append((finished, {"status": "abgeschlossen", "finished_on": finished},
                       "Projekt abgeschlossen"))
    del end
    return sorted(events, key=lambda e: e[0])


def load(session: Session, today: date) -> str:
    """Put the demo targets, timeline and narratives into the register; returns a summary."""
    target_defs, base = _targets(today)
    created = _at(base - timedelta(days=10))
    targets = []
    for n, spec in enumerate(target_defs):
        targets.append(create_target(session, start_date=base, position=n,
                                     created_by=COORDINATOR, when=created,
                                     comment="Beschluss Digitalstrategie", **spec))
    # a revision of a target: the online-share goal was raised in the last half-year
    revised = targets[1]
    revision_day = Period.half_year_of(today).previous_half_year().start + timedelta(days=40)
    _update_target(session, revised.id, expected_version=revised.version,
                   changes={"rule": revised.rule.replace("ziel >= 40 %", "ziel >= 50 %")},
                   changed_by=COORDINATOR, comment="Fortschreibung: Zielwert angehoben",
                   when=_at(revision_day))

    by_name: dict[str, int] = {}
    projects = 0
    milestones = 0
    for plan in PLANS:
        start, end = _month(today, plan.start), _month(today, plan.end, 28)
        creation = min(start - timedelta(days=45), today - timedelta(days=60))
        ms = [{"name": name, "due": _month(today, offset, 15), "done_on": None}
              for name, offset, _delay in plan.milestones]
        project = create_project(
            session, handlungsfeld=plan.field, name=plan.name, start_date=start, end_date=end,
            status="geplant", kind=plan.kind, responsible=plan.responsible,
            description=plan.description or None, outlook=plan.outlook,
            priority=plan.priority, milestones=ms,
            depends_on=[by_name[d] for d in plan.depends if d in by_name],
            services=_service_ids(session, plan.services), created_by=COORDINATOR,
            comment="in den Zeitplan aufgenommen", when=_at(creation))
        by_name[plan.name] = project.id
        projects += 1
        milestones += len(ms)
        for day, change, comment in _events(plan, today):
            if "milestone_done" in change:
                for m in ms:
                    if m["name"] == change["milestone_done"]:
                        m["done_on"] = day
                change = {"milestones": [dict(m) for m in ms]}
            update_project(session, project.id, expected_version=project.version,
                           changes=change, changed_by=COORDINATOR, comment=comment,
                           when=_at(day, 16))

    current = Period.half_year_of(today)
    previous = current.previous_half_year()
    sections = 0
    for period, written in ((previous, previous.end - timedelta(days=5)),
                            (current, min(current.end, today) - timedelta(days=3))):
        for field_name, (title, body) in NARRATIVES.items():
            save_narrative(session, period=period.key, handlungsfeld=field_name, title=title,
                           body=body, changed_by=COORDINATOR, when=_at(written))
            sections += 1
    session.flush()
    return (f"{len(targets)} Ziele, {projects} Projekte mit {milestones} Meilensteinen, "
            f"{sections} Berichtsabschnitte ({previous.key}, {current.key})")
