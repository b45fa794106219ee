"""The benchmark corpus generator (bench/corpus.py) makes valid, realistic models."""

from __future__ import annotations

import bpmn
from bench.corpus import generate_corpus, generate_model
from procmodel.findings import Severity


def test_generated_models_are_valid_and_realistic(tmp_path):
    paths = generate_corpus(tmp_path, 6, seed=3, min_steps=20, max_steps=60)
    assert [p.name for p in paths] == [f"model-{i:05d}.bpmn" for i in range(6)]
    for path in paths:
        result = bpmn.read(path)
        assert [f for f in result.findings if f.severity is Severity.ERROR] == []
        model = result.model
        activities = [n for n in model.iter_flow_nodes() if n.kind.is_activity]
        assert 20 <= len(activities) <= 60
        assert len(model.participants) == 2 and len(model.message_flows) == 2
        assert len(model.processes[0].lanes) >= 2
        assert all(n.lane_id for n in model.iter_flow_nodes())
        assert {n.kind.value for n in model.iter_flow_nodes()} >= {
            "startEvent", "endEvent", "exclusiveGateway"}
        shapes = {s.element_id for s in model.diagrams[0].shapes}
        assert {n.id for n in model.iter_flow_nodes()} <= shapes
        assert all(a.name and " " in a.name for a in activities)  # "Antrag prüfen" style


def test_generation_is_deterministic_and_sized():
    assert generate_model(30, seed=5) == generate_model(30, seed=5)
    assert generate_model(30, seed=5) != generate_model(30, seed=6)
    model = bpmn.parse(generate_model(120, seed=1))
    assert sum(1 for n in model.iter_flow_nodes() if n.kind.is_activity) == 120
