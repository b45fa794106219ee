"""Listing services: filters, full-text search, sorting and pagination.

Every filter is a SQL condition (EXISTS subqueries for catalogue links), so a page of
10,000 services is one COUNT and one SELECT with LIMIT/OFFSET on indexed columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, and_, false, func, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from inventory.db import casefold
from inventory.tables import (
    Handlungsfeld,
    Lage,
    LeikaLeistung,
    ModelVersion,
    OzgLeistung,
    ProcessModel,
    ReifegradModel,
    Service,
    UmsetzungsStage,
    service_leika,
    service_ozg,
)

#: Sort keys accepted by :func:`list_services`.
SORT_KEYS: tuple[str, ...] = ("name", "handlungsfeld", "department", "reifegrad",
                              "umsetzungsstatus", "target_date", "updated_at", "fallzahl", "id")


@dataclass(frozen=True)
class ServiceFilter:
    """Conditions on services; empty fields do not filter.

    ``ozg_conformant`` compares each service's Reifegrad with the OZG-conformant level of
    its own Reifegrad model; ``has_model`` selects services with (or without) a current
    process model.  ``overdue`` selects services whose target date has passed (before
    ``today``) while the target Reifegrad is not reached and the work is not closed.
    ``text`` searches name, description, OZG-IDs/names and Leistungsschlüssel/LeiKa names
    (case-insensitive substring, umlauts included).
    """

    handlungsfeld_ids: Sequence[int] = ()
    themenfeld_ids: Sequence[int] = ()
    reifegrad: Sequence[int] = ()
    umsetzungsstatus: Sequence[str] = ()
    departments: Sequence[str] = ()
    overdue: bool = False
    text: str = ""
    today: date | None = None
    service_ids: Sequence[int] | None = field(default=None)
    ozg_conformant: bool | None = None  # Reifegrad at/above its model's OZG-conformant level
    has_model: bool | None = None  # has a current Ist or Soll process model


@dataclass(frozen=True)
class ServicePage:
    items: list[Service]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(filters: ServiceFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``filters`` (also used by reports and the web API)."""
    where: list[ColumnElement[bool]] = []
    if filters.service_ids is not None:
        where.append(Service.id.in_(list(filters.service_ids)) if filters.service_ids
                     else false())
    if filters.handlungsfeld_ids:
        where.append(Service.handlungsfeld_id.in_(list(filters.handlungsfeld_ids)))
    if filters.reifegrad:
        where.append(Service.reifegrad.in_(list(filters.reifegrad)))
    if filters.umsetzungsstatus:
        where.append(Service.umsetzungsstatus.in_(list(filters.umsetzungsstatus)))
    if filters.departments:
        where.append(Service.department.in_(list(filters.departments)))
    if filters.themenfeld_ids:
        # Non-correlated IN subqueries: evaluated once, not once per service.
        where.append(Service.id.in_(
            select(service_ozg.c.service_id).join(
                OzgLeistung, OzgLeistung.id == service_ozg.c.ozg_leistung_id).join(
                Lage, Lage.id == OzgLeistung.lage_id).where(
                Lage.themenfeld_id.in_(list(filters.themenfeld_ids)))))
    if filters.ozg_conformant is not None:
        level = select(ReifegradModel.ozg_conformant_level).where(
            ReifegradModel.version == Service.reifegrad_model).scalar_subquery()
        conformant = and_(Service.reifegrad.is_not(None), Service.reifegrad >= level)
        where.append(conformant if filters.ozg_conformant else ~conformant)
    if filters.has_model is not None:
        with_model = Service.id.in_(select(ProcessModel.service_id).join(
            ModelVersion, ModelVersion.process_model_id == ProcessModel.id).where(
            ModelVersion.is_current.is_(True)))
        where.append(with_model if filters.has_model else ~with_model)
    if filters.overdue:
        today = filters.today or date.today()
        closed = select(UmsetzungsStage.name).where(UmsetzungsStage.is_closed.is_(True))
        reached = and_(Service.target_reifegrad.is_not(None), Service.reifegrad.is_not(None),
                       Service.reifegrad >= Service.target_reifegrad)
        where.append(and_(Service.target_date < today, ~reached,
                          or_(Service.umsetzungsstatus.is_(None),
                              Service.umsetzungsstatus.not_in(closed))))
    text = filters.text.strip()
    if text:
        pattern = casefold(literal(_like(text)))
        ozg_hits = select(OzgLeistung.id).where(or_(
            casefold(OzgLeistung.name).like(pattern, escape="\\"), OzgLeistung.ozg_id == text))
        leika_hits = select(LeikaLeistung.id).where(or_(
            casefold(LeikaLeistung.name).like(pattern, escape="\\"),
            LeikaLeistung.schluessel == text))
        where.append(or_(
            casefold(Service.name).like(pattern, escape="\\"),
            casefold(Service.description).like(pattern, escape="\\"),
            Service.id.in_(select(service_ozg.c.service_id).where(
                service_ozg.c.ozg_leistung_id.in_(ozg_hits))),
            Service.id.in_(select(service_leika.c.service_id).where(
                service_leika.c.leika_leistung_id.in_(leika_hits))),
        ))
    return where


def _order(sort: str, descending: bool) -> list[ColumnElement[object]]:
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}; use one of {', '.join(SORT_KEYS)}")
    column: ColumnElement[object]
    if sort == "handlungsfeld":
        column = select(Handlungsfeld.position).where(
            Handlungsfeld.id == Service.handlungsfeld_id).scalar_subquery()
    elif sort == "umsetzungsstatus":
        column = select(UmsetzungsStage.position).where(
            UmsetzungsStage.name == Service.umsetzungsstatus).scalar_subquery()
    elif sort == "name":
        column = func.lower(Service.name)
    else:
        column = getattr(Service, sort)
    primary = column.desc().nulls_last() if descending else column.asc().nulls_last()
    tie = Service.id.desc() if descending else Service.id.asc()
    return [primary, tie]


def count_services(session: Session, filters: ServiceFilter | None = None) -> int:
    query = select(func.count()).select_from(Service)
    for condition in conditions(filters or ServiceFilter()):
        query = query.where(condition)
    return session.scalar(query) or 0


def list_services(session: Session, filters: ServiceFilter | None = None, *,
                  sort: str = "name", descending: bool = False, page: int = 1,
                  per_page: int = 50) -> ServicePage:
    """One page of services matching ``filters``, sorted by ``sort`` (see :data:`SORT_KEYS`).

    ``per_page`` is capped at 1,000; pages count from 1.  Catalogue links of the page's
    services are loaded in one extra query each.
    """
    per_page = max(1, min(per_page, 1000))
    page = max(1, page)
    where = conditions(filters or ServiceFilter())
    total = count_services(session, filters)
    query = (select(Service).where(*where).order_by(*_order(sort, descending))
             .limit(per_page).offset((page - 1) * per_page)
             .options(selectinload(Service.ozg_leistungen),
                      selectinload(Service.leika_leistungen)))
    return ServicePage(list(session.scalars(query)), total, page, per_page)


def count_by(session: Session, column: str, filters: ServiceFilter | None = None
             ) -> dict[object, int]:
    """How many matching services have each value of ``column`` (e.g. ``"reifegrad"``,
    ``"umsetzungsstatus"``, ``"handlungsfeld_id"``, ``"department"``)."""
    attribute = getattr(Service, column)
    query = select(attribute, func.count()).group_by(attribute)
    for condition in conditions(filters or ServiceFilter()):
        query = query.where(condition)
    return {value: count for value, count in session.execute(query)}
