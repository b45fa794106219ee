"""Display names of service fields and the grouping of history rows into events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

FIELD_LABELS: dict[str, Any] = {
    "name": _l("Bezeichnung"),
    "description": _l("Beschreibung"),
    "handlungsfeld": _l("Handlungsfeld"),
    "handlungsfeld_id": _l("Handlungsfeld"),
    "department": _l("Fachbereich/Amt"),
    "contact_role": _l("Ansprechrolle"),
    "rechtsgrundlage": _l("Rechtsgrundlage"),
    "online_url": _l("Adresse des Online-Dienstes"),
    "efa_status": _l("EfA-Status"),
    "basisdienste": _l("Basisdienste"),
    "fees": _l("Gebühren"),
    "fallzahl": _l("Fallzahl pro Jahr"),
    "online_share": _l("Online-Anteil (%)"),
    "bearbeitungszeit_minutes": _l("Bearbeitungszeit je Fall (Minuten)"),
    "priority": _l("Priorität"),
    "notes": _l("Notizen"),
    "reifegrad": _l("Reifegrad"),
    "reifegrad_model": _l("Reifegradmodell"),
    "umsetzungsstatus": _l("Umsetzungsstatus"),
    "target_reifegrad": _l("Ziel-Reifegrad"),
    "target_date": _l("Zieltermin"),
    "created": _l("Angelegt"),
}


def field_label(name: str) -> Any:
    return FIELD_LABELS.get(name, name)


def history_value(field: str, text: str | None, handlungsfelder: dict[int, str]) -> str:
    """A history value as the user reads it: names instead of ids, local dates and numbers."""
    from datetime import date

    from inventory.history import parse_value
    from web.navigation import format_date, format_number

    if text is None:
        return "–"
    try:
        value = parse_value(field, text)
    except ValueError:  # a value written by an older version: show it as stored
        return text
    if field in ("handlungsfeld", "handlungsfeld_id") and isinstance(value, int):
        return handlungsfelder.get(value, text)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return format_number(value, 1 if value % 1 else 0)
    if isinstance(value, int) and field not in ("reifegrad", "target_reifegrad"):
        return format_number(value)
    return str(value)


@dataclass
class HistoryEvent:
    """Changes saved together (same time, same person, same comment)."""

    when: datetime
    who: str | None
    comment: str | None
    changes: list[Any] = field(default_factory=list)


def group_history(rows: list[Any]) -> list[HistoryEvent]:
    """History rows grouped into events, newest first."""
    events: list[HistoryEvent] = []
    for row in sorted(rows, key=lambda r: (r.changed_at, r.id), reverse=True):
        last = events[-1] if events else None
        if (last is not None and last.when == row.changed_at
                and last.who == row.changed_by_name and last.comment == row.comment):
            last.changes.append(row)
        else:
            events.append(HistoryEvent(row.changed_at, row.changed_by_name, row.comment, [row]))
    return events
