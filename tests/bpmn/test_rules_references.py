"""Reference integrity: dangling and mistyped references, default flows, pool and
subprocess borders, message flows inside one pool."""

from __future__ import annotations

from dataclasses import replace

from rules_builder import ProcessBuilder, definitions

from bpmn.rules import validate_model
from procmodel.findings import Finding, Severity
from procmodel.model import (
    DataAssociation,
    DataElement,
    DataKind,
    Definitions,
    GlobalElement,
    MessageFlow,
    Participant,
    Process,
)

REFERENCE_RULES = {"ref-dangling", "ref-wrong-type", "ref-default-flow", "ref-called-element",
                   "sequence-flow-cross-pool", "sequence-flow-cross-scope",
                   "message-flow-same-pool"}


def simple(process_id: str = "P", prefix: str = "") -> ProcessBuilder:
    return ProcessBuilder(process_id).start(f"{prefix}s").task(f"{prefix}a").end(
        f"{prefix}e").chain(f"{prefix}s", f"{prefix}a", f"{prefix}e")


def references(model: Definitions, **kwargs: object) -> list[Finding]:
    return [f for f in validate_model(model, **kwargs)  # type: ignore[arg-type]
            if f.rule in REFERENCE_RULES]


def rules(model: Definitions, **kwargs: object) -> list[tuple[str, str | None]]:
    return [(f.rule, f.element_id) for f in references(model, **kwargs)]


def test_clean_model_has_no_reference_findings() -> None:
    assert references(definitions(simple())) == []


def test_dangling_sequence_flow_target() -> None:
    builder = simple().flow("a", "nowhere", "f_bad")
    findings = references(definitions(builder))
    assert [(f.rule, f.element_id) for f in findings] == [("ref-dangling", "f_bad")]
    assert "nowhere" in findings[0].message_de and "targetRef" in findings[0].message_en
    assert findings[0].severity is Severity.ERROR and findings[0].line is not None


def test_sequence_flow_without_source() -> None:
    builder = simple().flow("", "a", "f_bad")
    assert rules(definitions(builder)) == [("ref-dangling", "f_bad")]


def test_sequence_flow_to_a_data_object_has_the_wrong_type() -> None:
    builder = simple()
    builder.data.append(DataElement(id="doc", name="Antrag", kind=DataKind.DATA_OBJECT,
                                    process_id="P"))
    builder.flow("a", "doc", "f_bad")
    assert rules(definitions(builder)) == [("ref-wrong-type", "f_bad")]


def test_qualified_references_resolve() -> None:
    builder = simple()
    builder.flows[0] = replace(builder.flows[0], source="tns:s")
    assert references(definitions(builder)) == []


def test_boundary_event_attached_to_nothing_or_to_a_gateway() -> None:
    missing = simple().boundary("b", "Frist", attached_to="ghost").end("e2").chain("b", "e2")
    assert rules(definitions(missing)) == [("ref-dangling", "b")]
    gateway = ProcessBuilder().start("s").xor("g", "G?").task("a").end("e").chain(
        "s", "g", "a", "e").boundary("b", "Frist", attached_to="g").end("e2").chain("b", "e2")
    assert rules(definitions(gateway)) == [("ref-wrong-type", "b")]
    fine = simple().boundary("b", "Frist", attached_to="a").end("e2").chain("b", "e2")
    assert references(definitions(fine)) == []


def test_participant_process_ref() -> None:
    dangling = definitions(simple(), participants=(
        Participant(id="Pool", name="Amt", process_ref="Missing"),))
    assert rules(dangling) == [("ref-dangling", "Pool")]
    fine = definitions(simple(), participants=(
        Participant(id="Pool", name="Amt", process_ref="P"),
        Participant(id="Citizen", name="Bürger"),  # a black box pool
    ))
    assert references(fine) == []


def test_called_element() -> None:
    def model(called: str | None, *extra: Process | GlobalElement) -> Definitions:
        builder = ProcessBuilder().start("s").call("c", "Gebühr", called_element=called).end(
            "e").chain("s", "c", "e")
        processes = [p for p in extra if isinstance(p, Process)]
        globals_ = tuple(g for g in extra if isinstance(g, GlobalElement))
        return definitions(builder, *processes, global_elements=globals_)

    other = simple("Fee", prefix="f").build()
    assert references(model("Fee", other)) == []
    assert references(model("tns:Fee", other)) == []
    assert references(model("Check", GlobalElement(id="Check", name="Prüfen",
                                                   kind="globalUserTask"))) == []
    missing = references(model("Elsewhere"))
    assert [(f.rule, f.severity) for f in missing] == [("ref-called-element", Severity.WARNING)]
    assert "Elsewhere" in missing[0].message_de
    assert rules(model(None)) == [("ref-called-element", "c")]
    assert rules(model("M", GlobalElement(id="M", name="Nachricht", kind="message"))) == [
        ("ref-wrong-type", "c")]


def test_default_flow_must_leave_its_node() -> None:
    builder = ProcessBuilder().start("s").xor("g", "Fall?").task("a").task("b").end("e")
    builder.chain("s", "g").flow("g", "a", condition="x").flow("g", "b").chain("a", "e").chain(
        "b", "e")
    builder.nodes[1] = replace(builder.nodes[1], default_flow="f_a_e")
    assert ("ref-default-flow", "g") in rules(definitions(builder))
    builder.nodes[1] = replace(builder.nodes[1], default_flow="missing")
    findings = [f for f in references(definitions(builder)) if f.rule == "ref-default-flow"]
    assert findings and "missing" in findings[0].message_de
    builder.nodes[1] = replace(builder.nodes[1], default_flow="f_g_b")
    assert references(definitions(builder)) == []


def test_data_references() -> None:
    builder = simple()
    builder.data.extend([
        DataElement(id="obj", name="Akte", kind=DataKind.DATA_OBJECT, process_id="P"),
        DataElement(id="ref_ok", name="Akte", kind=DataKind.DATA_OBJECT_REFERENCE,
                    process_id="P", ref="obj"),
        DataElement(id="ref_bad", name="Akte", kind=DataKind.DATA_OBJECT_REFERENCE,
                    process_id="P", ref="gone"),
        DataElement(id="ref_type", name="Akte", kind=DataKind.DATA_STORE_REFERENCE,
                    process_id="P", ref="obj"),
    ])
    assert sorted(rules(definitions(builder))) == [("ref-dangling", "ref_bad"),
                                                   ("ref-wrong-type", "ref_type")]


def test_data_associations_are_checked_against_the_file() -> None:
    builder = simple()
    builder.data.append(DataElement(id="obj", name="Akte", kind=DataKind.DATA_OBJECT,
                                    process_id="P"))
    process = replace(builder.build(), data_associations=(
        DataAssociation(id="da1", node_id="a", direction="input", sources=("obj",),
                        target="prop_1"),
        DataAssociation(id="da2", node_id="a", direction="input", sources=("ghost",)),
    ))
    model = definitions(process)
    # without the file's bytes nothing is certain: properties are not in the model
    assert references(model) == []
    source = b'<task id="a"><property id="prop_1"/></task>'
    assert rules(model, source=source) == [("ref-dangling", "da2")]


def test_sequence_flow_crossing_pools() -> None:
    first, second = simple("P1", "x"), simple("P2", "y")
    first.flow("xa", "ya", "f_cross")
    model = definitions(first, second, participants=(
        Participant(id="Pool1", name="Amt", process_ref="P1"),
        Participant(id="Pool2", name="Bürger", process_ref="P2"),
    ))
    findings = references(model)
    assert [(f.rule, f.element_id) for f in findings] == [("sequence-flow-cross-pool", "f_cross")]
    assert "Nachrichtenfluss" in findings[0].message_de


def test_sequence_flow_crossing_a_subprocess_border() -> None:
    builder = ProcessBuilder().start("s").sub("sp", "Prüfung").end("e").chain("s", "sp", "e")
    builder.add("start", "is", "Start", parent_id="sp").add("task", "it", "Innen", parent_id="sp")
    builder.add("end", "ie", "Ende", parent_id="sp").chain("is", "it", "ie")
    builder.flow("it", "e", "f_out")
    assert rules(definitions(builder)) == [("sequence-flow-cross-scope", "f_out")]


def test_message_flows() -> None:
    first, second = simple("P1", "x"), simple("P2", "y")
    participants = (
        Participant(id="Pool1", name="Amt", process_ref="P1"),
        Participant(id="Pool2", name="Bürger", process_ref="P2"),
        Participant(id="Bank", name="Bank"),
    )

    def model(*flows: MessageFlow) -> Definitions:
        return definitions(first, second, participants=participants, message_flows=flows)

    fine = model(MessageFlow(id="m1", source="xa", target="ya"),
                 MessageFlow(id="m2", source="Bank", target="xa"),
                 MessageFlow(id="m3", source="Pool2", target="Pool1"))
    assert references(fine) == []
    same = model(MessageFlow(id="m1", source="xa", target="xe"),
                 MessageFlow(id="m2", source="Pool1", target="xa"))
    assert rules(same) == [("message-flow-same-pool", "m1"), ("message-flow-same-pool", "m2")]
    dangling = model(MessageFlow(id="m1", source="xa", target="nobody"))
    assert rules(dangling) == [("ref-dangling", "m1")]


def test_disabled_reference_rule_is_silent() -> None:
    builder = simple().flow("a", "nowhere", "f_bad")
    assert references(definitions(builder), disabled={"ref-dangling"}) == []


def test_event_definition_and_message_flow_refs() -> None:
    from rules_builder import definition

    def model(ref: str, *globals_: GlobalElement, message_ref: str | None = None) -> Definitions:
        first = ProcessBuilder("P1").start("s", "Antrag", event_definitions=(
            definition("message", ref=ref),)).task("a").end("e").chain("s", "a", "e")
        second = simple("P2", "y")
        return definitions(first, second, global_elements=globals_, participants=(
            Participant(id="Pool1", name="Amt", process_ref="P1"),
            Participant(id="Pool2", name="Bürger", process_ref="P2"),
        ), message_flows=(MessageFlow(id="m1", source="ya", target="s",
                                      message_ref=message_ref),))

    message = GlobalElement(id="M1", name="Antrag", kind="message")
    assert references(model("M1", message, message_ref="M1")) == []
    assert references(model("tns:M1", message, message_ref="M1")) == []
    assert rules(model("M9", message)) == [("ref-dangling", "s")]
    assert rules(model("M1", message, message_ref="M9")) == [("ref-dangling", "m1")]
    signal = GlobalElement(id="S1", name="Alarm", kind="signal")
    assert rules(model("S1", signal)) == [("ref-wrong-type", "s")]


def _message_tasks(ref: str | None, *globals_: GlobalElement) -> Definitions:
    builder = ProcessBuilder().start("s", "Antrag da").add(
        "send", "t", "Bescheid senden", message_ref=ref).end("e", "Versandt")
    return definitions(builder.chain("s", "t", "e"), global_elements=globals_)


def test_message_ref_of_send_and_receive_tasks() -> None:
    message = GlobalElement(id="M1", name="Bescheid", kind="message")
    assert references(_message_tasks("M1", message)) == []
    assert references(_message_tasks("tns:M1", message)) == []
    dangling = references(_message_tasks("M9", message))
    assert [(f.rule, f.element_id) for f in dangling] == [("ref-dangling", "t")]
    assert dangling[0].message_de.startswith(
        "Die Sendeaufgabe „Bescheid senden“ verweist auf die Nachricht „M9“")
    signal = GlobalElement(id="S1", name="Alarm", kind="signal")
    assert rules(_message_tasks("S1", signal)) == [("ref-wrong-type", "t")]


def test_message_used_only_by_a_task_is_used() -> None:
    message = GlobalElement(id="M1", name="Bescheid", kind="message")
    other = GlobalElement(id="M2", name="Rückfrage", kind="message")
    findings = [f for f in validate_model(_message_tasks("M1", message, other))
                if f.rule == "global"]
    # M1 is sent by the task; M2 is used by nothing, even though a send task exists
    assert [f.element_id for f in findings] == ["M2"]
    assert findings[0].message_de == (
        "Die Nachricht „Rückfrage“ wird nirgends verwendet. Verwenden oder löschen.")
