"""The register's own tables (typed SQLAlchemy 2.0 mappings on :class:`inventory.db.Base`).

Other parts add their tables in their own modules (``inventory.strategy``,
``inventory.analysis_store``, ``inventory.jobs``, ``inventory.tokens``); every table
module is imported by :mod:`inventory.schema`.
"""

from inventory.tables.catalogue import (
    Lage,
    LeikaLeistung,
    LeikaTyp,
    OzgLeistung,
    Themenfeld,
    ozg_leika,
)
from inventory.tables.models import ModelVersion, ProcessModel
from inventory.tables.services import (
    Handlungsfeld,
    ReifegradModel,
    Service,
    StatusHistory,
    UmsetzungsStage,
    service_leika,
    service_ozg,
)
from inventory.tables.users import User

__all__ = [
    "Handlungsfeld",
    "Lage",
    "LeikaLeistung",
    "LeikaTyp",
    "ModelVersion",
    "OzgLeistung",
    "ProcessModel",
    "ReifegradModel",
    "Service",
    "StatusHistory",
    "Themenfeld",
    "UmsetzungsStage",
    "User",
    "ozg_leika",
    "service_leika",
    "service_ozg",
]
