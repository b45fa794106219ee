"""The SpiffWorkflow load check for executable processes (rule ``spiffworkflow-load``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import bpmn
from bpmn.rules import validate_model
from bpmn.rules.executable import _parser_for
from procmodel.findings import Severity

SCRIPT_MARKER = Path("/tmp/procmodel-rules-script-ran")  # what executable_ok.bpmn's script writes


def load_findings(test_data: Path, name: str, **kwargs: object) -> list:
    path = test_data / "rules" / name
    result = bpmn.read(path, **kwargs)  # type: ignore[arg-type]
    return [f for f in result.findings if f.rule == "spiffworkflow-load"]


def test_loadable_executable_process_has_no_finding_and_runs_no_script(test_data: Path) -> None:
    SCRIPT_MARKER.unlink(missing_ok=True)
    assert load_findings(test_data, "executable_ok.bpmn") == []
    assert not SCRIPT_MARKER.exists(), "validation must never run a model's script"


def test_unloadable_executable_process_becomes_a_finding(test_data: Path) -> None:
    findings = load_findings(test_data, "executable_broken.bpmn")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.WARNING
    assert finding.element_id == "f3" and finding.line == 16
    assert finding.file and finding.file.endswith("executable_broken.bpmn")
    assert "SpiffWorkflow" in finding.message_de and "Antrag bearbeiten" in finding.message_de
    assert "without condition" in finding.message_en


def test_processes_not_marked_executable_are_not_loaded(test_data: Path) -> None:
    assert load_findings(test_data, "not_executable.bpmn") == []


def test_check_needs_the_source_and_can_be_disabled(test_data: Path) -> None:
    data = (test_data / "rules" / "executable_broken.bpmn").read_bytes()
    model = bpmn.parse(data)
    assert [f.rule for f in validate_model(model, source=data)].count("spiffworkflow-load") == 1
    assert "spiffworkflow-load" not in {f.rule for f in validate_model(model)}
    disabled = validate_model(model, source=data, disabled={"spiffworkflow-load"})
    assert "spiffworkflow-load" not in {f.rule for f in disabled}


@pytest.mark.parametrize("namespace,parser", [
    ("http://camunda.org/schema/1.0/bpmn", "CamundaParser"),
    ("http://spiffworkflow.org/bpmn/schema/1.0/core", "SpiffBpmnParser"),
    ("http://example.org/other", "BpmnParser"),
])
def test_parser_flavour_follows_the_extension_namespace(namespace: str, parser: str) -> None:
    root = etree.fromstring(
        f'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        f'xmlns:x="{namespace}"><process id="P"/></definitions>'.encode()
    )
    assert type(_parser_for(root)).__name__ == parser


def test_very_long_executable_chain_gets_a_clear_message() -> None:
    steps = 3_000  # SpiffWorkflow's parser recurses once per step
    parts = ['<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" '
             'targetNamespace="http://example.org"><process id="P" name="Lang" '
             'isExecutable="true"><startEvent id="StartEvent_1"/>']
    previous = "StartEvent_1"
    for index in range(steps):
        parts.append(f'<sequenceFlow id="f{index}" sourceRef="{previous}" '
                     f'targetRef="T{index}"/><task id="T{index}" name="Schritt {index}"/>')
        previous = f"T{index}"
    parts.append(f'<sequenceFlow id="fe" sourceRef="{previous}" targetRef="EndEvent_1"/>'
                 '<endEvent id="EndEvent_1"/></process></definitions>')
    data = "".join(parts).encode()
    findings = [f for f in validate_model(bpmn.parse(data), source=data)
                if f.rule == "spiffworkflow-load"]
    assert len(findings) == 1
    assert "Rekursionsgrenze" in findings[0].message_de
    assert "recursion limit" in findings[0].message_en
    assert findings[0].element_id == "P"
