"""Writing BPMN 2.0 XML: semantics and diagram layer survive a write/read round trip."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree
from test_layout import model_without_di  # tests/bpmn is on sys.path (rootdir-less tests)

import bpmn
from bpmn import namespaces as ns
from bpmn.layout import auto_layout
from bpmn.render import elements_without_di
from bpmn.writer import write_bpmn
from procmodel.model import Definitions, FlowNode, NodeKind, Process, SequenceFlow

REFERENCE_IDS = [
    "A.1.0", "A.2.0", "A.2.1", "A.3.0", "A.4.0", "A.4.1", "B.1.0", "B.2.0", "C.1.0", "C.1.1",
    "C.2.0", "C.3.0", "C.4.0", "C.5.0", "C.6.0", "C.7.0", "C.8.0", "C.8.1", "C.9.0", "C.9.1",
    "C.9.2",
]
# Not semantics: where the element was in the file, and which tool wrote it.
_IGNORED = {"line", "source", "exporter", "exporter_version"}


def normalised(
    value: object, *, sort: bool = False, ignore: frozenset[str] = frozenset()
) -> object:
    """``value`` without source lines and exporter; with ``sort``, tuples ordered by id."""
    if dataclasses.is_dataclass(value):
        return type(value)(**{
            f.name: None if f.name in _IGNORED | ignore
            else normalised(getattr(value, f.name), sort=sort, ignore=ignore)
            for f in dataclasses.fields(value)
        })
    if isinstance(value, tuple):
        items = tuple(normalised(v, sort=sort, ignore=ignore) for v in value)
        if sort and items and all(isinstance(getattr(i, "id", None), str) for i in items):
            items = tuple(sorted(items, key=lambda i: i.id))
        return items
    return value


def semantics(model: Definitions, *, sort: bool = False,
              ignore: frozenset[str] = frozenset()) -> tuple[object, ...]:
    m = normalised(model, sort=sort, ignore=ignore)
    return m.processes, m.collaborations, m.global_elements, m.id, m.name


@pytest.mark.shared
@pytest.mark.parametrize("test_id", REFERENCE_IDS)
def test_reference_models_round_trip(shared_dir: Path, test_id: str) -> None:
    model = bpmn.parse(shared_dir / "corpora" / "miwg" / "reference" / f"{test_id}.bpmn")
    again = bpmn.parse(write_bpmn(model))
    if test_id == "C.8.1":
        # Interfaces are not written: the model does not keep their operations.
        kept = tuple(g for g in model.global_elements if g.kind != "interface")
        model = dataclasses.replace(model, global_elements=kept)
    assert semantics(again) == semantics(model)
    assert normalised(again.diagrams) == normalised(model.diagrams)


def test_model_without_di_is_written_with_a_complete_diagram_layer() -> None:
    original = model_without_di()
    laid_out = auto_layout(original)
    data = write_bpmn(laid_out)
    result = bpmn.read(data, filename="layout.bpmn")
    assert not [f for f in result.findings if f.rule == "schema"], result.findings
    again = result.model
    assert len(again.diagrams) == 1
    assert elements_without_di(again) == []
    # is_collapsed comes from the diagram layer, which the original did not have.
    ignore = frozenset({"is_collapsed"})
    assert semantics(again, sort=True, ignore=ignore) == semantics(original, sort=True,
                                                                   ignore=ignore)
    assert normalised(again.diagrams) == normalised(laid_out.diagrams)


def test_namespaces_are_declared_once_with_the_usual_prefixes() -> None:
    root = etree.fromstring(write_bpmn(auto_layout(model_without_di())))
    assert root.tag == f"{{{ns.MODEL}}}definitions"
    assert root.nsmap["bpmn"] == ns.MODEL and root.nsmap["bpmndi"] == ns.BPMNDI
    assert root.get("targetNamespace")
    diagram = root.find(f"{{{ns.BPMNDI}}}BPMNDiagram")
    plane = diagram.find(f"{{{ns.BPMNDI}}}BPMNPlane")
    assert plane.get("bpmnElement") == "c"
    shape = plane.find(f"{{{ns.BPMNDI}}}BPMNShape")
    assert shape.find(f"{{{ns.DC}}}Bounds") is not None
    edge = plane.find(f"{{{ns.BPMNDI}}}BPMNEdge")
    assert edge.find(f"{{{ns.DI}}}waypoint") is not None
    for element in root.iter():
        assert element.nsmap == root.nsmap  # no namespace redeclared further down


def test_text_with_markup_is_escaped_and_read_back_unchanged() -> None:
    hostile = "<script>alert('x')</script> & \"Quote\" ]]> Prüfung"
    process = Process(
        id="p",
        flow_nodes=(FlowNode(id="t", name=hostile, kind=NodeKind.TASK, process_id="p",
                             documentation=hostile),
                    FlowNode(id="e", kind=NodeKind.END_EVENT, process_id="p")),
        sequence_flows=(SequenceFlow(id="f", source="t", target="e", process_id="p",
                                     condition=hostile),),
    )
    model = Definitions(id="d", processes=(process,))
    data = write_bpmn(model)
    assert b"<script>" not in data
    again = bpmn.parse(data)
    node = again.processes[0].nodes_by_id["t"]
    assert (node.name, node.documentation) == (hostile, hostile)
    assert again.processes[0].sequence_flows[0].condition == hostile
