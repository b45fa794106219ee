"""The demo's two years of history, computed relative to the day the demo is loaded.

:func:`plan_service` turns one entry of :mod:`inventory.demo.services` into the values a
service is created with (about two years before ``today``) and the dated changes that lead
to its present state, each with the user who made it and a comment.  Everything depends
only on the entry and ``today`` (offsets come from a CRC of the slug), so loading the demo
twice on the same day gives the same register, and loading it later never goes stale.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from inventory.demo.services import ORDNUNGSAMT, STAGE_CODES

#: Span of the history: services were recorded between these many days before today.
OLDEST_DAYS = 728
YOUNGEST_DAYS = 700

COMMENTS = {
    "Konzeption": [
        "Konzeption gestartet; Prozessaufnahme mit dem Fachamt abgeschlossen.",
        "Workshop zur Soll-Konzeption durchgeführt.",
        "Ist-Prozess modelliert, Medienbrüche identifiziert.",
    ],
    "in Umsetzung": [
        "Umsetzung beauftragt (Nachnutzungsvereinbarung unterzeichnet).",
        "Anbindung an das Fachverfahren über FIT-Connect beauftragt.",
        "Haushaltsmittel freigegeben, Umsetzung läuft.",
    ],
    "Pilotierung": [
        "Pilotbetrieb mit ausgewählten Antragstellenden gestartet.",
        "Pilot im Sachgebiet gestartet; Rückmeldungen werden gesammelt.",
    ],
    "Roll-out": [
        "Roll-out auf alle Sachgebiete begonnen.",
        "Pilot erfolgreich abgeschlossen, flächendeckender Roll-out.",
    ],
    "online verfügbar": [
        "Online-Dienst im Serviceportal freigeschaltet.",
        "Go-live; Verlinkung im Zuständigkeitsfinder eingerichtet.",
    ],
    "eingestellt": ["Vorhaben eingestellt."],
    "in Planung": ["Vorhaben in die Digitalisierungsplanung aufgenommen."],
}
LEVEL_COMMENTS = [
    "Reifegrad nach Selbsteinschätzung des Fachamts angepasst.",
    "Reifegrad nach Prüfung durch das Digitalisierungsbüro angehoben.",
    "Ende-zu-Ende-Digitalisierung erreicht: Reifegrad angehoben.",
]
POSTPONE_COMMENTS = [
    "Zieltermin verschoben: Anbindung des Fachverfahrens verzögert sich.",
    "Zieltermin angepasst: EfA-Leistung des Landes erst später verfügbar.",
    "Zieltermin verschoben wegen Personalengpass im Fachamt.",
]


@dataclass(frozen=True)
class Change:
    """One dated change of a service's steering fields."""

    when: datetime
    user: str
    values: dict[str, Any]
    comment: str


@dataclass
class ServicePlan:
    """How one service is created and what happens to it afterwards."""

    created_at: datetime
    created_by: str
    initial: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    draft_uploaded_at: datetime | None = None  # first draft of the Ist model, if any
    model_uploaded_at: datetime | None = None
    soll_uploaded_at: datetime | None = None


def _hash(slug: str, salt: str) -> int:
    return zlib.crc32(f"{slug}#{salt}".encode())


def _at(day: date, slug: str, salt: str) -> datetime:
    """A working-day moment (07:00–15:59 UTC) on ``day``, moved off weekends."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    minutes = _hash(slug, salt) % (9 * 60)
    return datetime.combine(day, time(7, 0), tzinfo=UTC) + timedelta(minutes=minutes)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` to the end of that month (target dates are month ends)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    first_next = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return first_next - timedelta(days=1)


def parse_path(path: str) -> list[tuple[str | None, int | None, str | None]]:
    """Tokens of a ``path`` as (Umsetzungsstatus, Reifegrad, model switch)."""
    result: list[tuple[str | None, int | None, str | None]] = []
    for token in path.split():
        if token.startswith("="):
            model, level = token[1:].split("/")
            result.append((None, int(level), model))
            continue
        stage = STAGE_CODES[token[0]]
        result.append((stage, int(token[1:]) if token[1:] else None, None))
    return result


def owner(entry: dict[str, Any]) -> str:
    """The demo user who keeps this service's status (see :mod:`inventory.demo.users`)."""
    return "ordnungsamt" if entry["department"] == ORDNUNGSAMT else "koordination"


def plan_service(entry: dict[str, Any], today: date) -> ServicePlan:
    """The creation values and the dated changes of one demo service."""
    slug = entry["slug"]
    steps = parse_path(entry["path"])
    start_day = today - timedelta(days=YOUNGEST_DAYS + _hash(slug, "start") %
                                  (OLDEST_DAYS - YOUNGEST_DAYS))
    created = _at(start_day, slug, "created")
    span = (today - timedelta(days=10)) - start_day
    who = owner(entry)

    first_stage, first_level, _ = steps[0]
    initial: dict[str, Any] = {"umsetzungsstatus": first_stage}
    model = entry.get("reifegrad_model", "1.1")
    switches_model = any(m for _, _, m in steps)
    if first_level is not None:
        initial["reifegrad"] = first_level
        initial["reifegrad_model"] = model
    target = entry.get("target")
    final_target_date = None
    if target:
        level, months = target
        final_target_date = add_months(today, months)
        original = add_months(today, months - entry.get("postponed", 0))
        initial["target_reifegrad"] = min(level, 4) if switches_model else level
        initial["target_date"] = original
    share = entry.get("online_share")
    if share:
        initial["online_share"] = round(share * 0.3) if share < 100 else share
    elif share is not None:
        initial["online_share"] = share
    fallzahl = entry.get("fallzahl")
    if fallzahl:
        initial["fallzahl"] = round(fallzahl * (0.88 + (_hash(slug, "fz") % 10) / 100), -1)
    if entry.get("bearbeitungszeit_minutes") is not None:
        initial["bearbeitungszeit_minutes"] = entry["bearbeitungszeit_minutes"]
    plan = ServicePlan(created, who, initial)

    def moment(fraction: float, salt: str) -> datetime:
        jitter = _hash(slug, salt) % 21 - 10
        day = start_day + timedelta(days=round(span.days * fraction) + jitter)
        return _at(min(day, today - timedelta(days=2)), slug, salt)

    previous_stage, previous_level = first_stage, first_level
    count = len(steps) - 1
    # each service gets its own phase so that the changes of all services spread evenly
    # over the two years (and every half-year has some)
    phase = 0.1 + (_hash(slug, "phase") % 80) / 100
    for index, (stage, level, switch) in enumerate(steps[1:], start=1):
        when = moment((index - phase) / count, f"step{index}")
        if switch:
            values = {"reifegrad_model": switch, "reifegrad": level}
            if target:
                values["target_reifegrad"] = target[0]
            plan.changes.append(Change(when, "admin", values, "Umstellung auf das "
                                       f"Reifegradmodell {switch} (Beschluss Lenkungskreis OZG)."))
            previous_level = level
            continue
        values = {}
        if stage != previous_stage:
            values["umsetzungsstatus"] = stage
        if level is not None and level != previous_level:
            values["reifegrad"] = level
        if not values:
            continue
        options = COMMENTS[stage] if "umsetzungsstatus" in values else LEVEL_COMMENTS
        comment = options[_hash(slug, f"c{index}") % len(options)]
        plan.changes.append(Change(when, who, values, comment))
        previous_stage, previous_level = stage, level
    if target and entry.get("postponed"):
        plan.changes.append(Change(
            moment(0.55, "postpone"), who, {"target_date": final_target_date},
            POSTPONE_COMMENTS[_hash(slug, "pc") % len(POSTPONE_COMMENTS)]))
    if share and 0 < share < 100:
        plan.changes.append(Change(moment(0.45, "share1"), "analyse",
                                   {"online_share": round(share * 0.7)},
                                   "Online-Anteil aus der Portalstatistik aktualisiert."))
        plan.changes.append(Change(moment(0.9, "share2"), "analyse", {"online_share": share},
                                   "Online-Anteil aus der Portalstatistik aktualisiert."))
    if fallzahl and initial.get("fallzahl") != fallzahl:
        plan.changes.append(Change(
            _at(today - timedelta(days=300 + _hash(slug, "fzd") % 40), slug, "fzw"), "analyse",
            {"fallzahl": fallzahl}, "Fallzahlen des Vorjahres aus der Statistik des "
            "Fachverfahrens übernommen."))
    plan.changes.sort(key=lambda c: c.when)
    plan.draft_uploaded_at = plan.created_at + timedelta(days=14)
    plan.model_uploaded_at = moment(0.12, "model")
    plan.soll_uploaded_at = moment(0.6, "soll")
    return plan
