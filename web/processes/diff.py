"""What changed between two versions of a process model, from their step summaries.

Steps are matched by BPMN id first (a step that keeps its id but changes its label is
*renamed*); steps left over on both sides are then matched by their normalised label
(same label, new id: *unchanged*, shown as moved).  What remains is *added* or *removed*.
Works on the stored summaries (lists of dicts with ``id``, ``name``, ``kind``, ``lane``),
so no model has to be parsed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StepChange:
    kind: str  # "added", "removed", "renamed", "moved" (new id, same label), "lane"
    old: Mapping[str, Any] | None
    new: Mapping[str, Any] | None


@dataclass
class ModelDiff:
    added: list[StepChange] = field(default_factory=list)
    removed: list[StepChange] = field(default_factory=list)
    renamed: list[StepChange] = field(default_factory=list)
    moved: list[StepChange] = field(default_factory=list)
    relaned: list[StepChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.moved or self.relaned)


def _label(step: Mapping[str, Any]) -> str:
    return " ".join(str(step.get("name") or "").lower().split())


def diff_steps(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> ModelDiff:
    """Compare two step summaries (old → new)."""
    result = ModelDiff()
    old_by_id = {s["id"]: s for s in old}
    new_by_id = {s["id"]: s for s in new}
    left_old: list[Mapping[str, Any]] = []
    for step in old:
        other = new_by_id.get(step["id"])
        if other is None:
            left_old.append(step)
            continue
        if _label(step) != _label(other):
            result.renamed.append(StepChange("renamed", step, other))
        elif (step.get("lane") or None) != (other.get("lane") or None):
            result.relaned.append(StepChange("lane", step, other))
        else:
            result.unchanged += 1
    left_new = [s for s in new if s["id"] not in old_by_id]
    by_label: dict[str, list[Mapping[str, Any]]] = {}
    for step in left_new:
        by_label.setdefault(_label(step), []).append(step)
    matched_new: set[str] = set()
    for step in left_old:
        candidates = by_label.get(_label(step)) or []
        if _label(step) and candidates:
            other = candidates.pop(0)
            matched_new.add(other["id"])
            result.moved.append(StepChange("moved", step, other))
        else:
            result.removed.append(StepChange("removed", step, None))
    for step in left_new:
        if step["id"] not in matched_new:
            result.added.append(StepChange("added", None, step))
    return result
