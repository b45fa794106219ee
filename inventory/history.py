"""The append-only status history and reconstructing a service's state at a past time.

Every change of a steering field (see :data:`inventory.service_fields.STEERING_FIELDS`)
is one :class:`~inventory.tables.StatusHistory` row with the old and new value as
text.  Rows are never updated or deleted by the application (an ORM guard refuses it);
only deleting the whole service removes its history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from inventory.errors import InventoryError, NotFound
from inventory.service_fields import STEERING_FIELDS
from inventory.tables import Handlungsfeld, Service, StatusHistory

_INT_FIELDS = {"reifegrad", "target_reifegrad", "handlungsfeld_id", "fallzahl"}
_FLOAT_FIELDS = {"online_share", "bearbeitungszeit_minutes"}
_DATE_FIELDS = {"target_date"}


class HistoryIsAppendOnly(InventoryError):
    """Someone tried to edit or delete a history row."""


@event.listens_for(StatusHistory, "before_update")
def _refuse_update(_mapper, _connection, target: StatusHistory) -> None:
    raise HistoryIsAppendOnly(f"Verlaufseintrag {target.id} darf nicht geändert werden.")


@event.listens_for(StatusHistory, "before_delete")
def _refuse_delete(_mapper, _connection, target: StatusHistory) -> None:
    raise HistoryIsAppendOnly(f"Verlaufseintrag {target.id} darf nicht gelöscht werden.")


def format_value(field: str, value: Any) -> str | None:
    """A steering field's value as stored in the history (``None`` for empty)."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back as the same float
    return str(value)


def parse_value(field: str, text: str | None) -> Any:
    """The inverse of :func:`format_value` for ``field``."""
    if text is None:
        return None
    if field in _INT_FIELDS:
        return int(text)
    if field in _FLOAT_FIELDS:
        return float(text)
    if field in _DATE_FIELDS:
        return date.fromisoformat(text)
    return text


def _number(value: float, decimals: int, language: str) -> str:
    text = f"{value:,.{decimals}f}"
    if language == "de":  # 1,234.5 → 1.234,5
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def display_value(field: str, text: str | None, *, language: str = "de",
                  handlungsfelder: Mapping[int, str] | None = None) -> str | None:
    """A stored history value as a user reads it (``None`` stays ``None``).

    The history keeps values in a neutral, exact form (ids, ``18.0``, ISO dates, see
    :func:`format_value`); pages and reports show names and local number formats:
    ``handlungsfeld_id`` → the Handlungsfeld's name (``handlungsfelder`` maps id → name,
    see :func:`handlungsfeld_names`), ``2400`` → ``2.400``, ``18.0`` → ``18,0``,
    ``2026-06-30`` → ``30.06.2026`` (German; English keeps ``2,400``/``18.0``/ISO dates).
    """
    if text is None:
        return None
    try:
        value = parse_value(field, text)
    except ValueError:  # a value written by an older version: show it as it is
        return text
    if field == "handlungsfeld_id":
        name = (handlungsfelder or {}).get(value)
        if name is not None:
            return name
        return f"Handlungsfeld {value}" if language == "de" else f"field of action {value}"
    if field == "fallzahl":
        return _number(value, 0, language)
    if field == "online_share":
        return _number(value, 1, language)
    if field == "bearbeitungszeit_minutes":
        return _number(value, 0 if float(value).is_integer() else 1, language)
    if isinstance(value, date) and language == "de":
        return value.strftime("%d.%m.%Y")
    return text


def handlungsfeld_names(session: Session) -> dict[int, str]:
    """Id → name of every Handlungsfeld (also inactive ones), for :func:`display_value`."""
    return {row.id: row.name for row in session.execute(
        select(Handlungsfeld.id, Handlungsfeld.name))}


def _aware(when: datetime | date) -> datetime:
    if not isinstance(when, datetime):
        # A date means the end of that day: "state at 30.06." includes that day's changes.
        when = datetime(when.year, when.month, when.day, 23, 59, 59, 999999, tzinfo=UTC)
    if when.tzinfo is None:
        raise ValueError("service_state_at needs a timezone-aware time (or a date)")
    return when


def history_of(session: Session, service_id: int, *, field: str | None = None
               ) -> list[StatusHistory]:
    """The history of one service, oldest first."""
    query = select(StatusHistory).where(StatusHistory.service_id == service_id)
    if field:
        query = query.where(StatusHistory.field == field)
    return list(session.scalars(query.order_by(StatusHistory.changed_at, StatusHistory.id)))


def service_state_at(session: Session, service_id: int, when: datetime | date) -> dict[str, Any]:
    """The steering fields of a service as they were at ``when``.

    Returns ``{"exists": bool, "service_id": id, <field>: value, …}`` for every field of
    :data:`STEERING_FIELDS`; ``exists`` is ``False`` (and every field ``None``) when the
    service was created after ``when``.  A ``date`` means the end of that day (UTC).
    """
    state = states_at(session, when, service_ids=[service_id])
    if service_id in state:
        return state[service_id]
    if session.get(Service, service_id) is None:
        raise NotFound(f"Leistung {service_id} gibt es nicht.")
    return {"exists": False, "service_id": service_id, **dict.fromkeys(STEERING_FIELDS)}


def states_at(session: Session, when: datetime | date, *,
              service_ids: list[int] | None = None) -> dict[int, dict[str, Any]]:
    """The state of many services at ``when`` (all when ``service_ids`` is ``None``).

    Services created after ``when`` are left out.  For each field the value is the new
    value of the last change at or before ``when``; without such a change it is the old
    value of the first change after ``when``; without any change it is today's value.
    Runs two window queries over the history index, independent of the number of services.
    """
    moment = _aware(when)
    # Plain columns, not ORM objects: this runs over every service for reports.
    services = select(Service.id, *(getattr(Service, f) for f in STEERING_FIELDS)).where(
        Service.created_at <= moment)
    if service_ids is not None:
        services = services.where(Service.id.in_(service_ids))
    result: dict[int, dict[str, Any]] = {}
    for service_id, *values in session.execute(services):
        row: dict[str, Any] = {"exists": True, "service_id": service_id}
        row.update(zip(STEERING_FIELDS, values, strict=True))
        result[service_id] = row
    if not result:
        return result

    def ranked(before: bool):
        order = (StatusHistory.changed_at.desc(), StatusHistory.id.desc()) if before else \
            (StatusHistory.changed_at.asc(), StatusHistory.id.asc())
        condition = StatusHistory.changed_at <= moment if before else \
            StatusHistory.changed_at > moment
        query = select(
            StatusHistory.service_id, StatusHistory.field, StatusHistory.old_value,
            StatusHistory.new_value,
            func.row_number().over(partition_by=(StatusHistory.service_id,
                                                 StatusHistory.field),
                                   order_by=order).label("rank"),
        ).where(condition)
        if service_ids is not None:
            query = query.where(StatusHistory.service_id.in_(service_ids))
        sub = query.subquery()
        return select(sub.c.service_id, sub.c.field, sub.c.old_value, sub.c.new_value).where(
            sub.c.rank == 1)

    decided: dict[int, set[str]] = defaultdict(set)
    for service_id, field, _old, new in session.execute(ranked(before=True)):
        if service_id in result and field in STEERING_FIELDS:
            result[service_id][field] = parse_value(field, new)
            decided[service_id].add(field)
    for service_id, field, old, _new in session.execute(ranked(before=False)):
        if service_id in result and field in STEERING_FIELDS and \
                field not in decided[service_id]:
            result[service_id][field] = parse_value(field, old)
    return result
