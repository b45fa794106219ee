"""The rule engine on real files: the MIWG reference models and the tools' exports
validate without crashing, and every finding is complete."""

from __future__ import annotations

from pathlib import Path

import pytest

import bpmn
from bpmn.rules import RULES, validate_model


def _check(findings: list, name: str) -> None:
    """Every rule-engine finding is complete (the reader's own findings are its business)."""
    for finding in findings:
        if finding.rule not in RULES:
            continue
        assert finding.message_de.strip() and finding.message_en.strip()
        assert finding.file and finding.file.endswith(name)
        assert finding.element_id


@pytest.mark.shared
def test_miwg_reference_models_validate(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpora" / "miwg" / "reference").glob("*.bpmn"))
    assert len(files) >= 20
    for path in files:
        result = bpmn.read(path)
        _check(list(result.findings), path.name)


@pytest.mark.shared
def test_miwg_reference_soundness_findings(shared_dir: Path) -> None:
    reference = shared_dir / "corpora" / "miwg" / "reference"
    # A.1.0 is a plain sequence: nothing behavioural to report
    simple = bpmn.read(reference / "A.1.0.bpmn")
    assert not [f for f in simple.findings if f.rule.startswith("soundness")]
    # B.2.0 joins an optional (non-interrupting, conditional) boundary path with a
    # parallel gateway: that join can wait forever
    full = bpmn.read(reference / "B.2.0.bpmn")
    names = {f.element_name for f in full.findings if f.rule == "soundness-deadlock"}
    assert "Parallel Gateway 2" in names


@pytest.mark.shared
def test_tool_exports_validate_without_crashing(shared_dir: Path) -> None:
    checked = 0
    for path in sorted((shared_dir / "corpora" / "miwg" / "tools").rglob("*.bpmn")):
        data = path.read_bytes()
        try:
            model = bpmn.parse(data, filename=path.name)
        except bpmn.UnreadableBpmn:
            continue  # the reader's tests cover rejected files
        _check(validate_model(model, filename=path.name, source=data), path.name)
        checked += 1
    assert checked > 100
