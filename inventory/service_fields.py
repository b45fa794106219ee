"""What a service's fields may hold, and turning raw input into checked values.

Used by :mod:`inventory.services` (create/update), :mod:`inventory.exchange` (import of
the city's service list) and the web forms, so that every way in checks the same.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from inventory import lists
from inventory.errors import InvalidValue

#: Steering fields: every change is appended to the status history.
STEERING_FIELDS: tuple[str, ...] = (
    "umsetzungsstatus",
    "reifegrad",
    "reifegrad_model",
    "target_reifegrad",
    "target_date",
    "handlungsfeld_id",
    "department",
    "fallzahl",
    "online_share",
    "bearbeitungszeit_minutes",
)

#: Other plain fields of a service (no history; the record's ``updated_at`` changes).
PLAIN_FIELDS: tuple[str, ...] = (
    "name",
    "description",
    "contact_role",
    "rechtsgrundlage",
    "online_url",
    "efa_status",
    "basisdienste",
    "fees",
    "priority",
    "notes",
)

#: Link fields: lists of OZG-IDs / Leistungsschlüssel (handled by :mod:`inventory.services`).
LINK_FIELDS: tuple[str, ...] = ("ozg_ids", "leika_keys")

#: German labels of the fields (history display, exports, messages).
FIELD_LABELS: dict[str, str] = {
    "name": "Name",
    "description": "Beschreibung",
    "handlungsfeld_id": "Handlungsfeld",
    "department": "Fachbereich/Amt",
    "contact_role": "Ansprechpartner (Rolle)",
    "rechtsgrundlage": "Rechtsgrundlage",
    "online_url": "Online-Dienst (URL)",
    "efa_status": "EfA-Status",
    "basisdienste": "Basisdienste",
    "fees": "Gebühren",
    "fallzahl": "Fallzahl pro Jahr",
    "online_share": "Online-Anteil (%)",
    "bearbeitungszeit_minutes": "Bearbeitungszeit je Fall (Minuten)",
    "priority": "Priorität",
    "notes": "Notizen",
    "reifegrad": "Reifegrad",
    "reifegrad_model": "Reifegradmodell",
    "umsetzungsstatus": "Umsetzungsstatus",
    "target_reifegrad": "Ziel-Reifegrad",
    "target_date": "Zieldatum",
    "ozg_ids": "OZG-IDs",
    "leika_keys": "Leistungsschlüssel",
}

EFA_STATUSES: tuple[str, ...] = (
    "Nachnutzung in Klärung",
    "Nachnutzung sicher",
    "EfA-Entwicklung durch Land",
    "EfA-Entwicklung durch kommunalen IT-Dienstleister",
    "EfA-Entwicklung in Klärung",
    "kein EfA",
)

PRIORITIES: tuple[str, ...] = ("hoch", "mittel", "niedrig")

#: Suggested Basisdienste (DESIGN.md §3); other names are accepted as written.
BASISDIENSTE: tuple[str, ...] = (
    "BundID",
    "Mein Unternehmenskonto",
    "Online-Ausweis (eID)",
    "ePayment",
    "Postfach",
    "FIT-Connect",
    "XTA/OSCI",
    "Formularserver",
    "PVOG/Zuständigkeitsfinder",
    "E-Akte",
    "NOOTS",
)

OZG_ID = re.compile(r"^\d{5}$")
LEIKA_KEY = re.compile(r"^\d{14}$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


def _text(field: str, value: Any, *, max_length: int | None = None,
          required: bool = False) -> str | None:
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value.strip()
    else:
        text = str(value).strip()
    if not text:
        if required:
            raise InvalidValue(field, value, f"{FIELD_LABELS.get(field, field)} fehlt.")
        return None
    if max_length is not None and len(text) > max_length:
        raise InvalidValue(field, value, f"{FIELD_LABELS.get(field, field)} ist länger als "
                                         f"{max_length} Zeichen.")
    return text


def _number(field: str, value: Any, *, integer: bool, minimum: float = 0,
            maximum: float | None = None) -> int | float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    label = FIELD_LABELS.get(field, field)
    if isinstance(value, bool):
        raise InvalidValue(field, value, f"{label}: „{value}“ ist keine Zahl.")
    if isinstance(value, str):
        raw = value.strip().replace("\u00a0", "").replace(" ", "")
        # German notation ("1.234,5") and plain notation ("1234.5") are both accepted.
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        elif integer and _THOUSANDS.match(raw):
            raw = raw.replace(".", "")
        try:
            number: float = float(raw)
        except ValueError:
            raise InvalidValue(field, value, f"{label}: „{value}“ ist keine Zahl.") from None
    else:
        number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise InvalidValue(field, value, f"{label}: „{value}“ ist keine Zahl.")
    if integer:
        if number != int(number):
            raise InvalidValue(field, value, f"{label}: „{value}“ ist keine ganze Zahl.")
        number = int(number)
    if number < minimum or (maximum is not None and number > maximum):
        bound = f"{minimum:g}–{maximum:g}" if maximum is not None else f"mindestens {minimum:g}"
        raise InvalidValue(field, value, f"{label}: {value} liegt nicht im Bereich {bound}.")
    return number


def parse_date(field: str, value: Any) -> date | None:
    """A date from a ``date``, ``datetime``, ISO text (``2026-06-30``) or ``30.06.2026``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d.%m.%Y").date()):
        try:
            return parse(text[:10] if "T" in text else text)
        except ValueError:
            continue
    raise InvalidValue(field, value, f"{FIELD_LABELS.get(field, field)}: „{value}“ ist kein "
                                     "Datum (JJJJ-MM-TT oder TT.MM.JJJJ).")


def _list_of_text(field: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = re.split(r"[;,\n]", value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        parts = [str(v) for v in value]
    else:
        raise InvalidValue(field, value, f"{FIELD_LABELS.get(field, field)}: Liste erwartet.")
    seen: list[str] = []
    for part in (p.strip() for p in parts):
        if part and part not in seen:
            seen.append(part)
    return seen


def _choice(field: str, value: Any, choices: tuple[str, ...]) -> str | None:
    text = _text(field, value)
    if text is None:
        return None
    for choice in choices:
        if choice.lower() == text.lower():
            return choice
    raise InvalidValue(field, value, f"{FIELD_LABELS.get(field, field)}: „{value}“ ist nicht "
                                     f"erlaubt (erlaubt: {', '.join(choices)}).")


def check_values(session: Session, values: Mapping[str, Any],
                 current: Mapping[str, Any] | None = None) -> tuple[dict[str, Any],
                                                                    list[InvalidValue]]:
    """Check raw ``values`` of a service; returns (clean values, problems).

    ``current`` holds the service's present values (for an update) so that a Reifegrad is
    checked against the model version it will have afterwards.  Unknown keys are
    problems too.  Every problem is collected, so an import can report all of them.
    """
    clean: dict[str, Any] = {}
    problems: list[InvalidValue] = []
    current = current or {}

    def attempt(field: str, convert: Callable[[Any], Any]) -> None:
        try:
            clean[field] = convert(values[field])
        except InvalidValue as exc:
            problems.append(exc)

    checks = {
        "name": lambda v: _text("name", v, max_length=300, required=True),
        "description": lambda v: _text("description", v),
        "department": lambda v: _text("department", v, max_length=200),
        "contact_role": lambda v: _text("contact_role", v, max_length=200),
        "rechtsgrundlage": lambda v: _text("rechtsgrundlage", v),
        "fees": lambda v: _text("fees", v, max_length=500),
        "notes": lambda v: _text("notes", v),
        "efa_status": lambda v: _choice("efa_status", v, EFA_STATUSES),
        "priority": lambda v: _choice("priority", v, PRIORITIES),
        "basisdienste": lambda v: _list_of_text("basisdienste", v),
        "fallzahl": lambda v: _number("fallzahl", v, integer=True),
        "online_share": lambda v: _number("online_share", v, integer=False, maximum=100),
        "bearbeitungszeit_minutes": lambda v: _number("bearbeitungszeit_minutes", v,
                                                      integer=False),
        "target_date": lambda v: parse_date("target_date", v),
        "online_url": _url,
        "handlungsfeld_id": lambda v: lists.resolve_handlungsfeld(session, v).id,
        "umsetzungsstatus": lambda v: _stage(session, v),
        "ozg_ids": lambda v: _keys("ozg_ids", v, OZG_ID, "OZG-ID", 5),
        "leika_keys": lambda v: _keys("leika_keys", v, LEIKA_KEY, "Leistungsschlüssel", 14),
    }
    for field in values:
        if field in checks:
            attempt(field, checks[field])
        elif field not in ("reifegrad", "reifegrad_model", "target_reifegrad", "handlungsfeld"):
            problems.append(InvalidValue(field, values[field], f"Unbekanntes Feld „{field}“."))
    if "handlungsfeld" in values:
        try:
            clean["handlungsfeld_id"] = lists.resolve_handlungsfeld(
                session, values["handlungsfeld"]).id
        except InvalidValue as exc:
            problems.append(exc)
    model = current.get("reifegrad_model")
    if "reifegrad_model" in values:
        try:
            text = _text("reifegrad_model", values["reifegrad_model"])
            model = lists.reifegrad_model(session, text).version if text else \
                lists.reifegrad_model(session).version
            clean["reifegrad_model"] = model
        except InvalidValue as exc:
            problems.append(exc)
            model = None
    elif model is None:
        model = lists.reifegrad_model(session).version
    for field in ("reifegrad", "target_reifegrad"):
        if field in values or ("reifegrad_model" in clean and current.get(field) is not None):
            level = values[field] if field in values else current.get(field)
            if model is None:
                continue
            try:
                clean[field] = lists.validate_reifegrad(session, level, model, field=field)
            except InvalidValue as exc:
                problems.append(exc)
    return clean, problems


def _url(value: Any) -> str | None:
    text = _text("online_url", value, max_length=1000)
    if text is not None and not _URL.match(text):
        raise InvalidValue("online_url", value,
                           f"Online-Dienst: „{value}“ ist keine http(s)-Adresse.")
    return text


def _stage(session: Session, value: Any) -> str | None:
    text = _text("umsetzungsstatus", value)
    if text is None:
        return None
    stage = lists.stage_by_name(session, text)
    if stage is None:
        known = ", ".join(s.name for s in lists.stages(session))
        raise InvalidValue("umsetzungsstatus", value,
                           f"Unbekannter Umsetzungsstatus „{value}“ (bekannt: {known}).")
    return stage.name


def _keys(field: str, value: Any, pattern: re.Pattern[str], label: str,
          digits: int) -> list[str]:
    keys = _list_of_text(field, value)
    for key in keys:
        if not pattern.match(key):
            raise InvalidValue(field, key, f"{label} „{key}“ hat nicht genau {digits} Ziffern.")
    return keys
