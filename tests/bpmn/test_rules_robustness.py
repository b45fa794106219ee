"""The rule engine never crashes, whatever the graph: random nodes and flows with
dangling ends, duplicate ids, self-loops, subprocess nesting and boundary events."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rules_builder import KINDS, ProcessBuilder, definitions

from bpmn.rules import RULES, validate_model

node_ids = st.sampled_from([f"n{i}" for i in range(8)] + ["ghost", ""])


@st.composite
def random_process(draw: st.DrawFn) -> ProcessBuilder:
    builder = ProcessBuilder()
    for index in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(sorted(KINDS)))
        fields: dict[str, object] = {}
        if kind == "boundary":
            fields["attached_to"] = draw(node_ids)
            fields["interrupting"] = draw(st.booleans())
        if draw(st.booleans()) and index:
            fields["parent_id"] = f"n{draw(st.integers(0, index - 1))}"
        builder.add(kind, f"n{index}", draw(st.sampled_from([None, "", "Schritt"])), **fields)
    for _ in range(draw(st.integers(0, 14))):
        builder.flow(draw(node_ids), draw(node_ids), f"f{len(builder.flows) % 9}",
                     condition=draw(st.sampled_from([None, "x"])))
    return builder


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_process())
def test_validate_never_crashes(builder: ProcessBuilder) -> None:
    findings = validate_model(definitions(builder), state_limit=5_000)
    for finding in findings:
        assert finding.rule in RULES
        assert finding.message_de and finding.message_en
