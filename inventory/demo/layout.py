"""Grid layout of the demo's model descriptions (used by ``scripts/make_demo_models.py``).

:class:`PoolLayout` turns one pool's description (see :mod:`inventory.demo.spec`) into
flow nodes, sequence flows and data references placed on a grid: one column per step,
one row ("track") per branch of a gateway, lanes stacked horizontally and only as high as
the rows they use.  :func:`waypoints` routes sequence flows orthogonally on that grid and
:func:`label_bounds` places the names of events and gateways.  Pure geometry: no XML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Grid: one column per step, one row ("track") per branch.
# Grid: one column per step, one row ("track") per branch; sizes of the BPMN shapes.
COL_W = 150
TRACK_H = 110
POOL_HEADER = 30
LANE_HEADER = 30
LANE_PAD = 15
DATA_ROW_H = 80
BLACKBOX_H = 70
POOL_GAP = 60
X0 = 160
Y0 = 80
FIRST_COL = X0 + POOL_HEADER + LANE_HEADER + 70  # centre x of column 0
SIZES = {"task": (100, 80), "event": (36, 36), "gateway": (50, 50), "data": (36, 50)}
STORE_SIZE = (50, 50)


@dataclass
class Node:
    """A laid-out flow node."""

    id: str
    type: str
    label: str | None
    lane: str | None
    col: int = 0
    track: int = 0
    spec: dict[str, Any] = field(default_factory=dict)
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)
    attached_to: str | None = None
    default: str | None = None
    is_join: bool = False

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def shape(self) -> str:
        if self.type.endswith("Gateway"):
            return "gateway"
        if self.type.endswith("Event"):
            return "event"
        return "task"


@dataclass
class Flow:
    id: str
    source: str
    target: str
    label: str | None = None
    condition: str | None = None
    back: bool = False


@dataclass
class Data:
    """A data object or data store reference attached to one step."""

    id: str
    name: str
    store: bool
    node: str
    output: bool
    lane: str | None
    col: int
    slot: int
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0


class PoolLayout:
    """Builds the nodes and flows of one pool's process and places them on the grid."""

    def __init__(self, prefix: str, spec: dict[str, Any], *, draft: bool = False) -> None:
        self.prefix = prefix
        self.spec = spec
        self.draft = draft
        self.aliases: dict[str, str] = {}  # merge() id left out of a draft -> step after it
        self.pending_aliases: list[str] = []
        self.nodes: dict[str, Node] = {}
        self.flows: list[Flow] = []
        self.data: list[Data] = []
        self.timer_hosts: list[Node] = []
        self.counter = 0
        self.lanes = spec["lanes"] or [None]

    # -- building -------------------------------------------------------------

    def new_id(self, kind: str, given: str | None) -> str:
        if given:
            return f"{self.prefix}_{given}"
        self.counter += 1
        return f"{self.prefix}_{kind}_{self.counter:02d}"

    def add_node(self, step: dict[str, Any], lane: str | None, col: int, track: int) -> Node:
        kind = {"startEvent": "Start", "endEvent": "End", "exclusiveGateway": "Gw",
                "parallelGateway": "Gw", "intermediateCatchEvent": "Event"}.get(
                    step["type"], "Task")
        node = Node(self.new_id(kind, step.get("id")), step["type"], step.get("label"),
                    lane, col, track, step)
        if lane not in self.lanes:
            raise ValueError(f"{self.prefix}: lane {lane!r} of {node.label!r} is not declared")
        self.nodes[node.id] = node
        for slot, name in enumerate([*step.get("inp", ()), *step.get("out", ())]):
            output = slot >= len(step.get("inp", ()))
            store = name.startswith("store:")
            self.data.append(Data(self.new_id("Data", None), name.removeprefix("store:"),
                                  store, node.id, output, lane, col, slot))
        return node

    def connect(self, source: Node, target: Node, label: str | None = None,
                back: bool = False) -> Flow:
        flow = Flow(self.new_id("Flow", None), source.id, target.id, label,
                    condition=label, back=back)
        source.outgoing.append(flow.id)
        target.incoming.append(flow.id)
        self.flows.append(flow)
        return flow

    def build(self) -> None:
        gotos: list[tuple[Node, str, str | None]] = []
        lane0 = self.lanes[0]
        self.sequence(self.spec["flow"], self.spec["offset"], 0, None, lane0, None, gotos)
        for source, target, label in gotos:
            target_id = self.aliases.get(target) or f"{self.prefix}_{target}"
            if target_id not in self.nodes:
                raise ValueError(f"{self.prefix}: goto to unknown step {target!r}")
            self.connect(source, self.nodes[target_id], label, back=True)
        self.place_boundaries()
        self.resolve_defaults()

    def sequence(self, steps: list[dict[str, Any]], col: int, track: int, prev: Node | None,
                 lane: str | None, first_label: str | None,
                 gotos: list[tuple[Node, str, str | None]]) -> tuple[int, int, Node | None, str]:
        """Place ``steps`` from ``col`` on ``track``; returns (next col, rows used, last
        node or None when the sequence ended, lane)."""
        height = 1
        label = first_label
        for step in steps:
            lane = step.get("lane") or lane
            if self.draft and step["type"] == "exclusiveGateway" and not step["branches"]:
                # a modeller's first draft: loops run straight back into the step (fake join)
                self.pending_aliases.append(step["id"])
                continue
            if step["type"] in ("exclusiveGateway", "parallelGateway") and step["branches"]:
                split = self.add_node(step, lane, col, track)
                if prev is not None:
                    self.connect(prev, split, label)
                label = None
                col, used, prev, lane, label = self.split(split, step, col, track, lane, gotos)
                height = max(height, used)
                if prev is None:
                    return col, height, None, lane
                continue
            node = self.add_node(step, lane, col, track)
            node.is_join = step["type"] == "exclusiveGateway"  # a merge() before a loop target
            for alias in self.pending_aliases:
                self.aliases[alias] = node.id
            self.pending_aliases.clear()
            if prev is not None:
                self.connect(prev, node, label)
            label = None
            if step.get("timer"):
                self.timer_hosts.append(node)
            col += 1
            prev = node
            if step["type"] == "endEvent":
                return col, height, None, lane
        return col, height, prev, lane

    def split(self, split: Node, step: dict[str, Any], col: int, track: int, lane: str | None,
              gotos: list[tuple[Node, str, str | None]]
              ) -> tuple[int, int, Node | None, str, str | None]:
        """Place the branches of ``split``; returns like :meth:`sequence` plus the label
        still pending for the next flow (when the one open branch was empty)."""
        ends: list[tuple[Node, str | None, int]] = []  # (last node, pending label, branch)
        offset = 0
        max_col = col + 1
        for index, br in enumerate(step["branches"]):
            bcol, used, last, _ = self.sequence(br["steps"], col + 1, track + offset, split,
                                                lane, br["label"], gotos)
            if not br["steps"]:
                last = split
            if br["goto"]:
                gotos.append((last, br["goto"], br["label"] if last is split else None))
                last = None
            if last is not None:
                ends.append((last, br["label"] if last is split else None, index))
            if step["default"] == index:
                split.spec = {**split.spec, "default_label": br["label"]}
            offset += used
            max_col = max(max_col, bcol)
        if not ends:
            return max_col, offset, None, lane, None
        if len(ends) == 1:
            if ends[0][0] is split:
                # one empty open branch: go straight on past the other branches' columns
                return max_col, offset, split, lane, ends[0][1]
            return max_col, offset, ends[0][0], lane, None
        join_step = {"type": step["type"], "label": None, "lane": lane}
        join = self.add_node(join_step, lane, max_col, track)
        join.is_join = True
        for last, pending, _ in ends:
            self.connect(last, join, pending)
        return max_col + 1, offset, join, lane, None

    def resolve_defaults(self) -> None:
        """Point each split's ``default`` at the flow that starts its default branch."""
        for node in self.nodes.values():
            wanted = node.spec.get("default_label")
            if node.is_join or not node.type.endswith("Gateway") or node.spec.get(
                    "default") is None:
                continue
            for flow in self.flows:
                if flow.source == node.id and flow.label == wanted:
                    node.default = flow.id
            if node.default is None:
                raise ValueError(f"{self.prefix}: default branch of {node.label!r} not found")

    def place_boundaries(self) -> None:
        for host in self.timer_hosts:
            timer = host.spec["timer"]
            event = Node(self.new_id("Timer", None), "boundaryEvent", timer["label"], host.lane,
                         host.col, host.track, {"event": "timer", "detail": timer["duration"]})
            event.attached_to = host.id
            self.nodes[event.id] = event
            track = max(n.track for n in self.nodes.values() if n.lane == host.lane) + 1
            prev, col, label = event, host.col + 1, None
            for step in timer["steps"]:
                node = self.add_node(step, host.lane, col, track)
                self.connect(prev, node, label)
                prev, col = node, col + 1
                if step["type"] == "endEvent":
                    prev = None
                    break
            if prev is not None and timer["goto"]:
                target = self.aliases.get(timer["goto"]) or f"{self.prefix}_{timer['goto']}"
                self.connect(prev, self.nodes[target], back=True)

    # -- geometry ---------------------------------------------------------------

    def place(self, top: float, width: float) -> float:
        """Give every node and data element coordinates; returns the pool height."""
        rows: dict[str | None, list[int]] = {lane: [] for lane in self.lanes}
        for node in self.nodes.values():
            if node.track not in rows[node.lane]:
                rows[node.lane].append(node.track)
        self.lane_bounds: dict[str | None, tuple[float, float]] = {}
        y = top
        for lane in self.lanes:
            tracks = sorted(rows[lane]) or [0]
            has_data = any(d.lane == lane for d in self.data)
            height = LANE_PAD * 2 + len(tracks) * TRACK_H + (DATA_ROW_H if has_data else 0)
            self.lane_bounds[lane] = (y, height)
            row_of = {t: i for i, t in enumerate(tracks)}
            for node in self.nodes.values():
                if node.lane == lane:
                    w, h = SIZES[node.shape]
                    cx = FIRST_COL + node.col * COL_W
                    cy = y + LANE_PAD + row_of[node.track] * TRACK_H + TRACK_H / 2
                    node.x, node.y, node.w, node.h = cx - w / 2, cy - h / 2, w, h
            for item in self.data:
                if item.lane == lane:
                    w, h = STORE_SIZE if item.store else SIZES["data"]
                    count = sum(1 for d in self.data if d.node == item.node)
                    cx = FIRST_COL + item.col * COL_W + (item.slot - (count - 1) / 2) * 55
                    cy = y + LANE_PAD + len(tracks) * TRACK_H + DATA_ROW_H / 2 - 5
                    item.x, item.y, item.w, item.h = cx - w / 2, cy - h / 2, w, h
            y += height
        for node in self.nodes.values():
            if node.attached_to:
                host = self.nodes[node.attached_to]
                node.x, node.y, node.w, node.h = host.x + host.w - 28, host.y + host.h - 18, 36, 36
        return y - top

    def columns(self) -> int:
        return max(n.col for n in self.nodes.values()) + 1


def label_bounds(node: Node) -> tuple[float, float, float, float]:
    """Where the name of an event or gateway goes: gateways above (their branches leave
    downwards), boundary events down left (their path leaves downwards), others below."""
    if node.shape == "gateway":
        return (node.cx - 50, node.y - 32, 100, 28)
    if node.type == "boundaryEvent":
        return (node.x - 104, node.y + node.h - 2, 100, 28)
    return (node.cx - 50, node.y + node.h + 5, 100, 28)


def waypoints(flow: Flow, src: Node, tgt: Node) -> list[tuple[float, float]]:
    """Orthogonal waypoints of a sequence flow on the grid."""
    if flow.back:
        # above the rows, clear of gateway labels (which sit above their gateway)
        y = min(src.y, tgt.y) - 38
        return [(src.cx, src.y), (src.cx, y), (tgt.cx, y), (tgt.cx, tgt.y)]
    if src.type == "boundaryEvent":
        return [(src.cx, src.y + src.h), (src.cx, tgt.cy), (tgt.x, tgt.cy)]
    if abs(src.cy - tgt.cy) < 1:
        return [(src.x + src.w, src.cy), (tgt.x, tgt.cy)]
    if src.shape == "gateway" and not src.is_join:
        edge_y = src.y + src.h if tgt.cy > src.cy else src.y
        return [(src.cx, edge_y), (src.cx, tgt.cy), (tgt.x, tgt.cy)]
    if tgt.shape == "gateway" and tgt.is_join:
        edge_y = tgt.y + tgt.h if src.cy > tgt.cy else tgt.y
        return [(src.x + src.w, src.cy), (tgt.cx, src.cy), (tgt.cx, edge_y)]
    mid = src.x + src.w + (tgt.x - src.x - src.w) / 2
    return [(src.x + src.w, src.cy), (mid, src.cy), (mid, tgt.cy), (tgt.x, tgt.cy)]


def _step_keys(lay: PoolLayout) -> dict[str, tuple[Any, ...]]:
    """Node id → what identifies "the same step" in another version of the model.

    A step with a given id is itself; any other is its shape and its original wording
    (``base_label``, kept when a version words the step differently), numbered by
    occurrence in flow order.
    """
    seen: dict[tuple[Any, ...], int] = {}
    keys: dict[str, tuple[Any, ...]] = {}
    for node in lay.nodes.values():
        if node.spec.get("id"):
            keys[node.id] = ("id", node.spec["id"])
            continue
        base = (node.shape, node.type == "boundaryEvent",
                node.spec.get("base_label", node.label))
        seen[base] = seen.get(base, 0) + 1
        keys[node.id] = (*base, seen[base])
    return keys


def adopt_ids(lay: PoolLayout, base: PoolLayout) -> None:
    """Give the nodes, flows and data of ``lay`` (an older or newer version of the same
    pool) the ids they have in ``base`` where they are the same, as a modelling tool
    keeps ids when a model is edited and exported again.  Everything else gets a new id
    numbered after the last one ``base`` uses, so no id means two different things."""
    counter = base.counter

    def fresh(old: str) -> str:
        nonlocal counter
        counter += 1
        kind = old.removeprefix(f"{lay.prefix}_").rsplit("_", 1)[0]
        return f"{base.prefix}_{kind}_{counter:02d}"

    wanted = {key: nid for nid, key in _step_keys(base).items()}
    nodes: dict[str, str] = {}
    for nid, key in _step_keys(lay).items():
        target = wanted.get(key)
        if target is not None and target not in nodes.values():
            nodes[nid] = target
        elif key[0] == "id":
            nodes[nid] = nid.replace(lay.prefix, base.prefix, 1)
        else:
            nodes[nid] = fresh(nid)

    def occurrence_keys(items: list[Any], key: Any) -> dict[str, tuple[Any, ...]]:
        seen: dict[tuple[Any, ...], int] = {}
        result = {}
        for item in items:
            k = key(item)
            seen[k] = seen.get(k, 0) + 1
            result[item.id] = (*k, seen[k])
        return result

    base_flows = {k: fid for fid, k in occurrence_keys(
        base.flows, lambda f: (f.source, f.target)).items()}
    flows: dict[str, str] = {}
    for fid, k in occurrence_keys(
            lay.flows, lambda f: (nodes[f.source], nodes[f.target])).items():
        flows[fid] = base_flows.get(k) or fresh(fid)
    base_data = {k: did for did, k in occurrence_keys(
        base.data, lambda d: (d.node, d.name, d.output)).items()}
    data: dict[str, str] = {}
    for did, k in occurrence_keys(
            lay.data, lambda d: (nodes[d.node], d.name, d.output)).items():
        data[did] = base_data.get(k) or fresh(did)

    renamed: dict[str, Node] = {}
    for node in lay.nodes.values():
        node.id = nodes[node.id]
        node.incoming = [flows[f] for f in node.incoming]
        node.outgoing = [flows[f] for f in node.outgoing]
        node.attached_to = nodes.get(node.attached_to) if node.attached_to else None
        node.default = flows.get(node.default) if node.default else None
        renamed[node.id] = node
    lay.nodes = renamed
    for flow in lay.flows:
        flow.id, flow.source, flow.target = flows[flow.id], nodes[flow.source], nodes[flow.target]
    for item in lay.data:
        item.id, item.node = data[item.id], nodes[item.node]
    lay.prefix = base.prefix
    lay.counter = counter
