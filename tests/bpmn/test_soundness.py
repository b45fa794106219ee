"""Behavioural soundness: deadlock, lack of synchronisation, dead steps, option to
complete, the state limit — each with a failing and a passing model."""

from __future__ import annotations

import pytest
from rules_builder import ProcessBuilder, definition, definitions, sequential

from bpmn.rules import validate_model
from bpmn.rules.context import ModelGraph
from bpmn.rules.soundness import explore
from bpmn.rules.soundness_net import build_net
from procmodel.findings import Finding, Severity

SOUNDNESS = {"soundness-deadlock", "soundness-lack-of-synchronisation", "soundness-dead-step",
             "soundness-no-completion", "soundness-limit"}


def soundness(builder: ProcessBuilder, **kwargs: object) -> list[Finding]:
    findings = validate_model(definitions(builder), **kwargs)  # type: ignore[arg-type]
    return [f for f in findings if f.rule in SOUNDNESS]


def block(split: str, join: str, *, conditions: bool = True) -> ProcessBuilder:
    """start → split → (a | b) → join → c → end."""
    builder = ProcessBuilder().start("s").add(split, "split", "Welcher Fall?")
    builder.task("a").task("b").add(join, "join", None).task("c").end("e")
    builder.chain("s", "split")
    builder.flow("split", "a", condition="x" if conditions and split != "and" else None)
    builder.flow("split", "b", condition="y" if conditions and split != "and" else None)
    return builder.chain("a", "join").chain("b", "join").chain("join", "c", "e")


def by_rule(findings: list[Finding]) -> dict[str, list[str | None]]:
    result: dict[str, list[str | None]] = {}
    for finding in findings:
        result.setdefault(finding.rule, []).append(finding.element_id)
    return result


def test_exclusive_split_closed_by_parallel_join_deadlocks() -> None:
    findings = soundness(block("xor", "and"))
    rules = by_rule(findings)
    assert rules["soundness-deadlock"] == ["join"]
    assert rules["soundness-dead-step"] == ["c"]  # reached only through the stuck join
    deadlock = next(f for f in findings if f.rule == "soundness-deadlock")
    assert deadlock.severity is Severity.ERROR
    # one readable sentence naming the parallel join and the exclusive split, then the fix
    assert deadlock.message_de == (
        "Verklemmung: Das parallele Gateway join wartet auf alle eingehenden Zweige, wegen "
        "der Entscheidung an „Welcher Fall?“ kommen aber nicht in jedem Ablauf alle an. "
        "Die Zweige mit einem exklusiven Gateway zusammenführen.")
    assert deadlock.message_en == (
        "Deadlock: the parallel gateway join waits for all incoming branches, but because of "
        "the decision at “Welcher Fall?” not all of them arrive in every run. Join the "
        "branches with an exclusive gateway.")
    assert deadlock.line is not None


def test_deadlock_message_names_each_element_once_without_ids() -> None:
    """Many stuck cases and many branches: every name once, ids only in the element
    column, the rest counted."""
    builder = ProcessBuilder().start("s").xor("split", "Welche Unterlagen?")
    builder.and_("join", "Alles da").task("c", "Bescheid erstellen").end("e")
    builder.chain("s", "split")
    for i in range(6):
        builder.task(f"t{i}", f"Unterlage {i} prüfen")
        builder.flow("split", f"t{i}", condition=f"u{i}").chain(f"t{i}", "join")
    builder.chain("join", "c", "e")
    deadlock = next(f for f in soundness(builder) if f.rule == "soundness-deadlock")
    assert deadlock.element_id == "join" and deadlock.element_name == "Alles da"
    assert deadlock.message_de.count("„Welche Unterlagen?“") == 1
    assert deadlock.message_de.count("„Alles da“") == 1
    assert "(join)" not in deadlock.message_de and "split" not in deadlock.message_de
    assert len(deadlock.message_de) < 300


def test_deadlock_after_a_boundary_event_names_the_activity() -> None:
    builder = ProcessBuilder().start("s").and_("fork", None).task("a", "Antrag prüfen")
    builder.task("b", "Gebühr buchen").and_("join", None).end("e")
    builder.add("boundary", "timer", "Frist abgelaufen", attached_to="a",
                event_definitions=(definition("timer"),))
    builder.end("late", "Verfristet")
    builder.chain("s", "fork").chain("fork", "a", "join").chain("fork", "b", "join")
    builder.chain("join", "e").chain("timer", "late")
    deadlock = next(f for f in soundness(builder) if f.rule == "soundness-deadlock")
    assert "des Randereignisses an „Antrag prüfen“" in deadlock.message_de
    assert "boundary event on “Antrag prüfen”" in deadlock.message_en


def test_exclusive_block_is_sound() -> None:
    assert soundness(block("xor", "xor")) == []


def test_parallel_split_closed_by_exclusive_join_lacks_synchronisation() -> None:
    findings = soundness(block("and", "xor"))
    assert by_rule(findings) == {"soundness-lack-of-synchronisation": ["join"]}
    assert findings[0].message_de == (
        "Fehlende Synchronisation: Das exklusive Gateway join wird nach der Verzweigung bei "
        "„Welcher Fall?“ von mehreren gleichzeitig laufenden Zweigen erreicht und läuft daher "
        "mehrfach. Die Zweige davor mit einem parallelen Gateway zusammenführen.")


def test_parallel_block_is_sound() -> None:
    assert soundness(block("and", "and")) == []


def test_inclusive_split_and_join_are_sound() -> None:
    assert soundness(block("or", "or")) == []


def test_inclusive_split_closed_by_parallel_join_deadlocks() -> None:
    assert by_rule(soundness(block("or", "and")))["soundness-deadlock"] == ["join"]


def test_inclusive_join_waits_for_tokens_still_upstream() -> None:
    # a parallel split feeding an OR-join, one branch longer: the OR-join must wait
    builder = ProcessBuilder().start("s").and_("split", None).task("a").task("b1").task("b2")
    builder.or_("join", None).end("e")
    builder.chain("s", "split").flow("split", "a").flow("split", "b1")
    builder.chain("a", "join").chain("b1", "b2", "join").chain("join", "e")
    assert soundness(builder) == []


def test_event_based_gateway_is_an_exclusive_choice() -> None:
    builder = ProcessBuilder().start("s").ebg("g", None)
    builder.add("catch", "m", "Antwort", event_definitions=(definition("message"),))
    builder.add("catch", "t", "Frist", event_definitions=(definition("timer"),))
    builder.and_("join", None).end("e")
    builder.chain("s", "g").flow("g", "m").flow("g", "t").chain("m", "join").chain("t", "join")
    builder.chain("join", "e")
    assert by_rule(soundness(builder))["soundness-deadlock"] == ["join"]


def test_loop_without_exit_cannot_complete() -> None:
    builder = ProcessBuilder().start("s").xor("m", None).task("a").xor("g", "Nochmal?")
    builder.task("b").task("c")
    builder.chain("s", "m", "a", "g").flow("g", "b", condition="x").flow("g", "c", condition="y")
    builder.chain("b", "m").chain("c", "m")
    findings = soundness(builder)
    assert by_rule(findings) == {"soundness-no-completion": ["P"]}
    assert "Schleife" in findings[0].message_de


def test_loop_with_exit_is_sound() -> None:
    builder = ProcessBuilder().start("s").xor("m", None).task("a").xor("g", "Fertig?").end("e")
    builder.chain("s", "m", "a", "g").flow("g", "m", condition="nein").flow(
        "g", "e", condition="ja")
    assert soundness(builder) == []


def test_interrupting_boundary_event_is_an_alternative_exit() -> None:
    def model(join: str) -> ProcessBuilder:
        builder = ProcessBuilder().start("s").task("a").boundary(
            "b", "Frist", attached_to="a", event_definitions=(definition("timer"),))
        builder.task("late", "Mahnen").add(join, "join", None).end("e")
        return builder.chain("s", "a", "join").chain("b", "late", "join").chain("join", "e")

    assert soundness(model("xor")) == []
    assert by_rule(soundness(model("and")))["soundness-deadlock"] == ["join"]


def test_non_interrupting_boundary_event_runs_concurrently() -> None:
    builder = ProcessBuilder().start("s").task("a").boundary(
        "b", "Erinnerung", attached_to="a", interrupting=False,
        event_definitions=(definition("timer"),))
    builder.task("remind", "Erinnern").end("e").end("e2", "Erinnert")
    builder.chain("s", "a", "e").chain("b", "remind", "e2")
    assert soundness(builder) == []


def test_terminate_end_event_ends_all_branches() -> None:
    builder = ProcessBuilder().start("s").and_("split", None).task("a").task("b")
    builder.end("t", "Abbruch", event_definitions=(definition("terminate"),)).end("e")
    builder.chain("s", "split").flow("split", "a").flow("split", "b")
    builder.chain("a", "t").chain("b", "e")
    assert soundness(builder) == []


def test_parallel_branches_ending_in_one_end_event_are_fine() -> None:
    builder = ProcessBuilder().start("s").and_("split", None).task("a").task("b").end("e")
    builder.chain("s", "split").flow("split", "a").flow("split", "b").chain("a", "e").chain(
        "b", "e")
    assert soundness(builder) == []


def test_alternative_start_events_are_separate_runs() -> None:
    builder = ProcessBuilder().start("s").start(
        "s2", "Per Post", event_definitions=(definition("message"),)).xor("m", None).task("a")
    builder.end("e").chain("s", "m", "a", "e").chain("s2", "m")
    assert soundness(builder) == []


def test_link_events_carry_the_token() -> None:
    builder = ProcessBuilder().start("s").task("a").and_("join", None).end("e")
    builder.add("throw", "lt", "Weiter", event_definitions=(definition("link", "weiter"),))
    builder.add("catch", "lc", "Weiter", event_definitions=(definition("link", "weiter"),))
    builder.chain("s", "a", "lt").chain("lc", "join", "e")
    assert soundness(builder) == []


def test_subprocess_scope_is_checked_on_its_own() -> None:
    builder = ProcessBuilder().start("s").sub("sp", "Prüfung").end("e").chain("s", "sp", "e")
    builder.add("start", "is", "Start", parent_id="sp")
    builder.add("xor", "split", "Fall?", parent_id="sp")
    builder.add("task", "a", "A", parent_id="sp").add("task", "b", "B", parent_id="sp")
    builder.add("and", "join", None, parent_id="sp").add("end", "ie", "Ende", parent_id="sp")
    builder.chain("is", "split").flow("split", "a", condition="x").flow(
        "split", "b", condition="y")
    builder.chain("a", "join").chain("b", "join").chain("join", "ie")
    findings = soundness(builder)
    assert by_rule(findings) == {"soundness-deadlock": ["join"], "soundness-dead-step": ["ie"]}
    dead = next(f for f in findings if f.rule == "soundness-dead-step")
    assert dead.message_de == (  # names the join that never passes a token on
        "Das Endereignis „Ende“ wird nie erreicht, weil join davor verklemmt. Erst die "
        "Verklemmung beheben.")


def test_state_limit_stops_with_one_finding() -> None:
    # twelve concurrent branches, each with a choice: far more markings than the limit
    builder = ProcessBuilder().start("s").and_("split", None).and_("join", None).end("e")
    builder.chain("s", "split")
    for i in range(12):
        builder.xor(f"x{i}", f"Fall {i}?").task(f"a{i}").task(f"b{i}").xor(f"m{i}", None)
        builder.flow("split", f"x{i}").flow(f"x{i}", f"a{i}", condition="ja").flow(
            f"x{i}", f"b{i}", condition="nein")
        builder.chain(f"a{i}", f"m{i}").chain(f"b{i}", f"m{i}").chain(f"m{i}", "join")
    builder.chain("join", "e")
    findings = soundness(builder, state_limit=2_000)
    assert by_rule(findings) == {"soundness-limit": ["P"]}
    assert findings[0].severity is Severity.INFO
    assert "2.000" in findings[0].message_de and "2,000" in findings[0].message_en


def test_disabling_soundness_rules() -> None:
    model = definitions(block("xor", "and"))
    disabled = {"soundness-deadlock", "soundness-dead-step"}
    rules = {f.rule for f in validate_model(model, disabled=disabled)}
    assert not rules & disabled


def test_long_sequential_model_stays_small() -> None:
    model = definitions(sequential(5_000))
    graph = ModelGraph(model)
    net = build_net(graph, model.processes[0], None)
    assert net is not None
    result = explore(net)
    assert not result.stopped
    assert result.states < 12_000  # one marking per step and per choice, no blow-up
    assert validate_model(model) == []


def test_parallel_blocks_are_reduced() -> None:
    builder = ProcessBuilder().start("s")
    previous = "s"
    for block_index in range(40):
        split, join = f"p{block_index}", f"j{block_index}"
        builder.and_(split, None).and_(join, None).flow(previous, split)
        for branch in range(3):
            steps = [f"t{block_index}_{branch}_{k}" for k in range(8)]
            for step in steps:
                builder.task(step, step)
            builder.chain(split, *steps, join)
        previous = join
    builder.end("e").flow(previous, "e")
    net = build_net(ModelGraph(definitions(builder)), builder.build(), None)
    assert net is not None
    result = explore(net)
    assert not result.stopped and result.states < 5_000
    assert soundness(builder) == []


@pytest.mark.parametrize("split,join,expected", [
    ("xor", "and", "soundness-deadlock"),
    ("and", "xor", "soundness-lack-of-synchronisation"),
])
def test_findings_carry_location(split: str, join: str, expected: str) -> None:
    finding = next(f for f in soundness(block(split, join)) if f.rule == expected)
    assert finding.file == "test.bpmn"
    assert finding.element_id == "join"
    assert finding.line is not None


def test_state_limit_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROCMODEL_SOUNDNESS_STATE_LIMIT", "100")
    assert by_rule(soundness(sequential(300))) == {"soundness-limit": ["P"]}
    monkeypatch.setenv("PROCMODEL_SOUNDNESS_STATE_LIMIT", "100000")
    assert soundness(sequential(300)) == []
