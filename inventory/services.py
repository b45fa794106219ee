"""The city's services: create, update (with a version check) and delete.

Every change of a steering field is appended to the status history in the same
transaction; a stale ``expected_version`` raises :class:`~inventory.errors.ConflictError`
naming who saved first and when.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from inventory.db import utcnow
from inventory.errors import ConflictError, InvalidValue, NotFound
from inventory.history import format_value
from inventory.service_fields import (
    BASISDIENSTE,
    EFA_STATUSES,
    LINK_FIELDS,
    PLAIN_FIELDS,
    PRIORITIES,
    STEERING_FIELDS,
    check_values,
)
from inventory.tables import LeikaLeistung, OzgLeistung, Service, StatusHistory, User
from inventory.users import get_user

__all__ = [
    "BASISDIENSTE",
    "EFA_STATUSES",
    "PRIORITIES",
    "STEERING_FIELDS",
    "create_service",
    "delete_service",
    "get_service",
    "service_values",
    "services_named",
    "update_service",
]


class InvalidService(InvalidValue):
    """Several fields of a service are invalid; ``problems`` lists each of them."""

    def __init__(self, problems: list[InvalidValue]) -> None:
        first = problems[0]
        message = "; ".join(str(p) for p in problems)
        super().__init__(first.field, first.value, message)
        self.problems = problems


def _user(session: Session, user: User | int | None) -> tuple[int | None, str | None]:
    if user is None:
        return None, None
    if isinstance(user, int):
        user = get_user(session, user)
    return user.id, user.display_name or user.username


def get_service(session: Session, service_id: int) -> Service:
    """The service ``service_id`` or :class:`NotFound`."""
    service = session.get(Service, service_id)
    if service is None:
        raise NotFound(f"Leistung {service_id} gibt es nicht.")
    return service


def services_named(session: Session, name: str, *, exclude_id: int | None = None
                   ) -> list[Service]:
    """Services whose name equals ``name`` (case and surrounding/inner spacing ignored).

    For the edges to warn before a second service of the same name is created (it would
    be counted twice in dashboard and reports): "Es gibt bereits „Gewerbeanmeldung“ …".
    """
    wanted = " ".join((name or "").split()).casefold()
    if not wanted:
        return []
    # Compared in Python: SQLite's lower() leaves umlauts alone.  Two columns only, so
    # this stays cheap for ten thousand services.
    ids = [service_id for service_id, text in session.execute(
        select(Service.id, Service.name).order_by(Service.id))
        if service_id != exclude_id and " ".join(text.split()).casefold() == wanted]
    return [session.get(Service, service_id) for service_id in ids]


def service_values(service: Service) -> dict[str, Any]:
    """Steering and plain fields of ``service`` as a dict (for forms and comparisons)."""
    values = {field: getattr(service, field) for field in (*STEERING_FIELDS, *PLAIN_FIELDS)}
    values["ozg_ids"] = [o.ozg_id for o in service.ozg_leistungen]
    values["leika_keys"] = [le.schluessel for le in service.leika_leistungen if le.schluessel]
    return values


def _catalogue_entries(session: Session, column: Any, wanted: list[str], field: str,
                       label: str) -> list[Any]:
    """The catalogue rows whose ``column`` has the ``wanted`` values, in that order;
    :class:`InvalidValue` on ``field`` naming the values the catalogue lacks."""
    found = {getattr(row, column.key): row for row in session.scalars(
        select(column.class_).where(column.in_(wanted)))}
    missing = [k for k in wanted if k not in found]
    if missing:
        raise InvalidValue(field, missing, f"{label} nicht im Katalog: " + ", ".join(missing))
    return [found[k] for k in wanted]


def _set_links(session: Session, service: Service, clean: Mapping[str, Any]) -> None:
    if "ozg_ids" in clean:
        service.ozg_leistungen = _catalogue_entries(
            session, OzgLeistung.ozg_id, clean["ozg_ids"], "ozg_ids", "OZG-ID")
    if "leika_keys" in clean:
        service.leika_leistungen = _catalogue_entries(
            session, LeikaLeistung.schluessel, clean["leika_keys"], "leika_keys",
            "Leistungsschlüssel")


def _record(session: Session, service_id: int, field: str, old: Any, new: Any,
            when: datetime, user_id: int | None, user_name: str | None,
            comment: str | None) -> None:
    session.add(StatusHistory(
        service_id=service_id, field=field, old_value=format_value(field, old),
        new_value=format_value(field, new), changed_at=when, changed_by_id=user_id,
        changed_by_name=user_name, comment=comment))


def create_service(session: Session, *, name: str, handlungsfeld: int | str | None = None,
                   created_by: User | int | None = None, comment: str | None = None,
                   when: datetime | None = None, **fields: Any) -> Service:
    """Create a service; its initial steering values are written to the history.

    ``fields`` are any of the steering, plain and link fields (see
    :mod:`inventory.service_fields`); values are checked (e.g. Reifegrad against its
    model version) and all problems are raised together as :class:`InvalidService`.
    ``when`` backdates the record (data migration, demo history); default now.
    """
    raw = {"name": name, **fields, "handlungsfeld": handlungsfeld}
    clean, problems = check_values(session, raw)
    if problems:
        raise InvalidService(problems)
    when = when or utcnow()
    user_id, user_name = _user(session, created_by)
    clean.setdefault("reifegrad_model", _default_model(session))
    links = {k: clean.pop(k) for k in LINK_FIELDS if k in clean}
    service = Service(**clean, created_at=when, updated_at=when,
                      updated_by_id=user_id)
    if service.basisdienste is None:
        service.basisdienste = []
    session.add(service)
    _set_links(session, service, links)
    session.flush()
    for field in STEERING_FIELDS:
        value = getattr(service, field)
        if value is not None:
            _record(session, service.id, field, None, value, when, user_id, user_name,
                    comment or "angelegt")
    session.flush()
    return service


def _default_model(session: Session) -> str:
    from inventory.lists import reifegrad_model

    return reifegrad_model(session).version


def update_service(session: Session, service_id: int, *, expected_version: int,
                   changes: Mapping[str, Any], changed_by: User | int | None = None,
                   comment: str | None = None, when: datetime | None = None) -> Service:
    """Apply ``changes`` to a service if nobody saved it since ``expected_version``.

    Raises :class:`ConflictError` (who saved first and when) for a stale version,
    :class:`InvalidService` when values are invalid.  Changed steering fields each get a
    history row (with ``comment``); unchanged values write nothing.  Returns the service
    with its new ``version``.
    """
    service = session.get(Service, service_id, populate_existing=True)
    if service is None:
        raise NotFound(f"Leistung {service_id} gibt es nicht.")
    if service.version != expected_version:
        raise _conflict(session, service, expected_version)
    current = service_values(service)
    clean, problems = check_values(session, dict(changes), current)
    if problems:
        raise InvalidService(problems)
    when = when or utcnow()
    user_id, user_name = _user(session, changed_by)
    changed = False
    for field, value in clean.items():
        if field in LINK_FIELDS:
            if list(value) != current[field]:
                changed = True
            continue
        old = getattr(service, field)
        if old == value:
            continue
        changed = True
        setattr(service, field, value)
        if field in STEERING_FIELDS:
            _record(session, service.id, field, old, value, when, user_id, user_name, comment)
    _set_links(session, service, {k: v for k, v in clean.items() if k in LINK_FIELDS})
    if not changed:
        return service
    service.updated_at = when
    service.updated_by_id = user_id
    try:
        session.flush()
    except StaleDataError:
        # Someone committed between our read and our write: the WHERE version=… matched
        # nothing.  Report it like any other conflict.
        session.rollback()
        fresh = session.get(Service, service_id, populate_existing=True)
        raise _conflict(session, fresh, expected_version) from None
    return service


def _conflict(session: Session, service: Service | None, expected: int) -> ConflictError:
    if service is None:
        raise NotFound("Die Leistung wurde inzwischen gelöscht.")
    saved_by = None
    if service.updated_by_id is not None:
        user = session.get(User, service.updated_by_id)
        saved_by = (user.display_name or user.username) if user else None
    return ConflictError(entity="Leistung", entity_id=service.id, expected_version=expected,
                         current_version=service.version, saved_by=saved_by,
                         saved_at=service.updated_at)


def delete_service(session: Session, service_id: int, *, expected_version: int) -> None:
    """Delete a service with its history, links and process models (admin action)."""
    service = get_service(session, service_id)
    if service.version != expected_version:
        raise _conflict(session, service, expected_version)
    session.delete(service)
    session.flush()
