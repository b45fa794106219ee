"""``procmodel check`` and ``procmodel info`` through the real command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from procmodel.cli import main

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"

GOOD = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="{MODEL}" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  id="defs" targetNamespace="http://example.org">
  <bpmn:process id="p" name="Antrag" isExecutable="false">
    <bpmn:startEvent id="start" name="Antrag eingegangen"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
    <bpmn:task id="task" name="Antrag prüfen"/>
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end"/>
    <bpmn:endEvent id="end" name="Antrag geprüft"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="dia">
    <bpmndi:BPMNPlane id="plane" bpmnElement="p">
      <bpmndi:BPMNShape id="s_start" bpmnElement="start">
        <dc:Bounds x="100" y="100" width="36" height="36"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_task" bpmnElement="task">
        <dc:Bounds x="200" y="78" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="s_end" bpmnElement="end">
        <dc:Bounds x="350" y="100" width="36" height="36"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="e1" bpmnElement="f1">
        <di:waypoint x="136" y="118"/>
        <di:waypoint x="200" y="118"/>
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="e2" bpmnElement="f2">
        <di:waypoint x="300" y="118"/>
        <di:waypoint x="350" y="118"/>
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""

DUPLICATE = GOOD.replace('id="task"', 'id="start"').replace('targetRef="task"', 'targetRef="start"')


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "good": tmp_path / "gut.bpmn",
        "bad": tmp_path / "doppelt.bpmn",
        "broken": tmp_path / "kaputt.bpmn",
    }
    paths["good"].write_text(GOOD, encoding="utf-8")
    paths["bad"].write_text(DUPLICATE, encoding="utf-8")
    paths["broken"].write_text("<definitions><oops></definitions>", encoding="utf-8")
    return paths


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_clean_file_exits_zero(capsys, files, monkeypatch):
    monkeypatch.setenv("PROCMODEL_DISABLED_RULES", "")
    code, out, _ = run(capsys, "check", str(files["good"]), "--disable", "label-required")
    assert code == 0, out
    assert f"{files['good']}: in Ordnung" in out


def test_errors_exit_one_with_german_and_english_messages(capsys, files):
    code, out, _ = run(capsys, "check", str(files["bad"]))
    assert code == 1
    assert "duplicate-id" in out and "Fehler" in out and "schon in Zeile" in out
    assert f"{files['bad']}:8" in out  # the line of the second "start"
    code, out, _ = run(capsys, "check", "--lang", "en", str(files["bad"]))
    assert code == 1
    assert "already used on line" in out and "error" in out


def test_the_worst_file_decides_the_exit_code(capsys, files):
    code, out, _ = run(capsys, "check", str(files["good"]), str(files["bad"]),
                       "--disable", "label-required")
    assert code == 1
    code, out, _ = run(capsys, "check", str(files["good"]), str(files["broken"]),
                       str(files["bad"]))
    assert code == 2
    # every file is still reported, grouped per file
    assert out.index(str(files["good"])) < out.index(str(files["broken"])) < out.index(
        str(files["bad"]))
    assert "nicht lesbar" in out and "xml-malformed" in out


def test_json_output(capsys, files):
    code, out, _ = run(capsys, "check", "--format", "json", str(files["bad"]), str(files["broken"]))
    assert code == 2
    data = json.loads(out)
    assert data["exit_code"] == 2
    bad, broken = data["files"]
    assert bad["status"] == "errors" and bad["errors"] >= 1
    dup = next(f for f in bad["findings"] if f["rule"] == "duplicate-id")
    assert dup["line"] == 8 and dup["element_id"] == "start" and dup["severity"] == "error"
    assert dup["message_de"] and dup["message_en"]
    assert broken["status"] == "unreadable"
    assert broken["findings"][0]["rule"] == "xml-malformed"


def test_disable_option_and_setting_switch_rules_off(capsys, files, monkeypatch):
    _code, out, _ = run(capsys, "check", "--format", "json", "--disable", "duplicate-id,schema",
                       str(files["bad"]))
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert "duplicate-id" not in rules and "schema" not in rules
    monkeypatch.setenv("PROCMODEL_DISABLED_RULES", "duplicate-id, schema")
    _code, out, _ = run(capsys, "check", "--format", "json", str(files["bad"]))
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert "duplicate-id" not in rules and "schema" not in rules


def test_size_limit_setting_applies(capsys, files, monkeypatch):
    monkeypatch.setenv("PROCMODEL_MAX_UPLOAD_BYTES", "100")
    code, out, _ = run(capsys, "check", str(files["good"]))
    assert code == 2 and "too-large" in out


def test_a_folder_stands_for_its_bpmn_files(capsys, files, tmp_path):
    sub = tmp_path / "unterordner"
    sub.mkdir()
    (sub / "noch-einer.bpmn").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notiz.txt").write_text("kein BPMN", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(tmp_path))
    assert code == 2  # kaputt.bpmn is among them
    checked = [f["file"] for f in json.loads(out)["files"]]
    assert checked == sorted(checked) and len(checked) == 4
    assert str(sub / "noch-einer.bpmn") in checked
    empty = tmp_path / "leer"
    empty.mkdir()
    code, _, err = run(capsys, "check", str(empty))
    assert code == 2 and "keine .bpmn-Datei" in err


def test_missing_argument_is_misuse(capsys):
    code, _, _err = run(capsys, "check")
    assert code == 2


def test_info_json_counts_processes_and_diagrams(capsys, shared_dir):
    path = shared_dir / "corpora" / "miwg" / "reference" / "C.4.0.bpmn"
    code, out, _ = run(capsys, "info", "--format", "json", str(path))
    assert code == 0
    data = json.loads(out)
    assert data["counts"]["definitions"] == 1
    assert data["counts"]["process"] == len(data["processes"]) == 4
    assert len(data["diagrams"]) == 4 and all(d["id"] for d in data["diagrams"])
    assert data["participants"] and all("process_ref" in p for p in data["participants"])
    code, out, _ = run(capsys, "info", str(path))
    assert code == 0 and "Diagramme / diagrams: 4" in out


def test_info_on_a_broken_file_exits_two(capsys, files):
    code, _, err = run(capsys, "info", str(files["broken"]))
    assert code == 2
    assert "kein wohlgeformtes XML" in err


def test_installed_console_script(files):
    script = shutil.which("procmodel", path=str(Path(sys.executable).parent))
    assert script, "the console script procmodel is not installed in this environment"
    done = subprocess.run([script, "check", "--format", "json", str(files["bad"])],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["files"][0]["status"] == "errors"


def test_unknown_rule_ids_are_refused_with_a_hint(capsys, files, monkeypatch):
    code, out, err = run(capsys, "check", "--disable", "fake_join,nonsense-rule",
                         str(files["good"]))
    assert code == 2 and not out
    assert "--disable: Unbekannte Regeln" in err
    assert "„fake_join“ (gemeint ist wohl „fake-join“)" in err and "„nonsense-rule“" in err
    assert "label-required" in err  # the known ids are listed
    monkeypatch.setenv("PROCMODEL_DISABLED_RULES", "schema, labelrequired")
    code, _out, err = run(capsys, "check", str(files["good"]))
    assert code == 2 and "Einstellung DISABLED_RULES" in err and "labelrequired" in err
    assert "„labelrequired“ (gemeint ist wohl „label-required“)" in err


def test_english_output_uses_english_quotes_in_the_element_column(capsys, files):
    _code, out, _ = run(capsys, "check", "--lang", "en", str(files["bad"]))
    assert "[start \u201cAntrag pr\u00fcfen\u201d]" in out
    assert "\u201e" not in out


def test_info_json_on_an_unreadable_file_prints_json(capsys, files):
    code, out, _err = run(capsys, "info", "--format", "json", str(files["broken"]))
    assert code == 2
    data = json.loads(out)
    assert data["status"] == "unreadable" and data["file"] == str(files["broken"])
    assert data["finding"]["rule"] == "xml-malformed" and data["finding"]["line"]
    assert "kein wohlgeformtes XML" in data["finding"]["message_de"]
