"""Rules on the diagram layer: missing shapes and edges, overlapping shapes.

Both follow bpmnlint (``no-bpmndi``, ``no-overlapping-elements``).  A file without
any diagram gets a single ``no-bpmndi`` finding rather than one per element.
"""

from __future__ import annotations

from collections.abc import Iterator

from procmodel.model import Bounds, DataKind, Definitions, FlowNode, Shape

from .context import ModelGraph, Reporter, capital, the

_DRAWN_DATA = (DataKind.DATA_OBJECT_REFERENCE, DataKind.DATA_STORE_REFERENCE)


def _needs_di(model: Definitions) -> Iterator[object]:
    """Every semantic element bpmnlint expects a BPMNShape or BPMNEdge for."""
    for collaboration in model.collaborations:
        yield from collaboration.participants
        yield from collaboration.message_flows
        yield from collaboration.associations
        yield from collaboration.annotations
        yield from collaboration.groups
    for process in model.processes:
        yield from process.flow_nodes
        yield from process.sequence_flows
        yield from process.lanes
        yield from (d for d in process.data if d.kind in _DRAWN_DATA)
        yield from process.associations
        yield from process.annotations
        yield from process.groups


def check_diagram(graph: ModelGraph, report: Reporter) -> None:
    """Run ``no-bpmndi`` and ``no-overlapping-elements``."""
    model = graph.model
    if report.enabled("no-bpmndi"):
        if not model.diagrams:
            if model.processes or model.collaborations:
                report.add("no-bpmndi", model,
                           "Die Datei enthält kein Diagramm (BPMNDiagram), nur die "
                           "Prozesslogik; zur Anzeige wird sie automatisch angeordnet. Für "
                           "das eigene Layout die Datei mit Diagramm exportieren.",
                           "The file contains no diagram (BPMNDiagram), only the process "
                           "logic; it is laid out automatically for display. To keep your own "
                           "layout, export the file with its diagram.")
        else:
            drawn = {
                element_id
                for diagram in model.diagrams
                for element_id in (
                    *(s.element_id for s in diagram.shapes),
                    *(e.element_id for e in diagram.edges),
                )
                if element_id
            }
            for element in _needs_di(model):
                if getattr(element, "id", None) not in drawn:
                    report.add("no-bpmndi", element,
                               f"{capital(the(element, 'de'))} fehlt im Diagramm (kein "
                               "BPMNShape/BPMNEdge). Das Element im Modellierungswerkzeug "
                               "einzeichnen.",
                               f"{capital(the(element, 'en'))} is missing from the diagram (no "
                               "BPMNShape/BPMNEdge). Draw it in the modelling tool.")
    if report.enabled("no-overlapping-elements") and model.diagrams:
        _overlaps(graph, report)


def _valid(bounds: Bounds | None) -> bool:
    return bounds is not None and bounds.width >= 0 and bounds.height >= 0


def _collide(a: Bounds, b: Bounds) -> bool:
    return (
        a.x + a.width >= b.x and b.x + b.width >= a.x
        and a.y + a.height >= b.y and b.y + b.height >= a.y
    )


def _inside(child: Bounds, parent: Bounds) -> bool:
    return (
        child.x >= parent.x and child.y >= parent.y
        and child.x + child.width <= parent.x + parent.width
        and child.y + child.height <= parent.y + parent.height
    )


def _overlaps(graph: ModelGraph, report: Reporter) -> None:
    overlapping: dict[str, object] = {}
    outside: dict[str, object] = {}
    for diagram in graph.model.diagrams:  # shapes of different diagrams never overlap
        shapes: dict[str, Shape] = {}
        for shape in diagram.shapes:
            if shape.element_id and shape.element_id not in shapes:
                shapes[shape.element_id] = shape
        _overlaps_in(graph, shapes, overlapping, outside)
    for element in overlapping.values():
        report.add("no-overlapping-elements", element,
                   f"{capital(the(element, 'de'))} überdeckt im Diagramm ein anderes "
                   "Element. Die Elemente auseinanderschieben.",
                   f"{capital(the(element, 'en'))} overlaps another element in the diagram. "
                   "Move them apart.")
    for element in outside.values():
        report.add("no-overlapping-elements", element,
                   f"{capital(the(element, 'de'))} liegt im Diagramm außerhalb des "
                   "zugehörigen Pools oder Teilprozesses. Das Element hineinschieben.",
                   f"{capital(the(element, 'en'))} lies outside its pool or subprocess in the "
                   "diagram. Move it inside.")


def _overlaps_in(graph: ModelGraph, shapes: dict[str, Shape], overlapping: dict[str, object],
                 outside: dict[str, object]) -> None:
    """Collect overlapping and outside elements of one diagram."""
    model = graph.model
    participants = [p for p in model.participants if p.id in shapes]
    _collisions(participants, shapes, overlapping)
    for process, scope in graph.scopes:
        members: list[object] = list(graph.scope_nodes(process, scope))
        scope_id = scope.id if scope is not None else None
        members.extend(
            d for d in process.data if d.kind in _DRAWN_DATA and d.parent_id == scope_id
        )
        members = [m for m in members if getattr(m, "id", None) in shapes]
        _collisions(members, shapes, overlapping)
        if scope is None:
            participant = model.participant_of(process.id)
            parent = shapes.get(participant.id) if participant else None
        else:
            parent = shapes.get(scope.id)
            if parent is not None and not parent.is_expanded:
                parent = None
        if parent is None or not _valid(parent.bounds):
            continue
        for member in members:
            if getattr(member, "kind", None) is DataKind.DATA_STORE_REFERENCE:
                continue  # bpmnlint allows data stores outside for historical reasons
            bounds = shapes[member.id].bounds  # type: ignore[attr-defined]
            if _valid(bounds) and not _inside(bounds, parent.bounds):
                outside[member.id] = member  # type: ignore[attr-defined]


def _collisions(
    elements: list[object], shapes: dict[str, Shape], found: dict[str, object]
) -> None:
    """Add every element that collides with a sibling, by a sweep over x (n log n)."""
    boxes = sorted(
        ((shapes[e.id].bounds, e) for e in elements if _valid(shapes[e.id].bounds)),  # type: ignore[attr-defined]
        key=lambda item: item[0].x,
    )
    for i, (bounds, element) in enumerate(boxes):
        right = bounds.x + bounds.width
        for other_bounds, other in boxes[i + 1:]:
            if other_bounds.x > right:
                break
            if _attached(element, other) or not _collide(bounds, other_bounds):
                continue
            found.setdefault(element.id, element)  # type: ignore[attr-defined]
            found.setdefault(other.id, other)  # type: ignore[attr-defined]


def _attached(a: object, b: object) -> bool:
    """Boundary events may overlap their host."""
    return (isinstance(a, FlowNode) and a.attached_to == getattr(b, "id", None)) or (
        isinstance(b, FlowNode) and b.attached_to == getattr(a, "id", None)
    )
