"""Every file of the shared tool corpora loads or is rejected with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

import bpmn

pytestmark = pytest.mark.shared

NOT_WELL_FORMED = {
    "GenMyModel 0.47/C.1.0-export.bpmn",
    "GenMyModel 0.47/C.1.0-roundtrip.bpmn",
    "GenMyModel 0.47/C.1.1-export.bpmn",
    "GenMyModel 0.47/C.1.1-roundtrip.bpmn",
}


def _corpus_files(shared_dir: Path) -> list[Path]:
    tools = sorted((shared_dir / "corpora" / "miwg" / "tools").rglob("*.bpmn"))
    moddle_root = shared_dir / "corpora" / "bpmn-moddle"
    moddle = sorted(
        p for p in moddle_root.rglob("*")
        if p.is_file() and p.suffix in {".bpmn", ".txt", ".png", ".xml"}
    )
    return tools + moddle


def test_every_corpus_file_loads_or_is_rejected_clearly(shared_dir):
    files = _corpus_files(shared_dir)
    assert len(files) > 800
    crashed: list[str] = []
    unclear: list[str] = []
    rejected: dict[str, str] = {}
    for path in files:
        try:
            result = bpmn.read(path)
        except bpmn.UnreadableBpmn as exc:
            finding = exc.finding
            rejected[str(path.relative_to(shared_dir / "corpora"))] = finding.rule
            if not (finding.rule and finding.message_de and finding.message_en
                    and finding.file == str(path) and finding.line):
                unclear.append(f"{path}: {exc!r}")
            continue
        except Exception as exc:  # the point is to report every crash
            crashed.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        for finding in result.findings:
            if not (finding.message_de and finding.message_en and finding.rule):
                unclear.append(f"{path}: {finding!r}")
    assert crashed == []
    assert unclear == []
    genmymodel = {k.removeprefix("miwg/tools/"): v for k, v in rejected.items()
                  if k.startswith("miwg/tools/GenMyModel")}
    assert genmymodel == dict.fromkeys(NOT_WELL_FORMED, "xml-encoding")
    # Tool exports are otherwise all readable, including IBM's namespace URIs with spaces.
    assert [k for k in rejected if k.startswith("miwg/") and "GenMyModel" not in k] == []
    assert rejected["bpmn-moddle/error/not-bpmn.bpmn"] == "not-bpmn"
    for name in ("no-xml.txt", "binary.png", "invalid-attributes.bpmn",
                 "xmlns-redeclaration.bpmn"):
        assert rejected[f"bpmn-moddle/error/{name}"] == "xml-malformed"


def test_ibm_namespace_uris_with_spaces_load_with_a_warning(shared_dir):
    folder = shared_dir / "corpora" / "miwg" / "tools" / "IBM Process Designer 8.0.1"
    for name in ("A.3.0-export.bpmn", "A.3.0-roundtrip.bpmn"):
        result = bpmn.read(folder / name, schema=False)
        assert result.model.processes
        assert any(f.rule == "xml-namespace-uri" and f.line == 2 for f in result.findings)


def test_genmymodel_rejection_names_the_encoding_problem_and_line(shared_dir):
    path = shared_dir / "corpora" / "miwg" / "tools" / "GenMyModel 0.47" / "C.1.0-export.bpmn"
    with pytest.raises(bpmn.UnreadableBpmn) as info:
        bpmn.parse(path)
    assert info.value.finding.line == 97
    assert "UTF-8" in info.value.finding.message_de
    assert "Latin-1" in str(info.value)


def test_duplicate_ids_and_unknown_elements_become_findings(shared_dir):
    folder = shared_dir / "corpora" / "bpmn-moddle" / "error"
    duplicates = bpmn.read(folder / "duplicate-ids.bpmn")
    found = [f for f in duplicates.findings if f.rule == "duplicate-id"]
    assert len(found) == 1 and found[0].element_id == "test" and found[0].line == 7
    assert duplicates.has_errors
    unknown = bpmn.read(folder / "unrecognized-child.bpmn")
    schema = [f for f in unknown.findings if f.rule == "schema"]
    assert schema and schema[0].line == 4 and "bpmn:unrecognized" in schema[0].message_en
