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
from sqlalchemy.orm import Session, defer, selectinload, undefer

from inventory.db import utcnow
from inventory.errors import InvalidValue, NotFound
from inventory.services import get_service
from inventory.tables import ModelVersion, ProcessModel, User
from inventory.tables.models import KINDS, RELEASE_LABELS, RELEASE_STATUSES
from procmodel.findings import Finding, Severity
from procmodel.model import Definitions, step_summary

__all__ = [
    "KINDS",
    "RELEASE_LABELS",
    "RELEASE_STATUSES",
    "ReleaseRefused",
    "add_model_version",
    "current_version",
    "current_versions",
    "findings_of",
    "get_version",
    "make_current",
    "not_current_reason",
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


def _user_name(session: Session, user: User | int | None) -> str | None:
    if isinstance(user, int):
        user = session.get(User, user)
    return (user.display_name or user.username) if user is not None else None


class ReleaseRefused(InvalidValue):
    """A version with error findings was to be released without a stated reason."""


def add_model_version(session: Session, service_id: int, *, data: bytes, filename: str,
                      model: Definitions, findings: Sequence[Finding], kind: str,
                      uploaded_by: User | int | None = None, comment: str | None = None,
                      make_current: bool | None = None, when: datetime | None = None
                      ) -> ModelVersion:
    """Store a new version of the service's Ist or Soll model.

    ``data`` is kept byte for byte with its SHA-256; ``findings`` and the step summary
    of ``model`` (:func:`procmodel.model.step_summary`) are stored beside it.  The new
    version starts as *Entwurf*.  Whether it becomes the current version of its kind:

    - ``make_current=None`` (the default, "decide by the rule"): only when it has no
      error findings **and** its kind has no current version yet or the current one is
      not released.  A released current version is never displaced by an upload; the
      upload waits as a draft until it is released (:func:`set_release_status`) or made
      current on purpose (:func:`make_current`).
    - ``make_current=True``: the uploader asked for it explicitly (e.g. "sofort als
      aktuelle Version verwenden"); it becomes current even with errors.
    - ``make_current=False``: never.

    :func:`not_current_reason` tells the user why a new version did not become current.
    """
    get_service(session, service_id)
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
    if make_current is None:
        make_current = _may_become_current(session, version)
    if make_current:
        _make_current(session, version)
    return version


def _current_of_model(session: Session, process_model_id: int) -> ModelVersion | None:
    return session.scalars(select(ModelVersion).where(
        ModelVersion.process_model_id == process_model_id,
        ModelVersion.is_current.is_(True))).first()


def _may_become_current(session: Session, version: ModelVersion) -> bool:
    """The rule for a new version nobody explicitly asked to make current."""
    if version.error_count:
        return False  # a file with errors must never silently feed dashboard and reports
    current = _current_of_model(session, version.process_model_id)
    return current is None or current.release_status != "freigegeben"


def not_current_reason(session: Session, version: ModelVersion) -> str | None:
    """Why ``version`` is not the current one (German, for the upload message), else ``None``.

    ``None`` also when the version is current.  Meant to be shown right after
    :func:`add_model_version` decided by the rule.
    """
    if version.is_current:
        return None
    current = _current_of_model(session, version.process_model_id)
    keeps = (f"; aktuell bleibt Version {current.number}" if current is not None
             else "; diese Modellart hat noch keine aktuelle Version")
    if version.error_count:
        return (f"Version {version.number} enthält {version.error_count} Fehler und wird "
                f"daher nicht automatisch zur aktuellen Version{keeps}. Sie kann nach "
                "Prüfung freigegeben oder ausdrücklich als aktuell gesetzt werden.")
    if current is not None and current.release_status == "freigegeben":
        return (f"Version {current.number} ist freigegeben und bleibt die aktuelle Version, "
                f"bis Version {version.number} freigegeben oder ausdrücklich als aktuell "
                "gesetzt wird.")
    return None


def get_version(session: Session, version_id: int) -> ModelVersion:
    """The version with this id; raises :class:`NotFound`."""
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
    """Make a version the current one of its service and kind, whatever its status.

    The explicit choice of a user (roll back, or use a draft on purpose); the rule of
    :func:`add_model_version` does not apply here.
    """
    version = get_version(session, version_id)
    _make_current(session, version)
    return version


def set_release_status(session: Session, version_id: int, status: str, *,
                       changed_by: User | int | None = None, when: datetime | None = None,
                       make_current: bool = True, despite_errors: str | None = None,
                       four_eyes: bool = False) -> ModelVersion:
    """Set Entwurf / in Prüfung / freigegeben (German labels or the stored codes).

    Who and when are recorded in ``release_changed_by_id`` / ``release_changed_at``
    (for a released version: who released it and when; ``when`` backdates).
    Releasing makes the version current (unless ``make_current=False``): the released
    model is the one dashboard, analysis and reports should use.  Withdrawing the
    release of the current version hands "current" back to the newest other released
    version of the same model, if there is one; otherwise it stays current.

    A version with error findings is not released (:class:`ReleaseRefused`) unless
    ``despite_errors`` gives the reason; the reason is kept with who and when in the
    version's comment ("Freigegeben trotz 1 Fehler: …").  With ``four_eyes`` the
    uploader cannot release their own file (a setting of the edge decides).
    """
    code = _RELEASE_ALIASES.get((status or "").strip().lower())
    if code is None:
        raise InvalidValue("release_status", status,
                           f"Freigabestatus „{status}“ unbekannt (erlaubt: "
                           f"{', '.join(RELEASE_LABELS.values())}).")
    version = get_version(session, version_id)
    if version.release_status == code:
        return version
    when = when or utcnow()
    if code == "freigegeben" and four_eyes and version.uploaded_by_id is not None \
            and version.uploaded_by_id == _user_id(changed_by):
        raise ReleaseRefused("release_status", status,
                             f"Version {version.number} haben Sie selbst hochgeladen; eine "
                             "andere Person muss sie freigeben (Vier-Augen-Prinzip).")
    if code == "freigegeben" and version.error_count:
        reason = (despite_errors or "").strip()
        if not reason:
            raise ReleaseRefused(
                "release_status", status,
                f"Version {version.number} enthält {version.error_count} Fehler und wird "
                "nicht freigegeben. Beheben Sie die Fehler (neue Version hochladen) oder "
                "geben Sie einen Grund an, warum sie trotzdem freigegeben werden soll.")
        who = _user_name(session, changed_by)
        note = (f"Freigegeben trotz {version.error_count} Fehler am "
                f"{when.strftime('%d.%m.%Y')}{f' von {who}' if who else ''}: {reason}")
        version.comment = f"{version.comment}\n{note}" if version.comment else note
    withdrawn = version.release_status == "freigegeben"
    version.release_status = code
    version.release_changed_at = when
    version.release_changed_by_id = _user_id(changed_by)
    session.flush()
    if code == "freigegeben" and make_current:
        _make_current(session, version)
    elif withdrawn and version.is_current:
        fallback = session.scalars(select(ModelVersion).where(
            ModelVersion.process_model_id == version.process_model_id,
            ModelVersion.release_status == "freigegeben", ModelVersion.id != version.id)
            .order_by(ModelVersion.number.desc())).first()
        if fallback is not None:
            _make_current(session, fallback)
    return version


def current_version(session: Session, service_id: int, kind: str) -> ModelVersion | None:
    """The current version of a service's Ist or Soll model, ``None`` when there is none."""
    return session.scalars(select(ModelVersion).join(ProcessModel).where(
        ProcessModel.service_id == service_id, ProcessModel.kind == _kind(kind),
        ModelVersion.is_current.is_(True))).first()


def current_versions(session: Session, *, kind: str | None = None,
                     released_only: bool = False, with_data: bool = False
                     ) -> list[ModelVersion]:
    """The current version of every model in the register (what the analysis reads).

    The files' bytes (``data``, up to 20 MB each) load on first access, unless
    ``with_data`` loads them with the rows (for callers that read every file).
    """
    query = (select(ModelVersion).join(ProcessModel)
             .where(ModelVersion.is_current.is_(True))
             .options(undefer(ModelVersion.data) if with_data else defer(ModelVersion.data),
                      selectinload(ModelVersion.process_model))
             .order_by(ProcessModel.service_id, ProcessModel.kind))
    if kind is not None:
        query = query.where(ProcessModel.kind == _kind(kind))
    if released_only:
        query = query.where(ModelVersion.release_status == "freigegeben")
    return list(session.scalars(query))


def versions_of(session: Session, service_id: int, kind: str | None = None
                ) -> list[ModelVersion]:
    """Every version of a service's models, newest first within each kind; the files'
    bytes (``data``) load on first access."""
    query = (select(ModelVersion).join(ProcessModel)
             .where(ProcessModel.service_id == service_id)
             .options(defer(ModelVersion.data), selectinload(ModelVersion.process_model))
             .order_by(ProcessModel.kind, ModelVersion.number.desc()))
    if kind is not None:
        query = query.where(ProcessModel.kind == _kind(kind))
    return list(session.scalars(query))


def findings_of(version: ModelVersion) -> list[Finding]:
    """The stored findings of a version as :class:`Finding` objects."""
    return [Finding.from_dict(item) for item in version.findings or []]
