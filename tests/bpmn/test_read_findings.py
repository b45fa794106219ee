"""``bpmn.read``: schema findings (every error, with lines), duplicate ids, H2's rules."""

from __future__ import annotations

from pathlib import Path

import bpmn
from bpmn.schema import bpmn_schema, schema_path

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"

THREE_SCHEMA_ERRORS = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="{MODEL}" id="d" targetNamespace="t">
  <process id="p" isExecutable="vielleicht">
    <task id="t1" name="Prüfen"/>
    <sequenceFlow id="f1" sourceRef="t1"/>
    <unknownThing id="u1"/>
  </process>
</definitions>
"""


def test_the_schema_comes_from_spiffworkflow_and_is_compiled_once():
    assert "SpiffWorkflow" in str(schema_path())
    assert schema_path().name == "BPMN20.xsd"
    assert bpmn_schema() is bpmn_schema()


def test_every_schema_error_is_reported_with_its_line():
    result = bpmn.read(THREE_SCHEMA_ERRORS.encode(), filename="drei.bpmn")
    schema = [f for f in result.findings if f.rule == "schema"]
    assert [f.line for f in schema] == [3, 5, 6]
    assert "isExecutable" in schema[0].message_en and schema[0].element_id == "p"
    assert "targetRef" in schema[1].message_en and schema[1].element_id == "f1"
    assert "bpmn:unknownThing" in schema[2].message_en
    assert all(f.file == "drei.bpmn" and "Schema-Meldung: Element" in f.message_de
               for f in schema)
    assert result.has_errors


def test_schema_check_can_be_switched_off():
    result = bpmn.read(THREE_SCHEMA_ERRORS.encode(), schema=False)
    assert not any(f.rule == "schema" for f in result.findings)
    result = bpmn.read(THREE_SCHEMA_ERRORS.encode(), disabled_rules=["schema"])
    assert not any(f.rule == "schema" for f in result.findings)


def test_duplicate_ids_are_reported_once_per_repeat():
    data = (
        f'<definitions xmlns="{MODEL}" id="d" targetNamespace="t"><process id="p">\n'
        '<task id="t" name="A"/>\n<task id="t" name="B"/>\n<task id="t" name="C"/>\n'
        "<extensionElements><x:y xmlns:x='urn:x' id='t'/></extensionElements>\n"
        "</process></definitions>"
    ).encode()
    result = bpmn.read(data)
    duplicates = [f for f in result.findings if f.rule == "duplicate-id"]
    assert [(f.line, f.element_name) for f in duplicates] == [(3, "B"), (4, "C")]
    assert all("Zeile 2" in f.message_de for f in duplicates)
    # the schema's own xs:ID complaint on the same lines is not repeated
    assert not any("xs:ID" in f.message_en for f in result.findings)
    without = bpmn.read(data, disabled_rules=["duplicate-id"]).findings
    assert all(f.rule != "duplicate-id" for f in without)


def test_read_runs_the_model_rules_and_honours_disabled_rules():
    data = (
        f'<definitions xmlns="{MODEL}" id="d" targetNamespace="t"><process id="p">'
        '<startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="x"/>'
        "</process></definitions>"
    ).encode()
    result = bpmn.read(data)
    rules = {f.rule for f in result.findings}
    assert "ref-dangling" in rules  # targetRef "x" does not exist
    assert "label-required" in rules
    fewer = bpmn.read(data, disabled_rules=["label-required", "ref-dangling"])
    assert not {"label-required", "ref-dangling"} & {f.rule for f in fewer.findings}


def test_findings_are_sorted_by_line_and_model_is_the_parsed_one(tmp_path: Path):
    path = tmp_path / "x.bpmn"
    path.write_text(THREE_SCHEMA_ERRORS, encoding="utf-8")
    result = bpmn.read(path)
    lines = [f.line for f in result.findings if f.line is not None]
    assert lines == sorted(lines)
    assert result.model == bpmn.parse(path)
    assert all(f.file == str(path) for f in result.findings)


def test_reader_rule_ids_are_described_and_distinct_from_the_rule_engine():
    from bpmn.rules import RULES

    assert {"schema", "duplicate-id", "xml-namespace-uri", "xml-entity", "not-bpmn"} <= set(
        bpmn.READER_RULES)
    assert not set(bpmn.READER_RULES) & set(RULES)
    for rule in bpmn.READER_RULES.values():
        assert rule.description("de") != rule.description("en")


def test_an_id_repeated_between_semantics_and_diagram_is_found_with_the_schema_on():
    # With the schema check on, the duplicate scan runs only when the schema complains;
    # a repeated id across the BPMN and BPMNDI namespaces must still be reported.
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="{MODEL}" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="t">
  <process id="p" isExecutable="false"><task id="t1" name="Prüfen"/></process>
  <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="p">
    <bpmndi:BPMNShape id="t1" bpmnElement="t1"><dc:Bounds x="1" y="2" width="3" height="4"/>
    </bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>"""
    for schema in (True, False):
        findings = bpmn.read(xml.encode(), schema=schema).findings
        assert [(f.rule, f.line) for f in findings if f.rule in ("duplicate-id", "schema")] == [
            ("duplicate-id", 6)]
