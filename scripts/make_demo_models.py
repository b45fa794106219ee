#!/usr/bin/env python3
"""Generate the demo register's BPMN 2.0 files with a diagram layer.

Reads the model descriptions from :mod:`inventory.demo.processes` (built with the
constructors of :mod:`inventory.demo.spec`), lays each one out on a grid — pools and
lanes horizontal, steps left to right, branches of a gateway in rows below each other,
orthogonal edge waypoints, label bounds — and writes ``inventory/demo/models/<slug>.bpmn``.

Usage: ``.venv/bin/python scripts/make_demo_models.py [--check] [--catalogue OZG_DIR]``.
``--check`` writes nothing and exits 1 when a committed file differs from what would be
generated; ``--catalogue ../shared/data/ozg`` also refreshes the few catalogue rows the demo
carries (``inventory/demo/catalogue/*.csv``).
The output is deterministic: the same descriptions always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from inventory.demo.processes import MODELS  # noqa: E402

OUT_DIR = ROOT / "inventory" / "demo" / "models"

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}

# Grid: one column per step, one row ("track") per branch.
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


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


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

    def __init__(self, prefix: str, spec: dict[str, Any]) -> None:
        self.prefix = prefix
        self.spec = spec
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
            target_id = f"{self.prefix}_{target}"
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
                self.connect(prev, self.nodes[f"{self.prefix}_{timer['goto']}"], back=True)

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


class ModelWriter:
    """Writes one model description as BPMN 2.0 XML with a diagram layer."""

    def __init__(self, desc: dict[str, Any]) -> None:
        self.desc = desc
        self.slug = desc["slug"]
        self.prefix = "".join(part.capitalize() for part in self.slug.split("-"))
        self.pools: list[tuple[dict[str, Any], PoolLayout | None, str]] = []
        for index, pool in enumerate(desc["pools"]):
            pid = f"Participant_{self.prefix}_{index + 1}"
            layout = None
            if pool["type"] == "pool":
                layout = PoolLayout(f"{self.prefix}{index + 1}", pool)
                layout.build()
            self.pools.append((pool, layout, pid))
        self.pool_bounds: dict[str, tuple[float, float, float, float]] = {}
        self.stores: dict[str, str] = {}

    def layout(self) -> None:
        cols = max((lay.columns() for _, lay, _ in self.pools if lay), default=4)
        width = POOL_HEADER + LANE_HEADER + 70 + cols * COL_W
        y = Y0
        for _, lay, pid in self.pools:
            height = lay.place(y, width) if lay else BLACKBOX_H
            self.pool_bounds[pid] = (X0, y, width, height)
            y += height + POOL_GAP

    def find(self, ref: str, here: PoolLayout) -> tuple[str, Any]:
        """Resolve a message-flow end: a pool name or ``@step-id`` in any pool."""
        if ref.startswith("@"):
            for _, lay, _ in self.pools:
                if lay and f"{lay.prefix}_{ref[1:]}" in lay.nodes:
                    return "node", lay.nodes[f"{lay.prefix}_{ref[1:]}"]
            raise ValueError(f"{self.slug}: message flow to unknown step {ref}")
        for pool, _, pid in self.pools:
            if pool["name"] == ref:
                return "pool", pid
        raise ValueError(f"{self.slug}: message flow to unknown pool {ref!r}")

    def message_flows(self) -> list[tuple[str, str, str, list[tuple[float, float]]]]:
        result = []
        seen: dict[float, int] = {}
        for _, lay, _ in self.pools:
            if not lay:
                continue
            for node in lay.nodes.values():
                for direction in ("msg_in", "msg_out"):
                    ref = node.spec.get(direction)
                    if not ref or (direction == "msg_in" and ref.startswith("@")):
                        continue
                    kind, other = self.find(ref, lay)
                    shift = seen.get(node.cx, 0)
                    seen[node.cx] = shift + 1
                    # several message flows at one step are drawn side by side
                    x = node.cx + (shift * 12 if shift < 3 else 0)
                    if kind == "pool":
                        _, py, _, ph = self.pool_bounds[other]
                        above = py < node.y
                        pool_y = py + ph if above else py
                        node_y = node.y if above else node.y + node.h
                        if direction == "msg_in":
                            points = [(x, pool_y), (x, node_y)]
                            result.append((other, node.id, f"{node.id}_{direction}", points))
                        else:
                            points = [(x, node_y), (x, pool_y)]
                            result.append((node.id, other, f"{node.id}_{direction}", points))
                    else:
                        above = other.y < node.y
                        sy = node.y if above else node.y + node.h
                        ty = other.y + other.h if above else other.y
                        mid = (sy + ty) / 2
                        points = [(x, sy), (x, mid), (other.cx, mid), (other.cx, ty)]
                        result.append((node.id, other.id, f"{node.id}_{direction}", points))
        return result

    # -- XML --------------------------------------------------------------------

    def write(self) -> bytes:
        self.layout()
        defs = etree.Element(q(BPMN, "definitions"), nsmap=NSMAP)
        defs.set("id", f"Definitions_{self.prefix}")
        defs.set("targetNamespace", "https://offenbach.example/bpmn/demo")
        defs.set("exporter", "procmodel demo generator")
        defs.set("exporterVersion", "1")
        collab = etree.SubElement(defs, q(BPMN, "collaboration"), id=f"Collaboration_{self.prefix}")
        if self.desc.get("doc"):
            etree.SubElement(collab, q(BPMN, "documentation")).text = self.desc["doc"]
        for pool, lay, pid in self.pools:
            part = etree.SubElement(collab, q(BPMN, "participant"), id=pid, name=pool["name"])
            if lay:
                part.set("processRef", f"Process_{lay.prefix}")
        messages = self.message_flows()
        for index, (source, target, _, _) in enumerate(messages):
            mf = etree.SubElement(collab, q(BPMN, "messageFlow"),
                                  id=f"MessageFlow_{self.prefix}_{index + 1:02d}",
                                  sourceRef=source, targetRef=target)
            del mf
        for _, lay, _ in self.pools:
            if lay:
                for item in lay.data:
                    if item.store and item.name not in self.stores:
                        self.stores[item.name] = f"DataStore_{self.prefix}_{len(self.stores) + 1}"
        for name, sid in self.stores.items():
            etree.SubElement(defs, q(BPMN, "dataStore"), id=sid, name=name)
        for pool, lay, _ in self.pools:
            if lay:
                self.write_process(defs, pool, lay)
        self.write_diagram(defs, messages)
        return etree.tostring(defs, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def write_process(self, defs: etree._Element, pool: dict[str, Any], lay: PoolLayout) -> None:
        proc = etree.SubElement(defs, q(BPMN, "process"), id=f"Process_{lay.prefix}",
                                name=pool["name"], isExecutable="false")
        if pool["lanes"]:
            lane_set = etree.SubElement(proc, q(BPMN, "laneSet"), id=f"LaneSet_{lay.prefix}")
            for index, lane in enumerate(pool["lanes"]):
                el = etree.SubElement(lane_set, q(BPMN, "lane"),
                                      id=f"Lane_{lay.prefix}_{index + 1}", name=lane)
                for node in lay.nodes.values():
                    if node.lane == lane:
                        etree.SubElement(el, q(BPMN, "flowNodeRef")).text = node.id
        objects: dict[str, str] = {}
        for item in lay.data:
            if not item.store and item.name not in objects:
                objects[item.name] = f"DataObject_{lay.prefix}_{len(objects) + 1}"
                etree.SubElement(proc, q(BPMN, "dataObject"), id=objects[item.name])
        for node in lay.nodes.values():
            self.write_node(proc, node, lay)
        for flow in lay.flows:
            el = etree.SubElement(proc, q(BPMN, "sequenceFlow"), id=flow.id,
                                  sourceRef=flow.source, targetRef=flow.target)
            if flow.label:
                el.set("name", flow.label)
            src = lay.nodes[flow.source]
            if (src.type == "exclusiveGateway" and not src.is_join and flow.label
                    and src.default != flow.id):
                cond = etree.SubElement(el, q(BPMN, "conditionExpression"))
                cond.set(q(XSI, "type"), "bpmn:tFormalExpression")
                cond.text = flow.label
        for item in lay.data:
            if item.store:
                etree.SubElement(proc, q(BPMN, "dataStoreReference"), id=item.id,
                                 name=item.name, dataStoreRef=self.stores[item.name])
            else:
                etree.SubElement(proc, q(BPMN, "dataObjectReference"), id=item.id,
                                 name=item.name, dataObjectRef=objects[item.name])

    def write_node(self, proc: etree._Element, node: Node, lay: PoolLayout) -> None:
        el = etree.SubElement(proc, q(BPMN, node.type), id=node.id)
        if node.label:
            el.set("name", node.label)
        if node.attached_to:
            el.set("attachedToRef", node.attached_to)
            el.set("cancelActivity", "true")
        if node.default:
            el.set("default", node.default)
        if node.type.endswith("Gateway"):
            el.set("gatewayDirection", "Converging" if node.is_join else "Diverging")
        if node.spec.get("doc"):
            etree.SubElement(el, q(BPMN, "documentation")).text = node.spec["doc"]
        for fid in node.incoming:
            etree.SubElement(el, q(BPMN, "incoming")).text = fid
        for fid in node.outgoing:
            etree.SubElement(el, q(BPMN, "outgoing")).text = fid
        inputs = [d for d in lay.data if d.node == node.id and not d.output]
        outputs = [d for d in lay.data if d.node == node.id and d.output]
        if inputs:
            # the data read arrives at a declared data input of the task
            io = etree.SubElement(el, q(BPMN, "ioSpecification"), id=f"{node.id}_io")
            for item in inputs:
                etree.SubElement(io, q(BPMN, "dataInput"), id=f"{item.id}_in", name=item.name)
            input_set = etree.SubElement(io, q(BPMN, "inputSet"), id=f"{node.id}_inputs")
            for item in inputs:
                etree.SubElement(input_set, q(BPMN, "dataInputRefs")).text = f"{item.id}_in"
            etree.SubElement(io, q(BPMN, "outputSet"), id=f"{node.id}_outputs")
            for item in inputs:
                assoc = etree.SubElement(el, q(BPMN, "dataInputAssociation"),
                                         id=f"{item.id}_assoc")
                etree.SubElement(assoc, q(BPMN, "sourceRef")).text = item.id
                etree.SubElement(assoc, q(BPMN, "targetRef")).text = f"{item.id}_in"
        for item in outputs:
            assoc = etree.SubElement(el, q(BPMN, "dataOutputAssociation"), id=f"{item.id}_assoc")
            etree.SubElement(assoc, q(BPMN, "targetRef")).text = item.id
        event = node.spec.get("event")
        if node.type.endswith("Event") and event:
            definition = etree.SubElement(el, q(BPMN, f"{event}EventDefinition"),
                                          id=f"{node.id}_def")
            if event == "timer":
                detail = node.spec.get("detail") or "P1D"
                tag = "timeCycle" if detail.startswith("R") else "timeDuration"
                expr = etree.SubElement(definition, q(BPMN, tag))
                expr.set(q(XSI, "type"), "bpmn:tFormalExpression")
                expr.text = detail

    def write_diagram(self, defs: etree._Element, messages: list) -> None:
        diagram = etree.SubElement(defs, q(BPMNDI, "BPMNDiagram"),
                                   id=f"Diagram_{self.prefix}", name=self.desc["title"])
        plane = etree.SubElement(diagram, q(BPMNDI, "BPMNPlane"), id=f"Plane_{self.prefix}",
                                 bpmnElement=f"Collaboration_{self.prefix}")
        for _, lay, pid in self.pools:
            self.shape(plane, pid, self.pool_bounds[pid], horizontal=True)
            if not lay:
                continue
            px, _, pw, _ = self.pool_bounds[pid]
            if lay.spec["lanes"]:
                for index, lane in enumerate(lay.spec["lanes"]):
                    top, height = lay.lane_bounds[lane]
                    self.shape(plane, f"Lane_{lay.prefix}_{index + 1}",
                               (px + POOL_HEADER, top, pw - POOL_HEADER, height), horizontal=True)
            for node in lay.nodes.values():
                label = None
                if node.shape != "task" and node.label:
                    label = label_bounds(node)
                shape = self.shape(plane, node.id, (node.x, node.y, node.w, node.h), label=label)
                if node.type == "exclusiveGateway":
                    shape.set("isMarkerVisible", "true")
            for item in lay.data:
                self.shape(plane, item.id, (item.x, item.y, item.w, item.h),
                           label=(item.x - 32, item.y + item.h + 4, item.w + 64, 28))
            for flow in lay.flows:
                points = waypoints(flow, lay.nodes[flow.source], lay.nodes[flow.target])
                label = None
                if flow.label:
                    # beside the first horizontal segment, clear of the gateway's own label
                    x, y = points[0] if points[0][1] == points[1][1] else points[1]
                    label = (x + 8, y - 18, 40, 14)
                self.edge(plane, flow.id, points, label)
            for item in lay.data:
                node = lay.nodes[item.node]
                points = [(item.x + item.w / 2, node.y + node.h), (item.x + item.w / 2, item.y)]
                if not item.output:
                    points.reverse()
                self.edge(plane, f"{item.id}_assoc", points)
        for index, (_, _, _, points) in enumerate(messages):
            self.edge(plane, f"MessageFlow_{self.prefix}_{index + 1:02d}", points)

    @staticmethod
    def shape(plane: etree._Element, element: str, bounds: tuple[float, ...], *,
              horizontal: bool = False, label: tuple[float, ...] | None = None) -> etree._Element:
        shape = etree.SubElement(plane, q(BPMNDI, "BPMNShape"), id=f"{element}_di",
                                 bpmnElement=element)
        if horizontal:
            shape.set("isHorizontal", "true")
        add_bounds(shape, bounds)
        if label:
            add_bounds(etree.SubElement(shape, q(BPMNDI, "BPMNLabel")), label)
        return shape

    @staticmethod
    def edge(plane: etree._Element, element: str, points: list[tuple[float, float]],
             label: tuple[float, ...] | None = None) -> None:
        edge = etree.SubElement(plane, q(BPMNDI, "BPMNEdge"), id=f"{element}_di",
                                bpmnElement=element)
        for x, y in points:
            etree.SubElement(edge, q(DI, "waypoint"), x=fmt(x), y=fmt(y))
        if label:
            add_bounds(etree.SubElement(edge, q(BPMNDI, "BPMNLabel")), label)


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def add_bounds(parent: etree._Element, bounds: tuple[float, ...]) -> None:
    x, y, w, h = bounds
    etree.SubElement(parent, q(DC, "Bounds"), x=fmt(x), y=fmt(y), width=fmt(w), height=fmt(h))


def generate() -> dict[str, bytes]:
    """File name → bytes of every demo model."""
    result: dict[str, bytes] = {}
    for desc in MODELS:
        name = f"{desc['slug']}.bpmn"
        if name in result:
            raise ValueError(f"duplicate model slug {desc['slug']}")
        result[name] = ModelWriter(desc).write()
    return result


CATALOGUE_FILES = ("themenfelder.csv", "lagen.csv", "ozg_leistungen.csv", "leika_leistungen.csv")
CATALOGUE_DIR = ROOT / "inventory" / "demo" / "catalogue"


def extract_catalogue(shared_ozg: Path) -> dict[str, list[dict[str, str]]]:
    """The rows of the four catalogue CSVs the demo services link to (plus the keyless
    LeiKa rows of their OZG-Leistungen named like a demo service, e.g. "Mängelmelder")."""
    from inventory.demo.services import SERVICES

    def rows(name: str) -> list[dict[str, str]]:
        with (shared_ozg / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    ozg_ids = {oid for s in SERVICES for oid in s.get("ozg_ids", [])}
    keys = {key for s in SERVICES for key in s.get("leika_keys", [])}
    names = {s["name"] for s in SERVICES}
    leika = [r for r in rows("leika_leistungen.csv") if r["leika_schluessel"] in keys
             or (not r["leika_schluessel"] and r["ozg_id"] in ozg_ids and r["name"] in names)]
    missing = keys - {r["leika_schluessel"] for r in leika}
    if missing:
        raise ValueError(f"Leistungsschlüssel not in the catalogue: {sorted(missing)}")
    ozg = [r for r in rows("ozg_leistungen.csv") if r["ozg_id"] in ozg_ids]
    lage_ids = {r["lage_id"] for r in ozg}
    lagen = [r for r in rows("lagen.csv") if r["id"] in lage_ids]
    themen_ids = {r["themenfeld_id"] for r in lagen}
    themen = [r for r in rows("themenfelder.csv") if r["id"] in themen_ids]
    return {"themenfelder.csv": themen, "lagen.csv": lagen, "ozg_leistungen.csv": ozg,
            "leika_leistungen.csv": leika}


def write_catalogue(shared_ozg: Path) -> None:
    CATALOGUE_DIR.mkdir(parents=True, exist_ok=True)
    for name, rows in extract_catalogue(shared_ozg).items():
        with (CATALOGUE_DIR / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"{len(rows):4d} Zeilen: {(CATALOGUE_DIR / name).relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed files instead of writing")
    parser.add_argument("--catalogue", metavar="OZG_DIR", type=Path,
                        help="also extract the linked catalogue rows from OZG_DIR "
                        "(../shared/data/ozg) into inventory/demo/catalogue/")
    args = parser.parse_args(argv)
    if args.catalogue:
        write_catalogue(args.catalogue)
    files = generate()
    if args.check:
        stale = [n for n, data in files.items()
                 if not (OUT_DIR / n).is_file() or (OUT_DIR / n).read_bytes() != data]
        extra = sorted({p.name for p in OUT_DIR.glob("*.bpmn")} - set(files))
        for name in stale:
            print(f"differs: {name}")
        for name in extra:
            print(f"not generated: {name}")
        return 1 if stale or extra else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for old in OUT_DIR.glob("*.bpmn"):
        if old.name not in files:
            old.unlink()
    for name, data in files.items():
        (OUT_DIR / name).write_bytes(data)
    print(f"{len(files)} Modelle geschrieben nach {OUT_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
