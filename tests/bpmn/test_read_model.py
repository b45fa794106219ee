"""The reader builds the neutral model faithfully from hand-written BPMN."""

from __future__ import annotations

from pathlib import Path

import pytest

import bpmn
from procmodel.model import DataKind, EventDefinitionKind, LoopKind, NodeKind

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@pytest.fixture(scope="module")
def data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "reader"


@pytest.fixture(scope="module")
def coverage(data_dir: Path):
    return bpmn.parse(data_dir / "coverage.bpmn")


def node(model, node_id):
    return next(n for n in model.iter_flow_nodes() if n.id == node_id)


def test_definitions_and_global_elements(coverage):
    assert (coverage.id, coverage.name) == ("defs", "Abdeckung")
    assert coverage.exporter == "Handgeschrieben"
    assert coverage.target_namespace == "http://example.org/coverage"
    kinds = {g.id: g.kind for g in coverage.global_elements}
    assert kinds == {
        "msg_antrag": "message", "sig_frist": "signal", "err_abbruch": "error",
        "esc_chef": "escalation", "gut_pruefen": "globalUserTask", "store_akte": "dataStore",
        "cat": "category", "ted_root": "timerEventDefinition",
    }


def test_every_task_gateway_and_event_kind(coverage):
    kinds = {n.kind for n in coverage.iter_flow_nodes()}
    assert kinds == set(NodeKind) - {NodeKind.IMPLICIT_THROW_EVENT}
    # the task inside extensionElements is not one
    assert len(coverage.processes[0].flow_nodes) == 28


def test_event_definitions(coverage):
    assert [(d.kind, d.ref) for d in node(coverage, "start").event_definitions] == [
        (EventDefinitionKind.MESSAGE, "msg_antrag")]
    multi = node(coverage, "be_multi")
    assert [d.kind for d in multi.event_definitions] == [
        EventDefinitionKind.ERROR, EventDefinitionKind.SIGNAL]
    assert multi.parallel_multiple and multi.interrupting and multi.attached_to == "sub"
    timer = node(coverage, "be_timer")  # via eventDefinitionRef to a root-level definition
    assert [(d.kind, d.detail) for d in timer.event_definitions] == [
        (EventDefinitionKind.TIMER, "P3D")]
    assert timer.interrupting is False
    assert node(coverage, "ice_link").event_definitions[0].detail == "L1"
    assert node(coverage, "ite_comp").event_definitions[0].ref == "sub"
    assert node(coverage, "ice_cond").event_definitions[0].detail == "${x > 1}"
    assert node(coverage, "end_cancel").event_kinds == {EventDefinitionKind.CANCEL}
    assert node(coverage, "sub_end").event_kinds == {EventDefinitionKind.TERMINATE}


def test_subprocesses_are_flattened_with_parents(coverage):
    assert node(coverage, "sub_task").parent_id == "sub"
    assert node(coverage, "evsub").parent_id == "sub"
    assert node(coverage, "evsub").triggered_by_event
    assert node(coverage, "evsub_start").parent_id == "evsub"
    assert node(coverage, "evsub_start").interrupting is False
    assert {n.id for n in coverage.processes[0].nodes_in("sub")} == {
        "sub_start", "sub_task", "sub_end", "evsub", "tx", "adhoc"}
    assert {f.id for f in coverage.processes[0].flows_in("sub")} == {"sf_1", "sf_2"}
    ids = [n.id for n in coverage.processes[0].flow_nodes]
    assert ids.index("sub") < ids.index("sub_start")  # parents come first
    assert node(coverage, "sub").is_collapsed is True  # isExpanded="false" in the DI
    assert node(coverage, "call").called_element == "gut_pruefen"


def test_activity_attributes(coverage):
    assert node(coverage, "task_pruefen").loop is LoopKind.SEQUENTIAL
    assert node(coverage, "sub_task").loop is LoopKind.STANDARD
    assert node(coverage, "t_rule").is_for_compensation
    assert node(coverage, "t_receive").instantiate
    gateway = node(coverage, "ebg")
    assert gateway.event_gateway_type == "Parallel" and gateway.instantiate
    assert node(coverage, "gw_split").gateway_direction == "Diverging"
    assert node(coverage, "start").outgoing == ("f_start",)
    assert node(coverage, "task_pruefen").incoming == ("f_start",)


def test_labels_are_kept_as_written_and_normalised_separately(coverage):
    task = node(coverage, "task_pruefen")
    assert task.name == "  Antrag   prüfen "
    assert task.normalised_name == "Antrag prüfen"
    start = node(coverage, "start")
    assert start.name == "Antrag\neingegangen"
    assert start.normalised_name == "Antrag eingegangen"


def test_default_flows_and_conditions(coverage):
    flows = {f.id: f for f in coverage.processes[0].sequence_flows}
    assert node(coverage, "gw_split").default_flow == "f_nein"
    assert flows["f_nein"].is_default and not flows["f_ja"].is_default
    assert flows["f_ja"].condition == "${vollstaendig == true}"
    assert flows["f_ja"].name == "ja"


def test_lanes_nested_with_innermost_lane(coverage):
    lanes = {lane.id: lane for lane in coverage.processes[0].lanes}
    assert set(lanes) == {"lane_amt", "lane_sachb", "lane_leitung"}
    assert lanes["lane_sachb"].parent_lane_id == "lane_amt"
    assert lanes["lane_sachb"].lane_set_id == "ls_child"
    assert lanes["lane_amt"].flow_node_refs == ("start", "task_pruefen")
    assert node(coverage, "start").lane_id == "lane_amt"
    assert node(coverage, "task_pruefen").lane_id == "lane_sachb"
    assert node(coverage, "sub").lane_id == "lane_leitung"
    assert node(coverage, "sub_task").lane_id is None


def test_data_elements_and_associations(coverage):
    data = {d.id: d for d in coverage.processes[0].data}
    assert data["din_proc"].kind is DataKind.DATA_INPUT and data["din_proc"].is_collection
    assert data["din_proc"].parent_id is None
    assert data["din_task"].parent_id == "task_pruefen"
    assert data["dout_task"].kind is DataKind.DATA_OUTPUT
    assert data["do_inner"].parent_id == "sub"
    assert data["dor_antrag"].ref == "do_antrag" and data["dor_antrag"].state == "eingereicht"
    assert data["dsr_akte"].ref == "store_akte"
    assocs = {a.id: a for a in coverage.processes[0].data_associations}
    assert assocs["dia_a"].direction == "input" and assocs["dia_a"].sources == ("dor_antrag",)
    assert assocs["doa_1"].target == "dsr_akte" and assocs["doa_1"].node_id == "task_pruefen"


def test_artifacts_and_collaboration(coverage):
    process = coverage.processes[0]
    assert process.annotations[0].text == "Vier-Augen-Prinzip"
    assert process.associations[0].target == "task_pruefen"
    assert process.groups[0].name == "Fachverfahren"
    assert process.documentation == "Hauptprozess"
    assert process.is_executable is False and process.process_type == "Private"
    collab = coverage.collaborations[0]
    assert [p.id for p in collab.participants] == ["pool_amt", "pool_buerger"]
    assert collab.participants[0].multiplicity == (1, 3)
    assert collab.participants[1].process_ref is None
    assert coverage.message_flows[0].message_ref == "msg_antrag"
    assert collab.associations[0].direction == "One"
    assert collab.groups[0].name == "Fachverfahren"
    assert coverage.participant_of("proc_amt").name == "Bürgeramt"


def test_diagram_layer(coverage):
    first, second = coverage.diagrams
    assert (first.id, first.name, first.plane_element_id) == ("dia_1", "Übersicht", "collab")
    assert second.plane_element_id == "sub" and len(second.shapes) == 1
    shapes = {s.element_id: s for s in first.shapes}
    assert shapes["pool_amt"].is_horizontal is True
    start = shapes["start"]
    assert (start.bounds.x, start.bounds.width) == (100.5, 36.0)
    assert start.label_bounds is not None and start.label_bounds.height == 27.0
    assert (start.fill, start.stroke, start.label_color) == ("#ffeeee", "#aa0000", "#333333")
    assert (shapes["sub"].fill, shapes["sub"].stroke) == ("#eeeeff", "#0000aa")
    assert shapes["sub"].is_expanded is False
    assert shapes["gw_split"].is_marker_visible is True
    (edge,) = first.edges
    assert [(p.x, p.y) for p in edge.waypoints] == [(136, 98), (170, 98), (200, 100)]
    assert edge.stroke == "#00aa00" and edge.label_bounds is not None
    assert (edge.source_element_id, edge.target_element_id) == ("s_start", "s_gw")


def test_source_lines(coverage):
    assert node(coverage, "start").line == 55
    assert coverage.diagrams[0].line == 116
    assert all(n.line for n in coverage.iter_flow_nodes())
    assert all(s.line for d in coverage.diagrams for s in d.shapes)


def test_counts_skip_extension_elements(data_dir):
    counts = bpmn.element_counts(data_dir / "coverage.bpmn")
    assert counts["task"] == 1 and counts["extensionElements"] == 1
    assert counts["lane"] == 3 and counts["flowNodeRef"] == 5 and counts["definitions"] == 1


@pytest.mark.parametrize("prefix", ["bpmn", "bpmn2", "semantic", "model", "foo", ""])
def test_any_namespace_prefix(prefix):
    p = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns:{prefix}" if prefix else "xmlns"
    data = (
        f'<{p}definitions {xmlns}="{MODEL}" id="d"><{p}process id="p">'
        f'<{p}task id="t" name="Prüfen"/></{p}process></{p}definitions>'
    ).encode()
    model = bpmn.parse(data)
    assert model.processes[0].flow_nodes[0].name == "Prüfen"
    assert bpmn.element_counts(data) == {"definitions": 1, "process": 1, "task": 1}


def test_elements_in_foreign_namespaces_are_ignored():
    data = (
        f'<definitions xmlns="{MODEL}" xmlns:v="urn:vendor" id="d"><process id="p">'
        '<v:task id="vt" name="kein BPMN"/><task id="t"/></process>'
        f'<v:process id="vp"/></definitions>'
    ).encode()
    model = bpmn.parse(data)
    assert [p.id for p in model.processes] == ["p"]
    assert [n.id for n in model.processes[0].flow_nodes] == ["t"]
    assert model.global_elements == ()


def test_xml_given_as_text():
    text = f'<?xml version="1.0" encoding="ISO-8859-1"?><definitions xmlns="{MODEL}" id="ä"/>'
    assert bpmn.parse(text).id == "ä"


@pytest.mark.parametrize("name", ["umlaute-utf16.bpmn", "umlaute-latin1.bpmn"])
def test_declared_encodings_give_correct_labels(data_dir, name):
    raw = (data_dir / name).read_bytes()
    assert "ü".encode() not in raw  # really not UTF-8
    for source in (data_dir / name, raw):
        model = bpmn.parse(source)
        process = model.processes[0]
        assert process.name == "Grünflächenpflege beantragen"
        names = [n.name for n in process.flow_nodes]
        assert names[0] == "Antrag für Straßenbäume eingegangen"
        assert names[1] == "Zuständigkeit prüfen (Größe, Maße)"
        assert names[2].startswith("Bescheid über Gebühr versandt: 15 ")
    if name == "umlaute-utf16.bpmn":
        assert raw[:2] == b"\xff\xfe"
        assert names[2].endswith("€")


def test_utf16_big_endian_and_windows_1252(tmp_path):
    doc = (
        '<?xml version="1.0" encoding="{enc}"?>'
        f'<definitions xmlns="{MODEL}" id="d" name="Maßnahme – Übersicht"/>'
    )
    for enc, codec in (("UTF-16", "utf-16-be"), ("windows-1252", "cp1252")):
        text = doc.format(enc=enc)
        raw = (b"\xfe\xff" if codec == "utf-16-be" else b"") + text.encode(codec)
        assert bpmn.parse(raw).name == "Maßnahme – Übersicht", enc
