"""What changed between two versions of a process model.

Compares the parsed models element by element: steps (activities), gateways, events and
flows (sequence and message flows), not only the stored step summaries.

Nodes are matched in three passes:

1. by BPMN id — a node that keeps its id but changes its label is *renamed*, one that
   moves to another lane is *relaned*;
2. left-over named nodes by kind group and normalised label — same label, new id: the
   node is *unchanged* (counted apart as "neue Element-ID");
3. left-over unnamed nodes (most gateways, many events) by their kind and the labels of
   their neighbours, so a re-export with new ids does not turn every gateway into
   "removed + added".

Flows are matched by id, else by their (matched) source and target.  A flow that keeps
its id but connects other elements is *rewired*.  Everything left is *added* or
*removed*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from procmodel.model import Definitions, FlowNode

#: Kind groups in the order they are shown.
GROUPS = ("step", "gateway", "event", "flow")

@dataclass(frozen=True)
class Item:
    """One comparable element of a model (a node or a flow)."""

    id: str
    name: str
    kind: str
    group: str  # one of GROUPS
    lane: str | None = None
    source: str | None = None  # flows: node ids
    target: str | None = None
    ends: str = ""  # flows: "source label → target label", for display
    kind_name: str = ""  # how the kind is called where the element has no name

    @property
    def label(self) -> str:
        return " ".join(self.name.lower().split())

    @property
    def shown(self) -> str:
        """What a page shows for the element: its name, else the flow's ends, else the
        name of its kind ("Gateway (exklusiv)")."""
        return self.name or self.ends or self.kind_name or self.kind


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "renamed", "moved", "lane", "rewired"
    old: Item | None
    new: Item | None

    @property
    def group(self) -> str:
        return (self.new or self.old).group  # type: ignore[union-attr]


@dataclass
class ModelDiff:
    """The changes between two versions, with counts per kind group."""

    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    renamed: list[Change] = field(default_factory=list)
    moved: list[Change] = field(default_factory=list)  # same label, new id: unchanged
    relaned: list[Change] = field(default_factory=list)
    rewired: list[Change] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))

    @property
    def is_empty(self) -> bool:
        """True when nothing but element ids changed."""
        return not (self.added or self.removed or self.renamed or self.relaned
                    or self.rewired)

    def count(self, what: str, group: str) -> int:
        """Number of changes of one kind (``added`` …) in one group (``step`` …)."""
        if what == "unchanged":
            return self.unchanged[group] + sum(1 for c in self.moved if c.group == group)
        return sum(1 for c in getattr(self, what) if c.group == group)

    def new_ids(self, group: str) -> int:
        """Unchanged elements of ``group`` that carry a new id."""
        return sum(1 for c in self.moved if c.group == group)

    def of(self, what: str, group: str) -> list[Change]:
        return [c for c in getattr(self, what) if c.group == group]


def _group(node: FlowNode) -> str:
    if node.kind.is_gateway:
        return "gateway"
    if node.kind.is_event:
        return "event"
    return "step"


def items_of(model: Definitions, describe_kind: Callable[[str], str] = str) -> list[Item]:
    """The nodes and flows of a model as comparable items, in file order.

    ``describe_kind`` names an element kind for display ("exclusiveGateway" →
    "Gateway (exklusiv)"); the edges pass their translated names.
    """
    items: list[Item] = []
    names: dict[str, str] = {}
    for process in model.processes:
        lanes = {lane.id: lane.normalised_name for lane in process.lanes}
        for node in process.flow_nodes:
            kind_name = describe_kind(node.kind.value)
            names[node.id] = node.normalised_name or kind_name
            items.append(Item(node.id, node.normalised_name or "", node.kind.value,
                              _group(node), lanes.get(node.lane_id or ""),
                              kind_name=kind_name))
    flows = [(f.id, f.name, "sequenceFlow", f.source, f.target)
             for p in model.processes for f in p.sequence_flows]
    flows += [(f.id, f.name, "messageFlow", f.source, f.target) for f in model.message_flows]
    for fid, name, kind, source, target in flows:
        ends = f"{names.get(source, source)} → {names.get(target, target)}"
        items.append(Item(fid, " ".join((name or "").split()), kind, "flow",
                          source=source, target=target, ends=ends,
                          kind_name=describe_kind(kind)))
    return items


def _signatures(items: list[Item]) -> dict[str, tuple]:
    """Unnamed node id → (kind, predecessor labels, successor labels)."""
    nodes = {i.id: i for i in items if i.group != "flow"}
    before: dict[str, set[str]] = {n: set() for n in nodes}
    after: dict[str, set[str]] = {n: set() for n in nodes}
    for flow in (i for i in items if i.kind == "sequenceFlow"):
        src, tgt = nodes.get(flow.source or ""), nodes.get(flow.target or "")
        if src and tgt:
            after[src.id].add(tgt.label or tgt.kind)
            before[tgt.id].add(src.label or src.kind)
    return {n: (node.kind, frozenset(before[n]), frozenset(after[n]))
            for n, node in nodes.items() if not node.label}


def diff_models(old: Definitions, new: Definitions,
                describe_kind: Callable[[str], str] = str) -> ModelDiff:
    """Compare two versions of a model (old → new)."""
    return diff_items(items_of(old, describe_kind), items_of(new, describe_kind))


def diff_items(old: list[Item], new: list[Item]) -> ModelDiff:
    """Compare two item lists (see :func:`items_of`)."""
    result = ModelDiff()
    old_nodes = [i for i in old if i.group != "flow"]
    new_nodes = [i for i in new if i.group != "flow"]
    new_by_id = {i.id: i for i in new_nodes}
    matched: dict[str, str] = {}  # old node id → new node id
    left_old: list[Item] = []
    for item in old_nodes:
        other = new_by_id.get(item.id)
        if other is None or other.group != item.group:
            left_old.append(item)
            continue
        matched[item.id] = other.id
        if item.label != other.label:
            result.renamed.append(Change("renamed", item, other))
        elif (item.lane or None) != (other.lane or None):
            result.relaned.append(Change("lane", item, other))
        else:
            result.unchanged[item.group] += 1
    taken = set(matched.values())
    left_new = [i for i in new_nodes if i.id not in taken]
    # Pass 2: named nodes by label within their group.
    by_label: dict[tuple[str, str], list[Item]] = {}
    for item in left_new:
        if item.label:
            by_label.setdefault((item.group, item.label), []).append(item)
    still_old: list[Item] = []
    for item in left_old:
        candidates = by_label.get((item.group, item.label)) if item.label else None
        if candidates:
            other = candidates.pop(0)
            matched[item.id] = other.id
            taken.add(other.id)
            if (item.lane or None) != (other.lane or None):
                result.relaned.append(Change("lane", item, other))
            else:
                result.moved.append(Change("moved", item, other))
        else:
            still_old.append(item)
    # Pass 3: unnamed nodes by kind and neighbourhood.
    old_sig, new_sig = _signatures(old), _signatures(new)
    by_sig: dict[tuple, list[Item]] = {}
    for item in left_new:
        if item.id not in taken and item.id in new_sig:
            by_sig.setdefault(new_sig[item.id], []).append(item)
    for item in still_old:
        candidates = by_sig.get(old_sig.get(item.id, ())) if item.id in old_sig else None
        if candidates:
            other = candidates.pop(0)
            matched[item.id] = other.id
            taken.add(other.id)
            result.moved.append(Change("moved", item, other))
        else:
            result.removed.append(Change("removed", item, None))
    result.added.extend(Change("added", None, i) for i in left_new if i.id not in taken)
    _diff_flows(result, [i for i in old if i.group == "flow"],
                [i for i in new if i.group == "flow"], matched)
    return result


def _diff_flows(result: ModelDiff, old: list[Item], new: list[Item],
                matched: dict[str, str]) -> None:
    def ends(flow: Item) -> tuple[str | None, str | None]:
        return matched.get(flow.source or "", flow.source), matched.get(flow.target or "",
                                                                         flow.target)

    new_by_id = {f.id: f for f in new}
    new_by_ends: dict[tuple, list[Item]] = {}
    for flow in new:
        new_by_ends.setdefault((flow.kind, flow.source, flow.target), []).append(flow)
    taken: set[str] = set()
    left: list[Item] = []
    for flow in old:
        other = new_by_id.get(flow.id)
        if other is not None and other.kind == flow.kind:
            taken.add(other.id)
            if ends(flow) != (other.source, other.target):
                result.rewired.append(Change("rewired", flow, other))
            elif flow.label != other.label:
                result.renamed.append(Change("renamed", flow, other))
            else:
                result.unchanged["flow"] += 1
        else:
            left.append(flow)
    for flow in left:
        candidates = [f for f in new_by_ends.get((flow.kind, *ends(flow)), [])
                      if f.id not in taken]
        if candidates:
            other = candidates[0]
            taken.add(other.id)
            if flow.label != other.label:
                result.renamed.append(Change("renamed", flow, other))
            else:
                result.moved.append(Change("moved", flow, other))
        else:
            result.removed.append(Change("removed", flow, None))
    result.added.extend(Change("added", None, f) for f in new if f.id not in taken)
