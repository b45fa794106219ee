"""Modelling-convention rules (bpmnlint's recommended set): one failing and one passing
model per rule, built directly as neutral models."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from rules_builder import ProcessBuilder, definition, definitions, layout

from bpmn.rules import RULES, validate_model
from procmodel.model import (
    Bounds,
    Definitions,
    Diagram,
    GlobalElement,
    Lane,
    Participant,
    Shape,
)


def simple(extra: Callable[[ProcessBuilder], object] | None = None) -> ProcessBuilder:
    builder = ProcessBuilder().start("s").task("a").end("e").chain("s", "a", "e")
    if extra:
        extra(builder)
    return builder


def rules_of(model: Definitions) -> set[str]:
    return {f.rule for f in validate_model(model)}


def _fork(kind: str, *, conditions: tuple[str | None, ...] = (None, None),
          default: int | None = None, label: str | None = "Prüfen?") -> ProcessBuilder:
    builder = ProcessBuilder().start("s").add(kind, "g", label).task("a").task("b")
    builder.xor("j", None).end("e").flow("s", "g")
    for target, condition in zip(("a", "b"), conditions, strict=True):
        builder.flow("g", target, condition=condition, name=condition)
    if default is not None:
        flow_id = builder.flows[1 + default].id
        builder.nodes[1] = replace(builder.nodes[1], default_flow=flow_id)
    return builder.chain("a", "j").chain("b", "j").chain("j", "e")


def _sub(start_definitions: tuple = (), event_sub: bool = False, kind: str = "sub",
         inner_start: bool = True, inner_end: bool = True) -> ProcessBuilder:
    builder = ProcessBuilder().start("s").add(kind, "sp", "Teilprozess",
                                              triggered_by_event=event_sub).end("e")
    if not event_sub:
        builder.chain("s", "sp", "e")
    else:
        builder.task("a").chain("s", "a", "e")
    nodes = []
    if inner_start:
        builder.add("start", "is", "Innen Start", parent_id="sp",
                    event_definitions=start_definitions)
        nodes.append("is")
    builder.add("task", "it", "Innen", parent_id="sp")
    nodes.append("it")
    if inner_end:
        builder.add("end", "ie", "Innen Ende", parent_id="sp")
        nodes.append("ie")
    return builder.chain(*nodes)


def _link(throw_name: str | None, catch_name: str | None) -> ProcessBuilder:
    builder = ProcessBuilder().start("s").task("a")
    builder.add("throw", "lt", "Weiter", event_definitions=(definition("link", throw_name),))
    builder.add("catch", "lc", "Weiter", event_definitions=(definition("link", catch_name),))
    return builder.task("b").end("e").chain("s", "a", "lt").chain("lc", "b", "e")


def _overlapping(overlap: bool) -> Definitions:
    model = definitions(simple())
    diagram = layout(model)
    shapes = list(diagram.shapes)
    if overlap:
        shapes[1] = replace(shapes[1], bounds=Bounds(shapes[0].bounds.x + 10, 10, 100, 80))
    return replace(model, diagrams=(Diagram(id="Diagram", shapes=tuple(shapes),
                                            edges=diagram.edges),))


def _termination(only_end: bool) -> ProcessBuilder:
    builder = ProcessBuilder().start("s").task("a")
    builder.end("t", "Abbruch", event_definitions=(definition("terminate"),))
    if only_end:
        return builder.chain("s", "a", "t")
    builder.xor("g", "Abbrechen?").end("e")
    builder.chain("s", "a", "g").flow("g", "t", condition="ja", name="ja")
    return builder.flow("g", "e", condition="nein", name="nein")


def _global(name: str | None, used: bool) -> Definitions:
    builder = ProcessBuilder().start(
        "s", "Antrag", event_definitions=(definition("message", ref="M1" if used else None),)
    ).task("a").end("e").chain("s", "a", "e")
    return definitions(builder, global_elements=(GlobalElement(id="M1", name=name,
                                                               kind="message"),))


def _pool(name: str | None) -> Definitions:
    builder = simple()
    builder.lanes.append(Lane(id="L1", name="Sachbearbeitung", process_id="P",
                              flow_node_refs=("s", "a", "e")))
    return definitions(builder, participants=(Participant(id="Pool", name=name, process_ref="P"),))


def _no_di(missing: bool) -> Definitions:
    model = definitions(simple())
    if not missing:
        return model
    diagram = layout(model)
    return replace(model, diagrams=(replace(diagram, shapes=diagram.shapes[1:]),))


def _ad_hoc(with_start: bool) -> ProcessBuilder:
    builder = ProcessBuilder().start("s").add("adhoc", "ah", "Ad hoc").end("e").chain(
        "s", "ah", "e")
    builder.add("task", "x", "Frei 1", parent_id="ah").add("task", "y", "Frei 2", parent_id="ah")
    if with_start:
        builder.add("start", "as", "Start", parent_id="ah").chain("as", "x")
    return builder


# rule id -> (failing model, passing model)
CASES: dict[str, tuple[Callable[[], Definitions], Callable[[], Definitions]]] = {
    "label-required": (
        lambda: definitions(ProcessBuilder().start("s").task("a", None).end("e").chain(
            "s", "a", "e")),
        lambda: definitions(simple()),
    ),
    "no-disconnected": (
        lambda: definitions(simple(lambda b: b.task("lonely"))),
        lambda: definitions(simple()),
    ),
    "start-event-required": (
        lambda: definitions(ProcessBuilder().task("a").end("e").chain("a", "e")),
        lambda: definitions(simple()),
    ),
    "end-event-required": (
        lambda: definitions(ProcessBuilder().start("s").task("a").chain("s", "a")),
        lambda: definitions(simple()),
    ),
    "no-implicit-start": (
        lambda: definitions(simple(lambda b: b.task("b").flow("b", "e"))),
        lambda: definitions(simple()),
    ),
    "no-implicit-end": (
        lambda: definitions(simple(lambda b: b.task("b").flow("s", "b", condition="x",
                                                              name="x"))),
        lambda: definitions(simple()),
    ),
    "single-blank-start-event": (
        lambda: definitions(simple(lambda b: b.start("s2").flow("s2", "a"))),
        lambda: definitions(simple(lambda b: b.start(
            "s2", event_definitions=(definition("timer"),)).flow("s2", "a"))),
    ),
    "no-implicit-split": (
        lambda: definitions(simple(lambda b: b.task("b").end("e2").chain("a", "b", "e2"))),
        lambda: definitions(simple()),
    ),
    "fake-join": (
        lambda: definitions(simple(lambda b: b.start("s2", "Zweiter Start", event_definitions=(
            definition("timer"),)).flow("s2", "a"))),
        lambda: definitions(simple()),
    ),
    "superfluous-gateway": (
        lambda: definitions(ProcessBuilder().start("s").xor("g", "G").task("a").end("e").chain(
            "s", "g", "a", "e")),
        lambda: definitions(_fork("xor", conditions=("ja", "nein"))),
    ),
    "no-gateway-join-fork": (
        lambda: definitions(_join_fork()),
        lambda: definitions(_fork("and", label=None)),
    ),
    "no-duplicate-sequence-flows": (
        lambda: definitions(simple(lambda b: b.flow("s", "a", "dup"))),
        lambda: definitions(simple()),
    ),
    "conditional-flows": (
        lambda: definitions(_fork("xor", conditions=("ja", None))),
        lambda: definitions(_fork("xor", conditions=("ja", None), default=1)),
    ),
    "event-based-gateway": (
        lambda: definitions(_fork("ebg", conditions=("ja", None), label=None)),
        lambda: definitions(_event_gateway()),
    ),
    "link-event": (
        lambda: definitions(_link("weiter", "anders")),
        lambda: definitions(_link("weiter", "weiter")),
    ),
    "sub-process-blank-start-event": (
        lambda: definitions(_sub(start_definitions=(definition("message"),))),
        lambda: definitions(_sub()),
    ),
    "event-sub-process-typed-start-event": (
        lambda: definitions(_sub(event_sub=True)),
        lambda: definitions(_sub(event_sub=True, start_definitions=(definition("error"),))),
    ),
    "no-complex-gateway": (
        lambda: definitions(_fork("complex", conditions=("a", "b"))),
        lambda: definitions(_fork("xor", conditions=("a", "b"))),
    ),
    "no-inclusive-gateway": (
        lambda: definitions(_fork("or", conditions=("a", "b"))),
        lambda: definitions(_fork("xor", conditions=("a", "b"))),
    ),
    "single-event-definition": (
        lambda: definitions(simple(lambda b: b.nodes.__setitem__(0, replace(
            b.nodes[0], event_definitions=(definition("timer"), definition("message")))))),
        lambda: definitions(simple()),
    ),
    "superfluous-termination": (
        lambda: definitions(_termination(only_end=True)),
        lambda: definitions(_termination(only_end=False)),
    ),
    "superfluous-label": (
        lambda: definitions(ProcessBuilder().start("s").task("a").end("e").flow(
            "s", "a", name="weiter").flow("a", "e")),
        lambda: definitions(_fork("xor", conditions=("ja", "nein"))),
    ),
    "ad-hoc-sub-process": (
        lambda: definitions(_ad_hoc(with_start=True)),
        lambda: definitions(_ad_hoc(with_start=False)),
    ),
    "global": (
        lambda: _global("Antrag", used=False),
        lambda: _global("Antrag", used=True),
    ),
    "no-bpmndi": (
        lambda: _no_di(missing=True),
        lambda: _no_di(missing=False),
    ),
    "no-overlapping-elements": (
        lambda: _overlapping(True),
        lambda: _overlapping(False),
    ),
}


def _join_fork() -> ProcessBuilder:
    builder = ProcessBuilder().start("s").and_("split", None).task("a").task("b")
    builder.add("and", "g", None).task("c").task("d").and_("j", None).end("e")
    builder.chain("s", "split").flow("split", "a").flow("split", "b")
    builder.chain("a", "g").chain("b", "g").flow("g", "c").flow("g", "d")
    return builder.chain("c", "j").chain("d", "j").chain("j", "e")


def _event_gateway() -> ProcessBuilder:
    builder = ProcessBuilder().start("s").ebg("g", None)
    builder.add("catch", "m", "Antwort", event_definitions=(definition("message"),))
    builder.add("catch", "t", "Frist", event_definitions=(definition("timer"),))
    builder.xor("j", None).end("e")
    return builder.chain("s", "g").flow("g", "m").flow("g", "t").chain(
        "m", "j").chain("t", "j").chain("j", "e")


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fails_on_bad_model(rule: str) -> None:
    failing, _passing = CASES[rule]
    findings = [f for f in validate_model(failing()) if f.rule == rule]
    assert findings, f"{rule} should report the failing example"
    for finding in findings:
        assert finding.message_de and finding.message_en
        assert finding.severity is RULES[rule].severity
        assert finding.file == "test.bpmn"
        assert finding.element_id


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_passes_good_model(rule: str) -> None:
    _failing, passing = CASES[rule]
    assert rule not in rules_of(passing())


def test_every_convention_rule_has_an_example() -> None:
    conventions = {r.id for r in RULES.values() if r.group in ("conventions", "diagram")}
    assert conventions == set(CASES)


def test_clean_model_has_no_findings() -> None:
    assert validate_model(definitions(simple())) == []


def test_bpmnlint_recommended_ids_are_all_present() -> None:
    recommended = {
        "ad-hoc-sub-process", "conditional-flows", "end-event-required", "event-based-gateway",
        "event-sub-process-typed-start-event", "fake-join", "global", "label-required",
        "link-event", "no-bpmndi", "no-complex-gateway", "no-disconnected",
        "no-duplicate-sequence-flows", "no-gateway-join-fork", "no-implicit-split",
        "no-implicit-end", "no-implicit-start", "no-inclusive-gateway",
        "no-overlapping-elements", "single-blank-start-event", "single-event-definition",
        "start-event-required", "sub-process-blank-start-event", "superfluous-gateway",
        "superfluous-label", "superfluous-termination",
    }
    assert recommended <= set(RULES)


def test_label_required_ignores_joining_and_parallel_gateways() -> None:
    model = definitions(_fork("and", label=None))
    assert "label-required" not in rules_of(model)


def test_empty_collapsed_subprocess_needs_no_start_or_end() -> None:
    builder = ProcessBuilder().start("s").sub("sp", "Zuständigkeit prüfen").end("e").chain(
        "s", "sp", "e")
    assert not {"start-event-required", "end-event-required"} & rules_of(definitions(builder))


def test_subprocess_without_start_event_is_reported_on_the_subprocess() -> None:
    findings = validate_model(definitions(_sub(inner_start=False)))
    starts = [f for f in findings if f.rule == "start-event-required"]
    assert [f.element_id for f in starts] == ["sp"]
    assert "Teilprozess" in starts[0].message_de


def test_file_without_diagram_gets_a_single_no_bpmndi_finding() -> None:
    model = definitions(simple(), diagrams=())
    assert [f.rule for f in validate_model(model)].count("no-bpmndi") == 1


def test_pool_and_lane_labels() -> None:
    findings = validate_model(_pool(None))
    assert [f.element_id for f in findings if f.rule == "label-required"] == ["Pool"]
    assert "label-required" not in rules_of(_pool("Bürgeramt"))


def test_duplicate_message_names_are_reported() -> None:
    builder = ProcessBuilder().start("s", "Antrag", event_definitions=(
        definition("message", ref="M1"),)).xor("g", None).end("e")
    builder.add("start", "s2", "Antrag 2", event_definitions=(definition("message", ref="M2"),))
    builder.chain("s", "g", "e").chain("s2", "g")
    model = definitions(builder, global_elements=(
        GlobalElement(id="M1", name="Antrag", kind="message"),
        GlobalElement(id="M2", name="Antrag", kind="message"),
    ))
    messages = [f for f in validate_model(model) if f.rule == "global"]
    assert {f.element_id for f in messages} == {"M1", "M2"}


def test_boundary_event_may_overlap_its_host() -> None:
    builder = simple(lambda b: b.boundary("b", "Frist", attached_to="a", event_definitions=(
        definition("timer"),)).end("e2").chain("b", "e2"))
    model = definitions(builder)
    shapes = {s.element_id: s for s in model.diagrams[0].shapes}
    assert shapes["b"].bounds.x == shapes["a"].bounds.x
    assert "no-overlapping-elements" not in rules_of(model)
    outside = replace(model, diagrams=(replace(model.diagrams[0], shapes=(
        *model.diagrams[0].shapes,
        Shape(id="Pool_di", element_id="Pool", bounds=Bounds(0, 0, 10, 10)),
    )),), collaborations=definitions(simple(), participants=(
        Participant(id="Pool", name="Amt", process_ref="P"),)).collaborations)
    assert "no-overlapping-elements" in rules_of(outside)


def test_docs_describe_every_rule() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text("utf-8")
    missing = [rule for rule in RULES if f"`{rule}`" not in text]
    assert missing == []
    for rule in RULES.values():
        assert rule.description_de and rule.description_en


def test_shapes_in_different_diagrams_never_overlap() -> None:
    model = definitions(simple())
    diagram = layout(model)
    first = replace(diagram, id="D1", shapes=diagram.shapes[:1])
    second = replace(diagram, id="D2", shapes=(
        replace(diagram.shapes[1], bounds=diagram.shapes[0].bounds), *diagram.shapes[2:]))
    assert "no-overlapping-elements" not in rules_of(replace(model, diagrams=(first, second)))
    together = replace(second, shapes=(*first.shapes, *second.shapes))
    assert "no-overlapping-elements" in rules_of(replace(model, diagrams=(together,)))
