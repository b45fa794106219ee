"""Replaying the status history in memory: the register's state at many moments.

:func:`inventory.history.states_at` answers one moment with two window queries; a
report needs a dozen moments (period start and end, a year of chart points, target
baselines).  :class:`HistoryReplay` reads the services and the history once and then
answers each moment with a binary search per changed field, with the same rule as
``states_at``: the new value of the last change at or before the moment, else the old
value of the first change after it, else today's value; services created after the
moment are left out.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inventory.history import parse_value
from inventory.service_fields import STEERING_FIELDS
from inventory.tables import Service, StatusHistory


class HistoryReplay:
    """Services and their steering-field history, loaded once from ``session``."""

    def __init__(self, session: Session) -> None:
        columns = [Service.id, Service.name, Service.created_at,
                   *(getattr(Service, f) for f in STEERING_FIELDS)]
        self.names: dict[int, str] = {}
        self._services: list[tuple[int, datetime, dict[str, Any]]] = []
        for row in session.execute(select(*columns).order_by(Service.id)):
            sid, name, created = row[0], row[1], row[2]
            self.names[sid] = name
            self._services.append((sid, created, dict(zip(STEERING_FIELDS, row[3:],
                                                          strict=True))))
        # (service, field) -> (times, old values, new values), in time order
        self._changes: dict[tuple[int, str], tuple[list[datetime], list[Any], list[Any]]] = {}
        self._fields_of: dict[int, list[str]] = {}
        query = select(StatusHistory.service_id, StatusHistory.field, StatusHistory.old_value,
                       StatusHistory.new_value, StatusHistory.changed_at).where(
            StatusHistory.field.in_(STEERING_FIELDS)).order_by(
            StatusHistory.changed_at, StatusHistory.id)
        for sid, field, old, new, when in session.execute(query):
            key = (sid, field)
            if key not in self._changes:
                self._changes[key] = ([], [], [])
                self._fields_of.setdefault(sid, []).append(field)
            times, olds, news = self._changes[key]
            times.append(when)
            olds.append(parse_value(field, old))
            news.append(parse_value(field, new))

    def states_at(self, when: datetime) -> dict[int, dict[str, Any]]:
        """``{service id: {field: value}}`` at ``when`` (aware), like ``states_at``."""
        result: dict[int, dict[str, Any]] = {}
        for sid, created, current in self._services:
            if created > when:
                continue
            row = {"exists": True, "service_id": sid, **current}
            for field in self._fields_of.get(sid, ()):
                times, olds, news = self._changes[(sid, field)]
                i = bisect_right(times, when)
                row[field] = news[i - 1] if i else olds[0]
            result[sid] = row
        return result
