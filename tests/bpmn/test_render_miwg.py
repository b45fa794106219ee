"""Every MIWG reference model renders; every DI shape and edge appears once, at its place."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from lxml import etree

import bpmn
from bpmn.render import DiagramNotFound, elements_without_di, render_svg

pytestmark = pytest.mark.shared

SVG_NS = "http://www.w3.org/2000/svg"
REFERENCE_IDS = [
    "A.1.0", "A.2.0", "A.2.1", "A.3.0", "A.4.0", "A.4.1", "B.1.0", "B.2.0", "C.1.0", "C.1.1",
    "C.2.0", "C.3.0", "C.4.0", "C.5.0", "C.6.0", "C.7.0", "C.8.0", "C.8.1", "C.9.0", "C.9.1",
    "C.9.2",
]
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def outline_bbox(element: etree._Element) -> tuple[float, float, float, float]:
    """(x, y, width, height) of a rect, circle, ellipse, polygon or M/L/C path outline."""
    tag = etree.QName(element).localname
    if tag == "rect":
        return tuple(float(element.get(k)) for k in ("x", "y", "width", "height"))
    if tag == "circle":
        cx, cy, r = (float(element.get(k)) for k in ("cx", "cy", "r"))
        return cx - r, cy - r, 2 * r, 2 * r
    if tag == "ellipse":
        cx, cy, rx, ry = (float(element.get(k)) for k in ("cx", "cy", "rx", "ry"))
        return cx - rx, cy - ry, 2 * rx, 2 * ry
    source = element.get("points") if tag == "polygon" else element.get("d")
    numbers = [float(n) for n in _NUMBER.findall(source)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def polyline_points(element: etree._Element) -> list[tuple[float, float]]:
    numbers = [float(n) for n in _NUMBER.findall(element.get("points"))]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def close(a: float, b: float) -> bool:
    # Coordinates are written with two decimals (a width from two rounded edges: ±0.01).
    return math.isclose(a, b, abs_tol=0.0101)


@pytest.fixture(scope="module")
def reference_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpora" / "miwg" / "reference"


@pytest.mark.parametrize("test_id", REFERENCE_IDS)
def test_reference_model_renders_every_shape_and_edge_at_its_place(
    reference_dir: Path, test_id: str
) -> None:
    model = bpmn.parse(reference_dir / f"{test_id}.bpmn")
    assert model.diagrams, "every reference model has a diagram layer"
    for diagram in model.diagrams:
        root = etree.fromstring(render_svg(model, diagram.id).encode())
        assert etree.QName(root).localname == "svg"
        groups = root.findall(f".//{{{SVG_NS}}}g[@data-element-id]")
        by_di_id: dict[str, list[etree._Element]] = {}
        for group in groups:
            by_di_id.setdefault(group.get("data-di-id"), []).append(group)
        assert len(groups) == len(diagram.shapes) + len(diagram.edges)

        for shape in diagram.shapes:
            found = by_di_id.get(shape.id, [])
            assert len(found) == 1, f"{test_id}: shape {shape.id} appears {len(found)} times"
            group = found[0]
            assert group.get("data-element-id") == (shape.element_id or "")
            assert "bpmn-shape" in group.get("class").split()
            outline = group.find(f"{{{SVG_NS}}}*[@class='bpmn-outline']")
            assert outline is not None, f"{test_id}: shape {shape.id} has no outline"
            x, y, w, h = outline_bbox(outline)
            b = shape.bounds
            assert all(close(p, q) for p, q in zip((x, y, w, h), (b.x, b.y, b.width, b.height),
                                                   strict=True)), (
                f"{test_id}: {shape.element_id} drawn at {(x, y, w, h)}, DI says {b}"
            )

        for edge in diagram.edges:
            found = by_di_id.get(edge.id, [])
            assert len(found) == 1, f"{test_id}: edge {edge.id} appears {len(found)} times"
            group = found[0]
            assert group.get("data-element-id") == (edge.element_id or "")
            path = group.find(f"{{{SVG_NS}}}polyline[@class='bpmn-path']")
            drawn = polyline_points(path)
            assert len(drawn) == len(edge.waypoints)
            for (px, py), point in zip(drawn, edge.waypoints, strict=True):
                assert close(px, point.x) and close(py, point.y), f"{test_id}: {edge.element_id}"


def test_each_diagram_of_a_multi_diagram_file_is_chosen_by_id(reference_dir: Path) -> None:
    model = bpmn.parse(reference_dir / "C.4.0.bpmn")
    assert len(model.diagrams) == 4
    rendered = set()
    for diagram in model.diagrams:
        svg = render_svg(model, diagram.id)
        root = etree.fromstring(svg.encode())
        assert root.get("data-diagram-id") == diagram.id
        ids = {g.get("data-di-id") for g in root.iter(f"{{{SVG_NS}}}g") if g.get("data-di-id")}
        assert ids == {s.id for s in diagram.shapes} | {e.id for e in diagram.edges}
        rendered.add(svg)
    assert len(rendered) == 4
    assert render_svg(model) == render_svg(model, model.diagrams[0].id)


def test_unknown_diagram_id_lists_the_available_ones(reference_dir: Path) -> None:
    model = bpmn.parse(reference_dir / "C.5.0.bpmn")
    with pytest.raises(DiagramNotFound) as info:
        render_svg(model, "no-such-diagram")
    for diagram in model.diagrams:
        assert diagram.id in str(info.value)
    assert info.value.available == tuple(d.id for d in model.diagrams)
    assert render_svg(model, "#2") == render_svg(model, model.diagrams[1].id)
    with pytest.raises(DiagramNotFound):
        render_svg(model, "#3")


def test_elements_without_di_are_reported_and_the_rest_is_drawn(reference_dir: Path) -> None:
    model = bpmn.parse(reference_dir / "B.1.0.bpmn")
    missing = elements_without_di(model)
    # B.1.0 has collapsed subprocesses whose content has no diagram of its own.
    assert "_18770c5c-c117-4570-aaf2-8c7a6910c34d" in missing
    drawn = {s.element_id for d in model.diagrams for s in d.shapes}
    assert not drawn & set(missing)
    svg = render_svg(model)
    assert 'data-element-id="_18770c5c-c117-4570-aaf2-8c7a6910c34d"' not in svg
    assert svg.count("data-element-id=") == len(model.diagrams[0].shapes) + len(
        model.diagrams[0].edges
    )
    assert elements_without_di(bpmn.parse(reference_dir / "A.1.0.bpmn")) == []


def test_a_sample_of_tool_exports_renders(shared_dir: Path) -> None:
    """Every tenth file the 34 MIWG tools wrote: drawn, one group per shape and edge."""
    files = sorted((shared_dir / "corpora" / "miwg" / "tools").rglob("*.bpmn"))[::10]
    assert len(files) > 50
    rendered = 0
    for path in files:
        try:
            model = bpmn.parse(path)
        except bpmn.UnreadableBpmn:
            continue  # the reader's tests cover why
        for number, diagram in enumerate(model.diagrams, start=1):
            # Some tools write diagrams without ids: chosen by their number then.
            root = etree.fromstring(render_svg(model, f"#{number}").encode())
            groups = root.findall(f".//{{{SVG_NS}}}g[@data-element-id]")
            assert len(groups) == len(diagram.shapes) + len(diagram.edges), path
        rendered += 1
    assert rendered >= len(files) - 3
