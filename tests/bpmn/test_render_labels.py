"""Label geometry: every label inside the viewBox, task names clear of their markers.

The SVG is parsed with lxml; text extents are estimated with the renderer's own glyph
width table (``bpmn.render.text.text_width``), the same estimate it wraps with.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import pytest
from lxml import etree

import bpmn
from bpmn.layout import auto_layout
from bpmn.render import render_svg
from bpmn.render.activity_icons import MARKER_SIZE, TASK_ICON_SIZE
from bpmn.render.text import text_width
from procmodel.model import (
    Bounds,
    Collaboration,
    Definitions,
    Diagram,
    FlowNode,
    LoopKind,
    NodeKind,
    Participant,
    Process,
    SequenceFlow,
    Shape,
)

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


def viewbox(root: etree._Element) -> Box:
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    return x, y, x + w, y + h


def line_boxes(text: etree._Element) -> list[Box]:
    """Estimated ``(x0, y0, x1, y1)`` of each line of a ``<text>``, rotation applied."""
    size = float(text.get("font-size"))
    anchor = text.get("text-anchor")
    boxes = []
    for tspan in text.iter(f"{SVG}tspan"):
        width = text_width(tspan.text or "", size)
        x, baseline = float(tspan.get("x")), float(tspan.get("y"))
        x0 = x if anchor == "start" else x - width / 2
        boxes.append((x0, baseline - size * 0.95, x0 + width, baseline + size * 0.25))
    rotation = re.fullmatch(r"rotate\((-?[\d.]+) (-?[\d.]+) (-?[\d.]+)\)",
                            text.get("transform") or "")
    if rotation:
        assert float(rotation[1]) == -90
        cx, cy = float(rotation[2]), float(rotation[3])
        # rotate(-90) about (cx, cy): (x, y) -> (cx + (y - cy), cy - (x - cx))
        boxes = [(cx + y0 - cy, cy - (x1 - cx), cx + y1 - cy, cy - (x0 - cx))
                 for x0, y0, x1, y1 in boxes]
    return boxes


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def translate(group: etree._Element) -> tuple[float, float]:
    match = re.fullmatch(r"translate\((-?[\d.]+) (-?[\d.]+)\)", group.get("transform"))
    assert match, group.get("transform")
    return float(match[1]), float(match[2])


def assert_labels_inside_viewbox(svg: str) -> int:
    root = etree.fromstring(svg.encode())
    frame = viewbox(root)
    count = 0
    for text in root.iter(f"{SVG}text"):
        for x0, y0, x1, y1 in line_boxes(text):
            count += 1
            assert frame[0] <= x0 and x1 <= frame[2] and frame[1] <= y0 and y1 <= frame[3], (
                f"label line {(x0, y0, x1, y1)} outside the viewBox {frame}: "
                f"{''.join(text.itertext())!r}"
            )
    return count


def assert_task_labels_clear_of_markers(svg: str) -> int:
    """Every activity's label lines avoid its type marker and its bottom markers."""
    root = etree.fromstring(svg.encode())
    checked = 0
    for group in root.iter(f"{SVG}g"):
        if "bpmn-activity" not in (group.get("class") or "").split():
            continue
        areas: list[Box] = []
        for child in group:
            css = (child.get("class") or "").split()
            if "bpmn-icon" in css:
                x, y = translate(child)
                areas.append((x, y, x + TASK_ICON_SIZE, y + TASK_ICON_SIZE))
            elif "bpmn-marker" in css:
                x, y = translate(child)
                areas.append((x, y, x + MARKER_SIZE, y + MARKER_SIZE))
        texts = [t for t in group if t.tag == f"{SVG}text"]
        for text in texts:
            for line in line_boxes(text):
                for area in areas:
                    assert not overlaps(line, area), (
                        f"{group.get('data-element-id')}: label line {line} covers the "
                        f"marker at {area}"
                    )
        checked += bool(areas and texts)
    return checked


def pool_model(start_name: str, task_names: list[str]) -> Definitions:
    """One pool: a start event with ``start_name``, then user tasks, one with a loop."""
    nodes = [FlowNode(id="s", name=start_name, kind=NodeKind.START_EVENT, process_id="p")]
    for index, name in enumerate(task_names):
        nodes.append(FlowNode(id=f"t{index}", name=name, kind=NodeKind.USER_TASK,
                              process_id="p",
                              loop=LoopKind.PARALLEL if index == 0 else None))
    ids = [n.id for n in nodes]
    flows = tuple(SequenceFlow(id=f"f{i}", source=a, target=b, process_id="p")
                  for i, (a, b) in enumerate(itertools.pairwise(ids)))
    process = Process(id="p", flow_nodes=tuple(nodes), sequence_flows=flows)
    collaboration = Collaboration(
        id="c", participants=(Participant(id="pool", name="Ordnungsamt der Stadt",
                                          process_ref="p"),))
    return Definitions(id="d", processes=(process,), collaborations=(collaboration,))


LONG_NAMES = [
    "Give employee welcome package",
    "Get signature on contract and notify the department",
    "Antragsunterlagen auf Vollständigkeit prüfen",
]


def test_auto_layout_keeps_external_labels_and_pool_names_inside_the_viewbox() -> None:
    # A long unbreakable start-event label overhangs its box on both sides; the event
    # sits at the left edge of the pool (the QA case "<script>alert(1)</script>").
    model = pool_model("<script>alert(1)</script>Antragseingang", LONG_NAMES)
    svg = render_svg(model)
    assert assert_labels_inside_viewbox(svg) >= 6
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Antragseingang" in svg


def test_di_without_label_bounds_keeps_labels_inside_the_viewbox() -> None:
    # An event at the diagram's left edge with no label bounds: its label is placed below
    # it, centred, and is wider than the event.
    model = pool_model("Eingang eines sehr langen Antrags", [])
    model = dataclasses.replace(model, collaborations=(), diagrams=(Diagram(
        id="D", shapes=(Shape("s_di", "s", Bounds(0, 0, 36, 36)),)),))
    root = etree.fromstring(render_svg(model).encode())
    assert viewbox(root)[0] < -20
    assert_labels_inside_viewbox(render_svg(model))


def test_task_labels_keep_clear_of_type_and_loop_markers_in_auto_layout() -> None:
    svg = render_svg(pool_model("Start", LONG_NAMES))
    assert assert_task_labels_clear_of_markers(svg) == 3
    root = etree.fromstring(svg.encode())
    shown = {g.get("data-element-id"): " ".join(t.text or "" for t in g.iter(f"{SVG}tspan"))
             for g in root.iter(f"{SVG}g") if g.get("data-element-id")}
    assert shown["t1"] != ""
    assert shown["t0"].replace(" ", "") == LONG_NAMES[0].replace(" ", "")


def test_short_task_labels_stay_centred() -> None:
    """A name that does not reach the marker is centred in the task as before."""
    model = pool_model("Start", ["Prüfen"])
    model = dataclasses.replace(model, collaborations=(), diagrams=(Diagram(
        id="D", shapes=(Shape("t0_di", "t0", Bounds(0, 0, 100, 80)),)),))
    root = etree.fromstring(render_svg(model).encode())
    (text,) = root.iter(f"{SVG}text")
    (box,) = line_boxes(text)
    # The task (t0) has a multi-instance marker: a name that fits beside it stays in the
    # middle of the whole task rather than of the part above the marker.
    assert abs((box[1] + box[3]) / 2 - 40) < 3


@pytest.mark.shared
@pytest.mark.parametrize("with_di", [True, False], ids=["file-di", "auto-layout"])
def test_miwg_c40_labels_are_clear_of_icons_and_inside_the_viewbox(
        shared_dir: Path, with_di: bool) -> None:
    model = bpmn.parse(shared_dir / "corpora" / "miwg" / "reference" / "C.4.0.bpmn")
    if not with_di:
        model = auto_layout(dataclasses.replace(model, diagrams=()))
    for diagram in model.diagrams:
        svg = render_svg(model, diagram.id)
        assert_labels_inside_viewbox(svg)
        assert assert_task_labels_clear_of_markers(svg) >= 1


@pytest.mark.shared
def test_every_miwg_reference_diagram_keeps_labels_in_frame_and_off_the_markers(
        shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpora" / "miwg" / "reference").glob("*.bpmn"))
    assert len(files) == 21
    activities = 0
    for path in files:
        model = bpmn.parse(path)
        for diagram in model.diagrams:
            svg = render_svg(model, diagram.id)
            assert_labels_inside_viewbox(svg)
            activities += assert_task_labels_clear_of_markers(svg)
    assert activities > 100


@pytest.mark.shared
@pytest.mark.parametrize("test_id", ["A.4.1", "B.2.0", "C.8.0"])
def test_reference_models_laid_out_again_keep_labels_in_frame_and_off_the_markers(
        shared_dir: Path, test_id: str) -> None:
    model = bpmn.parse(shared_dir / "corpora" / "miwg" / "reference" / f"{test_id}.bpmn")
    svg = render_svg(auto_layout(dataclasses.replace(model, diagrams=())))
    assert_labels_inside_viewbox(svg)
    assert_task_labels_clear_of_markers(svg)


def groups_by_id(svg: str) -> dict[str, etree._Element]:
    root = etree.fromstring(svg.encode())
    return {g.get("data-element-id"): g for g in root.iter(f"{SVG}g")
            if g.get("data-element-id")}


@pytest.mark.parametrize("start_name", [
    "Antrag eingegangen", "<script>alert(1)</script>Antragseingang",
])
def test_auto_layout_keeps_the_start_label_off_the_pool_header(start_name: str) -> None:
    # The label is wider than the event; the pool leaves room for it, and a word far
    # wider than the label box is split instead of running over the header band.
    model = auto_layout(pool_model(start_name, LONG_NAMES[:1]))
    pool = next(s.bounds for s in model.diagrams[0].shapes if s.element_id == "pool")
    (text,) = groups_by_id(render_svg(model))["s"].iter(f"{SVG}text")
    for x0, _, _, _ in line_boxes(text):
        assert x0 >= pool.x + 30


def test_a_long_pool_name_gets_two_smaller_lines_instead_of_being_cut() -> None:
    name = "Fachbereich Bauen und Umwelt, Abteilung Bauaufsicht"
    model = pool_model("Start", [])
    model = dataclasses.replace(
        model,
        collaborations=(Collaboration(id="c", participants=(
            Participant(id="pool", name=name, process_ref="p"),)),),
        diagrams=(Diagram(id="D", plane_element_id="c", shapes=(
            Shape("pool_di", "pool", Bounds(0, 0, 600, 160), is_horizontal=True),
            Shape("s_di", "s", Bounds(100, 60, 36, 36)),
        )),),
    )
    (text,) = groups_by_id(render_svg(model))["pool"].iter(f"{SVG}text")
    shown = " ".join(t.text for t in text.iter(f"{SVG}tspan"))
    assert shown == name
    assert float(text.get("font-size")) < 12
    for x0, y0, x1, y1 in line_boxes(text):
        assert x0 >= 0 and x1 <= 30 and y0 >= 0 and y1 <= 160


def test_a_name_touching_the_type_marker_moves_down_whole_when_it_fits() -> None:
    """Centred lines that would touch the user icon move below it, still centred."""
    model = pool_model("Start", ["Start", "Give employee welcome package"])
    model = dataclasses.replace(model, collaborations=(), diagrams=(Diagram(
        id="D", shapes=(Shape("t1_di", "t1", Bounds(0, 0, 100, 80)),)),))
    (text,) = groups_by_id(render_svg(model))["t1"].iter(f"{SVG}text")
    xs = {float(t.get("x")) for t in text.iter(f"{SVG}tspan")}
    assert xs == {50.0}
    assert " ".join(t.text for t in text.iter(f"{SVG}tspan")) == "Give employee welcome package"
    assert_task_labels_clear_of_markers(render_svg(model))


def test_auto_layout_widens_a_task_whose_name_would_be_cut() -> None:
    name = "Get signature on contract and notify responsible department"
    model = auto_layout(pool_model("Start", ["Prüfen", name]))
    widths = {s.element_id: s.bounds.width for s in model.diagrams[0].shapes}
    assert widths["t0"] == 100
    assert widths["t1"] > 100
    (text,) = groups_by_id(render_svg(model))["t1"].iter(f"{SVG}text")
    assert " ".join(t.text for t in text.iter(f"{SVG}tspan")) == name
