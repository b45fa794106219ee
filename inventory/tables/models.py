"""Process models of services and their versions (the original BPMN bytes).

A :class:`ProcessModel` is a service's Ist or Soll model; its :class:`ModelVersion`
rows keep every uploaded file byte for byte (the truth: everything else is derived
and can be rebuilt), its SHA-256, the validation findings and a step summary.  At most
one version per model is current (a partial unique index enforces it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import JSON

from inventory.db import Base, UtcDateTime, utcnow

KINDS: tuple[str, ...] = ("ist", "soll")
RELEASE_STATUSES: tuple[str, ...] = ("entwurf", "in_pruefung", "freigegeben")
RELEASE_LABELS: dict[str, str] = {
    "entwurf": "Entwurf",
    "in_pruefung": "in Prüfung",
    "freigegeben": "freigegeben",
}


class ProcessModel(Base):
    """The Ist or Soll process model of one service (one per service and kind)."""

    __tablename__ = "process_model"
    __table_args__ = (
        UniqueConstraint("service_id", "kind", name="service_kind"),
        CheckConstraint("kind IN ('ist', 'soll')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    versions: Mapped[list[ModelVersion]] = relationship(
        back_populates="process_model", order_by="ModelVersion.number",
        cascade="all, delete-orphan")


class ModelVersion(Base):
    """One uploaded file of a process model.

    ``data`` is the file exactly as uploaded; ``sha256`` its hex digest.  ``findings``
    is a list of :meth:`procmodel.findings.Finding.to_dict` dicts, ``step_summary`` a
    list of :class:`procmodel.model.StepSummary` dicts.  ``release_status`` is one of
    :data:`RELEASE_STATUSES` (Entwurf, in Prüfung, freigegeben); ``release_changed_at``/
    ``_by_id`` record the last change of it (for a released version: the release).
    Which version is current is decided in :mod:`inventory.models_store`.
    """

    __tablename__ = "model_version"
    __table_args__ = (
        UniqueConstraint("process_model_id", "number", name="model_number"),
        CheckConstraint("release_status IN ('entwurf', 'in_pruefung', 'freigegeben')",
                        name="release_status"),
        Index("ix_model_version_one_current", "process_model_id", unique=True,
              sqlite_where=text("is_current = 1"), postgresql_where=text("is_current")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_model_id: Mapped[int] = mapped_column(
        ForeignKey("process_model.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(500))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    release_status: Mapped[str] = mapped_column(String(20), default="entwurf")
    release_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    release_changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"))
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    step_summary: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    comment: Mapped[str | None] = mapped_column(Text)

    process_model: Mapped[ProcessModel] = relationship(back_populates="versions")

    @property
    def kind(self) -> str:
        return self.process_model.kind

    @property
    def service_id(self) -> int:
        return self.process_model.service_id

    @property
    def released_at(self) -> datetime | None:
        """When the version was released; ``None`` unless it is *freigegeben*."""
        return self.release_changed_at if self.release_status == "freigegeben" else None

    @property
    def released_by_id(self) -> int | None:
        """Who released the version (user id); ``None`` unless it is *freigegeben*."""
        return self.release_changed_by_id if self.release_status == "freigegeben" else None
