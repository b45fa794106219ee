"""The reader's compiled half (bpmn._native) gives exactly the models of the Python reader."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bpmn
from bench.corpus import generate_model
from bpmn import native
from procmodel.model import Bounds, Edge, FlowNode, NodeKind, Point, SequenceFlow, Shape

compiled = pytest.mark.skipif(native.module is None and not os.environ.get("CI"),
                              reason=native.status())

DEMO_MODELS = Path(__file__).resolve().parents[2] / "inventory" / "demo" / "models"


def _outcome(source: Path | bytes) -> str:
    """The model's full repr (NaN-safe, every field and float exact), or the refusal."""
    try:
        return repr(bpmn.parse(source))
    except bpmn.UnreadableBpmn as exc:
        return f"refused: {exc.finding.rule} line {exc.finding.line}"


def _both(source: Path | bytes) -> tuple[str, str]:
    with native.pure_python():
        python = _outcome(source)
    return _outcome(source), python


def test_the_compiled_reader_is_built_where_the_tests_run():
    """CI must measure and test what users get: the compiled reader, not the fallback."""
    if os.environ.get("CI"):
        assert native.module is not None, native.status()
    assert native.status().startswith("bpmn reader: ")


@compiled
@pytest.mark.shared
def test_every_shared_corpus_file_gives_the_same_model(shared_dir):
    files = sorted((shared_dir / "corpora").rglob("*.bpmn"))
    assert len(files) > 800
    differing = [str(path.relative_to(shared_dir)) for path in files
                 if len(set(_both(path))) != 1]
    assert differing == []


@compiled
def test_demo_and_generated_models_give_the_same_model():
    files: list[Path | bytes] = sorted(DEMO_MODELS.rglob("*.bpmn"))
    assert len(files) > 50
    files += [generate_model(steps, seed) for seed, steps in enumerate((20, 80, 200))]
    for source in files:
        compiled_model, python_model = _both(source)
        assert compiled_model == python_model, source if isinstance(source, Path) else "generated"


ODD_DIAGRAM = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0"
  xmlns:v="urn:vendor" id="d" targetNamespace="t">
  <process id="p">
    <task id="a" name="A"><incoming> f0 </incoming><outgoing>f1</outgoing></task>
    <task id="b" name="B" v:x="1"><!-- c --><outgoing>f2</outgoing><incoming>f1</incoming>
      </task>
    <sequenceFlow id="f1" sourceRef="a" targetRef="b" isImmediate=" TRUE "/>
    <exclusiveGateway id="g" default="f2"/>
    <sequenceFlow id="f2" sourceRef="g" targetRef="a"><conditionExpression>
      x &gt; 1</conditionExpression></sequenceFlow>
  </process>
  <bpmndi:BPMNDiagram id="D">
    <bpmndi:BPMNPlane id="P" bpmnElement="p">
      <bpmndi:BPMNShape id="s1" bpmnElement="a">
        <dc:Bounds x="1_0" y=" 2" width="1e2" height="-.5"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s2" bpmnElement="b" isExpanded="yes">
        <dc:Bounds x="0.1" y="1e-3" width="12345678901234567"
          height="0.0000000000000000000000001"/>
        <dc:Bounds x="9" y="9" width="9" height="9"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s3" bpmnElement="g" isMarkerVisible="true" bioc:fill="#fff">
        <dc:Bounds x="NaN" y="inf" width="-0" height="+3"/><bpmndi:BPMNLabel>
          <dc:Bounds x="a" y="" width="1" height="2"/></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s4" bpmnElement="g"/>
      <bpmndi:BPMNShape bpmnElement="a" isHorizontal="false">
        <dc:Bounds x="1" y="2" width="3" height="4"/><bpmndi:BPMNLabel bioc:color="#000">
          <dc:Bounds x="1" y="2" width="3" height="4"/></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="e1" bpmnElement="f1"><di:waypoint x="1" y="2"/>
        <di:waypoint x="3.25" y="-4"/><bpmndi:BPMNLabel/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e2" bpmnElement="f2" sourceElement="s3"><di:waypoint x="." y="2"/>
        </bpmndi:BPMNEdge>
      <v:thing id="ignored"/>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</definitions>"""


@compiled
def test_odd_diagram_values_are_judged_like_the_python_reader():
    compiled_model, python_model = _both(ODD_DIAGRAM)
    assert compiled_model == python_model
    model = bpmn.parse(ODD_DIAGRAM)
    shapes = model.diagrams[0].shapes
    assert shapes[0].bounds == Bounds(10.0, 2.0, 100.0, -0.5)
    assert shapes[1].bounds.x == 0.1 and shapes[1].bounds.width == 12345678901234567.0
    assert shapes[1].is_expanded is False
    assert shapes[2].fill == "#fff" and shapes[2].is_marker_visible is True
    assert shapes[3].bounds == Bounds(0.0, 0.0, 0.0, 0.0)
    assert shapes[4].id is None and shapes[4].is_horizontal is False
    assert shapes[4].label_color == "#000"
    edges = model.diagrams[0].edges
    assert edges[0].waypoints == (Point(1.0, 2.0), Point(3.25, -4.0))
    assert edges[1].waypoints == (Point(0.0, 2.0),) and edges[1].source_element_id == "s3"
    process = model.processes[0]
    a, b = process.flow_nodes[:2]
    assert a.incoming == ("f0",) and a.outgoing == ("f1",)
    assert b.incoming == ("f1",) and b.outgoing == ("f2",)
    flows = {f.id: f for f in process.sequence_flows}
    assert flows["f1"].is_immediate is True and flows["f2"].is_default
    assert flows["f2"].condition == "x > 1"


@compiled
@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(0, 25).flatmap(lambda places: st.decimals(
        allow_nan=False, allow_infinity=False, places=places)).map(str),
    st.from_regex(r"[-+]?[0-9]{0,18}(\.[0-9]{0,24})?", fullmatch=True),
))
def test_coordinates_are_parsed_exactly_like_float(text):
    try:
        expected: float | None = float(text)
    except ValueError:
        expected = None
    assert native.module.number(text.encode()) == expected  # type: ignore[union-attr]


@compiled
def test_slot_constructor_builds_what_the_dataclass_builds():
    make = native.module.SlotConstructor(Shape, ("id", "element_id", "bounds"))  # type: ignore[union-attr]
    bounds = Bounds(1.0, 2.0, 3.0, 4.0)
    assert make("s", "e", bounds) == Shape(id="s", element_id="e", bounds=bounds)
    node = native.module.SlotConstructor(FlowNode).from_mapping(  # type: ignore[union-attr]
        {"id": "t", "name": "T", "kind": NodeKind.TASK, "process_id": "p", "line": 3})
    assert node == FlowNode(id="t", name="T", kind=NodeKind.TASK, process_id="p", line=3)
    with pytest.raises(TypeError, match="no fields"):
        native.module.SlotConstructor(SequenceFlow).from_mapping({"id": "f", "colour": "red"})  # type: ignore[union-attr]
    with pytest.raises(TypeError, match="needs the field 'element_id'"):
        native.module.SlotConstructor(Edge).from_mapping({"id": "e"})  # type: ignore[union-attr]
    with pytest.raises(TypeError, match="takes 3 values"):
        make("s", "e")
    with pytest.raises(TypeError, match="needs the field 'id'"):
        native.module.SlotConstructor(Edge)()  # type: ignore[union-attr]
    with pytest.raises(TypeError, match="no default and is not among"):
        native.module.SlotConstructor(Edge, ("id",))  # type: ignore[union-attr]


@compiled
def test_lines_beyond_what_libxml2_stores_in_a_node_are_exact():
    """libxml2 keeps a node's line in 16 bits; from line 65,535 on lxml's own count is used."""
    model = generate_model(40, 7)
    declaration_end = model.index(b"?>") + 2
    padded = model[:declaration_end] + b"\n" * 70_000 + model[declaration_end:]
    compiled_model, python_model = _both(padded)
    assert compiled_model == python_model
    lines = [node.line for node in bpmn.parse(padded).processes[0].flow_nodes]
    assert min(lines) > 70_000
    shape_lines = [shape.line for shape in bpmn.parse(padded).diagrams[0].shapes]
    assert min(shape_lines) > 70_000 and len(set(shape_lines)) == len(shape_lines)


def test_a_module_built_for_another_lxml_is_not_used(monkeypatch):
    if native.module is None:
        pytest.skip(native.status())
    monkeypatch.setattr(native.etree, "__version__", "0.0.1")
    module, reason = native._load()
    assert module is None
    assert "built for lxml" in reason and "0.0.1" in reason


def test_the_environment_switch_turns_the_compiled_module_off(monkeypatch):
    monkeypatch.setenv("PROCMODEL_PURE_PYTHON", "1")
    module, reason = native._load()
    assert module is None and "PROCMODEL_PURE_PYTHON" in reason
    with native.pure_python():
        assert native.module is None
        assert "pure Python" in native.status()


@compiled
def test_a_reference_made_of_many_text_pieces_is_read_whole():
    """<incoming> made of 50,000 CDATA sections (joined once, not piece by piece)."""
    pieces = "".join(f"<![CDATA[f{i % 10}]]>" for i in range(50_000))
    data = (
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
        f'<process id="p"><task id="t"><incoming>{pieces}</incoming></task></process>'
        "</definitions>"
    ).encode()
    model = bpmn.parse(data)
    assert len(model.processes[0].flow_nodes[0].incoming[0]) == 100_000
    compiled_model, python_model = _both(data)
    assert compiled_model == python_model


def test_space_between_inline_elements_of_a_documentation_is_kept():
    """Blank text between elements is not dropped: in mixed content it separates words."""
    data = (
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
        '<process id="p"><task id="t" name="A"><documentation><b>Antrag</b> <i>prüfen</i>'
        "</documentation></task></process></definitions>"
    ).encode()
    compiled_model, python_model = _both(data)
    assert compiled_model == python_model
    assert bpmn.parse(data).processes[0].flow_nodes[0].documentation == "Antrag prüfen"
