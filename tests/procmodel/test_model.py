from procmodel.findings import Finding, Severity, worst
from procmodel.model import (
    Definitions,
    FlowNode,
    NodeKind,
    Process,
    normalise_label,
    step_summary,
)


def test_normalise_label_joins_hyphenated_line_breaks():
    assert normalise_label("Antrags-\nprüfung") == "Antragsprüfung"
    assert normalise_label("E-\nAkte  anlegen") == "E-Akte anlegen"
    assert normalise_label("  Bescheid\r\nerstellen ") == "Bescheid erstellen"
    assert normalise_label(None) == ""


def test_node_kind_categories():
    assert NodeKind.USER_TASK.is_task and NodeKind.USER_TASK.is_activity
    assert NodeKind.CALL_ACTIVITY.is_activity and not NodeKind.CALL_ACTIVITY.is_task
    assert NodeKind.BOUNDARY_EVENT.is_event and not NodeKind.BOUNDARY_EVENT.is_activity
    assert NodeKind.COMPLEX_GATEWAY.is_gateway


def test_lookup_and_step_summary():
    task = FlowNode(id="t1", name="Antrag\nprüfen", kind=NodeKind.USER_TASK, process_id="p")
    start = FlowNode(id="s", kind=NodeKind.START_EVENT, process_id="p")
    model = Definitions(id="d", processes=(Process(id="p", flow_nodes=(start, task)),))
    assert model.get("t1") is task
    assert model.process("p").nodes_in(None) == (start, task)
    (step,) = step_summary(model)
    assert (step.id, step.name, step.kind) == ("t1", "Antrag prüfen", "userTask")


def test_finding_roundtrip_and_worst():
    finding = Finding(Severity.ERROR, "ref-dangling", "de", "en", "a.bpmn", 3, "x", "X")
    assert Finding.from_dict(finding.to_dict()) == finding
    assert worst([finding, Finding(Severity.WARNING, "r", "d", "e")]) is Severity.ERROR
    assert worst([]) is None
    assert finding.location().startswith("a.bpmn:3 [x")
