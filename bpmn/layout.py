"""Automatic layout for models without a diagram layer, with graphviz ``dot``.

The flow runs left to right; each pool is a cluster, each lane a cluster inside it
(empty lanes keep a placeholder so they still get a band).  Expanded subprocesses
are laid out first, on their own, and then placed as one large node.  Shapes get
the BPMN default sizes (task 100×80 — 120 or 140 wide when the name would be cut —,
event 36×36, gateway 50×50, data object 36×50, data store 50×50); boundary events
sit on their host's lower border. Sequence flows take dot's polyline route; message
flows run vertically between the pools.

``dot`` is looked up on ``PATH`` when a layout is requested and called with a fixed
argument list; when it is missing, :class:`~bpmn.render.MissingGraphviz` says to
install the Debian package ``graphviz``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from bpmn.layout_dot import DotResult, Graph, find_dot, run_dot
from bpmn.render.shapes import activity_name_fits
from procmodel.model import (
    Bounds,
    DataElement,
    DataKind,
    Definitions,
    Diagram,
    Edge,
    FlowNode,
    NodeKind,
    Point,
    Process,
    Shape,
)

POOL_HEADER = 30.0
LANE_HEADER = 30.0
PAD = 20.0  # inside expanded subprocesses and clusters
LABEL_ROOM = 15.0  # more room left of a pool's content than dot's cluster margin


#: Widths tried for an activity whose name does not fit the default 100 px.
ACTIVITY_WIDTHS = (100.0, 120.0, 140.0)


def _size(element: object) -> tuple[float, float]:
    if isinstance(element, FlowNode):
        if element.kind.is_event:
            return 36.0, 36.0
        if element.kind.is_gateway:
            return 50.0, 50.0
        # An activity is widened (up to 140 px) when its name would otherwise be cut.
        for width in ACTIVITY_WIDTHS:
            if activity_name_fits(element, Bounds(0.0, 0.0, width, 80.0)):
                return width, 80.0
        return ACTIVITY_WIDTHS[-1], 80.0
    if isinstance(element, DataElement):
        if element.kind in (DataKind.DATA_STORE, DataKind.DATA_STORE_REFERENCE):
            return 50.0, 50.0
        return 36.0, 50.0
    return 100.0, 40.0  # text annotation


def _dot_shape(element: object) -> str:
    if isinstance(element, FlowNode) and element.kind.is_event:
        return "circle"
    if isinstance(element, FlowNode) and element.kind.is_gateway:
        return "diamond"
    return "box"


class _Layouter:
    """Lays out one model; collects shapes and edges in absolute coordinates."""

    def __init__(self, model: Definitions) -> None:
        self.model = model
        self.shapes: dict[str, Shape] = {}
        self.edges: dict[str, Edge] = {}
        self.sizes: dict[str, tuple[float, float]] = {}
        self.inner: dict[str, tuple[DotResult, list[str]]] = {}

    # -- scopes ------------------------------------------------------------------

    def _scope_graph(self, process: Process, scope: str | None, graph: Graph) -> list[str]:
        """Add the nodes and edges of one scope to ``graph``; returns their ids."""
        members: list[str] = []
        hosts = {n.id: n.attached_to for n in process.flow_nodes
                 if n.kind is NodeKind.BOUNDARY_EVENT and n.attached_to}
        for node in process.nodes_in(scope):
            if node.kind is NodeKind.BOUNDARY_EVENT:
                continue
            if node.kind.is_subprocess and process.nodes_in(node.id):
                self._layout_subprocess(process, node)
                size = self.sizes[node.id]
            else:
                size = _size(node)
            graph.add_node(node.id, size, _dot_shape(node) if size == _size(node) else "box")
            members.append(node.id)
        # Data objects and stores are drawn through their references, unless an
        # association points at them directly.
        referenced = {ref for a in process.data_associations for ref in (*a.sources, a.target)}
        for data in process.data:
            if data.parent_id == scope and (
                data.kind not in (DataKind.DATA_OBJECT, DataKind.DATA_STORE)
                or data.id in referenced
            ):
                graph.add_node(data.id, _size(data))
                members.append(data.id)
        if scope is None:
            for note in process.annotations:
                graph.add_node(note.id, _size(note))
                members.append(note.id)
        present = set(graph.nodes)
        for flow in process.flows_in(scope):
            source = hosts.get(flow.source, flow.source)
            if source in present and flow.target in present:
                graph.edges.append((flow.id, source, flow.target, True))
        for assoc in process.data_associations:
            if not assoc.id:
                continue
            data_id = assoc.sources[0] if assoc.direction == "input" and assoc.sources else (
                assoc.target)
            node = hosts.get(assoc.node_id, assoc.node_id)
            if data_id in present and node in present:
                pair = (data_id, node) if assoc.direction == "input" else (node, data_id)
                graph.edges.append((assoc.id, *pair, True))
        if scope is None:
            for assoc in process.associations:
                if assoc.source in present and assoc.target in present:
                    graph.edges.append((assoc.id, assoc.source, assoc.target, False))
        return members

    def _layout_subprocess(self, process: Process, node: FlowNode) -> None:
        graph = Graph()
        members = self._scope_graph(process, node.id, graph)
        result = run_dot(graph)
        self.inner[node.id] = (result, members)
        self.sizes[node.id] = (max(result.width + 2 * PAD, 100.0),
                               max(result.height + 2 * PAD + 20, 80.0))

    # -- placing -----------------------------------------------------------------

    def _place(self, process: Process, element_id: str, centre: Point) -> None:
        element = self.model.get(element_id)
        w, h = self.sizes.get(element_id) or _size(element)
        bounds = Bounds(centre.x - w / 2, centre.y - h / 2, w, h)
        expanded = None
        if isinstance(element, FlowNode) and element.kind.is_subprocess:
            expanded = element_id in self.inner
        marker = (True if isinstance(element, FlowNode)
                  and element.kind is NodeKind.EXCLUSIVE_GATEWAY else None)
        self.shapes[element_id] = Shape(id=f"{element_id}_di", element_id=element_id,
                                        bounds=bounds, is_expanded=expanded,
                                        is_marker_visible=marker)
        if element_id in self.inner:
            result, members = self.inner[element_id]
            dx = bounds.x + PAD + (w - 2 * PAD - result.width) / 2
            dy = bounds.y + PAD + 20
            for member in members:
                c = result.centres[member]
                self._place(process, member, Point(c.x + dx, c.y + dy))
            for edge_id, route in result.routes.items():
                self._edge(edge_id, [Point(p.x + dx, p.y + dy) for p in route])

    def _edge(self, edge_id: str, route: list[Point]) -> None:
        self.edges[edge_id] = Edge(id=f"{edge_id}_di", element_id=edge_id,
                                   waypoints=tuple(route))

    def _boundary_events(self, process: Process) -> None:
        by_host: dict[str, list[FlowNode]] = {}
        for node in process.flow_nodes:
            if node.kind is NodeKind.BOUNDARY_EVENT and node.attached_to in self.shapes:
                by_host.setdefault(node.attached_to, []).append(node)
        for host_id, events in by_host.items():
            host = self.shapes[host_id].bounds
            for index, event in enumerate(events):
                cx = host.x + host.width * (index + 1) / (len(events) + 1)
                self.shapes[event.id] = Shape(
                    id=f"{event.id}_di", element_id=event.id,
                    bounds=Bounds(cx - 18, host.y + host.height - 18, 36, 36),
                )
                for flow in process.sequence_flows:
                    if flow.source == event.id and flow.id in self.edges:
                        end = self.edges[flow.id].waypoints[-1]
                        start = Point(cx, host.y + host.height + 18)
                        self._edge(flow.id, [start, Point(cx, end.y), end])

    def _message_flows(self) -> None:
        for flow in self.model.message_flows:
            source, target = self.shapes.get(flow.source), self.shapes.get(flow.target)
            if source is None or target is None:
                continue
            s, t = source.bounds, target.bounds
            sx = s.centre.x if s.width < 400 or t.width >= 400 else t.centre.x
            tx = t.centre.x if t.width < 400 else sx
            if s.y + s.height <= t.y:
                y0, y1 = s.y + s.height, t.y
            else:
                y0, y1 = s.y, t.y + t.height
            mid = (y0 + y1) / 2
            route = [Point(sx, y0), Point(tx, y1)] if abs(sx - tx) < 0.5 else [
                Point(sx, y0), Point(sx, mid), Point(tx, mid), Point(tx, y1)]
            self._edge(flow.id, route)

    # -- the whole model -----------------------------------------------------------

    def run(self) -> Diagram:
        graph = Graph()
        lane_clusters: dict[str, list[str]] = {}
        pools: dict[str, str] = {}  # process id -> participant id (or process id)
        for process in self.model.processes:
            participant = self.model.participant_of(process.id)
            pool_id = participant.id if participant else process.id
            pools[process.id] = pool_id
            graph.children.setdefault(None, []).append(pool_id)
            lanes = {lane.id: lane for lane in process.lanes}
            for lane in process.lanes:
                parent = lane.parent_lane_id if lane.parent_lane_id in lanes else pool_id
                graph.children.setdefault(parent, []).append(lane.id)
                graph.clusters.setdefault(lane.id, [])
                lane_clusters.setdefault(pool_id, []).append(lane.id)
            leaf_lane = {n.id: n.lane_id for n in process.flow_nodes if n.lane_id in lanes}
            members = self._scope_graph(process, None, graph)
            graph.clusters.setdefault(pool_id, [])
            for member in members:
                graph.clusters[leaf_lane.get(member) or pool_id].append(member)
            for lane in process.lanes:
                if not graph.clusters[lane.id] and not any(
                    other.parent_lane_id == lane.id for other in process.lanes
                ):
                    placeholder = f"{lane.id}\x00placeholder"
                    graph.add_node(placeholder, (100.0, 40.0))
                    graph.clusters[lane.id].append(placeholder)
        for participant in self.model.participants:
            if participant.process_ref is None or self.model.process(
                participant.process_ref
            ) is None:
                graph.add_node(participant.id, (300.0, 60.0))
        for flow in self.model.message_flows:
            if flow.source in graph.nodes and flow.target in graph.nodes:
                graph.edges.append((f"{flow.id}\x00message", flow.source, flow.target, False))
        result = run_dot(graph)
        for process in self.model.processes:
            for node_id in self._members(graph, pools[process.id]):
                self._place(process, node_id, result.centres[node_id])
        for edge_id, route in result.routes.items():
            if "\x00" not in edge_id:  # message flows are routed after the pools
                self._edge(edge_id, route)
        for process in self.model.processes:
            self._boundary_events(process)
        self._pools(result, pools, lane_clusters, graph)
        self._message_flows()
        plane = (self.model.collaborations[0].id if self.model.collaborations
                 else (self.model.processes[0].id if self.model.processes else None))
        return Diagram(id="BPMNDiagram_auto", name="Automatisches Layout",
                       plane_element_id=plane, shapes=tuple(self.shapes.values()),
                       edges=tuple(self.edges.values()))

    def _members(self, graph: Graph, cluster: str) -> Iterable[str]:
        for member in graph.clusters.get(cluster, []):
            if "\x00" not in member:
                yield member
        for child in graph.children.get(cluster, []):
            yield from self._members(graph, child)

    def _pools(self, result: DotResult, pools: dict[str, str], lane_clusters: dict[str, list[str]],
               graph: Graph) -> None:
        boxes = {pid: result.clusters[pid] for pid in pools.values() if pid in result.clusters}
        for participant in self.model.participants:
            if participant.id in result.centres and participant.id not in boxes:
                c = result.centres[participant.id]
                boxes[participant.id] = Bounds(c.x - 150, c.y - 30, 300, 60)
        if not boxes:
            return
        depth = {pid: self._lane_depth(graph, pid) for pid in boxes}
        # LABEL_ROOM: the label below an event at the left edge is wider than the event.
        left = (min(b.x for b in boxes.values()) - LABEL_ROOM - POOL_HEADER
                - LANE_HEADER * max(depth.values()))
        right = max(b.x + b.width for b in boxes.values()) + PAD
        participants = {p.id for p in self.model.participants}
        for pool_id, box in boxes.items():
            bounds = Bounds(left, box.y, right - left, box.height)
            if pool_id in participants:
                self.shapes[pool_id] = Shape(id=f"{pool_id}_di", element_id=pool_id,
                                             bounds=bounds, is_horizontal=True)
            header = POOL_HEADER if pool_id in participants else 0.0
            self._tile(graph, result, pool_id, bounds.x + header, bounds.y,
                       bounds.y + bounds.height, right)

    def _lane_depth(self, graph: Graph, cluster: str) -> int:
        children = [c for c in graph.children.get(cluster, []) if self.model.get(c) is not None]
        return 1 + max((self._lane_depth(graph, c) for c in children), default=0) if children \
            else 0

    def _tile(self, graph: Graph, result: DotResult, parent: str, x: float, top: float,
              bottom: float, right: float) -> None:
        """Stack the child lanes of ``parent`` from ``top`` to ``bottom`` without gaps."""
        lanes = [c for c in graph.children.get(parent, []) if c in result.clusters]
        lanes.sort(key=lambda c: result.clusters[c].y)
        for index, lane_id in enumerate(lanes):
            box = result.clusters[lane_id]
            y0 = top if index == 0 else (
                result.clusters[lanes[index - 1]].y + result.clusters[lanes[index - 1]].height
                + box.y) / 2
            if index + 1 < len(lanes):
                y1 = (box.y + box.height + result.clusters[lanes[index + 1]].y) / 2
            else:
                y1 = bottom
            self.shapes[lane_id] = Shape(id=f"{lane_id}_di", element_id=lane_id,
                                         bounds=Bounds(x, y0, right - x, y1 - y0),
                                         is_horizontal=True)
            self._tile(graph, result, lane_id, x + LANE_HEADER, y0, y1, right)


def auto_layout(model: Definitions) -> Definitions:
    """``model`` with one generated diagram (replacing any it had).

    Raises:
        MissingGraphviz: ``dot`` is not installed.
    """
    find_dot()
    diagram = _Layouter(model).run()
    return dataclasses.replace(model, diagrams=(diagram,))
