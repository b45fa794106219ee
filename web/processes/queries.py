"""Version lists for pages and API without the files' bytes.

A service's versions come from :func:`inventory.models_store.versions_of` (which leaves
``ModelVersion.data`` unloaded until something reads it: download, diagram).  The list
of all current versions is paged here, with its total, for the process list and the API.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer, selectinload

from inventory.models_store import versions_of
from inventory.tables import ModelVersion, ProcessModel

__all__ = ["current_versions", "versions_of"]


def current_versions(session: Session, *, kind: str | None = None, limit: int | None = None,
                     offset: int = 0) -> tuple[list[ModelVersion], int]:
    """The current versions of the register (no bytes), one page, and their total."""
    query = (select(ModelVersion).join(ProcessModel)
             .where(ModelVersion.is_current.is_(True))
             .options(defer(ModelVersion.data), selectinload(ModelVersion.process_model)))
    if kind is not None:
        query = query.where(ProcessModel.kind == kind)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(ProcessModel.service_id, ProcessModel.kind).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query)), int(total)
