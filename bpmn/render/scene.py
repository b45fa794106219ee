"""What every drawing function gets: the model, the diagram, the writer, the language."""

from __future__ import annotations

from dataclasses import dataclass, field

from procmodel.model import Bounds, DataElement, DataKind, Definitions, Diagram, Edge, Shape

from .icons import Ink
from .svg import SvgWriter, safe_colour

DEFAULT_STROKE = "#000000"
DEFAULT_FILL = "#ffffff"
EXTERNAL_LABEL_SIZE = 11.0
INTERNAL_LABEL_SIZE = 12.0
EXTERNAL_LABEL_WIDTH = 90.0


@dataclass
class Scene:
    model: Definitions
    diagram: Diagram
    svg: SvgWriter
    language: str = "de"
    data_by_id: dict[str, DataElement] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for process in self.model.processes:
            for data in process.data:
                self.data_by_id.setdefault(data.id, data)

    def is_collection(self, data: DataElement) -> bool:
        """Collection flag of a data object, looked up through a reference."""
        if data.is_collection:
            return True
        if data.kind is DataKind.DATA_OBJECT_REFERENCE and data.ref:
            target = self.data_by_id.get(data.ref)
            return bool(target and target.is_collection)
        return False


def ink_of(item: Shape | Edge) -> Ink:
    fill = safe_colour(item.fill) if isinstance(item, Shape) else None
    return Ink(stroke=safe_colour(item.stroke) or DEFAULT_STROKE, fill=fill or DEFAULT_FILL)


def label_colour(item: Shape | Edge) -> str:
    return safe_colour(item.label_color) or safe_colour(item.stroke) or DEFAULT_STROKE


def external_label_box(shape: Shape) -> Bounds:
    """Where an external label goes: its DI label bounds, else centred below the shape."""
    if shape.label_bounds is not None and shape.label_bounds.width > 0:
        return shape.label_bounds
    b = shape.bounds
    width = max(EXTERNAL_LABEL_WIDTH, b.width)
    return Bounds(b.x + b.width / 2 - width / 2, b.y + b.height + 5, width, 60)
