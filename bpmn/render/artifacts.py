"""Pools, lanes, data objects and stores, text annotations, groups, unknown elements."""

from __future__ import annotations

from procmodel.model import Bounds, DataElement, DataKind, Group, Lane, Participant, Shape

from .icons import Ink
from .labels import write_label
from .scene import (
    EXTERNAL_LABEL_SIZE,
    INTERNAL_LABEL_SIZE,
    Scene,
    external_label_box,
    ink_of,
    label_colour,
)
from .svg import points
from .text import LabelStyle, wrap

HEADER = 30.0
#: Font size of pool and lane names that need two lines in their header band.
BAND_SMALL_SIZE = 10.0


def _rect(scene: Scene, b: Bounds, ink: Ink, css: str = "bpmn-outline", **extra: object) -> None:
    attrs: dict[str, object] = {"fill": ink.fill, "stroke": ink.stroke, "stroke_width": "1.5"}
    attrs.update(extra)
    scene.svg.empty("rect", class_=css, x=b.x, y=b.y, width=b.width, height=b.height, **attrs)


def _horizontal(shape: Shape) -> bool:
    if shape.is_horizontal is not None:
        return shape.is_horizontal
    return shape.bounds.width >= shape.bounds.height


def _band_label(
    scene: Scene, shape: Shape, name: str | None, band: Bounds, horizontal: bool
) -> None:
    style = LabelStyle(size=INTERNAL_LABEL_SIZE, colour=label_colour(shape))
    length = (band.height if horizontal else band.width) - 4
    if name and len(wrap(name, length, style.size)) > 1:
        # A 30 px band holds one line at the normal size: a longer name gets two
        # smaller lines rather than being cut after its first words.
        style = LabelStyle(size=BAND_SMALL_SIZE, colour=style.colour)
    write_label(scene.svg, name, band, style, padding=2, padding_y=1,
                rotate=-90 if horizontal else None)


def draw_participant(scene: Scene, shape: Shape, participant: Participant) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    horizontal = _horizontal(shape)
    _rect(scene, b, ink)
    if participant.process_ref is None and not _has_lanes(scene, shape):
        # A black-box pool: the name sits in the middle, with no header band.
        band = b
        if horizontal:
            write_label(scene.svg, participant.name, b,
                        LabelStyle(size=INTERNAL_LABEL_SIZE, colour=label_colour(shape)),
                        padding=5)
            return
    elif horizontal:
        band = Bounds(b.x, b.y, HEADER, b.height)
        scene.svg.empty("line", x1=b.x + HEADER, y1=b.y, x2=b.x + HEADER, y2=b.y + b.height,
                        stroke=ink.stroke, stroke_width="1.5")
    else:
        band = Bounds(b.x, b.y, b.width, HEADER)
        scene.svg.empty("line", x1=b.x, y1=b.y + HEADER, x2=b.x + b.width, y2=b.y + HEADER,
                        stroke=ink.stroke, stroke_width="1.5")
    _band_label(scene, shape, participant.name, band, horizontal)


def _has_lanes(scene: Scene, shape: Shape) -> bool:
    """Whether lane shapes lie inside this pool (then it needs a header band)."""
    b = shape.bounds
    for other in scene.diagram.shapes:
        if other is shape or other.element_id is None:
            continue
        if isinstance(scene.model.get(other.element_id), Lane):
            o = other.bounds
            if b.x <= o.x + 1 and o.x + o.width <= b.x + b.width + 1 and b.y <= o.y + 1 \
                    and o.y + o.height <= b.y + b.height + 1:
                return True
    return False


def draw_lane(scene: Scene, shape: Shape, lane: Lane) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    horizontal = _horizontal(shape)
    _rect(scene, b, Ink(stroke=ink.stroke, fill=ink.fill if shape.fill else "none"))
    band = Bounds(b.x, b.y, HEADER, b.height) if horizontal else Bounds(b.x, b.y, b.width, HEADER)
    _band_label(scene, shape, lane.name, band, horizontal)


def draw_data(scene: Scene, shape: Shape, data: DataElement) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    if data.kind in (DataKind.DATA_STORE, DataKind.DATA_STORE_REFERENCE):
        _data_store(scene, b, ink)
    else:
        _data_object(scene, shape, data, ink)
    name = data.name
    if data.state:
        name = f"{name or ''}\n[{data.state}]"
    style = LabelStyle(size=EXTERNAL_LABEL_SIZE, colour=label_colour(shape), clip=False,
                       vertical="top" if shape.label_bounds is None else "middle")
    write_label(scene.svg, name, external_label_box(shape), style)


def _data_object(scene: Scene, shape: Shape, data: DataElement, ink: Ink) -> None:
    b = shape.bounds
    fold = min(12.0, b.width / 3, b.height / 3)
    right, bottom = b.x + b.width, b.y + b.height
    scene.svg.empty(
        "polygon", class_="bpmn-outline",
        points=points([(b.x, b.y), (right - fold, b.y), (right, b.y + fold), (right, bottom),
                       (b.x, bottom)]),
        fill=ink.fill, stroke=ink.stroke, stroke_width="1.5", stroke_linejoin="round",
    )
    scene.svg.empty(
        "polyline", points=points([(right - fold, b.y), (right - fold, b.y + fold),
                                   (right, b.y + fold)]),
        fill="none", stroke=ink.stroke, stroke_width="1.5",
    )
    if data.kind in (DataKind.DATA_INPUT, DataKind.DATA_OUTPUT):
        arrow = [(0, 3), (7, 3), (7, 0), (13, 6), (7, 12), (7, 9), (0, 9)]
        filled = data.kind is DataKind.DATA_OUTPUT
        scene.svg.empty(
            "polygon", class_=f"bpmn-marker bpmn-marker-{data.kind.value}",
            points=points([(b.x + 4 + x, b.y + 4 + y) for x, y in arrow]),
            fill=ink.stroke if filled else ink.fill, stroke=ink.stroke, stroke_width="1",
        )
    if scene.is_collection(data):
        cx = b.x + b.width / 2
        for dx in (-4, 0, 4):
            scene.svg.empty("rect", class_="bpmn-marker bpmn-marker-collection",
                            x=cx + dx - 1, y=b.y + b.height - 12, width=2, height=9,
                            fill=ink.stroke)


def _data_store(scene: Scene, b: Bounds, ink: Ink) -> None:
    e = min(10.0, b.height / 5)  # height of the cylinder's top ellipse half
    k = 0.55 * b.width / 2
    x, y, w, h = b.x, b.y, b.width, b.height
    cx = x + w / 2
    top = (
        f"M {x:.2f},{y + e:.2f} C {x:.2f},{y:.2f} {cx - k:.2f},{y:.2f} {cx:.2f},{y:.2f} "
        f"C {cx + k:.2f},{y:.2f} {x + w:.2f},{y:.2f} {x + w:.2f},{y + e:.2f} "
    )
    body = (
        f"{top}L {x + w:.2f},{y + h - e:.2f} "
        f"C {x + w:.2f},{y + h:.2f} {cx + k:.2f},{y + h:.2f} {cx:.2f},{y + h:.2f} "
        f"C {cx - k:.2f},{y + h:.2f} {x:.2f},{y + h:.2f} {x:.2f},{y + h - e:.2f} Z"
    )
    scene.svg.empty("path", class_="bpmn-outline", d=body, fill=ink.fill, stroke=ink.stroke,
                    stroke_width="1.5")
    for offset in (e, e + 4, e + 8):
        scene.svg.empty(
            "path",
            d=(f"M {x:.2f},{y + offset:.2f} C {x:.2f},{y + offset + e:.2f} "
               f"{x + w:.2f},{y + offset + e:.2f} {x + w:.2f},{y + offset:.2f}"),
            fill="none", stroke=ink.stroke, stroke_width="1.5",
        )


def draw_annotation(scene: Scene, shape: Shape, element: object) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    # The outline is an invisible frame at the bounds (visible when highlighted);
    # the annotation itself is the open bracket on the left.
    scene.svg.empty("rect", class_="bpmn-outline", x=b.x, y=b.y, width=b.width,
                    height=b.height, fill=ink.fill if shape.fill else "none", stroke="none")
    arm = min(15.0, b.width)
    scene.svg.empty(
        "polyline",
        points=points([(b.x + arm, b.y), (b.x, b.y), (b.x, b.y + b.height),
                       (b.x + arm, b.y + b.height)]),
        fill="none", stroke=ink.stroke, stroke_width="1.5",
    )
    text = getattr(element, "text", None) or getattr(element, "name", None)
    style = LabelStyle(size=INTERNAL_LABEL_SIZE, colour=label_colour(shape), anchor="start",
                       vertical="top", clip=False)
    write_label(scene.svg, text, b, style, padding=5)


def draw_group(scene: Scene, shape: Shape, group: Group) -> None:
    ink = ink_of(shape)
    b = shape.bounds
    scene.svg.empty(
        "rect", class_="bpmn-outline", x=b.x, y=b.y, width=b.width, height=b.height,
        rx=10, ry=10, fill="none", stroke=ink.stroke, stroke_width="1.5",
        stroke_dasharray="10 4 1.5 4", stroke_linecap="round",
    )
    box = shape.label_bounds or Bounds(b.x, b.y + 3, b.width, 30)
    style = LabelStyle(size=EXTERNAL_LABEL_SIZE, colour=label_colour(shape), clip=False,
                       vertical="top")
    write_label(scene.svg, group.name, box, style, padding=2)


def draw_unknown(scene: Scene, shape: Shape, element: object) -> None:
    """A shape whose element is missing from the semantics: a dashed frame, so it is seen."""
    ink = ink_of(shape)
    _rect(scene, shape.bounds, Ink(stroke=ink.stroke, fill="none"),
          stroke_dasharray="4 3")
    write_label(scene.svg, getattr(element, "name", None) or shape.element_id,
                shape.bounds, LabelStyle(size=EXTERNAL_LABEL_SIZE, colour=ink.stroke))
