"""What changed between two versions of a process model, named for the page.

The comparison itself is the core's (:mod:`procmodel.model_diff`); this module only
gives elements without a name a translated name of their kind.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from procmodel import model_diff
from procmodel.model import Definitions
from procmodel.model_diff import GROUPS, ModelDiff

__all__ = ["GROUPS", "diff_models", "kind_label"]

#: How an element without a name is called on the page (instead of its bare id).
KIND_LABELS = {
    "exclusiveGateway": _l("Gateway (exklusiv)"), "parallelGateway": _l("Gateway (parallel)"),
    "inclusiveGateway": _l("Gateway (inklusiv)"),
    "eventBasedGateway": _l("Gateway (ereignisbasiert)"),
    "complexGateway": _l("Gateway (komplex)"), "startEvent": _l("Startereignis"),
    "endEvent": _l("Endereignis"), "intermediateCatchEvent": _l("Zwischenereignis"),
    "intermediateThrowEvent": _l("Zwischenereignis (auslösend)"),
    "boundaryEvent": _l("Randereignis"), "sequenceFlow": _l("Sequenzfluss"),
    "messageFlow": _l("Nachrichtenfluss"),
}


def kind_label(kind: str) -> str:
    """A readable name of a BPMN element kind ("Gateway (exklusiv)")."""
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else kind


def diff_models(old: Definitions, new: Definitions) -> ModelDiff:
    """Compare two versions of a model (old → new), unnamed elements named by kind."""
    return model_diff.diff_models(old, new, describe_kind=kind_label)
