"""Pairwise matching of small models and the ``procmodel match`` command."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from procmodel.analysis import match_models
from procmodel.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from analysis_models import linear_model


def pairs(corrs) -> set[tuple[str, str]]:
    return {(c.source_label, c.target_label) for c in corrs}


def test_matches_variants_of_the_same_steps_one_to_one() -> None:
    a = linear_model("A", ["Antrag entgegennehmen", "Unterlagen auf Vollständigkeit prüfen",
                           "Bescheid erstellen", "Bescheid zustellen"])
    b = linear_model("B", ["Antrag empfangen", "Prüfung der Unterlagen auf Vollständigkeit",
                           "Gebühr berechnen", "Bescheid erstellen", "Versand des Bescheids"],
                     prefix="u")
    found = match_models(a, b)
    assert pairs(found) == {
        ("Antrag entgegennehmen", "Antrag empfangen"),
        ("Unterlagen auf Vollständigkeit prüfen", "Prüfung der Unterlagen auf Vollständigkeit"),
        ("Bescheid erstellen", "Bescheid erstellen"),
        ("Bescheid zustellen", "Versand des Bescheids"),
    }
    by_source = {c.source_label: c for c in found}
    reason = by_source["Bescheid zustellen"].reason
    assert reason.shared_objects and "Bescheid" in reason.shared_objects[0]
    # The reason quotes the labels' own words and names how they differ.
    assert reason.shared_action == "zustellen ≈ Versand (Substantivierung)"
    assert reason.text_en().startswith("same action: zustellen ≈ Versand (nominalisation)")
    check = by_source["Unterlagen auf Vollständigkeit prüfen"].reason
    assert check.shared_action == "prüfen ≈ Prüfung (Substantivierung)"
    assert "Vollständigkeit" in check.shared_objects
    assert all(c.kind == "1:1" for c in found)


def test_reasons_use_the_labels_words_and_name_the_relation() -> None:
    a = linear_model("A", ["Vollständigkeit prüfen", "Bescheid zustellen", "Antr. archivieren",
                           "Gebüher berechnen"])
    b = linear_model("B", ["Vollständigkeitsprüfung durchführen", "Bescheid versenden",
                           "Antrag archivieren", "Gebühr berechnen"], prefix="u")
    by_source = {c.source_label: c.reason for c in match_models(a, b)}
    texts = " | ".join(r.text() for r in by_source.values())
    # No folded or stemmed words ("prufung", "vollstandigkeit") reach the user.
    for internal in ("prufung", "vollstandigkeit", "gebuhr", "syn:"):
        assert internal not in texts
    assert by_source["Vollständigkeit prüfen"].text().startswith(
        "gleiche Handlung: prüfen ≈ Prüfung (Substantivierung); gleiches Objekt: Vollständigkeit")
    assert by_source["Bescheid zustellen"].shared_action == "zustellen ~ versenden (Synonym)"
    assert by_source["Antr. archivieren"].shared_objects == ("Antr. ≈ Antrag (Abkürzung)",)
    assert by_source["Gebüher berechnen"].shared_objects == ("Gebüher ≈ Gebühr (Tippfehler)",)
    kinds = {r.kind for reason in by_source.values() for r in reason.relations}
    assert {"nominalisation", "synonym", "abbreviation", "typo"} <= kinds


def test_different_work_on_the_same_object_is_not_matched() -> None:
    a = linear_model("A", ["Antrag prüfen"])
    b = linear_model("B", ["Antrag archivieren"], prefix="u")
    assert match_models(a, b) == []


def test_negated_step_is_not_matched_with_the_positive_one() -> None:
    a = linear_model("A", ["Take interview"])
    b = linear_model("B", ["Not take interview"], prefix="u")
    assert match_models(a, b) == []


def test_catching_event_matches_the_receiving_task() -> None:
    from procmodel.model import Definitions, FlowNode, NodeKind, Process

    event = FlowNode(id="e1", name="Rejected", kind=NodeKind.INTERMEDIATE_CATCH_EVENT,
                     process_id="p")
    a = Definitions(id="a", processes=(Process(id="p", flow_nodes=(event,)),))
    b = linear_model("B", ["Receive rejection"], prefix="u")
    found = match_models(a, b)
    assert [(c.source_id, c.target_id) for c in found] == [("e1", "u1")]


def test_one_to_many_when_the_fine_step_is_subsumed() -> None:
    a = linear_model("A", ["Bescheid erstellen und versenden"])
    b = linear_model("B", ["Bescheid erstellen", "Bescheid versenden"], prefix="u")
    found = match_models(a, b)
    assert {c.target_id for c in found} == {"u1", "u2"}
    assert {c.kind for c in found} == {"1:1", "1:n"}


def test_english_models_match_too() -> None:
    a = linear_model("A", ["Check application", "Send letter of acceptance"])
    b = linear_model("B", ["Verify application", "Send acceptance"], prefix="u")
    assert pairs(match_models(a, b)) == {("Check application", "Verify application"),
                                         ("Send letter of acceptance", "Send acceptance")}


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    from bpmn.writer import write_bpmn

    a = tmp_path / "a.bpmn"
    b = tmp_path / "b.bpmn"
    a.write_bytes(write_bpmn(linear_model("A", ["Antrag prüfen", "Bescheid zustellen"])))
    b.write_bytes(write_bpmn(linear_model("B", ["Prüfung des Antrags", "Bescheid versenden"],
                                          prefix="u")))
    return a, b


def test_cli_csv_has_the_contract_header(two_files, capsys) -> None:
    a, b = two_files
    assert main(["match", str(a), str(b), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "source_id,target_id,score"
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["source_id"], r["target_id"]) for r in rows} == {("t1", "u1"), ("t2", "u2")}
    assert all(0 < float(r["score"]) <= 1 for r in rows)


def test_cli_json_and_table(two_files, capsys) -> None:
    a, b = two_files
    assert main(["match", str(a), str(b), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["correspondences"][0]
    assert {"source_label", "target_label", "reason"} <= first.keys()
    assert first["reason"]["text"]
    assert main(["match", str(a), str(b)]) == 0
    assert "Bescheid versenden" in capsys.readouterr().out


def test_cli_unreadable_file_exits_2(tmp_path: Path, two_files, capsys) -> None:
    broken = tmp_path / "broken.bpmn"
    broken.write_text("<definitions", encoding="utf-8")
    assert main(["match", str(broken), str(two_files[1])]) == 2
    assert "broken.bpmn" in capsys.readouterr().err


def test_cli_error_is_german_first_and_names_the_path_once(tmp_path: Path, two_files,
                                                           capsys) -> None:
    text = tmp_path / "no-xml.txt"
    text.write_text("Das ist kein Modell.", encoding="utf-8")
    assert main(["match", str(two_files[0]), str(text)]) == 2
    err = capsys.readouterr().err
    assert err.count(str(text)) == 1
    assert "Zeile 1" in err and "keine XML" in err and "The file" not in err
    assert main(["match", "--lang", "en", str(two_files[0]), str(text)]) == 2
    err = capsys.readouterr().err
    assert err.count(str(text)) == 1 and "line 1" in err and "not an XML" in err


def test_cli_json_reason_in_german_and_english(two_files, capsys) -> None:
    a, b = two_files
    assert main(["match", str(a), str(b), "--format", "json"]) == 0
    reasons = {c["source_label"]: c["reason"] for c in
               json.loads(capsys.readouterr().out)["correspondences"]}
    check = reasons["Antrag prüfen"]
    assert check["text"].startswith("gleiche Handlung: prüfen ≈ Prüfung (Substantivierung)")
    assert check["text_en"].startswith("same action: prüfen ≈ Prüfung (nominalisation)")
    assert {"role": "action", "a": "prüfen", "b": "Prüfung",
            "kind": "nominalisation"} in check["relations"]


def test_cli_synonyms_file_joins_city_words(tmp_path: Path, capsys) -> None:
    from bpmn.writer import write_bpmn

    a = tmp_path / "a.bpmn"
    b = tmp_path / "b.bpmn"
    a.write_bytes(write_bpmn(linear_model("A", ["Knöllchen ausstellen"])))
    b.write_bytes(write_bpmn(linear_model("B", ["Verwarnungsgeld ausstellen"], prefix="u")))
    assert main(["match", str(a), str(b), "--format", "csv"]) == 0
    assert capsys.readouterr().out.strip() == "source_id,target_id,score"
    synonyms = tmp_path / "stadt.txt"
    synonyms.write_text("de: Verwarnungsgeld, Knöllchen, Strafzettel\n", encoding="utf-8")
    assert main(["match", str(a), str(b), "--format", "csv", "--synonyms", str(synonyms)]) == 0
    assert "t1,u1," in capsys.readouterr().out
    broken = tmp_path / "broken.txt"
    broken.write_text("~ gibtsnicht, auchnicht\n", encoding="utf-8")
    assert main(["match", str(a), str(b), "--synonyms", str(broken)]) == 2
    assert "broken.txt:1" in capsys.readouterr().err
