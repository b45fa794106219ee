"""Marker geometry: event definitions and gateway markers (task-type and activity
markers are in :mod:`bpmn.render.activity_icons`).

Icons are drawn in a small local coordinate system and placed with a
``translate``/``scale`` transform.  Event-definition icons come in two styles:
*throw* (filled with the stroke colour) and *catch* (outlined, filled with the
shape's fill colour), as BPMN 2.0 requires.  Each kind is one entry in a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from procmodel.model import EventDefinitionKind, NodeKind

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


def message_icon(svg: SvgWriter, filled: bool, ink: Ink) -> None:
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
    EventDefinitionKind.MESSAGE.value: message_icon,
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
    drawers: dict[NodeKind, Callable[[SvgWriter, Ink], None]] = {
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
