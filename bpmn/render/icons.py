"""Marker geometry: event definitions, task types, activity and gateway markers.

Icons are drawn in a small local coordinate system and placed with a
``translate``/``scale`` transform.  Event-definition icons come in two styles:
*throw* (filled with the stroke colour) and *catch* (outlined, filled with the
shape's fill colour), as BPMN 2.0 requires.  Each kind is one entry in a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from procmodel.model import Bounds, EventDefinitionKind, NodeKind

from .svg import SvgWriter, num, points


@dataclass(frozen=True)
class Ink:
    """Colours of one shape: ``stroke`` for lines, ``fill`` for the background."""

    stroke: str = "#000000"
    fill: str = "#ffffff"


def _regular_polygon(n: int, radius: float, rotation: float = -90.0) -> list[tuple[float, float]]:
    return [
        (
            radius * math.cos(math.radians(rotation + i * 360 / n)),
            radius * math.sin(math.radians(rotation + i * 360 / n)),
        )
        for i in range(n)
    ]


def _cross(arm: float, half_width: float) -> list[tuple[float, float]]:
    a, w = arm, half_width
    return [(-w, -a), (w, -a), (w, -w), (a, -w), (a, w), (w, w), (w, a), (-w, a),
            (-w, w), (-a, w), (-a, -w), (-w, -w)]


def _rotated(coords: list[tuple[float, float]], degrees: float) -> list[tuple[float, float]]:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return [(x * c - y * s, x * s + y * c) for x, y in coords]


# --- event definitions (local box about -10..10, centre 0,0) -------------------

IconDrawer = Callable[[SvgWriter, bool, Ink], None]


def _style(filled: bool, ink: Ink) -> dict[str, object]:
    return {
        "fill": ink.stroke if filled else ink.fill,
        "stroke": ink.stroke,
        "stroke_width": "1",
        "stroke_linejoin": "round",
    }


def _message(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("rect", x=-7.5, y=-5.5, width=15, height=11, **_style(filled, ink))
    svg.empty(
        "polyline",
        points=points([(-7.5, -5.5), (0, 0.5), (7.5, -5.5)]),
        fill="none",
        stroke=ink.fill if filled else ink.stroke,
        stroke_width="1",
    )


def _timer(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("circle", cx=0, cy=0, r=9.5, fill=ink.fill, stroke=ink.stroke, stroke_width="1.5")
    for i in range(12):
        angle = math.radians(i * 30)
        inner, outer = 7.2, 9.2
        svg.empty(
            "line",
            x1=inner * math.cos(angle), y1=inner * math.sin(angle),
            x2=outer * math.cos(angle), y2=outer * math.sin(angle),
            stroke=ink.stroke, stroke_width="1",
        )
    svg.empty(
        "polyline", points=points([(0, -6.5), (0, 0), (4.5, 2)]), fill="none",
        stroke=ink.stroke, stroke_width="1.2",
    )


def _error(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty(
        "polygon",
        points=points([(-8, 8), (-3.5, -5), (1, 2.5), (8, -8), (3.5, 5.5), (-1, -1.5)]),
        **_style(filled, ink),
    )


def _escalation(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("polygon", points=points([(0, -9), (6.5, 8), (0, 1.5), (-6.5, 8)]),
              **_style(filled, ink))


def _signal(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("polygon", points=points([(0, -9), (8.5, 6), (-8.5, 6)]), **_style(filled, ink))


def _conditional(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("rect", x=-6.5, y=-8.5, width=13, height=17, **_style(filled, ink))
    line = ink.fill if filled else ink.stroke
    for y in (-5, -1.5, 2, 5.5):
        svg.empty("line", x1=-4.5, y1=y, x2=4.5, y2=y, stroke=line, stroke_width="1")


def _link(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty(
        "polygon",
        points=points([(-8, -3), (1, -3), (1, -7.5), (8.5, 0), (1, 7.5), (1, 3), (-8, 3)]),
        **_style(filled, ink),
    )


def _compensate(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty(
        "polygon",
        points=points([(-9, 0), (-1, -6.5), (-1, 0), (7, -6.5), (7, 6.5), (-1, 0), (-1, 6.5)]),
        **_style(filled, ink),
    )


def _cancel(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("polygon", points=points(_rotated(_cross(9.5, 2.2), 45)), **_style(filled, ink))


def _terminate(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("circle", cx=0, cy=0, r=10, fill=ink.stroke, stroke=ink.stroke)


def _multiple(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("polygon", points=points(_regular_polygon(5, 9.5)), **_style(filled, ink))


def _parallel_multiple(svg: SvgWriter, filled: bool, ink: Ink) -> None:
    svg.empty("polygon", points=points(_cross(9.5, 3)), **_style(filled, ink))


#: Event-definition marker by kind; "multiple" and "parallelMultiple" are added for
#: events with several definitions.
EVENT_ICONS: dict[str, IconDrawer] = {
    EventDefinitionKind.MESSAGE.value: _message,
    EventDefinitionKind.TIMER.value: _timer,
    EventDefinitionKind.ERROR.value: _error,
    EventDefinitionKind.ESCALATION.value: _escalation,
    EventDefinitionKind.SIGNAL.value: _signal,
    EventDefinitionKind.CONDITIONAL.value: _conditional,
    EventDefinitionKind.LINK.value: _link,
    EventDefinitionKind.COMPENSATE.value: _compensate,
    EventDefinitionKind.CANCEL.value: _cancel,
    EventDefinitionKind.TERMINATE.value: _terminate,
    "multiple": _multiple,
    "parallelMultiple": _parallel_multiple,
}


def draw_event_icon(
    svg: SvgWriter, kind: str, cx: float, cy: float, radius: float, filled: bool, ink: Ink
) -> None:
    """Draw the marker of ``kind`` centred on an event of ``radius``."""
    scale = radius / 18.0
    svg.open(
        "g",
        class_=f"bpmn-icon bpmn-icon-{kind}",
        transform=f"translate({num(cx)} {num(cy)}) scale({num(scale)})",
    )
    EVENT_ICONS[kind](svg, filled, ink)
    svg.close("g")


# --- task type markers (local box 0..20 at the task's top left) ----------------


def _user(svg: SvgWriter, ink: Ink) -> None:
    svg.empty(
        "path",
        d="M 2,19 C 2,13 5,11.5 10,11.5 C 15,11.5 18,13 18,19 Z",
        fill=ink.fill, stroke=ink.stroke, stroke_width="1",
    )
    svg.empty("circle", cx=10, cy=6.5, r=4.2, fill=ink.fill, stroke=ink.stroke, stroke_width="1")
    svg.empty("path", d="M 6,5.5 C 7,2 13,2 14,5.5 C 12,4 8,4 6,5.5 Z", fill=ink.stroke)


def _manual(svg: SvgWriter, ink: Ink) -> None:
    svg.empty(
        "path",
        d=(
            "M 1,9 L 7,4 C 8,3 10,3.5 9,5.5 L 8,7 L 17,7 C 18.5,7 18.5,9 17,9 L 11,9 "
            "L 18,9 C 19.5,9 19.5,11 18,11 L 11,11 L 17,11 C 18.5,11 18.5,13 17,13 "
            "L 11,13 L 15,13 C 16.5,13 16.5,15 15,15 L 5,15 C 2,15 1,13 1,11 Z"
        ),
        fill=ink.fill, stroke=ink.stroke, stroke_width="1", stroke_linejoin="round",
    )


def _gear(radius_outer: float, radius_inner: float, teeth: int) -> list[tuple[float, float]]:
    coords = []
    for i in range(teeth * 2):
        radius = radius_outer if i % 2 == 0 else radius_inner
        for offset in (-0.22, 0.22):
            angle = math.pi * (i + offset) / teeth
            coords.append((radius * math.cos(angle), radius * math.sin(angle)))
    return coords


def _service(svg: SvgWriter, ink: Ink) -> None:
    for dx, dy, size in ((8, 8, 1.0), (13, 13, 1.0)):
        svg.open("g", transform=f"translate({dx} {dy}) scale({size})")
        svg.empty("polygon", points=points(_gear(6.5, 4.6, 8)), fill=ink.fill, stroke=ink.stroke,
                  stroke_width="1", stroke_linejoin="round")
        svg.empty("circle", cx=0, cy=0, r=2, fill=ink.fill, stroke=ink.stroke, stroke_width="1")
        svg.close("g")


def _script(svg: SvgWriter, ink: Ink) -> None:
    svg.empty(
        "path",
        d="M 5,2 L 17,2 C 13,6 19,12 15,18 L 3,18 C 7,12 1,6 5,2 Z",
        fill=ink.fill, stroke=ink.stroke, stroke_width="1",
    )
    for y in (6, 9.5, 13):
        svg.empty("line", x1=6.5, y1=y, x2=13.5, y2=y, stroke=ink.stroke, stroke_width="1")


def _envelope(svg: SvgWriter, ink: Ink, filled: bool) -> None:
    svg.open("g", transform="translate(10 10)")
    _message(svg, filled, ink)
    svg.close("g")


def _send(svg: SvgWriter, ink: Ink) -> None:
    _envelope(svg, ink, True)


def _receive(svg: SvgWriter, ink: Ink) -> None:
    _envelope(svg, ink, False)


def _business_rule(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("rect", x=1, y=3, width=18, height=14, fill=ink.fill, stroke=ink.stroke,
              stroke_width="1")
    svg.empty("rect", x=1, y=3, width=18, height=4, fill=ink.stroke, stroke=ink.stroke,
              stroke_width="1", fill_opacity="0.45")
    svg.empty("line", x1=1, y1=12, x2=19, y2=12, stroke=ink.stroke, stroke_width="1")
    svg.empty("line", x1=7, y1=7, x2=7, y2=17, stroke=ink.stroke, stroke_width="1")


TaskIconDrawer = Callable[[SvgWriter, Ink], None]

#: Task-type marker by task kind (plain tasks have none).
TASK_ICONS: dict[NodeKind, TaskIconDrawer] = {
    NodeKind.USER_TASK: _user,
    NodeKind.MANUAL_TASK: _manual,
    NodeKind.SERVICE_TASK: _service,
    NodeKind.SCRIPT_TASK: _script,
    NodeKind.SEND_TASK: _send,
    NodeKind.RECEIVE_TASK: _receive,
    NodeKind.BUSINESS_RULE_TASK: _business_rule,
}


TASK_ICON_SIZE = 20.0


def task_icon_area(kind: NodeKind, x: float, y: float) -> Bounds | None:
    """The box a label must keep clear of: the marker of ``kind`` drawn at (``x``, ``y``)
    with a little air around it; ``None`` for kinds without a marker."""
    if kind not in TASK_ICONS:
        return None
    air = 2.0
    return Bounds(x - air, y - air, TASK_ICON_SIZE + 2 * air, TASK_ICON_SIZE + 2 * air)


def draw_task_icon(svg: SvgWriter, kind: NodeKind, x: float, y: float, ink: Ink) -> None:
    """Draw the type marker of a task of ``kind`` with its top left at (``x``, ``y``)."""
    drawer = TASK_ICONS.get(kind)
    if drawer is None:
        return
    svg.open("g", class_=f"bpmn-icon bpmn-icon-{kind.value}",
             transform=f"translate({num(x)} {num(y)})")
    drawer(svg, ink)
    svg.close("g")


# --- activity markers (local box 0..14 at the bottom centre) -------------------

MARKER_SIZE = 14.0


def _loop(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("path", d="M 4,12 A 5.5,5.5 0 1 1 10,12", fill="none", stroke=ink.stroke,
              stroke_width="1.5")
    svg.empty("polyline", points=points([(1, 10), (4, 12.5), (1.5, 15)]), fill="none",
              stroke=ink.stroke, stroke_width="1.5")


def _parallel_mi(svg: SvgWriter, ink: Ink) -> None:
    for x in (2.5, 7, 11.5):
        svg.empty("rect", x=x - 1, y=1, width=2, height=12, fill=ink.stroke)


def _sequential_mi(svg: SvgWriter, ink: Ink) -> None:
    for y in (2.5, 7, 11.5):
        svg.empty("rect", x=1, y=y - 1, width=12, height=2, fill=ink.stroke)


def _compensation(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("polygon", points=points([(0, 7), (7, 2), (7, 7), (14, 2), (14, 12), (7, 7),
                                         (7, 12)]),
              fill=ink.fill, stroke=ink.stroke, stroke_width="1", stroke_linejoin="round")


def _ad_hoc(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("path", d="M 0,8 C 3,3 5,3 7,7 C 9,11 11,11 14,6", fill="none", stroke=ink.stroke,
              stroke_width="1.5")


def _collapsed(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("rect", x=0, y=0, width=14, height=14, fill=ink.fill, stroke=ink.stroke,
              stroke_width="1")
    svg.empty("path", d="M 7,3 L 7,11 M 3,7 L 11,7", stroke=ink.stroke, stroke_width="1.5")


#: Activity markers, named as in the CSS class ``bpmn-marker-<name>``.
ACTIVITY_MARKERS: dict[str, TaskIconDrawer] = {
    "loop": _loop,
    "parallel": _parallel_mi,
    "sequential": _sequential_mi,
    "compensation": _compensation,
    "collapsed": _collapsed,
    "adhoc": _ad_hoc,
}


def activity_marker_area(names: list[str], centre_x: float, bottom: float) -> Bounds | None:
    """The box of the markers :func:`draw_activity_markers` draws, with a little air."""
    if not names:
        return None
    gap, air = 4.0, 2.0
    total = len(names) * MARKER_SIZE + (len(names) - 1) * gap
    return Bounds(centre_x - total / 2 - air, bottom - MARKER_SIZE - 4 - air,
                  total + 2 * air, MARKER_SIZE + 2 * air)


def draw_activity_markers(
    svg: SvgWriter, names: list[str], centre_x: float, bottom: float, ink: Ink
) -> None:
    """Draw ``names`` side by side, centred on ``centre_x``, ending 4 px above ``bottom``."""
    gap = 4.0
    total = len(names) * MARKER_SIZE + (len(names) - 1) * gap
    x = centre_x - total / 2
    y = bottom - MARKER_SIZE - 4
    for name in names:
        svg.open("g", class_=f"bpmn-marker bpmn-marker-{name}",
                 transform=f"translate({num(x)} {num(y)})")
        ACTIVITY_MARKERS[name](svg, ink)
        svg.close("g")
        x += MARKER_SIZE + gap


# --- gateway markers (local box about -25..25 for a 50 px gateway) -------------


def _gw_exclusive(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("polygon", points=points(_rotated(_cross(12, 2.6), 45)), fill=ink.stroke)


def _gw_parallel(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("polygon", points=points(_cross(15, 2.6)), fill=ink.stroke)


def _gw_inclusive(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("circle", cx=0, cy=0, r=11.5, fill="none", stroke=ink.stroke, stroke_width="2.5")


def _gw_complex(svg: SvgWriter, ink: Ink) -> None:
    svg.empty("polygon", points=points(_cross(14, 2.2)), fill=ink.stroke)
    svg.empty("polygon", points=points(_rotated(_cross(14, 2.2), 45)), fill=ink.stroke)


def _gw_event(svg: SvgWriter, ink: Ink, *, instantiate: bool = False,
              parallel: bool = False) -> None:
    svg.empty("circle", cx=0, cy=0, r=13, fill="none", stroke=ink.stroke, stroke_width="1")
    if not instantiate:
        svg.empty("circle", cx=0, cy=0, r=10.5, fill="none", stroke=ink.stroke, stroke_width="1")
    if parallel:
        svg.empty("polygon", points=points(_cross(8, 2.2)), fill="none", stroke=ink.stroke,
                  stroke_width="1")
    else:
        svg.empty("polygon", points=points(_regular_polygon(5, 7)), fill="none",
                  stroke=ink.stroke, stroke_width="1.2", stroke_linejoin="round")


def draw_gateway_marker(
    svg: SvgWriter, kind: NodeKind, cx: float, cy: float, size: float, ink: Ink,
    *, instantiate: bool = False, parallel: bool = False,
) -> None:
    """Draw the marker of a gateway of ``kind`` centred at (``cx``, ``cy``)."""
    drawers: dict[NodeKind, TaskIconDrawer] = {
        NodeKind.EXCLUSIVE_GATEWAY: _gw_exclusive,
        NodeKind.PARALLEL_GATEWAY: _gw_parallel,
        NodeKind.INCLUSIVE_GATEWAY: _gw_inclusive,
        NodeKind.COMPLEX_GATEWAY: _gw_complex,
        NodeKind.EVENT_BASED_GATEWAY: lambda s, i: _gw_event(
            s, i, instantiate=instantiate, parallel=parallel
        ),
    }
    drawer = drawers.get(kind)
    if drawer is None:
        return
    svg.open("g", class_=f"bpmn-icon bpmn-icon-{kind.value}",
             transform=f"translate({num(cx)} {num(cy)}) scale({num(size / 50)})")
    drawer(svg, ink)
    svg.close("g")
