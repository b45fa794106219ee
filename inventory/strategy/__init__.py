"""The strategy part of the register: targets, timeline, narrative report sections.

Tables live in :mod:`inventory.strategy.tables` (migration ``0002_strategy``); every
write goes through the modules ``targets``, ``projects`` and ``narratives`` and
appends a revision (:mod:`inventory.strategy.revisions`);
:mod:`inventory.strategy.snapshots` rebuilds the register, the targets and the
timeline as of any moment for measuring and reporting.
"""

from inventory.strategy.errors import StrategyConflict, StrategyInvalid
from inventory.strategy.narratives import narratives_for, save_narrative
from inventory.strategy.projects import (
    PROJECT_KINDS,
    create_project,
    get_project,
    list_projects,
    update_project,
)
from inventory.strategy.revisions import resolve_handlungsfeld, revisions_of
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
from inventory.strategy.targets import (
    create_target,
    get_target,
    list_targets,
    update_target,
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
