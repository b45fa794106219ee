"""The demo's BPMN files: valid, generated from their descriptions, laid out cleanly."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from datetime import date
from pathlib import Path

import pytest

import bpmn
from inventory.demo.history import add_months, parse_path, plan_service
from inventory.demo.load import MODELS_DIR, model_file_role, model_files
from inventory.demo.services import SERVICES
from inventory.demo.versions import REVISIONS
from procmodel.model import Bounds

ROOT = Path(__file__).resolve().parents[2]
FILES = model_files()


def _generator():
    spec = importlib.util.spec_from_file_location("make_demo_models",
                                                  ROOT / "scripts" / "make_demo_models.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_committed_models_match_the_generator() -> None:
    generated = _generator().generate()
    assert sorted(generated) == sorted(p.name for p in FILES)
    stale = [p.name for p in FILES if p.read_bytes() != generated[p.name]]
    assert stale == [], "run scripts/make_demo_models.py"


def test_every_service_has_an_ist_model_and_every_model_a_service() -> None:
    slugs = {s["slug"] for s in SERVICES}
    roles = [model_file_role(p) for p in FILES]
    assert {slug for slug, kind, draft in roles if kind == "ist" and not draft} == slugs
    soll = {slug for slug, kind, _ in roles if kind == "soll"}
    drafts = {slug for slug, _, draft in roles if draft}
    assert soll <= slugs and len(soll) >= 5
    assert drafts <= slugs and len(drafts) >= 2
    order = [p.name for p in FILES]
    assert all(order.index(f"{s}.v1.bpmn") < order.index(f"{s}.bpmn") for s in drafts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_model_is_valid_and_laid_out(path: Path) -> None:
    result = bpmn.read(path.read_bytes(), filename=path.name)
    assert [f for f in result.findings if f.rule == "schema"] == []
    slug, _, older = model_file_role(path)
    if older and slug not in REVISIONS:
        # a first draft carries a modeller's typical mistakes: warnings, never errors
        assert result.findings and not result.has_errors
    else:
        assert list(result.findings) == []
    model = result.model
    diagram = model.diagrams[0]
    shapes = {s.element_id: s.bounds for s in diagram.shapes}
    edges = {e.element_id: e.waypoints for e in diagram.edges}
    nodes = list(model.iter_flow_nodes())
    assert nodes and all(n.id in shapes for n in nodes)
    assert all(p.id in shapes for p in model.participants)
    for process in model.processes:
        assert all(f.id in edges for f in process.sequence_flows)
        for lane in process.lanes:
            box = shapes[lane.id]
            for ref in lane.flow_node_refs:
                assert _inside(shapes[ref], box), (ref, lane.name)
    assert all(f.id in edges for f in model.message_flows)
    flows = [f.id for p in model.processes for f in p.sequence_flows]
    flows += [f.id for f in model.message_flows]
    for flow_id in flows:
        points = edges[flow_id]
        assert len(points) >= 2
        for a, b in itertools.pairwise(points):
            assert a.x == b.x or a.y == b.y, f"{flow_id} is not orthogonal"
    placed = [shapes[n.id] for n in nodes if n.kind.value != "boundaryEvent"]
    for a, b in itertools.combinations(placed, 2):
        assert not _overlap(a, b)


def _inside(inner: Bounds, outer: Bounds) -> bool:
    return (outer.x <= inner.x and outer.y <= inner.y
            and inner.x + inner.width <= outer.x + outer.width
            and inner.y + inner.height <= outer.y + outer.height)


def _overlap(a: Bounds, b: Bounds) -> bool:
    return (a.x < b.x + b.width and b.x < a.x + a.width
            and a.y < b.y + b.height and b.y < a.y + a.height)


def test_some_models_have_hyphenated_line_breaks_and_media_breaks() -> None:
    labels = [n.name or "" for p in FILES for n in bpmn.parse(p.read_bytes()).iter_flow_nodes()]
    assert any("-\n" in label for label in labels)
    for word in ("scann", "ausdruck", "per Post", "Fax", "abtippen", "handschriftlich"):
        assert any(word.lower() in label.lower() for label in labels), word


@pytest.mark.parametrize("entry", SERVICES, ids=lambda e: e["slug"])
def test_history_plan_ends_in_the_described_state(entry: dict) -> None:
    today = date(2026, 11, 26)
    plan = plan_service(entry, today)
    state = dict(plan.initial)
    previous = plan.created_at
    for change in plan.changes:
        assert previous <= change.when <= plan.created_at.replace(year=today.year + 1)
        assert change.when.date() < today
        state.update(change.values)
        previous = change.when
    stage, level, model = parse_path(entry["path"])[-1]
    if stage:
        assert state["umsetzungsstatus"] == stage
    if level is not None:
        assert state["reifegrad"] == level
    if model:
        assert state["reifegrad_model"] == model
    if entry.get("target"):
        assert state["target_reifegrad"] == entry["target"][0]
        assert state["target_date"] == add_months(today, entry["target"][1])
    if entry.get("online_share") is not None:
        assert state["online_share"] == entry["online_share"]
    if entry.get("fallzahl"):
        assert state["fallzahl"] == entry["fallzahl"]
    assert (today - plan.created_at.date()).days >= 700


@pytest.mark.parametrize("path", [p for p in FILES if model_file_role(p)[2]],
                         ids=lambda p: p.stem)
def test_an_older_version_keeps_the_ids_of_the_steps_it_shares(path: Path) -> None:
    slug = model_file_role(path)[0]
    old = bpmn.parse(path.read_bytes())
    new = bpmn.parse((path.parent / f"{slug}.bpmn").read_bytes())
    old_nodes = {n.id: n for n in old.iter_flow_nodes()}
    new_nodes = {n.id: n for n in new.iter_flow_nodes()}
    shared = old_nodes.keys() & new_nodes.keys()
    assert len(shared) >= 0.6 * len(new_nodes)
    assert {p.id for p in old.participants} == {p.id for p in new.participants}
    if slug in REVISIONS:
        # the paper procedure has steps that went away (scanning, the paper file, …)
        assert old_nodes.keys() - new_nodes.keys()


def test_revised_steps_keep_their_id_under_the_new_wording() -> None:
    renamed = set()
    for slug in REVISIONS:
        old = {n.id: n.name for n in bpmn.parse(
            (MODELS_DIR / f"{slug}.v1.bpmn").read_bytes()).iter_flow_nodes()}
        new = {n.id: n.name for n in bpmn.parse(
            (MODELS_DIR / f"{slug}.bpmn").read_bytes()).iter_flow_nodes()}
        if any(old[i] != new[i] for i in old.keys() & new.keys()):
            renamed.add(slug)
    # „Bescheid per Post versenden“ became „Bescheid ins Postfach zustellen“, same element
    assert len(renamed) >= len(REVISIONS) // 2
