"""The city's own services, their steering fields and the append-only status history.

Configurable lists live in tables so admins can edit them: Handlungsfelder,
Umsetzungsstatus stages and Reifegrad models (levels and the OZG-conformant level
per model version).  Defaults are seeded by the migration ``0001_register``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inventory.db import Base, UtcDateTime, utcnow
from inventory.tables.catalogue import LeikaLeistung, OzgLeistung

service_ozg = Table(
    "service_ozg",
    Base.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("ozg_leistung_id", ForeignKey("ozg_leistung.id", ondelete="RESTRICT"),
           primary_key=True, index=True),
)

service_leika = Table(
    "service_leika",
    Base.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("leika_leistung_id", ForeignKey("leika_leistung.id", ondelete="RESTRICT"),
           primary_key=True, index=True),
)


class Handlungsfeld(Base):
    """A field of action of the digital strategy (admins edit the list)."""

    __tablename__ = "handlungsfeld"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class UmsetzungsStage(Base):
    """One stage of the Umsetzungsstatus (configurable; ordered by ``position``).

    ``is_online`` marks stages that count as "online verfügbar", ``is_closed`` stages
    that end the work without an online service ("eingestellt").
    """

    __tablename__ = "umsetzungs_stage"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_online: Mapped[bool] = mapped_column(Boolean, default=False)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ReifegradModel(Base):
    """A version of the OZG maturity model: its levels and the OZG-conformant level.

    ``levels`` maps each level (as a string key, JSON objects have string keys) to its
    name, e.g. ``{"0": "Offline", …, "4": "Online-Transaktion"}``.
    """

    __tablename__ = "reifegrad_model"

    version: Mapped[str] = mapped_column(String(10), primary_key=True)
    min_level: Mapped[int] = mapped_column(Integer, default=0)
    max_level: Mapped[int] = mapped_column(Integer)
    ozg_conformant_level: Mapped[int] = mapped_column(Integer)
    levels: Mapped[dict[str, str]] = mapped_column(JSON)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)

    def level_name(self, level: int | None) -> str | None:
        return None if level is None else self.levels.get(str(level))


class Service(Base):
    """A service of the city (its own record, linked to catalogue entries).

    Steering fields (see :data:`inventory.services.STEERING_FIELDS`) change only through
    :func:`inventory.services.update_service`, which appends every change to
    :class:`StatusHistory`.  ``version`` is the optimistic-locking counter: SQLAlchemy
    adds ``WHERE version = …`` to every UPDATE, so a stale write can never overwrite a
    newer one.  ``online_share`` is a percentage (0–100), ``bearbeitungszeit_minutes``
    the average processing time per case in minutes, ``fallzahl`` cases per year.
    """

    __tablename__ = "service"
    __table_args__ = (
        Index("ix_service_status", "umsetzungsstatus", "reifegrad"),
        Index("ix_service_target", "target_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    handlungsfeld_id: Mapped[int] = mapped_column(
        ForeignKey("handlungsfeld.id", ondelete="RESTRICT"), index=True)
    department: Mapped[str | None] = mapped_column(String(200), index=True)
    contact_role: Mapped[str | None] = mapped_column(String(200))
    rechtsgrundlage: Mapped[str | None] = mapped_column(Text)
    online_url: Mapped[str | None] = mapped_column(String(1000))
    efa_status: Mapped[str | None] = mapped_column(String(100))
    basisdienste: Mapped[list[str]] = mapped_column(JSON, default=list)
    fees: Mapped[str | None] = mapped_column(String(500))
    fallzahl: Mapped[int | None] = mapped_column(Integer)
    online_share: Mapped[float | None] = mapped_column(Float)
    bearbeitungszeit_minutes: Mapped[float | None] = mapped_column(Float)
    priority: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)

    reifegrad: Mapped[int | None] = mapped_column(Integer)
    reifegrad_model: Mapped[str] = mapped_column(
        ForeignKey("reifegrad_model.version", ondelete="RESTRICT"), default="1.1")
    umsetzungsstatus: Mapped[str | None] = mapped_column(String(100))
    target_reifegrad: Mapped[int | None] = mapped_column(Integer)
    target_date: Mapped[date | None] = mapped_column(Date)

    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id",
                                                                 ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__: Any = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy API

    handlungsfeld: Mapped[Handlungsfeld] = relationship(lazy="joined")
    ozg_leistungen: Mapped[list[OzgLeistung]] = relationship(
        secondary=service_ozg, order_by=OzgLeistung.ozg_id)
    leika_leistungen: Mapped[list[LeikaLeistung]] = relationship(
        secondary=service_leika, order_by=LeikaLeistung.name)
    history: Mapped[list[StatusHistory]] = relationship(
        back_populates="service", order_by="StatusHistory.id", viewonly=True)


# Case-insensitive sorting by name (the service list's default order) walks this index.
Index("ix_service_name_lower", func.lower(Service.name), Service.id)


class StatusHistory(Base):
    """One change of one steering field of a service — appended, never edited.

    ``old_value``/``new_value`` are the values as text (``None`` for empty); dates
    ISO formatted, numbers as written by :func:`inventory.history.format_value`.
    ``changed_by_name`` keeps the user's name as it was, so the history stays readable
    when an account is removed.
    """

    __tablename__ = "status_history"
    __table_args__ = (
        Index("ix_status_history_service_time", "service_id", "changed_at"),
        Index("ix_status_history_field_time", "field", "changed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"))
    changed_by_name: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="history")
