"""BPMN 2.0 notation: each event, task, gateway, flow and artifact style (models built in code)."""

from __future__ import annotations

import pytest
from lxml import etree

from bpmn.render import render_svg
from procmodel.model import (
    Association,
    Bounds,
    Collaboration,
    DataElement,
    DataKind,
    Definitions,
    Diagram,
    Edge,
    EventDefinition,
    EventDefinitionKind,
    FlowNode,
    GlobalElement,
    Group,
    Lane,
    LoopKind,
    MessageFlow,
    NodeKind,
    Participant,
    Point,
    Process,
    SequenceFlow,
    Shape,
    TextAnnotation,
)

SVG = "{http://www.w3.org/2000/svg}"
EVENT_BOUNDS = Bounds(100, 100, 36, 36)
TASK_BOUNDS = Bounds(100, 100, 100, 80)


def one_node(node: FlowNode, bounds: Bounds = TASK_BOUNDS, **shape_args: object) -> Definitions:
    shape = Shape(id=f"{node.id}_di", element_id=node.id, bounds=bounds, **shape_args)
    return Definitions(
        id="defs",
        processes=(Process(id="p", flow_nodes=(node,)),),
        diagrams=(Diagram(id="d", shapes=(shape,)),),
    )


def group_of(svg: str, element_id: str) -> etree._Element:
    root = etree.fromstring(svg.encode())
    found = root.findall(f".//{SVG}g[@data-element-id='{element_id}']")
    assert len(found) == 1
    return found[0]


def classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def icon(group: etree._Element, name: str) -> etree._Element | None:
    return next((g for g in group.iter(f"{SVG}g") if f"bpmn-icon-{name}" in classes(g)), None)


def first_drawn(element: etree._Element) -> etree._Element:
    return next(e for e in element.iter() if etree.QName(e).localname in
                ("rect", "polygon", "path", "circle"))


# --- events -------------------------------------------------------------------

CATCH_KINDS = [NodeKind.START_EVENT, NodeKind.INTERMEDIATE_CATCH_EVENT, NodeKind.BOUNDARY_EVENT]
THROW_KINDS = [NodeKind.INTERMEDIATE_THROW_EVENT, NodeKind.END_EVENT]
# Outline-only icons whatever the direction: a clock face; and terminate is always filled.
_FACE_ICONS = {EventDefinitionKind.TIMER}


@pytest.mark.parametrize("interrupting", [True, False], ids=["interrupting", "non-interrupting"])
@pytest.mark.parametrize("event_kind", CATCH_KINDS + THROW_KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("definition", list(EventDefinitionKind), ids=lambda k: k.value)
def test_event_definition_marker(
    definition: EventDefinitionKind, event_kind: NodeKind, interrupting: bool
) -> None:
    node = FlowNode(id="e", name="Ereignis", kind=event_kind, interrupting=interrupting,
                    event_definitions=(EventDefinition(kind=definition),))
    group = group_of(render_svg(one_node(node, EVENT_BOUNDS)), "e")
    assert {f"bpmn-{event_kind.value}", f"bpmn-def-{definition.value}"} <= classes(group)
    marker = icon(group, definition.value)
    assert marker is not None, f"no {definition.value} marker"
    outline = group.find(f"{SVG}circle[@class='bpmn-outline']")
    assert outline is not None
    assert (outline.get("stroke-dasharray") is not None) is (not interrupting)
    throwing = event_kind in THROW_KINDS
    assert ("bpmn-throw" in classes(group)) is throwing
    fill = first_drawn(marker).get("fill")
    if definition is EventDefinitionKind.TERMINATE:
        assert fill == "#000000"
    elif definition not in _FACE_ICONS:
        assert fill == ("#000000" if throwing else "#ffffff"), "throw filled, catch outlined"
    rings = group.findall(f"{SVG}circle[@class='bpmn-inner-ring']")
    assert len(rings) == (0 if event_kind in (NodeKind.START_EVENT, NodeKind.END_EVENT) else 1)
    if event_kind is NodeKind.END_EVENT:
        assert group.find(f"{SVG}circle[@class='bpmn-end-ring']").get("stroke-width") == "4"


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("event_kind", [NodeKind.START_EVENT, NodeKind.INTERMEDIATE_CATCH_EVENT,
                                        NodeKind.BOUNDARY_EVENT, NodeKind.END_EVENT],
                         ids=lambda k: k.value)
def test_multiple_and_parallel_multiple(event_kind: NodeKind, parallel: bool) -> None:
    node = FlowNode(
        id="e", kind=event_kind, parallel_multiple=parallel,
        event_definitions=(EventDefinition(EventDefinitionKind.MESSAGE),
                           EventDefinition(EventDefinitionKind.SIGNAL)),
    )
    group = group_of(render_svg(one_node(node, EVENT_BOUNDS)), "e")
    expected = "parallelMultiple" if parallel else "multiple"
    other = "multiple" if parallel else "parallelMultiple"
    marker = icon(group, expected)
    assert marker is not None and icon(group, other) is None
    assert icon(group, "message") is None
    filled = first_drawn(marker).get("fill") == "#000000"
    assert filled is (event_kind is NodeKind.END_EVENT and not parallel)


def test_none_events_have_no_marker() -> None:
    for kind in CATCH_KINDS + THROW_KINDS:
        group = group_of(render_svg(one_node(FlowNode(id="e", kind=kind), EVENT_BOUNDS)), "e")
        assert not [g for g in group.iter(f"{SVG}g") if "bpmn-icon" in classes(g)]


# --- activities -----------------------------------------------------------------

TASK_KINDS = [k for k in NodeKind if k.is_task and k is not NodeKind.TASK]


@pytest.mark.parametrize("kind", TASK_KINDS, ids=lambda k: k.value)
def test_task_type_marker(kind: NodeKind) -> None:
    group = group_of(render_svg(one_node(FlowNode(id="t", name="Prüfen", kind=kind))), "t")
    assert icon(group, kind.value) is not None
    assert f"bpmn-{kind.value}" in classes(group)
    others = [k for k in TASK_KINDS if k is not kind and icon(group, k.value) is not None]
    assert others == []


def test_plain_task_has_no_type_marker() -> None:
    group = group_of(render_svg(one_node(FlowNode(id="t", name="Prüfen"))), "t")
    assert not [g for g in group.iter(f"{SVG}g") if "bpmn-icon" in classes(g)]
    outline = group.find(f"{SVG}rect[@class='bpmn-outline']")
    assert outline.get("rx") == "10"


def markers(group: etree._Element) -> list[str]:
    return [c.removeprefix("bpmn-marker-") for g in group.iter(f"{SVG}g")
            for c in classes(g) if c.startswith("bpmn-marker-")]


@pytest.mark.parametrize(
    ("loop", "expected"),
    [(LoopKind.STANDARD, "loop"), (LoopKind.PARALLEL, "parallel"),
     (LoopKind.SEQUENTIAL, "sequential")],
)
def test_loop_and_multi_instance_markers(loop: LoopKind, expected: str) -> None:
    group = group_of(render_svg(one_node(FlowNode(id="t", loop=loop))), "t")
    assert markers(group) == [expected]


def test_compensation_marker() -> None:
    group = group_of(render_svg(one_node(FlowNode(id="t", is_for_compensation=True,
                                                  loop=LoopKind.PARALLEL))), "t")
    assert markers(group) == ["parallel", "compensation"]


def test_collapsed_and_expanded_subprocess() -> None:
    node = FlowNode(id="s", name="Teil", kind=NodeKind.SUB_PROCESS)
    collapsed = group_of(render_svg(one_node(node, is_expanded=False)), "s")
    assert markers(collapsed) == ["collapsed"]
    expanded = group_of(render_svg(one_node(node, Bounds(0, 0, 400, 200), is_expanded=True)), "s")
    assert markers(expanded) == []
    # The expanded subprocess's name sits at the top left.
    assert expanded.find(f"{SVG}text").get("text-anchor") == "start"


def test_event_subprocess_is_dotted_and_transaction_double() -> None:
    event_sub = FlowNode(id="s", kind=NodeKind.SUB_PROCESS, triggered_by_event=True)
    group = group_of(render_svg(one_node(event_sub, Bounds(0, 0, 400, 200), is_expanded=True)),
                     "s")
    assert group.find(f"{SVG}rect[@class='bpmn-outline']").get("stroke-dasharray")
    assert "bpmn-event-subprocess" in classes(group)
    transaction = FlowNode(id="s", kind=NodeKind.TRANSACTION)
    group = group_of(render_svg(one_node(transaction, Bounds(0, 0, 400, 200), is_expanded=True)),
                     "s")
    assert group.find(f"{SVG}rect[@class='bpmn-transaction-inner']") is not None
    assert group.find(f"{SVG}rect[@class='bpmn-outline']").get("stroke-dasharray") is None


def test_ad_hoc_marker() -> None:
    node = FlowNode(id="s", kind=NodeKind.AD_HOC_SUB_PROCESS)
    group = group_of(render_svg(one_node(node, Bounds(0, 0, 400, 200), is_expanded=True)), "s")
    assert markers(group) == ["adhoc"]


def test_call_activity_thick_border_and_global_task_marker() -> None:
    node = FlowNode(id="c", name="Aufruf", kind=NodeKind.CALL_ACTIVITY, called_element="other")
    group = group_of(render_svg(one_node(node)), "c")
    assert group.find(f"{SVG}rect[@class='bpmn-outline']").get("stroke-width") == "5"
    assert markers(group) == ["collapsed"]
    model = one_node(FlowNode(id="c", kind=NodeKind.CALL_ACTIVITY, called_element="g"))
    model = Definitions(id="defs", processes=model.processes, diagrams=model.diagrams,
                        global_elements=(GlobalElement(id="g", kind="globalUserTask"),))
    group = group_of(render_svg(model), "c")
    assert icon(group, "userTask") is not None and markers(group) == []


# --- gateways -----------------------------------------------------------------

GATEWAYS = [k for k in NodeKind if k.is_gateway]


@pytest.mark.parametrize("kind", GATEWAYS, ids=lambda k: k.value)
def test_gateway_marker(kind: NodeKind) -> None:
    node = FlowNode(id="g", name="Prüfung?", kind=kind)
    group = group_of(render_svg(one_node(node, Bounds(100, 100, 50, 50),
                                         is_marker_visible=True)), "g")
    outline = group.find(f"{SVG}polygon[@class='bpmn-outline']")
    assert outline.get("points") == "125,100 150,125 125,150 100,125"
    assert icon(group, kind.value) is not None
    # External label below the diamond.
    text = group.find(f"{SVG}text")
    assert float(text.get("y")) >= 150 and "".join(text.itertext()) == "Prüfung?"


@pytest.mark.parametrize("visible", [False, None])
def test_exclusive_gateway_marker_only_when_marked_visible(visible: bool | None) -> None:
    # isMarkerVisible defaults to false in BPMN DI.
    node = FlowNode(id="g", kind=NodeKind.EXCLUSIVE_GATEWAY)
    group = group_of(render_svg(one_node(node, Bounds(0, 0, 50, 50),
                                         is_marker_visible=visible)), "g")
    assert icon(group, "exclusiveGateway") is None


@pytest.mark.parametrize(("instantiate", "kind", "circles"),
                         [(False, None, 2), (True, "Exclusive", 1), (True, "Parallel", 1)])
def test_event_based_gateway_variants(instantiate: bool, kind: str | None, circles: int) -> None:
    node = FlowNode(id="g", kind=NodeKind.EVENT_BASED_GATEWAY, instantiate=instantiate,
                    event_gateway_type=kind)
    group = group_of(render_svg(one_node(node, Bounds(0, 0, 50, 50))), "g")
    marker = icon(group, "eventBasedGateway")
    assert len(marker.findall(f"{SVG}circle")) == circles
    assert len(marker.findall(f"{SVG}polygon")) == 1


# --- flows, pools, data, artifacts ---------------------------------------------


def flow_model() -> Definitions:
    a = FlowNode(id="a", kind=NodeKind.TASK, name="A", default_flow="f_default")
    b = FlowNode(id="b", kind=NodeKind.TASK, name="B")
    c = FlowNode(id="c", kind=NodeKind.TASK, name="C")
    note = TextAnnotation(id="note", text="Hinweis")
    data = DataElement(id="dor", kind=DataKind.DATA_OBJECT_REFERENCE, ref="do", name="Antrag",
                       state="geprüft")
    store = DataElement(id="ds", kind=DataKind.DATA_STORE_REFERENCE, name="Register")
    process = Process(
        id="p",
        flow_nodes=(a, b, c),
        sequence_flows=(
            SequenceFlow(id="f_default", source="a", target="b", name="sonst"),
            SequenceFlow(id="f_cond", source="a", target="c", condition="${ok}"),
        ),
        lanes=(Lane(id="lane", name="Sachbearbeitung", flow_node_refs=("a", "b", "c")),),
        data=(DataElement(id="do", kind=DataKind.DATA_OBJECT, is_collection=True), data, store),
        annotations=(note,),
        associations=(Association(id="assoc", source="note", target="a", direction="One"),),
        groups=(Group(id="grp", name="Kern"),),
    )
    collaboration = Collaboration(
        id="collab",
        participants=(Participant(id="pool", name="Bürgeramt", process_ref="p"),
                      Participant(id="citizen", name="Bürger")),
        message_flows=(MessageFlow(id="mf", source="citizen", target="a", name="Antrag"),),
    )
    shapes = (
        Shape("pool_di", "pool", Bounds(0, 0, 800, 300), is_horizontal=True),
        Shape("lane_di", "lane", Bounds(30, 0, 770, 300), is_horizontal=True),
        Shape("citizen_di", "citizen", Bounds(0, 350, 800, 80), is_horizontal=True),
        Shape("a_di", "a", Bounds(100, 100, 100, 80), fill="#ffe0e0", stroke="#aa0000"),
        Shape("b_di", "b", Bounds(300, 30, 100, 80)),
        Shape("c_di", "c", Bounds(300, 180, 100, 80)),
        Shape("note_di", "note", Bounds(500, 30, 100, 40)),
        Shape("dor_di", "dor", Bounds(500, 180, 36, 50)),
        Shape("ds_di", "ds", Bounds(600, 180, 50, 50)),
        Shape("grp_di", "grp", Bounds(80, 20, 340, 260)),
    )
    edges = (
        Edge("f_default_di", "f_default", (Point(200, 140), Point(250, 140), Point(250, 70),
                                           Point(300, 70))),
        Edge("f_cond_di", "f_cond", (Point(200, 160), Point(250, 220), Point(300, 220))),
        Edge("mf_di", "mf", (Point(150, 350), Point(150, 180))),
        Edge("assoc_di", "assoc", (Point(500, 50), Point(200, 110))),
    )
    return Definitions(id="defs", processes=(process,), collaborations=(collaboration,),
                       diagrams=(Diagram(id="d", shapes=shapes, edges=edges),))


def test_sequence_flow_default_slash_and_conditional_diamond() -> None:
    svg = render_svg(flow_model())
    default = group_of(svg, "f_default")
    assert default.find(f"{SVG}line[@class='bpmn-default-marker']") is not None
    assert default.find(f"{SVG}polygon[@class='bpmn-arrow']").get("fill") == "#000000"
    assert "".join(default.find(f"{SVG}text").itertext()) == "sonst"
    conditional = group_of(svg, "f_cond")
    diamond = conditional.find(f"{SVG}polygon[@class='bpmn-conditional-marker']")
    assert diamond is not None and diamond.get("fill") == "#ffffff"
    assert conditional.find(f"{SVG}line[@class='bpmn-default-marker']") is None


def test_message_flow_dashed_with_circle_and_open_arrow() -> None:
    group = group_of(render_svg(flow_model()), "mf")
    assert group.find(f"{SVG}polyline[@class='bpmn-path']").get("stroke-dasharray")
    start = group.find(f"{SVG}circle[@class='bpmn-message-start']")
    assert (float(start.get("cx")), float(start.get("cy"))) == (150, 346)
    assert group.find(f"{SVG}polygon[@class='bpmn-arrow']").get("fill") == "#ffffff"


def test_directed_association_is_dotted_with_open_arrow() -> None:
    group = group_of(render_svg(flow_model()), "assoc")
    assert group.find(f"{SVG}polyline[@class='bpmn-path']").get("stroke-dasharray")
    assert group.find(f"{SVG}polyline[@class='bpmn-arrow']").get("fill") == "none"


def test_pools_and_lanes_have_rotated_names() -> None:
    svg = render_svg(flow_model())
    for element_id, name in (("pool", "Bürgeramt"), ("lane", "Sachbearbeitung")):
        text = group_of(svg, element_id).find(f"{SVG}text")
        assert text.get("transform").startswith("rotate(-90")
        assert "".join(text.itertext()) == name
    # The black-box pool has its name in the middle, unrotated.
    text = group_of(svg, "citizen").find(f"{SVG}text")
    assert text.get("transform") is None


def test_vertical_pool_name_is_horizontal_in_a_top_band() -> None:
    model = flow_model()
    diagram = model.diagrams[0]
    shapes = tuple(
        Shape("pool_di", "pool", Bounds(0, 0, 300, 800), is_horizontal=False)
        if s.element_id == "pool" else s for s in diagram.shapes
    )
    model = Definitions(id="defs", processes=model.processes, collaborations=model.collaborations,
                        diagrams=(Diagram(id="d", shapes=shapes, edges=diagram.edges),))
    text = group_of(render_svg(model), "pool").find(f"{SVG}text")
    assert text.get("transform") is None
    assert float(text.get("y")) < 30


def test_data_object_collection_state_and_store() -> None:
    svg = render_svg(flow_model())
    data = group_of(svg, "dor")
    assert data.find(f"{SVG}rect[@class='bpmn-marker bpmn-marker-collection']") is not None
    assert [t.text for t in data.iter(f"{SVG}tspan")] == ["Antrag", "[geprüft]"]
    store = group_of(svg, "ds")
    assert store.find(f"{SVG}path[@class='bpmn-outline']") is not None


@pytest.mark.parametrize(("kind", "fill"), [(DataKind.DATA_INPUT, "#ffffff"),
                                            (DataKind.DATA_OUTPUT, "#000000")])
def test_data_input_output_markers(kind: DataKind, fill: str) -> None:
    element = DataElement(id="io", kind=kind, name="Eingang")
    model = Definitions(
        id="defs", processes=(Process(id="p", data=(element,)),),
        diagrams=(Diagram(id="d", shapes=(Shape("io_di", "io", Bounds(0, 0, 36, 50)),)),),
    )
    group = group_of(render_svg(model), "io")
    marker = group.find(f"{SVG}polygon[@class='bpmn-marker bpmn-marker-{kind.value}']")
    assert marker is not None and marker.get("fill") == fill


def test_annotation_and_group() -> None:
    svg = render_svg(flow_model())
    note = group_of(svg, "note")
    assert "".join(note.find(f"{SVG}text").itertext()) == "Hinweis"
    grp = group_of(svg, "grp")
    assert grp.find(f"{SVG}rect[@class='bpmn-outline']").get("stroke-dasharray")
    assert "".join(grp.find(f"{SVG}text").itertext()) == "Kern"


def test_colours_from_the_diagram_layer() -> None:
    group = group_of(render_svg(flow_model()), "a")
    outline = group.find(f"{SVG}rect[@class='bpmn-outline']")
    assert (outline.get("fill"), outline.get("stroke")) == ("#ffe0e0", "#aa0000")


def test_long_labels_are_wrapped_inside_the_task() -> None:
    name = "Antrag auf Erteilung einer Baugenehmigung formal und inhaltlich prüfen"
    group = group_of(render_svg(one_node(FlowNode(id="t", name=name))), "t")
    lines = [t.text for t in group.iter(f"{SVG}tspan")]
    assert len(lines) > 2
    assert " ".join(lines).replace("- ", "") .replace("…", "") in name or lines[-1].endswith("…")
    ys = [float(t.get("y")) for t in group.iter(f"{SVG}tspan")]
    assert min(ys) > 100 and max(ys) < 180


def test_overlay_classes_and_style_block() -> None:
    svg = render_svg(flow_model(), highlight={"a": "pm-duplicate", "mf": "pm-finding-error x"})
    assert {"pm-duplicate", "bpmn-element", "bpmn-shape", "bpmn-task"} <= classes(
        group_of(svg, "a"))
    assert {"pm-finding-error", "x", "bpmn-messageFlow"} <= classes(group_of(svg, "mf"))
    root = etree.fromstring(svg.encode())
    style = root.find(f"{SVG}style").text
    assert ".pm-duplicate" in style and ".pm-finding-error" in style
    assert "pm-duplicate" not in classes(group_of(svg, "b"))


def test_language_sets_titles() -> None:
    node = FlowNode(id="t", name="Prüfen", kind=NodeKind.USER_TASK)
    de = group_of(render_svg(one_node(node)), "t").find(f"{SVG}title").text
    en = group_of(render_svg(one_node(node), language="en"), "t").find(f"{SVG}title").text
    assert (de, en) == ("Benutzeraufgabe: Prüfen", "User task: Prüfen")
