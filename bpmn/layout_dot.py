"""Running graphviz ``dot`` for :mod:`bpmn.layout`: the graph, the call, the result.

``dot`` is looked up on ``PATH`` only when a layout is requested and called with a
fixed argument list (``dot -Tjson``, the graph on stdin).  Coordinates come back with
the y axis pointing down, as in BPMN DI.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field

from bpmn.render.errors import MissingGraphviz, RenderError
from procmodel.model import Bounds, Point

DPI = 72.0  # graphviz works in inches; 1 pt == 1 px here
DOT_TIMEOUT = 120


@dataclass
class Graph:
    """One dot run: nodes with sizes, clusters, edges by element id."""

    nodes: dict[str, tuple[float, float, str]] = field(default_factory=dict)
    clusters: dict[str, list[str]] = field(default_factory=dict)  # cluster -> members
    children: dict[str | None, list[str]] = field(default_factory=dict)  # cluster nesting
    edges: list[tuple[str, str, str, bool]] = field(default_factory=list)  # id, src, dst, constr

    def add_node(self, node_id: str, size: tuple[float, float], shape: str = "box") -> None:
        self.nodes[node_id] = (size[0], size[1], shape)


@dataclass
class DotResult:
    centres: dict[str, Point]
    routes: dict[str, list[Point]]
    clusters: dict[str, Bounds]
    width: float
    height: float


def find_dot() -> str:
    """Path of the ``dot`` program; raises :class:`MissingGraphviz` when absent."""
    path = shutil.which("dot")
    if path is None:
        raise MissingGraphviz()
    return path


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_source(graph: Graph, names: dict[str, str]) -> str:
    lines = [
        "digraph G {",
        "rankdir=LR; splines=polyline; nodesep=0.55; ranksep=0.65; newrank=true;",
        'node [label="" fixedsize=true margin=0];',
        "edge [dir=none];",
    ]

    def emit(cluster: str | None, indent: str) -> None:
        for child in graph.children.get(cluster, []):
            lines.append(f"{indent}subgraph {_quote('cluster_' + names[child])} {{ margin=20;")
            emit(child, indent + "  ")
            lines.append(f"{indent}}}")
        members = graph.clusters.get(cluster, []) if cluster else [
            n for n in graph.nodes if not any(n in m for m in graph.clusters.values())
        ]
        for node_id in members:
            w, h, shape = graph.nodes[node_id]
            lines.append(
                f"{indent}{_quote(names[node_id])} [shape={shape} "
                f"width={w / DPI:.4f} height={h / DPI:.4f}];"
            )

    emit(None, "")
    for index, (_, source, target, constraint) in enumerate(graph.edges):
        attrs = f"id=e{index}" + ("" if constraint else " constraint=false")
        lines.append(f"{_quote(names[source])} -> {_quote(names[target])} [{attrs}];")
    lines.append("}")
    return "\n".join(lines)


def run_dot(graph: Graph) -> DotResult:
    keys = list(graph.nodes) + [c for c in graph.clusters if c not in graph.nodes]
    names = {key: f"n{index}" for index, key in enumerate(keys)}
    by_name = {v: k for k, v in names.items()}
    source = _dot_source(graph, names)
    try:
        done = subprocess.run(
            [find_dot(), "-Tjson"], input=source.encode(), capture_output=True,
            timeout=DOT_TIMEOUT, check=False,
        )
    except FileNotFoundError as exc:  # removed between lookup and call
        raise MissingGraphviz(str(exc)) from exc
    if done.returncode != 0:
        raise RenderError(
            "Graphviz konnte das Layout nicht berechnen (graphviz failed): "
            + done.stderr.decode(errors="replace")[:500]
        )
    data = json.loads(done.stdout)
    height = float(data["bb"].split(",")[3])
    width = float(data["bb"].split(",")[2])
    centres: dict[str, Point] = {}
    clusters: dict[str, Bounds] = {}
    gvid: dict[int, str] = {}
    for obj in data.get("objects", []):
        name = obj["name"]
        if name.startswith("cluster_") and "bb" in obj:
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            clusters[by_name[name.removeprefix("cluster_")]] = Bounds(
                x0, height - y1, x1 - x0, y1 - y0
            )
        elif "pos" in obj and name in by_name:
            x, y = (float(v) for v in obj["pos"].split(","))
            centres[by_name[name]] = Point(x, height - y)
            gvid[obj["_gvid"]] = by_name[name]
    routes: dict[str, list[Point]] = {}
    for edge in data.get("edges", []):
        edge_id = graph.edges[int(edge["id"][1:])][0]
        coords = [c for c in edge.get("pos", "").split() if c[:2] not in ("e,", "s,")]
        pts = [Point(float(a), height - float(b)) for a, b in (c.split(",") for c in coords)]
        routes[edge_id] = pts[0::3] if len(pts) > 3 else pts
    return DotResult(centres, routes, clusters, width, height)
