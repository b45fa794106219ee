"""Flow nodes: tasks, subprocesses, call activities, events and gateways.

:data:`NODE_DRAWERS` maps every :class:`~procmodel.model.NodeKind` to its drawing
function; each writes the outline (class ``bpmn-outline``, exactly at the DI
bounds), its markers and its label into the shape's ``<g>``.
"""

from __future__ import annotations

from collections.abc import Callable

from procmodel.model import Bounds, FlowNode, GlobalElement, LoopKind, NodeKind, Shape

from .activity_icons import (
    activity_marker_area,
    draw_activity_markers,
    draw_task_icon,
    task_icon_area,
)
from .icons import Ink, draw_event_icon, draw_gateway_marker
from .labels import write_label
from .scene import (
    EXTERNAL_LABEL_SIZE,
    INTERNAL_LABEL_SIZE,
    Scene,
    external_label_box,
    ink_of,
    label_colour,
)
from .svg import SvgWriter, num, points
from .text import ELLIPSIS, LabelStyle

NodeDrawer = Callable[[Scene, Shape, FlowNode], None]

ACTIVITY_RADIUS = 10.0
_GLOBAL_TASK_KINDS = {
    "globalTask": NodeKind.TASK,
    "globalUserTask": NodeKind.USER_TASK,
    "globalManualTask": NodeKind.MANUAL_TASK,
    "globalScriptTask": NodeKind.SCRIPT_TASK,
    "globalBusinessRuleTask": NodeKind.BUSINESS_RULE_TASK,
}


def _activity_rect(scene: Scene, b: Bounds, ink: Ink, **extra: object) -> None:
    attrs: dict[str, object] = {"stroke_width": "2", **extra}
    scene.svg.empty(
        "rect", class_="bpmn-outline", x=b.x, y=b.y, width=b.width, height=b.height,
        rx=ACTIVITY_RADIUS, ry=ACTIVITY_RADIUS, fill=ink.fill, stroke=ink.stroke, **attrs,
    )


def _loop_markers(node: FlowNode) -> list[str]:
    markers = []
    if node.loop is LoopKind.STANDARD:
        markers.append("loop")
    elif node.loop is LoopKind.PARALLEL:
        markers.append("parallel")
    elif node.loop is LoopKind.SEQUENTIAL:
        markers.append("sequential")
    if node.is_for_compensation:
        markers.append("compensation")
    return markers


def _inner_label(scene: Scene | SvgWriter, shape: Shape, node: FlowNode, *, top: bool = False,
                 markers: list[str] | None = None, icon: NodeKind | None = None,
                 icon_at: float = 5.0) -> None:
    """The name inside an activity, kept clear of its type marker (top left) and of its
    loop/multi-instance/collapsed markers (bottom centre)."""
    b = shape.bounds
    areas = [
        activity_marker_area(markers or [], b.x + b.width / 2, b.y + b.height),
        task_icon_area(icon, b.x + icon_at, b.y + icon_at) if icon is not None else None,
    ]
    style = LabelStyle(
        size=INTERNAL_LABEL_SIZE, colour=label_colour(shape),
        anchor="start" if top else "middle", vertical="top" if top else "middle",
    )
    svg = scene if isinstance(scene, SvgWriter) else scene.svg
    write_label(svg, node.name, b, style, padding=5, padding_y=3 if top else 1,
                keep_out=tuple(a for a in areas if a is not None))


def activity_name_fits(node: FlowNode, bounds: Bounds) -> bool:
    """Whether the name of ``node`` (a task, collapsed subprocess or call activity) shows
    whole, not cut with "…", when the activity is drawn at ``bounds`` (used by the
    automatic layout to size activities)."""
    if not node.name or not node.name.strip():
        return True
    markers = _loop_markers(node)
    if node.kind.is_subprocess or node.kind is NodeKind.CALL_ACTIVITY:
        markers.append("collapsed")
    svg = SvgWriter()
    _inner_label(svg, Shape(None, node.id, bounds), node, markers=markers, icon=node.kind)
    return svg.getvalue().count(ELLIPSIS) <= node.name.count(ELLIPSIS)


def draw_task(scene: Scene, shape: Shape, node: FlowNode) -> None:
    ink = ink_of(shape)
    _activity_rect(scene, shape.bounds, ink)
    b = shape.bounds
    draw_task_icon(scene.svg, node.kind, b.x + 5, b.y + 5, ink)
    markers = _loop_markers(node)
    draw_activity_markers(scene.svg, markers, b.x + b.width / 2, b.y + b.height, ink)
    _inner_label(scene, shape, node, markers=markers, icon=node.kind)


def _is_expanded(shape: Shape, node: FlowNode) -> bool:
    if shape.is_expanded is not None:
        return shape.is_expanded
    if node.is_collapsed is not None:
        return not node.is_collapsed
    # Without a flag, a subprocess drawn larger than a task was meant to be open.
    return shape.bounds.width > 150 and shape.bounds.height > 100


def draw_subprocess(scene: Scene, shape: Shape, node: FlowNode) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    dotted = {"stroke_dasharray": "1.5 3.5", "stroke_linecap": "round"}
    _activity_rect(scene, b, ink, **(dotted if node.triggered_by_event else {}))
    if node.kind is NodeKind.TRANSACTION:
        inset = 3.0
        scene.svg.empty(
            "rect", class_="bpmn-transaction-inner", x=b.x + inset, y=b.y + inset,
            width=max(b.width - 2 * inset, 0), height=max(b.height - 2 * inset, 0),
            rx=ACTIVITY_RADIUS - inset, ry=ACTIVITY_RADIUS - inset, fill="none",
            stroke=ink.stroke, stroke_width="1.5",
        )
    expanded = _is_expanded(shape, node)
    markers = _loop_markers(node)
    if not expanded:
        markers.insert(len(markers) - ("compensation" in markers), "collapsed")
    if node.kind is NodeKind.AD_HOC_SUB_PROCESS:
        markers.append("adhoc")
    draw_activity_markers(scene.svg, markers, b.x + b.width / 2, b.y + b.height, ink)
    _inner_label(scene, shape, node, top=expanded, markers=markers)


def draw_call_activity(scene: Scene, shape: Shape, node: FlowNode) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    _activity_rect(scene, b, ink, stroke_width="5")
    called = scene.model.get(node.called_element) if node.called_element else None
    task_kind = (
        _GLOBAL_TASK_KINDS.get(called.kind) if isinstance(called, GlobalElement) else None
    )
    markers = _loop_markers(node)
    expanded = task_kind is None and shape.is_expanded is True
    if task_kind is not None:
        draw_task_icon(scene.svg, task_kind, b.x + 6, b.y + 6, ink)
    elif not expanded:
        # A call activity calling a process shows the collapsed-subprocess marker.
        markers.insert(len(markers) - ("compensation" in markers), "collapsed")
    draw_activity_markers(scene.svg, markers, b.x + b.width / 2, b.y + b.height, ink)
    _inner_label(scene, shape, node, top=expanded, markers=markers, icon=task_kind, icon_at=6)


# --- events -------------------------------------------------------------------


def event_marker(node: FlowNode) -> str | None:
    """The marker name of an event: its one definition, or multiple/parallelMultiple."""
    kinds = [d.kind.value for d in node.event_definitions]
    if not kinds:
        return None
    if len(kinds) == 1:
        return kinds[0]
    return "parallelMultiple" if node.parallel_multiple else "multiple"


def draw_event(scene: Scene, shape: Shape, node: FlowNode) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    cx, cy = b.x + b.width / 2, b.y + b.height / 2
    r = min(b.width, b.height) / 2
    dashed = {"stroke_dasharray": "5.5 3"} if not node.interrupting else {}
    kind = node.kind
    # Line widths shrink with events drawn smaller than the usual 36 px.
    scale = min(1.0, r / 18.0)
    base = {NodeKind.START_EVENT: 2.0, NodeKind.END_EVENT: 4.0}.get(kind, 1.5)
    width = num(base * scale)
    outer_r = r - base * scale / 2 if kind is NodeKind.END_EVENT else r
    # The outline circle sits exactly on the bounds; a thick end-event ring is drawn inside.
    outline: dict[str, object] = {
        "class_": "bpmn-outline", "fill": ink.fill,
        "stroke": ink.stroke if kind is not NodeKind.END_EVENT else "none",
        "stroke_width": width, **dashed,
    }
    if abs(b.width - b.height) > 0.01:
        # Some tools write slightly oval bounds; the outline still covers them exactly.
        scene.svg.empty("ellipse", cx=cx, cy=cy, rx=b.width / 2, ry=b.height / 2, **outline)
    else:
        scene.svg.empty("circle", cx=cx, cy=cy, r=r, **outline)
    if kind is NodeKind.END_EVENT:
        scene.svg.empty("circle", class_="bpmn-end-ring", cx=cx, cy=cy, r=outer_r,
                        fill="none", stroke=ink.stroke, stroke_width=width)
    if kind not in (NodeKind.START_EVENT, NodeKind.END_EVENT):
        scene.svg.empty("circle", class_="bpmn-inner-ring", cx=cx, cy=cy, r=r - 3 * scale,
                        fill="none", stroke=ink.stroke, stroke_width=width, **dashed)
    marker = event_marker(node)
    if marker is not None:
        # Markers shrink a little inside the double ring of intermediate events.
        icon_r = r if kind in (NodeKind.START_EVENT, NodeKind.END_EVENT) else r - 2
        filled = node.is_throwing and marker != "parallelMultiple"
        draw_event_icon(scene.svg, marker, cx, cy, icon_r, filled, ink)
    _external_label(scene, shape, node.name)


def _external_label(scene: Scene, shape: Shape, value: str | None) -> None:
    style = LabelStyle(size=EXTERNAL_LABEL_SIZE, colour=label_colour(shape), clip=False,
                       vertical="top" if shape.label_bounds is None else "middle")
    write_label(scene.svg, value, external_label_box(shape), style)


# --- gateways -----------------------------------------------------------------


def draw_gateway(scene: Scene, shape: Shape, node: FlowNode) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    cx, cy = b.x + b.width / 2, b.y + b.height / 2
    scene.svg.empty(
        "polygon", class_="bpmn-outline",
        points=points([(cx, b.y), (b.x + b.width, cy), (cx, b.y + b.height), (b.x, cy)]),
        fill=ink.fill, stroke=ink.stroke, stroke_width="2", stroke_linejoin="round",
    )
    # BPMN DI: an exclusive gateway shows its X only with isMarkerVisible="true"
    # (the attribute defaults to false; the MIWG reference renderings follow that).
    show = node.kind is not NodeKind.EXCLUSIVE_GATEWAY or shape.is_marker_visible is True
    if show:
        draw_gateway_marker(
            scene.svg, node.kind, cx, cy, min(b.width, b.height), ink,
            instantiate=node.instantiate, parallel=node.event_gateway_type == "Parallel",
        )
    _external_label(scene, shape, node.name)


def _build_table() -> dict[NodeKind, NodeDrawer]:
    table: dict[NodeKind, NodeDrawer] = {}
    for kind in NodeKind:
        if kind.is_task:
            table[kind] = draw_task
        elif kind.is_subprocess:
            table[kind] = draw_subprocess
        elif kind.is_event:
            table[kind] = draw_event
        elif kind.is_gateway:
            table[kind] = draw_gateway
    table[NodeKind.CALL_ACTIVITY] = draw_call_activity
    return table


#: Drawing function by flow-node kind.
NODE_DRAWERS: dict[NodeKind, NodeDrawer] = _build_table()


def draw_flow_node(scene: Scene, shape: Shape, node: FlowNode) -> None:
    NODE_DRAWERS[node.kind](scene, shape, node)
