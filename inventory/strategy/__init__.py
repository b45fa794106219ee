"""The strategy part of the register: targets, timeline, narrative report sections.

Tables live in :mod:`inventory.strategy.tables` (migration ``0002_strategy``); every
write goes through :mod:`inventory.strategy.records` and appends a revision;
:mod:`inventory.strategy.snapshots` rebuilds the register, the targets and the
timeline as of any moment for measuring and reporting.
"""

from inventory.strategy.errors import StrategyConflict, StrategyInvalid
from inventory.strategy.records import (
    PROJECT_KINDS,
    create_project,
    create_target,
    get_project,
    get_target,
    list_projects,
    list_targets,
    narratives_for,
    resolve_handlungsfeld,
    revisions_of,
    save_narrative,
    update_project,
    update_target,
)
from inventory.strategy.snapshots import (
    build_snapshot,
    field_names,
    snapshot_source,
    status_changes_between,
    targets_as_of,
    timeline_as_of,
)
from inventory.strategy.tables import (
    ReportNarrative,
    StrategyMilestone,
    StrategyProject,
    StrategyRevision,
    StrategyTarget,
)

__all__ = [
    "PROJECT_KINDS",
    "ReportNarrative",
    "StrategyConflict",
    "StrategyInvalid",
    "StrategyMilestone",
    "StrategyProject",
    "StrategyRevision",
    "StrategyTarget",
    "build_snapshot",
    "create_project",
    "create_target",
    "field_names",
    "get_project",
    "get_target",
    "list_projects",
    "list_targets",
    "narratives_for",
    "resolve_handlungsfeld",
    "revisions_of",
    "save_narrative",
    "snapshot_source",
    "status_changes_between",
    "targets_as_of",
    "timeline_as_of",
    "update_project",
    "update_target",
]
