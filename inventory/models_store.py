"""Process-model versions: the uploaded BPMN bytes, kept exactly, plus what is derived.

The edge (web upload, CLI) reads the file with ``bpmn.read`` and hands the parsed model
and its findings here; this module never parses XML.  A file that could not be read
at all never gets here; a readable file with findings is stored with its findings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from inventory.db import utcnow
from inventory.errors import InvalidValue, NotFound
from inventory.tables import ModelVersion, ProcessModel, Service, User
from inventory.tables.models import KINDS, RELEASE_LABELS, RELEASE_STATUSES
from procmodel.findings import Finding, Severity
from procmodel.model import Definitions, step_summary

__all__ = [
    "KINDS",
    "RELEASE_LABELS",
    "RELEASE_STATUSES",
    "add_model_version",
    "current_version",
    "current_versions",
    "get_version",
    "make_current",
    "set_release_status",
    "versions_of",
]

_RELEASE_ALIASES = {
    "entwurf": "entwurf",
    "in prüfung": "in_pruefung",
    "in_pruefung": "in_pruefung",
    "in pruefung": "in_pruefung",
    "freigegeben": "freigegeben",
}


def _kind(kind: str) -> str:
    value = (kind or "").strip().lower()
    if value not in KINDS:
        raise InvalidValue("kind", kind, f"Modellart „{kind}“ unbekannt (erlaubt: Ist, Soll).")
    return value


def _user_id(user: User | int | None) -> int | None:
    return user.id if isinstance(user, User) else user


def add_model_version(session: Session, service_id: int, *, data: bytes, filename: str,
                      model: Definitions, findings: Sequence[Finding], kind: str,
                      uploaded_by: User | int | None = None, comment: str | None = None,
                      make_current: bool = True, when: datetime | None = None
                      ) -> ModelVersion:
    """Store a new version of the service's Ist or Soll model.

    ``data`` is kept byte for byte with its SHA-256; ``findings`` and the step summary
    of ``model`` (:func:`procmodel.model.step_summary`) are stored beside it.  The new
    version starts as *Entwurf* and becomes the current one of its kind unless
    ``make_current`` is false.
    """
    if session.get(Service, service_id) is None:
        raise NotFound(f"Leistung {service_id} gibt es nicht.")
    if not isinstance(data, bytes | bytearray) or not data:
        raise InvalidValue("data", None, "Die Modelldatei ist leer.")
    kind = _kind(kind)
    process_model = session.scalars(select(ProcessModel).where(
        ProcessModel.service_id == service_id, ProcessModel.kind == kind)).first()
    when = when or utcnow()
    if process_model is None:
        process_model = ProcessModel(service_id=service_id, kind=kind, created_at=when)
        session.add(process_model)
        session.flush()
    number = 1 + max((v.number for v in process_model.versions), default=0)
    findings = list(findings)
    version = ModelVersion(
        process_model_id=process_model.id, number=number, data=bytes(data),
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), filename=filename,
        uploaded_by_id=_user_id(uploaded_by), uploaded_at=when, release_status="entwurf",
        is_current=False, findings=[f.to_dict() for f in findings],
        error_count=sum(1 for f in findings if f.severity is Severity.ERROR),
        warning_count=sum(1 for f in findings if f.severity is Severity.WARNING),
        step_summary=[asdict(step) for step in step_summary(model)], comment=comment)
    session.add(version)
    session.flush()
    if make_current:
        _make_current(session, version)
    return version


def get_version(session: Session, version_id: int) -> ModelVersion:
    version = session.get(ModelVersion, version_id)
    if version is None:
        raise NotFound(f"Modellversion {version_id} gibt es nicht.")
    return version


def _make_current(session: Session, version: ModelVersion) -> None:
    # Clear first and flush, so the partial unique index never sees two current rows.
    for other in session.scalars(select(ModelVersion).where(
            ModelVersion.process_model_id == version.process_model_id,
            ModelVersion.is_current.is_(True), ModelVersion.id != version.id)):
        other.is_current = False
    session.flush()
    version.is_current = True
    session.flush()


def make_current(session: Session, version_id: int) -> ModelVersion:
    """Make a version the current one of its service and kind (e.g. roll back)."""
    version = get_version(session, version_id)
    _make_current(session, version)
    return version


def set_release_status(session: Session, version_id: int, status: str, *,
                       changed_by: User | int | None = None) -> ModelVersion:
    """Set Entwurf / in Prüfung / freigegeben (German labels or the stored codes)."""
    code = _RELEASE_ALIASES.get((status or "").strip().lower())
    if code is None:
        raise InvalidValue("release_status", status,
                           f"Freigabestatus „{status}“ unbekannt (erlaubt: "
                           f"{', '.join(RELEASE_LABELS.values())}).")
    version = get_version(session, version_id)
    if version.release_status != code:
        version.release_status = code
        version.release_changed_at = utcnow()
        version.release_changed_by_id = _user_id(changed_by)
        session.flush()
    return version


def current_version(session: Session, service_id: int, kind: str) -> ModelVersion | None:
    """The current version of a service's Ist or Soll model, ``None`` when there is none."""
    return session.scalars(select(ModelVersion).join(ProcessModel).where(
        ProcessModel.service_id == service_id, ProcessModel.kind == _kind(kind),
        ModelVersion.is_current.is_(True))).first()


def current_versions(session: Session, *, kind: str | None = None,
                     released_only: bool = False) -> list[ModelVersion]:
    """The current version of every model in the register (what the analysis reads)."""
    query = (select(ModelVersion).join(ProcessModel)
             .where(ModelVersion.is_current.is_(True))
             .options(selectinload(ModelVersion.process_model))
             .order_by(ProcessModel.service_id, ProcessModel.kind))
    if kind is not None:
        query = query.where(ProcessModel.kind == _kind(kind))
    if released_only:
        query = query.where(ModelVersion.release_status == "freigegeben")
    return list(session.scalars(query))


def versions_of(session: Session, service_id: int, kind: str | None = None
                ) -> list[ModelVersion]:
    """Every version of a service's models, newest first within each kind."""
    query = (select(ModelVersion).join(ProcessModel)
             .where(ProcessModel.service_id == service_id)
             .options(selectinload(ModelVersion.process_model))
             .order_by(ProcessModel.kind, ModelVersion.number.desc()))
    if kind is not None:
        query = query.where(ProcessModel.kind == _kind(kind))
    return list(session.scalars(query))


def findings_of(version: ModelVersion) -> list[Finding]:
    """The stored findings of a version as :class:`Finding` objects."""
    return [Finding.from_dict(item) for item in version.findings or []]
