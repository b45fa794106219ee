"""Marker geometry of activities: task-type markers (top left) and the loop,
multi-instance, compensation, ad-hoc and collapsed markers (bottom centre).

Each marker is drawn in a small local box placed with a ``translate`` transform;
:func:`task_icon_area` and :func:`activity_marker_area` give the boxes a label must
keep clear of.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from procmodel.model import Bounds, NodeKind

from .icons import Ink, message_icon
from .svg import SvgWriter, num, points

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
    message_icon(svg, filled, ink)
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
