"""Automatic layout with graphviz for models without a diagram layer."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

import bpmn
from bpmn.layout import auto_layout
from bpmn.render import MissingGraphviz, elements_without_di, render_svg
from procmodel.model import (
    Association,
    Bounds,
    Collaboration,
    DataAssociation,
    DataElement,
    DataKind,
    Definitions,
    EventDefinition,
    EventDefinitionKind,
    FlowNode,
    Lane,
    MessageFlow,
    NodeKind,
    Participant,
    Process,
    SequenceFlow,
    TextAnnotation,
)


def node(node_id: str, kind: NodeKind = NodeKind.TASK, **kwargs: object) -> FlowNode:
    return FlowNode(id=node_id, name=node_id.upper(), kind=kind, process_id="p", **kwargs)


def flow(flow_id: str, source: str, target: str, parent: str | None = None,
         **kwargs: object) -> SequenceFlow:
    return SequenceFlow(id=flow_id, source=source, target=target, process_id="p",
                        parent_id=parent, **kwargs)


def model_without_di() -> Definitions:
    """A pool with two lanes, a subprocess with content, a boundary event, data, a note."""
    nodes = (
        node("start", NodeKind.START_EVENT, lane_id="l1"),
        node("check", NodeKind.USER_TASK, lane_id="l1"),
        node("gw", NodeKind.EXCLUSIVE_GATEWAY, lane_id="l1", default_flow="f4"),
        node("sub", NodeKind.SUB_PROCESS, lane_id="l2"),
        node("s_start", NodeKind.START_EVENT, parent_id="sub"),
        node("s_task", NodeKind.SERVICE_TASK, parent_id="sub"),
        node("s_end", NodeKind.END_EVENT, parent_id="sub"),
        node("timer", NodeKind.BOUNDARY_EVENT, attached_to="sub", lane_id="l2",
             event_definitions=(EventDefinition(EventDefinitionKind.TIMER),)),
        node("late", NodeKind.SEND_TASK, lane_id="l2"),
        node("end", NodeKind.END_EVENT, lane_id="l1"),
    )
    flows = (
        flow("f1", "start", "check"), flow("f2", "check", "gw"), flow("f3", "gw", "sub"),
        flow("f4", "gw", "end", is_default=True), flow("f5", "sub", "end"),
        flow("f6", "timer", "late"),
        flow("f7", "late", "end"),
        flow("s1", "s_start", "s_task", "sub"), flow("s2", "s_task", "s_end", "sub"),
    )
    process = Process(
        id="p", flow_nodes=nodes, sequence_flows=flows,
        lanes=(Lane(id="l1", name="Sachbearbeitung", process_id="p",
                    flow_node_refs=("start", "check", "gw", "end")),
               Lane(id="l2", name="Fachaufsicht", process_id="p",
                    flow_node_refs=("sub", "timer", "late"))),
        data=(DataElement(id="do", kind=DataKind.DATA_OBJECT, process_id="p"),
              DataElement(id="doref", name="Antrag", kind=DataKind.DATA_OBJECT_REFERENCE,
                          ref="do", process_id="p"),
              DataElement(id="check_in", kind=DataKind.DATA_INPUT, process_id="p",
                          parent_id="check")),
        data_associations=(DataAssociation(id="da", node_id="check", direction="input",
                                           sources=("doref",), target="check_in"),),
        annotations=(TextAnnotation(id="note", text="Frist 14 Tage", container_id="p"),),
        associations=(Association(id="as", source="note", target="check", container_id="p"),),
    )
    collaboration = Collaboration(
        id="c",
        participants=(Participant(id="pool", name="Bauamt", process_ref="p"),
                      Participant(id="citizen", name="Antragsteller")),
        message_flows=(MessageFlow(id="m1", source="citizen", target="start"),
                       MessageFlow(id="m2", source="late", target="citizen")),
    )
    return Definitions(id="d", processes=(process,), collaborations=(collaboration,))


def inside(inner: Bounds, outer: Bounds) -> bool:
    return (outer.x <= inner.x and inner.x + inner.width <= outer.x + outer.width
            and outer.y <= inner.y and inner.y + inner.height <= outer.y + outer.height)


@pytest.fixture(scope="module")
def laid_out() -> Definitions:
    return auto_layout(model_without_di())


def test_every_element_gets_a_shape_or_edge(laid_out: Definitions) -> None:
    assert len(laid_out.diagrams) == 1
    assert elements_without_di(laid_out) == []
    diagram = laid_out.diagrams[0]
    assert diagram.plane_element_id == "c"
    for edge in diagram.edges:
        assert len(edge.waypoints) >= 2, edge.element_id


def test_default_sizes_and_left_to_right(laid_out: Definitions) -> None:
    shapes = {s.element_id: s for s in laid_out.diagrams[0].shapes}
    assert (shapes["check"].bounds.width, shapes["check"].bounds.height) == (100, 80)
    assert (shapes["start"].bounds.width, shapes["start"].bounds.height) == (36, 36)
    assert (shapes["gw"].bounds.width, shapes["gw"].bounds.height) == (50, 50)
    assert shapes["gw"].is_marker_visible is True  # the X of an exclusive gateway is shown
    xs = [shapes[i].bounds.centre.x for i in ("start", "check", "gw", "sub", "end")]
    assert xs == sorted(xs)
    assert shapes["sub"].is_expanded is True
    for child in ("s_start", "s_task", "s_end"):
        assert inside(shapes[child].bounds, shapes["sub"].bounds)


def test_pools_and_lanes_are_bands_holding_their_nodes(laid_out: Definitions) -> None:
    shapes = {s.element_id: s for s in laid_out.diagrams[0].shapes}
    pool, citizen = shapes["pool"].bounds, shapes["citizen"].bounds
    l1, l2 = shapes["l1"].bounds, shapes["l2"].bounds
    assert shapes["pool"].is_horizontal is True
    assert pool.x == citizen.x and pool.width == citizen.width
    assert pool.y + pool.height <= citizen.y or citizen.y + citizen.height <= pool.y
    assert inside(l1, pool) and inside(l2, pool)
    assert l1.x == l2.x == pool.x + 30
    upper, lower = sorted((l1, l2), key=lambda b: b.y)
    assert upper.y == pool.y and upper.y + upper.height == lower.y
    assert lower.y + lower.height == pool.y + pool.height
    for node_id in ("start", "check", "gw", "end"):
        assert inside(shapes[node_id].bounds, l1), node_id
    for node_id in ("sub", "late"):
        assert inside(shapes[node_id].bounds, l2), node_id


def test_boundary_event_sits_on_its_host_and_message_flows_cross_pools(
    laid_out: Definitions,
) -> None:
    shapes = {s.element_id: s for s in laid_out.diagrams[0].shapes}
    edges = {e.element_id: e for e in laid_out.diagrams[0].edges}
    sub, timer = shapes["sub"].bounds, shapes["timer"].bounds
    assert timer.centre.y == sub.y + sub.height
    assert sub.x < timer.centre.x < sub.x + sub.width
    assert edges["f6"].waypoints[0].y == timer.y + timer.height
    citizen = shapes["citizen"].bounds
    m1 = edges["m1"].waypoints
    assert m1[0].y in (citizen.y, citizen.y + citizen.height)


def test_model_without_di_renders_with_the_generated_layout() -> None:
    svg = render_svg(model_without_di())
    root = etree.fromstring(svg.encode())
    ids = {g.get("data-element-id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert {"check", "sub", "s_task", "timer", "pool", "l1", "m1", "f6", "da", "note"} <= ids


@pytest.mark.shared
@pytest.mark.parametrize("test_id", ["A.4.1", "B.2.0", "C.2.0", "C.8.0"])
def test_reference_models_stripped_of_di_are_laid_out(shared_dir: Path, test_id: str) -> None:
    model = bpmn.parse(shared_dir / "corpora" / "miwg" / "reference" / f"{test_id}.bpmn")
    stripped = dataclasses.replace(model, diagrams=())
    laid_out = auto_layout(stripped)
    missing = [laid_out.get(i) for i in elements_without_di(laid_out)]
    # Groups have no members in BPMN, so there is nothing to place them around.
    assert [type(m).__name__ for m in missing if type(m).__name__ != "Group"] == []
    assert laid_out.processes == model.processes


def test_missing_graphviz_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(MissingGraphviz) as info:
        auto_layout(model_without_di())
    assert "graphviz" in str(info.value) and "apt-get install graphviz" in str(info.value)
    with pytest.raises(MissingGraphviz):
        render_svg(model_without_di())
