"""Version lists for pages and API without the files' bytes.

``inventory.models_store.versions_of`` / ``current_versions`` load every version's
original XML (``ModelVersion.data``, up to 20 MB each) although list pages only show
number, file name, dates and counts.  These queries return the same rows with ``data``
deferred: it is loaded only if something actually reads it (download, diagram).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer, selectinload

from inventory.tables import ModelVersion, ProcessModel


def _base():
    return (select(ModelVersion).join(ProcessModel)
            .options(defer(ModelVersion.data), selectinload(ModelVersion.process_model)))


def versions_of(session: Session, service_id: int, kind: str | None = None
                ) -> list[ModelVersion]:
    """Every version of a service's models, newest first within each kind (no bytes)."""
    query = (_base().where(ProcessModel.service_id == service_id)
             .order_by(ProcessModel.kind, ModelVersion.number.desc()))
    if kind is not None:
        query = query.where(ProcessModel.kind == kind)
    return list(session.scalars(query))


def current_versions(session: Session, *, kind: str | None = None, limit: int | None = None,
                     offset: int = 0) -> tuple[list[ModelVersion], int]:
    """The current versions of the register (no bytes), one page, and their total."""
    query = _base().where(ModelVersion.is_current.is_(True))
    if kind is not None:
        query = query.where(ProcessModel.kind == kind)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(ProcessModel.service_id, ProcessModel.kind).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query)), int(total)
