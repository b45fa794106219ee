"""The message envelope on message flows (BPMN 2.0 DI ``messageVisibleKind``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import bpmn
from bpmn.render import render_svg
from bpmn.render.edges import NON_INITIATING_FILL
from bpmn.writer import write_bpmn
from procmodel.model import (
    Bounds,
    Collaboration,
    Definitions,
    Diagram,
    Edge,
    MessageFlow,
    Participant,
    Point,
    Shape,
)

SVG = "{http://www.w3.org/2000/svg}"


def two_pools(kinds: dict[str, str | None]) -> Definitions:
    """Two black-box pools with one message flow per entry of ``kinds`` between them."""
    flows = tuple(MessageFlow(id=flow_id, source="a", target="b") for flow_id in kinds)
    edges = tuple(
        Edge(f"{flow_id}_di", flow_id,
             (Point(100 + 100 * i, 100), Point(100 + 100 * i, 160), Point(140 + 100 * i, 160),
              Point(140 + 100 * i, 300)),
             message_visible_kind=kind)
        for i, (flow_id, kind) in enumerate(kinds.items())
    )
    return Definitions(
        id="d",
        collaborations=(Collaboration(id="c", participants=(
            Participant(id="a", name="Bürger"), Participant(id="b", name="Amt")),
            message_flows=flows),),
        diagrams=(Diagram(id="D", plane_element_id="c", shapes=(
            Shape("a_di", "a", Bounds(0, 0, 600, 100)),
            Shape("b_di", "b", Bounds(0, 300, 600, 100)),
        ), edges=edges),),
    )


def envelopes(svg: str) -> dict[str, etree._Element]:
    root = etree.fromstring(svg.encode())
    found = {}
    for group in root.iter(f"{SVG}g"):
        marker = group.find(f"{SVG}g[@class]")
        if marker is not None and "bpmn-message-marker" in marker.get("class"):
            found[group.get("data-element-id")] = marker
    return found


def test_initiating_message_is_white_and_non_initiating_grey_at_the_middle() -> None:
    model = two_pools({"m1": "initiating", "m2": "non_initiating", "m3": None})
    found = envelopes(render_svg(model))
    assert set(found) == {"m1", "m2"}
    assert "bpmn-message-initiating" in found["m1"].get("class")
    assert "bpmn-message-non-initiating" in found["m2"].get("class")
    white = found["m1"].find(f"{SVG}rect")
    grey = found["m2"].find(f"{SVG}rect")
    assert white.get("fill") == "#ffffff"
    assert grey.get("fill") == NON_INITIATING_FILL
    # Path m1: 60 down, 40 right, 140 down (240 long); the middle (120 along) is 20 px
    # down the last segment, at (140, 180).
    cx = float(white.get("x")) + float(white.get("width")) / 2
    cy = float(white.get("y")) + float(white.get("height")) / 2
    assert (cx, cy) == pytest.approx((140, 180))
    assert float(grey.get("x")) + float(grey.get("width")) / 2 == pytest.approx(240)


def test_message_kind_survives_writing_and_reading_back() -> None:
    model = two_pools({"m1": "non_initiating"})
    again = bpmn.parse(write_bpmn(model))
    found = envelopes(render_svg(again))
    assert found["m1"].find(f"{SVG}rect").get("fill") == NON_INITIATING_FILL


@pytest.mark.shared
def test_miwg_b20_shows_its_initiating_message(shared_dir: Path) -> None:
    model = bpmn.parse(shared_dir / "corpora" / "miwg" / "reference" / "B.2.0.bpmn")
    edges = [e for d in model.diagrams for e in d.edges if e.message_visible_kind]
    assert len(edges) == 1
    found = envelopes(render_svg(model))
    assert list(found) == [edges[0].element_id]
    assert "bpmn-message-initiating" in found[edges[0].element_id].get("class")
