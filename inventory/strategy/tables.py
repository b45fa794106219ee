"""Tables of the strategy part: targets, projects with milestones, narrative report
sections, and one append-only revision history for all of them.

Every write goes through the functions of :mod:`inventory.strategy` so that each
change appends a :class:`StrategyRevision` holding the full state after the change.
The state of a target or project at any past moment is the newest revision at or
before that moment; nothing is ever edited in place in the history.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inventory.db import Base, UtcDateTime, utcnow
from inventory.tables import Handlungsfeld, Service

project_service = Table(
    "strategy_project_service",
    Base.metadata,
    Column("project_id", ForeignKey("strategy_project.id", ondelete="CASCADE"),
           primary_key=True),
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

project_dependency = Table(
    "strategy_project_dependency",
    Base.metadata,
    Column("project_id", ForeignKey("strategy_project.id", ondelete="CASCADE"),
           primary_key=True),
    Column("depends_on_id", ForeignKey("strategy_project.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)


class StrategyTarget(Base):
    """A target (Ziel) of one Handlungsfeld, defined by a rule of the rule language.

    ``rule`` holds the canonical text of :class:`procmodel.strategy.rules.Rule`; it
    is validated on every write.  ``start_date`` is where the straight line to the
    goal starts (on-track check).  ``archived`` hides a target without losing its
    history.
    """

    __tablename__ = "strategy_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    handlungsfeld_id: Mapped[int] = mapped_column(
        ForeignKey("handlungsfeld.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date] = mapped_column(Date)
    responsible: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__: Any = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy API

    handlungsfeld: Mapped[Handlungsfeld] = relationship(lazy="joined")


class StrategyProject(Base):
    """A project or measure of the timeline (Zeitplan) of one Handlungsfeld.

    ``status`` is a key of :data:`procmodel.strategy.timeline.STATUSES`; ``outlook``
    marks planned future projects (Ausblick/Fortschreibung); ``priority`` 1 is highest.
    """

    __tablename__ = "strategy_project"

    id: Mapped[int] = mapped_column(primary_key=True)
    handlungsfeld_id: Mapped[int] = mapped_column(
        ForeignKey("handlungsfeld.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="projekt")
    description: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    responsible: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30), default="geplant")
    outlook: Mapped[bool] = mapped_column(Boolean, default=False)
    priority: Mapped[int | None] = mapped_column(Integer)
    finished_on: Mapped[date | None] = mapped_column(Date)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__: Any = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy API

    handlungsfeld: Mapped[Handlungsfeld] = relationship(lazy="joined")
    milestones: Mapped[list[StrategyMilestone]] = relationship(
        back_populates="project", order_by="(StrategyMilestone.due, StrategyMilestone.id)",
        cascade="all, delete-orphan")
    depends_on: Mapped[list[StrategyProject]] = relationship(
        secondary=project_dependency,
        primaryjoin=lambda: StrategyProject.id == project_dependency.c.project_id,
        secondaryjoin=lambda: StrategyProject.id == project_dependency.c.depends_on_id,
        order_by="StrategyProject.id")
    services: Mapped[list[Service]] = relationship(
        secondary=project_service, order_by=lambda: Service.name)


class StrategyMilestone(Base):
    """A milestone of a project; ``done_on`` is the day it was reached."""

    __tablename__ = "strategy_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("strategy_project.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    due: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)

    project: Mapped[StrategyProject] = relationship(back_populates="milestones")


class ReportNarrative(Base):
    """A narrative section of the Sachstandsbericht, written by coordinators.

    One per period key (``2026-H2`` or ``2026-07-01..2026-12-31``) and Handlungsfeld;
    ``handlungsfeld_id`` ``None`` is the report's general part (summary).
    """

    __tablename__ = "report_narrative"
    __table_args__ = (UniqueConstraint("period_key", "handlungsfeld_id", name="period_field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_key: Mapped[str] = mapped_column(String(40), index=True)
    handlungsfeld_id: Mapped[int | None] = mapped_column(
        ForeignKey("handlungsfeld.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by_name: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__: Any = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy API

    handlungsfeld: Mapped[Handlungsfeld | None] = relationship(lazy="joined")


class StrategyRevision(Base):
    """One change of a target, project or narrative — appended, never edited.

    ``entity`` is ``target``, ``project`` or ``narrative``; ``data`` the full state
    after the change (JSON), ``changes`` the changed fields as ``{field: [old, new]}``;
    ``action`` ``created``, ``updated`` or ``archived``.
    """

    __tablename__ = "strategy_revision"
    __table_args__ = (
        Index("ix_strategy_revision_entity", "entity", "entity_id", "changed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"))
    changed_by_name: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
