"""Finding messages read as short sentences for analysts: elements named by their
label (ids only for unnamed elements), each name once, long lists summarised, the fix
said; and rule ids in configuration are checked against every known rule."""

from __future__ import annotations

import re
from pathlib import Path

from rules_builder import ProcessBuilder, definition, definitions

import bpmn
from bpmn.rules import (
    RULES,
    closest_rule_id,
    known_rule_ids,
    unknown_rule_ids,
    unknown_rules_message,
    validate_model,
)
from bpmn.rules.context import Reporter, describe_all
from bpmn.rules.executable import _finding
from procmodel.model import FlowNode, NodeKind, Process


def test_unknown_rule_ids_knows_the_readers_rules_too() -> None:
    assert set(bpmn.READER_RULES) <= known_rule_ids()
    assert set(RULES) <= known_rule_ids()
    assert unknown_rule_ids(["schema", "duplicate-id", "xml-namespace-uri", "label-required",
                             " fake-join ", ""]) == []
    assert unknown_rule_ids(["lable-required", "label-required", "nope", "nope"]) == [
        "lable-required", "nope"]


def test_closest_rule_id_suggests_a_spelling() -> None:
    assert closest_rule_id("lable-required") == "label-required"
    assert closest_rule_id("Fake-Join") == "fake-join"
    assert closest_rule_id("fake_join") == "fake-join"
    assert closest_rule_id("no-implicit-join") == "fake-join"  # bpmnlint has no such rule
    assert closest_rule_id("completely-different-words") is None


def test_unknown_rules_message_names_each_unknown_id_with_a_suggestion() -> None:
    assert unknown_rules_message(["schema", "fake-join"]) is None
    de, en = unknown_rules_message(["fake_join", "nonsense-rule", "label-required"]) or ("", "")
    assert de == ("Unbekannte Regeln „fake_join“ (gemeint ist wohl „fake-join“), "
                  "„nonsense-rule“. Die Regel-IDs stehen in docs/rules.md.")
    assert en == ("Unknown rules “fake_join” (did you mean “fake-join”?), “nonsense-rule”. "
                  "The rule ids are listed in docs/rules.md.")


def _node(node_id: str, name: str | None) -> FlowNode:
    return FlowNode(id=node_id, name=name, kind=NodeKind.TASK)


def test_lists_name_each_element_once_and_count_the_rest() -> None:
    nodes = [_node("a", "Antrag prüfen"), _node("a2", "Antrag prüfen"), _node("b", "Bescheid"),
             _node("c", None), _node("d", "D"), _node("e", "E"), _node("f", "F")]
    assert describe_all(nodes, "de") == "„Antrag prüfen“, „Bescheid“, c und 3 weitere"
    assert describe_all(nodes, "en") == "„Antrag prüfen“, „Bescheid“, c and 3 more"
    assert describe_all(nodes[:4], "de") == "„Antrag prüfen“, „Bescheid“ und c"
    # one more name is shorter than "und 1 weitere"
    assert describe_all(nodes[:5], "de") == "„Antrag prüfen“, „Bescheid“, c und „D“"
    assert describe_all(nodes[:1], "de") == "„Antrag prüfen“"


def test_unnamed_element_is_named_by_its_id_with_a_proper_subject() -> None:
    builder = ProcessBuilder().start("s").add("throw", "t1", None).end("e").chain("s", "t1", "e")
    finding = next(f for f in validate_model(definitions(builder)) if f.rule == "label-required")
    assert finding.message_de.startswith("Das werfende Zwischenereignis t1 hat keine "
                                         "Beschriftung.")
    assert finding.message_en.startswith("The intermediate throw event t1 has no label.")


def test_many_blank_start_events_are_summarised() -> None:
    builder = ProcessBuilder().task("a").end("e").chain("a", "e")
    for i in range(6):
        builder.start(f"s{i}", f"Eingang {i}").chain(f"s{i}", "a")
    finding = next(f for f in validate_model(definitions(builder))
                   if f.rule == "single-blank-start-event")
    assert "6 Startereignisse ohne Auslöser" in finding.message_de
    assert "„Eingang 0“, „Eingang 1“, „Eingang 2“ und 3 weitere" in finding.message_de
    assert "“Eingang 0”, “Eingang 1”, “Eingang 2” and 3 more" in finding.message_en
    assert "Nur eines behalten" in finding.message_de  # says how to fix it


def test_missing_link_partner_is_named_by_link_name_and_scope() -> None:
    builder = ProcessBuilder().start("s").add(
        "throw", "lt", "Weiter", event_definitions=(definition("link", detail="A\n  weiter"),))
    builder.chain("s", "lt")
    finding = next(f for f in validate_model(definitions(builder)) if f.rule == "link-event")
    assert finding.message_de == (
        "Zum Link-Ereignis „Weiter“ fehlt das fangende Link-Ereignis mit dem Link-Namen "
        "„A weiter“ im Prozess „Prozess“. Es dort ergänzen.")
    assert finding.message_en == (
        "The link catch event with link name “A weiter” for “Weiter” is missing in the "
        "process “Prozess”. Add it there.")


def test_spiffworkflow_detail_loses_memory_addresses() -> None:
    process = Process(id="P", name="Antrag", is_executable=True)
    report = Reporter("x.bpmn")
    exc = ValueError("Cannot resolve dataInputAssociation <Element "
                     "{http://www.omg.org/spec/BPMN/20100524/MODEL}sourceRef at 0x7f51a50ab040>")
    _finding(definitions(ProcessBuilder()), process, exc, report)
    message = report.findings[0].message_de
    assert "0x7f" not in message and "<sourceRef>" in message
    assert "isExecutable" in message  # and says what to do


def test_unknown_vendor_extension_is_named() -> None:
    process = Process(id="P", name="Antrag", is_executable=True)
    report = Reporter("x.bpmn")
    exc = KeyError("{http://camunda.org/schema/1.0/bpmn}decisionRef")
    _finding(definitions(ProcessBuilder()), process, exc, report)
    assert "Erweiterung „decisionRef“" in report.findings[0].message_de
    assert "KeyError" not in report.findings[0].message_de


REFERENCE = "corpora/miwg/reference"


def test_messages_never_repeat_ids_of_named_elements(shared_dir: Path) -> None:
    """On the MIWG reference models: a named element is called by its label; its id
    stays in the finding's element column."""
    checked = 0
    for path in sorted((shared_dir / REFERENCE).glob("*.bpmn")):
        checked += _check_ids_not_in_prose(bpmn.read(path))
    assert checked > 50, "the reference models have findings of the rule engine"


def _check_ids_not_in_prose(result: bpmn.ReadResult) -> int:
    named_ids = [element_id for element_id, element in result.model.elements_by_id.items()
                 if (getattr(element, "name", None) or "").strip() and len(element_id) > 3]
    own = [f for f in result.findings if f.rule in RULES]
    for finding in own:
        for text in (finding.message_de, finding.message_en):
            leaked = [i for i in named_ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])",
                                                        text)]
            assert not leaked, (finding.rule, text)
            assert len(text) < 420, text
        assert "„" not in finding.message_en  # English quotes in English
    return len(own)


def test_b20_deadlock_is_one_sentence_naming_join_and_cause(shared_dir: Path) -> None:
    result = bpmn.read(shared_dir / REFERENCE / "B.2.0.bpmn")
    deadlocks = [f for f in result.findings if f.rule == "soundness-deadlock"]
    assert {f.element_name for f in deadlocks} == {"Parallel Gateway 2", "Parallel Gateway 7"}
    for finding in deadlocks:
        first_sentence = finding.message_de.split(". ")[0]
        names = re.findall("„([^“]+)“", first_sentence)
        assert names[0] == finding.element_name
        assert len(names) == len(set(names)) >= 2  # the join and what makes it wait, once each
        assert "zusammenführen" in finding.message_de  # the fix
