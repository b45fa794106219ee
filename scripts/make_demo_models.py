#!/usr/bin/env python3
"""Generate the demo register's BPMN 2.0 files with a diagram layer.

Reads the model descriptions from :mod:`inventory.demo.processes` (built with the
constructors of :mod:`inventory.demo.spec`), lays each one out on a grid with
:mod:`inventory.demo.layout` — pools and lanes horizontal, steps left to right, branches
of a gateway in rows below each other, orthogonal edge waypoints, label bounds — and
writes ``inventory/demo/models/<slug>.bpmn`` with the diagram layer (BPMN DI).

Usage: ``.venv/bin/python scripts/make_demo_models.py [--check] [--catalogue OZG_DIR]``.
``--check`` writes nothing and exits 1 when a committed file differs from what would be
generated; ``--catalogue ../shared/data/ozg`` also refreshes the few catalogue rows the demo
carries (``inventory/demo/catalogue/*.csv``).
The output is deterministic: the same descriptions always give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from inventory.demo.layout import (  # noqa: E402
    BLACKBOX_H,
    COL_W,
    LANE_HEADER,
    POOL_GAP,
    POOL_HEADER,
    X0,
    Y0,
    Node,
    PoolLayout,
    adopt_ids,
    label_bounds,
    waypoints,
)
from inventory.demo.processes import MODELS  # noqa: E402

OUT_DIR = ROOT / "inventory" / "demo" / "models"

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}

def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"




class ModelWriter:
    """Writes one model description as BPMN 2.0 XML with a diagram layer."""

    def __init__(self, desc: dict[str, Any], base: ModelWriter | None = None) -> None:
        """``base`` is the writer of the current version when ``desc`` is an older one
        (``desc["version_of"]``): the older version keeps the current one's ids wherever
        a step is the same, as a re-export from the same modeller does."""
        self.desc = desc
        self.slug = desc["slug"]
        # every version of a model shares the id scheme of its current file
        id_slug = desc.get("version_of") or self.slug
        self.prefix = "".join(part.capitalize() for part in re.split(r"[-.]", id_slug))
        self.draft = bool(desc.get("draft"))
        self.pools: list[tuple[dict[str, Any], PoolLayout | None, str]] = []
        for index, pool in enumerate(desc["pools"]):
            pid = f"Participant_{self.prefix}_{index + 1}"
            layout = None
            if pool["type"] == "pool":
                layout = PoolLayout(f"{self.prefix}{index + 1}", pool, draft=self.draft)
                layout.build()
                if base is not None and base.pools[index][1] is not None:
                    adopt_ids(layout, base.pools[index][1])
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
                    and src.default != flow.id and not self.draft):
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
        if node.default and not self.draft:  # drafts forget default flows and conditions
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
    writers: dict[str, ModelWriter] = {}
    # current models first: older versions take their ids from them
    for desc in sorted(MODELS, key=lambda d: bool(d.get("version_of"))):
        name = f"{desc['slug']}.bpmn"
        if name in result:
            raise ValueError(f"duplicate model slug {desc['slug']}")
        base = writers[desc["version_of"]] if desc.get("version_of") else None
        writers[desc["slug"]] = writer = ModelWriter(desc, base)
        result[name] = writer.write()
    return dict(sorted(result.items()))


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
