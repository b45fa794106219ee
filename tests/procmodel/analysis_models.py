"""Small process models built in code for the analysis tests."""

from __future__ import annotations

import itertools

from procmodel.model import Definitions, FlowNode, Lane, NodeKind, Process, SequenceFlow


def linear_model(name: str, labels: list[str], *, lanes: dict[str, str] | None = None,
                 prefix: str = "t") -> Definitions:
    """start → task 1 → … → task n → end, task ids ``{prefix}1`` … ``{prefix}n``."""
    nodes = [FlowNode(id="start", kind=NodeKind.START_EVENT, process_id="p")]
    for k, label in enumerate(labels, 1):
        nodes.append(FlowNode(id=f"{prefix}{k}", name=label, kind=NodeKind.TASK,
                              process_id="p", lane_id="lane" if lanes else None))
    nodes.append(FlowNode(id="end", kind=NodeKind.END_EVENT, process_id="p"))
    flows = [SequenceFlow(id=f"f{k}", source=a.id, target=b.id, process_id="p")
             for k, (a, b) in enumerate(itertools.pairwise(nodes))]
    lane_list = ()
    if lanes:
        lane_list = (Lane(id="lane", name=next(iter(lanes.values())), process_id="p",
                          flow_node_refs=tuple(n.id for n in nodes)),)
    process = Process(id="p", name=name, flow_nodes=tuple(nodes), sequence_flows=tuple(flows),
                      lanes=lane_list)
    return Definitions(id=f"defs-{name}", processes=(process,), source=f"{name}.bpmn")
