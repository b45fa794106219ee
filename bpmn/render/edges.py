"""Connections: sequence flows, message flows, associations, data associations.

The path is one ``<polyline class="bpmn-path">`` through exactly the DI waypoints;
arrowheads and start decorations are separate polygons computed from the end
segments (no ``<marker>`` definitions, so that several diagrams inlined in one
HTML page never share or clash on ids).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from procmodel.model import (
    Association,
    Bounds,
    DataAssociation,
    Edge,
    FlowNode,
    MessageFlow,
    Point,
    SequenceFlow,
)

from .icons import Ink
from .labels import write_label
from .scene import EXTERNAL_LABEL_SIZE, Scene, ink_of, label_colour
from .svg import points
from .text import LabelStyle

EdgeDrawer = Callable[[Scene, Edge, object], None]

ARROW_LENGTH = 11.0
ARROW_HALF_WIDTH = 4.0


def _direction(a: Point, b: Point) -> tuple[float, float]:
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _end_segment(waypoints: tuple[Point, ...], at_start: bool) -> tuple[Point, Point] | None:
    """The last (or first) segment of non-zero length, as (from, tip)."""
    pts = list(waypoints)
    if len(pts) < 2:
        return None
    if at_start:
        pts.reverse()
    tip = pts[-1]
    for p in reversed(pts[:-1]):
        if (p.x, p.y) != (tip.x, tip.y):
            return p, tip
    return None


def _arrow(scene: Scene, edge: Edge, ink: Ink, *, at_start: bool = False, filled: bool = True,
           open_lines: bool = False) -> None:
    segment = _end_segment(edge.waypoints, at_start)
    if segment is None:
        return
    base, tip = segment
    dx, dy = _direction(base, tip)
    bx, by = tip.x - dx * ARROW_LENGTH, tip.y - dy * ARROW_LENGTH
    nx, ny = -dy * ARROW_HALF_WIDTH, dx * ARROW_HALF_WIDTH
    corners = [(bx + nx, by + ny), (tip.x, tip.y), (bx - nx, by - ny)]
    if open_lines:
        scene.svg.empty("polyline", class_="bpmn-arrow", points=points(corners), fill="none",
                        stroke=ink.stroke, stroke_width="1.5")
        return
    scene.svg.empty(
        "polygon", class_="bpmn-arrow", points=points(corners),
        fill=ink.stroke if filled else ink.fill, stroke=ink.stroke, stroke_width="1",
        stroke_linejoin="round",
    )


def _path(scene: Scene, edge: Edge, ink: Ink, **style: object) -> None:
    scene.svg.empty(
        "polyline", class_="bpmn-path",
        points=points((p.x, p.y) for p in edge.waypoints),
        fill="none", stroke=ink.stroke, stroke_width="1.5", stroke_linejoin="round", **style,
    )


def _label(scene: Scene, edge: Edge, name: str | None) -> None:
    if not name or not name.strip():
        return
    box = edge.label_bounds
    if box is None or box.width <= 0:
        if not edge.waypoints:
            return
        box = _midpoint_box(edge.waypoints)
    style = LabelStyle(size=EXTERNAL_LABEL_SIZE, colour=label_colour(edge), clip=False)
    write_label(scene.svg, name, box, style)


def _midpoint(waypoints: tuple[Point, ...]) -> tuple[Point, tuple[float, float]]:
    """The point halfway along the path and the direction of the segment it lies on."""
    pairs = list(itertools.pairwise(waypoints))
    lengths = [math.hypot(b.x - a.x, b.y - a.y) for a, b in pairs]
    half = sum(lengths) / 2
    for (a, b), length in zip(pairs, lengths, strict=True):
        if half <= length and length > 0:
            t = half / length
            return Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), _direction(a, b)
        half -= length
    return waypoints[0], (1.0, 0.0)


def _midpoint_box(waypoints: tuple[Point, ...]) -> Bounds:
    """A label box just above the middle of the path."""
    p, _ = _midpoint(waypoints)
    return Bounds(p.x - 45, p.y - 32, 90, 28)


def draw_sequence_flow(scene: Scene, edge: Edge, flow: object) -> None:
    ink = ink_of(edge)
    _path(scene, edge, ink)
    _arrow(scene, edge, ink)
    if isinstance(flow, SequenceFlow):
        source = scene.model.get(flow.source)
        is_default = flow.is_default or (
            isinstance(source, FlowNode) and source.default_flow == flow.id
        )
        if is_default:
            _default_slash(scene, edge, ink)
        elif flow.condition and isinstance(source, FlowNode) and source.kind.is_activity:
            # A conditional flow out of an activity starts with a small open diamond.
            _start_diamond(scene, edge, ink)
        _label(scene, edge, flow.name)


def _default_slash(scene: Scene, edge: Edge, ink: Ink) -> None:
    segment = _end_segment(edge.waypoints, at_start=True)
    if segment is None:
        return
    towards, start = segment[0], segment[1]
    dx, dy = _direction(start, towards)
    px, py = start.x + dx * 10, start.y + dy * 10
    nx, ny = -dy, dx
    a = (px - dx * 4 + nx * 6, py - dy * 4 + ny * 6)
    b = (px + dx * 4 - nx * 6, py + dy * 4 - ny * 6)
    scene.svg.empty("line", class_="bpmn-default-marker", x1=a[0], y1=a[1], x2=b[0], y2=b[1],
                    stroke=ink.stroke, stroke_width="1.5")


def _start_diamond(scene: Scene, edge: Edge, ink: Ink) -> None:
    segment = _end_segment(edge.waypoints, at_start=True)
    if segment is None:
        return
    towards, start = segment[0], segment[1]
    dx, dy = _direction(start, towards)
    nx, ny = -dy * 5, dx * 5
    corners = [
        (start.x, start.y),
        (start.x + dx * 8 + nx, start.y + dy * 8 + ny),
        (start.x + dx * 16, start.y + dy * 16),
        (start.x + dx * 8 - nx, start.y + dy * 8 - ny),
    ]
    scene.svg.empty("polygon", class_="bpmn-conditional-marker", points=points(corners),
                    fill=ink.fill, stroke=ink.stroke, stroke_width="1.5")


def draw_message_flow(scene: Scene, edge: Edge, flow: object) -> None:
    ink = ink_of(edge)
    _path(scene, edge, ink, stroke_dasharray="10 6")
    segment = _end_segment(edge.waypoints, at_start=True)
    if segment is not None:
        towards, start = segment[0], segment[1]
        dx, dy = _direction(start, towards)
        scene.svg.empty("circle", class_="bpmn-message-start", cx=start.x + dx * 4,
                        cy=start.y + dy * 4, r=4, fill=ink.fill, stroke=ink.stroke,
                        stroke_width="1.5")
    _arrow(scene, edge, ink, filled=False)
    _message_marker(scene, edge, ink)
    _label(scene, edge, getattr(flow, "name", None))


#: Fill of the envelope of a non-initiating message (BPMN 2.0 DI: shaded).
NON_INITIATING_FILL = "#c8c8c8"
ENVELOPE_WIDTH, ENVELOPE_HEIGHT = 20.0, 14.0


def _message_marker(scene: Scene, edge: Edge, ink: Ink) -> None:
    """The envelope BPMN DI's ``messageVisibleKind`` asks for, in the middle of the flow:
    white for the initiating message, grey for a non-initiating (answering) one."""
    kind = getattr(edge, "message_visible_kind", None)
    if kind not in ("initiating", "non_initiating") or not edge.waypoints:
        return
    centre, _ = _midpoint(edge.waypoints)
    fill = ink.fill if kind == "initiating" else NON_INITIATING_FILL
    x0, y0 = centre.x - ENVELOPE_WIDTH / 2, centre.y - ENVELOPE_HEIGHT / 2
    scene.svg.open("g", class_=f"bpmn-message-marker bpmn-message-{kind.replace('_', '-')}")
    scene.svg.empty("rect", x=x0, y=y0, width=ENVELOPE_WIDTH, height=ENVELOPE_HEIGHT,
                    fill=fill, stroke=ink.stroke, stroke_width="1", stroke_linejoin="round")
    scene.svg.empty("polyline", points=points([(x0, y0), (centre.x, centre.y + 1),
                                               (x0 + ENVELOPE_WIDTH, y0)]),
                    fill="none", stroke=ink.stroke, stroke_width="1")
    scene.svg.close("g")


def draw_association(scene: Scene, edge: Edge, association: object) -> None:
    ink = ink_of(edge)
    _path(scene, edge, ink, stroke_dasharray="0.5 5", stroke_linecap="round")
    direction = getattr(association, "direction", "None")
    if direction in ("One", "Both"):
        _arrow(scene, edge, ink, open_lines=True)
    if direction == "Both":
        _arrow(scene, edge, ink, at_start=True, open_lines=True)


def draw_data_association(scene: Scene, edge: Edge, association: object) -> None:
    ink = ink_of(edge)
    _path(scene, edge, ink, stroke_dasharray="0.5 5", stroke_linecap="round")
    _arrow(scene, edge, ink, open_lines=True)


def draw_unknown_edge(scene: Scene, edge: Edge, element: object) -> None:
    ink = ink_of(edge)
    _path(scene, edge, ink, stroke_dasharray="4 3")


#: Drawing function by semantic type of the edge's element.
EDGE_DRAWERS: dict[type, EdgeDrawer] = {
    SequenceFlow: draw_sequence_flow,
    MessageFlow: draw_message_flow,
    Association: draw_association,
    DataAssociation: draw_data_association,
}
