"""Shared machinery of the strategy records: validation helpers, the version check and
appending revisions (the append-only history of targets, projects and narratives).

Every write function (``targets``, ``projects``, ``narratives`` modules) takes a
``Session`` (the caller commits), validates everything before writing anything, checks
the version counter of the record it changes (a stale edit raises
:class:`StrategyConflict`) and appends a :class:`StrategyRevision` with the full state
after the change.  ``when`` backdates a change (demo data, imports); it must be an aware
datetime.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inventory import lists
from inventory.db import utcnow
from inventory.errors import InvalidValue
from inventory.strategy.errors import StrategyConflict, StrategyInvalid
from inventory.strategy.tables import (
    StrategyRevision,
)
from inventory.tables import Handlungsfeld
from procmodel.strategy.periods import local_day


def who(user: Any) -> tuple[int | None, str | None]:
    """(user id, display name) of a user object, a plain name, or ``None``."""
    if user is None:
        return None, None
    if isinstance(user, str):
        return None, user
    return getattr(user, "id", None), (getattr(user, "display_name", None)
                                       or getattr(user, "username", None))


def moment(when: datetime | None) -> datetime:
    """``when`` (must be aware), or now."""
    if when is None:
        return utcnow()
    if when.tzinfo is None:
        raise ValueError("when must be timezone-aware")
    return when


def iso_day(day: date | None) -> str | None:
    """A day as ISO text for the stored state (``None`` stays ``None``)."""
    return day.isoformat() if day else None


def as_date(field: str, value: Any, *, required: bool = True) -> date | None:
    """A date from a date, datetime or ISO text; :class:`StrategyInvalid` naming ``field``."""
    if value in (None, ""):
        if required:
            raise StrategyInvalid(field, f"{_LABELS.get(field, field)}: bitte ein Datum angeben")
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise StrategyInvalid(field, f"{_LABELS.get(field, field)}: {value!r} ist kein Datum "
                                     "(JJJJ-MM-TT)") from None


def clean_text(field: str, value: Any, *, required: bool = False, limit: int = 300) -> str | None:
    """Stripped text (``None`` when empty), checked for presence and length."""
    text = (str(value) if value is not None else "").strip()
    if required and not text:
        raise StrategyInvalid(field, f"{_LABELS.get(field, field)}: bitte ausfüllen")
    if len(text) > limit:
        raise StrategyInvalid(field, f"{_LABELS.get(field, field)}: höchstens {limit} Zeichen")
    return text or None


_LABELS = {
    "name": "Name", "handlungsfeld": "Handlungsfeld", "rule": "Regel", "start_date": "Beginn",
    "end_date": "Ende", "responsible": "Verantwortlich", "status": "Status",
    "priority": "Priorität", "milestones": "Meilensteine", "depends_on": "Abhängigkeiten",
    "services": "Leistungen", "finished_on": "Abgeschlossen am", "kind": "Art",
    "period_key": "Zeitraum", "title": "Titel", "body": "Text", "description": "Beschreibung",
}


def resolve_handlungsfeld(session: Session, value: Any) -> Handlungsfeld:
    """The Handlungsfeld given by id, name or object; :class:`StrategyInvalid` if unknown.

    Unlike :func:`inventory.lists.resolve_handlungsfeld`, which it calls, a missing value is
    an error here: every target and project belongs to one Handlungsfeld.
    """
    if isinstance(value, Handlungsfeld):
        return value
    if value is not None and str(value).strip():
        try:
            return lists.resolve_handlungsfeld(session, value)
        except InvalidValue:
            pass
    raise StrategyInvalid("handlungsfeld", f"Handlungsfeld {value!r} ist unbekannt")


def append_revision(session: Session, entity: str, entity_id: int, action: str, data: dict,
                    changes: dict, by: Any, when: datetime, comment: str | None
                    ) -> StrategyRevision:
    """Append one revision (the full state ``data`` after the change) to the history."""
    number = (session.scalar(select(func.max(StrategyRevision.number)).where(
        StrategyRevision.entity == entity, StrategyRevision.entity_id == entity_id)) or 0) + 1
    by_id, by_name = who(by)
    rev = StrategyRevision(entity=entity, entity_id=entity_id, number=number, action=action,
                           changed_at=when, changed_by_id=by_id, changed_by_name=by_name,
                           comment=(comment or "").strip() or None, data=data, changes=changes)
    session.add(rev)
    return rev


def diff_states(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields that differ, as ``{field: [old, new]}``."""
    return {k: [old.get(k), new.get(k)] for k in new if old.get(k) != new.get(k)}


def check_version(session: Session, entity: str, record: Any, expected: int | None,
                  what: str) -> None:
    """Refuse a change based on a stale version, naming who saved last and when."""
    if expected is not None and record.version != expected:
        last = session.scalar(select(StrategyRevision).where(
            StrategyRevision.entity == entity, StrategyRevision.entity_id == record.id)
            .order_by(StrategyRevision.number.desc()).limit(1))
        raise StrategyConflict(what, last.changed_by_name if last else None,
                               last.changed_at if last else None)


def store_created(session: Session, entity: str, record: Any,
                  state: Callable[[Any], dict[str, Any]], created_by: Any, when: datetime,
                  comment: str | None) -> None:
    """Add a new, already validated record and append its first revision ("created")."""
    record.created_at = record.updated_at = when
    session.add(record)
    session.flush()
    data = state(record)
    append_revision(session, entity, record.id, "created", data,
                    diff_states({}, data), created_by, when, comment)


def apply_changes(session: Session, entity: str, record: Any, *, expected_version: int | None,
                  what: str, state: Callable[[Any], dict[str, Any]],
                  apply: Callable[[Session, Any, Mapping[str, Any], date], None],
                  changes: Mapping[str, Any], changed_by: Any, when: datetime,
                  comment: str | None) -> None:
    """Check the version, apply ``changes`` and append a revision with what changed
    ("archived" when the change archives the record, else "updated"); nothing is
    appended when no field changed."""
    check_version(session, entity, record, expected_version, what)
    before = state(record)
    apply(session, record, changes, local_day(when))
    after = state(record)
    diff = diff_states(before, after)
    if not diff:
        return
    record.updated_at = when
    session.flush()
    action = "archived" if diff.get("archived", [None, False])[1] else "updated"
    append_revision(session, entity, record.id, action, after, diff, changed_by, when, comment)


def list_by_field(session: Session, table: Any, *order: Any, handlungsfeld_id: int | None,
                  include_archived: bool) -> list[Any]:
    """Targets or projects (``table``), ordered by Handlungsfeld and then ``order``,
    optionally of one Handlungsfeld and without the archived ones."""
    query = select(table).join(table.handlungsfeld).order_by(
        Handlungsfeld.position, Handlungsfeld.name, *order)
    if handlungsfeld_id is not None:
        query = query.where(table.handlungsfeld_id == handlungsfeld_id)
    if not include_archived:
        query = query.where(table.archived.is_(False))
    return list(session.scalars(query).unique())


def revisions_of(session: Session, entity: str, entity_id: int) -> list[StrategyRevision]:
    """The history of one record, oldest first."""
    return list(session.scalars(select(StrategyRevision).where(
        StrategyRevision.entity == entity, StrategyRevision.entity_id == entity_id)
        .order_by(StrategyRevision.number)))


