"""The 21 MIWG reference models: exact element counts and a faithful model."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

import bpmn
from procmodel.model import EventDefinitionKind, NodeKind

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> Path:
    return shared_dir / "corpora" / "miwg" / "reference"


@pytest.fixture(scope="module")
def expected_counts(shared_dir: Path) -> dict[str, dict[str, int]]:
    expected: dict[str, dict[str, int]] = defaultdict(dict)
    with (shared_dir / "corpora" / "miwg" / "expected-counts.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            expected[row["file"]][row["element"]] = int(row["count"])
    return expected


def test_every_reference_model_has_the_expected_counts(reference, expected_counts):
    files = sorted(reference.glob("*.bpmn"))
    assert len(files) == 21
    wrong = {}
    for path in files:
        counts = bpmn.element_counts(path)
        if counts != expected_counts[path.name]:
            wrong[path.name] = {
                k: (counts.get(k), expected_counts[path.name].get(k))
                for k in set(counts) | set(expected_counts[path.name])
                if counts.get(k) != expected_counts[path.name].get(k)
            }
    assert wrong == {}


def test_every_reference_model_parses_into_the_model(reference, expected_counts):
    for path in sorted(reference.glob("*.bpmn")):
        model = bpmn.parse(path)
        counts = expected_counts[path.name]
        assert len(model.processes) == counts.get("process", 0), path.name
        assert len(model.diagrams) >= 1, path.name
        flows = sum(len(p.sequence_flows) for p in model.processes)
        assert flows == counts.get("sequenceFlow", 0), path.name
        node_count = sum(counts.get(kind.value, 0) for kind in NodeKind)
        assert sum(len(p.flow_nodes) for p in model.processes) == node_count, path.name
        assert model.source == str(path)
        assert all(node.line and node.line > 1 for node in model.iter_flow_nodes())


def test_b20_collaboration_lanes_boundaries_defaults(reference):
    model = bpmn.parse(reference / "B.2.0.bpmn")
    assert len(model.participants) == 2
    assert len(model.message_flows) == 2
    boundaries = [n for n in model.iter_flow_nodes() if n.kind is NodeKind.BOUNDARY_EVENT]
    assert len(boundaries) == 11
    assert all(b.attached_to for b in boundaries)
    assert any(not b.interrupting for b in boundaries)
    kinds = {d.kind for b in boundaries for d in b.event_definitions}
    assert {EventDefinitionKind.MESSAGE, EventDefinitionKind.TIMER,
            EventDefinitionKind.ERROR, EventDefinitionKind.ESCALATION} <= kinds
    lanes = [lane for p in model.processes for lane in p.lanes]
    assert {lane.name for lane in lanes} == {"Lane 1", "Lane 2"}
    in_lane = [n for n in model.iter_flow_nodes() if n.lane_id]
    assert in_lane and all(n.lane_id in {lane.id for lane in lanes} for n in in_lane)
    defaults = [f for p in model.processes for f in p.sequence_flows if f.is_default]
    assert len(defaults) == 2
    for flow in defaults:
        source = next(n for n in model.iter_flow_nodes() if n.id == flow.source)
        assert source.default_flow == flow.id
    collapsed = [n for n in model.iter_flow_nodes() if n.kind.is_subprocess and n.is_collapsed]
    assert collapsed
    group = model.collaborations[0].groups[0]
    assert group.name == "Group"  # resolved through its categoryValue
    kinds_global = {g.kind for g in model.global_elements}
    assert {"globalUserTask", "message", "dataStore", "category"} <= kinds_global


def test_a21_conditions_are_kept_as_text(reference):
    model = bpmn.parse(reference / "A.2.1.bpmn")
    flows = [f for p in model.processes for f in p.sequence_flows]
    assert any(f.condition == "true" for f in flows)
    assert any(f.is_default for f in flows)


def test_c40_has_four_diagrams_with_shapes_and_edges(reference):
    model = bpmn.parse(reference / "C.4.0.bpmn")
    assert len(model.diagrams) == 4
    for diagram in model.diagrams:
        assert diagram.shapes
        assert all(s.bounds.width > 0 for s in diagram.shapes)
        assert all(len(e.waypoints) >= 2 for e in diagram.edges)
