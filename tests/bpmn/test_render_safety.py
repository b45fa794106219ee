"""The SVG is safe to inline: hostile labels, ids, colours and classes come out inert."""

from __future__ import annotations

import pytest
from lxml import etree

from bpmn.render import InvalidHighlight, render_svg
from procmodel.model import (
    Bounds,
    Definitions,
    Diagram,
    Edge,
    FlowNode,
    NodeKind,
    Point,
    Process,
    SequenceFlow,
    Shape,
    TextAnnotation,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert('x')</script>",
    '"><svg onload="alert(1)">',
    "<img src=x onerror=alert(1)>",
    "]]><![CDATA[<script>x</script>",
    "&lt;b&gt; & <!-- comment --> <?pi x?>",
    "<a href='javascript:alert(1)'>klick</a>",
    "Steuer\x00\x07zeichen",
]


def hostile_model(label: str) -> Definitions:
    task = FlowNode(id="t", name=label, kind=NodeKind.USER_TASK)
    end = FlowNode(id="e", name=label, kind=NodeKind.END_EVENT)
    note = TextAnnotation(id="n", text=label)
    process = Process(
        id="p", flow_nodes=(task, end), annotations=(note,),
        sequence_flows=(SequenceFlow(id="f", source="t", target="e", name=label),),
    )
    return Definitions(
        id="defs",
        processes=(process,),
        diagrams=(
            Diagram(
                id="d",
                name=label,
                shapes=(
                    Shape("t_di", "t", Bounds(0, 0, 150, 80),
                          fill='red" onclick="alert(1)', stroke="url(http://evil.example/x)"),
                    Shape("e_di", "e", Bounds(200, 22, 36, 36),
                          label_color="expression(alert(1))"),
                    Shape("n_di", "n", Bounds(0, 120, 300, 60)),
                ),
                edges=(Edge("f_di", "f", (Point(150, 40), Point(200, 40))),),
            ),
        ),
    )


def assert_inert(svg: str) -> etree._Element:
    root = etree.fromstring(svg.encode())  # well-formed XML, whatever the input
    for element in root.iter():
        if not isinstance(element.tag, str):
            raise AssertionError(f"comment or processing instruction in output: {element}")
        local = etree.QName(element).localname
        assert local not in ("script", "foreignObject", "image", "use", "a", "iframe")
        assert etree.QName(element).namespace == "http://www.w3.org/2000/svg"
        for name, value in element.attrib.items():
            local_name = etree.QName(name).localname.lower()
            assert not local_name.startswith("on"), f"event attribute {name}"
            assert local_name not in ("href", "src"), f"reference attribute {name}"
            assert "url(" not in value and "javascript:" not in value.lower()
            assert "expression(" not in value
    return root


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_come_out_as_text(label: str) -> None:
    svg = render_svg(hostile_model(label))
    root = assert_inert(svg)
    clean = label.replace("\x00", "").replace("\x07", "")
    title = root.find(f"{SVG}title").text
    assert title == clean
    for element_id in ("t", "e", "n", "f"):
        group = root.find(f".//{SVG}g[@data-element-id='{element_id}']")
        shown = " ".join(t.text or "" for t in group.iter(f"{SVG}tspan"))
        # Wrapping may break the text into lines (and words with a hyphen) but never alter it.
        assert "".join(shown.split()).replace("-", "") == "".join(clean.split()).replace("-", "")


def test_hostile_colours_are_dropped() -> None:
    root = assert_inert(render_svg(hostile_model("x")))
    outline = root.find(f".//{SVG}g[@data-element-id='t']/{SVG}rect")
    assert (outline.get("fill"), outline.get("stroke")) == ("#ffffff", "#000000")


def test_hostile_ids_stay_inside_their_attribute() -> None:
    evil = '"><script>alert(1)</script><g x="'
    model = Definitions(
        id="defs",
        processes=(Process(id="p", flow_nodes=(FlowNode(id=evil, name="A"),)),),
        diagrams=(Diagram(id="d", shapes=(Shape(evil, evil, Bounds(0, 0, 100, 80)),)),),
    )
    root = assert_inert(render_svg(model))
    groups = root.findall(f".//{SVG}g[@data-element-id]")
    assert [g.get("data-element-id") for g in groups] == [evil]


@pytest.mark.parametrize("bad", ['x" onclick="y', "a{b}", "<c>", "1abc", "url(x)"])
def test_hostile_highlight_classes_are_refused(bad: str) -> None:
    with pytest.raises(InvalidHighlight, match="CSS"):
        render_svg(hostile_model("x"), highlight={"t": bad})


def test_no_ids_that_could_clash_when_several_diagrams_are_inlined() -> None:
    root = assert_inert(render_svg(hostile_model("x")))
    assert [e for e in root.iter() if e.get("id") is not None] == []


def test_non_finite_coordinates_do_not_break_the_svg() -> None:
    nan, inf = float("nan"), float("inf")
    model = Definitions(
        id="defs",
        processes=(Process(id="p", flow_nodes=(FlowNode(id="t", name="A"),
                                               FlowNode(id="e", kind=NodeKind.END_EVENT)),
                           sequence_flows=(SequenceFlow(id="f", source="t", target="e"),)),),
        diagrams=(Diagram(id="d", shapes=(
            Shape("t_di", "t", Bounds(nan, 0, inf, 80)),
            Shape("e_di", "e", Bounds(200, 0, 36, 36), label_bounds=Bounds(-inf, nan, 10, 10)),
        ), edges=(Edge("f_di", "f", (Point(nan, 1), Point(inf, -inf))),)),),
    )
    svg = render_svg(model)
    root = assert_inert(svg)
    values = [v.lower() for e in root.iter() for v in e.attrib.values()]
    assert not [v for v in values if "nan" in v.split() or "inf" in v or "nan," in v]
    assert root.get("viewBox").split()[2:] != ["0", "0"]
