"""Modelling conventions checked per flow node and sequence flow.

Each rule has bpmnlint's id and meaning (``recommended`` configuration), computed on
the graph of the sequence flows (see :mod:`bpmn.rules.context`).
"""

from __future__ import annotations

from procmodel.model import FlowNode, NodeKind, SequenceFlow, normalise_label

from .context import (
    ModelGraph,
    Reporter,
    describe,
    is_compensation_boundary,
    is_event_subprocess,
    is_link_event,
    kind_name,
)


def is_default(graph: ModelGraph, flow: SequenceFlow) -> bool:
    source = graph.nodes.get(flow.source)
    return flow.is_default or (source is not None and source.default_flow == flow.id)


def has_condition(flow: SequenceFlow) -> bool:
    """Whether the flow has a condition expression (even an empty one, as bpmnlint)."""
    return flow.condition is not None


def _in_ad_hoc(graph: ModelGraph, node: FlowNode) -> bool:
    parent = graph.nodes.get(node.parent_id) if node.parent_id else None
    return parent is not None and parent.kind is NodeKind.AD_HOC_SUB_PROCESS


def check_nodes(graph: ModelGraph, report: Reporter) -> None:
    """Run the node- and flow-level convention rules."""
    for node in graph.nodes.values():
        incoming = graph.incoming.get(node.id, ())
        outgoing = graph.outgoing.get(node.id, ())
        _label(graph, node, outgoing, report)
        _connections(graph, node, incoming, outgoing, report)
        if node.kind.is_gateway:
            _gateway(graph, node, incoming, outgoing, report)
        if node.kind.is_event and len(node.event_definitions) > 1:
            report.add("single-event-definition", node,
                       f"Ereignis {describe(node)} hat {len(node.event_definitions)} "
                       "Ereignisdefinitionen; höchstens eine ist erlaubt.",
                       f"Event {describe(node)} has {len(node.event_definitions)} event "
                       "definitions; at most one is allowed.")
        _conditional_flows(graph, node, outgoing, report)
    _flows(graph, report)


def _label(
    graph: ModelGraph, node: FlowNode, outgoing: list[SequenceFlow], report: Reporter
) -> None:
    if node.kind in (NodeKind.PARALLEL_GATEWAY, NodeKind.EVENT_BASED_GATEWAY):
        return
    if node.kind.is_gateway and len(outgoing) <= 1:
        return  # joining gateways need no label
    if node.kind.is_subprocess:
        return
    if not normalise_label(node.name):
        report.add("label-required", node,
                   f"{kind_name(node, 'de').capitalize()} {node.id} hat keine Beschriftung.",
                   f"The {kind_name(node, 'en')} {node.id} has no label.")


def _connections(
    graph: ModelGraph,
    node: FlowNode,
    incoming: list[SequenceFlow],
    outgoing: list[SequenceFlow],
    report: Reporter,
) -> None:
    kind = node.kind
    if kind.is_activity or kind.is_event:
        plain_out = [f for f in outgoing if not has_condition(f) and not is_default(graph, f)]
        if len(plain_out) > 1:
            report.add("no-implicit-split", node,
                       f"{describe(node)} hat {len(plain_out)} unbedingte ausgehende Flüsse und "
                       "verzweigt damit implizit parallel; ein paralleles Gateway modellieren.",
                       f"{describe(node)} has {len(plain_out)} unconditional outgoing flows and "
                       "so splits implicitly; model a parallel gateway.")
        if len(incoming) > 1:
            report.add("fake-join", node,
                       f"{describe(node)} hat {len(incoming)} eingehende Flüsse, die hier nicht "
                       "synchronisiert werden; ein Gateway zum Zusammenführen modellieren.",
                       f"{describe(node)} has {len(incoming)} incoming flows, which are not "
                       "synchronised here; model a joining gateway.")
    exempt_activity = (kind.is_activity and node.is_for_compensation) or (
        kind.is_activity and _in_ad_hoc(graph, node)
    ) or is_event_subprocess(node)
    disconnected_kinds = kind.is_task or kind.is_gateway or kind.is_subprocess or kind.is_event
    if (
        (disconnected_kinds or kind is NodeKind.CALL_ACTIVITY)
        and not incoming
        and not outgoing
        and not exempt_activity
        and not is_compensation_boundary(node)
    ):
        report.add("no-disconnected", node,
                   f"{describe(node)} ist mit keinem Sequenzfluss verbunden.",
                   f"{describe(node)} is not connected to any sequence flow.")
        return  # implicit start and end would only repeat this
    if not incoming and not exempt_activity and kind not in (
        NodeKind.START_EVENT, NodeKind.BOUNDARY_EVENT
    ) and not (kind is NodeKind.INTERMEDIATE_CATCH_EVENT and is_link_event(node)):
        report.add("no-implicit-start", node,
                   f"{describe(node)} hat keinen eingehenden Fluss und ist kein Startereignis "
                   "(impliziter Start).",
                   f"{describe(node)} has no incoming flow and is not a start event (implicit "
                   "start).")
    if not outgoing and not exempt_activity and kind is not NodeKind.END_EVENT and not (
        kind is NodeKind.INTERMEDIATE_THROW_EVENT and is_link_event(node)
    ) and not is_compensation_boundary(node):
        report.add("no-implicit-end", node,
                   f"{describe(node)} hat keinen ausgehenden Fluss und ist kein Endereignis "
                   "(implizites Ende).",
                   f"{describe(node)} has no outgoing flow and is not an end event (implicit "
                   "end).")


def _gateway(
    graph: ModelGraph,
    node: FlowNode,
    incoming: list[SequenceFlow],
    outgoing: list[SequenceFlow],
    report: Reporter,
) -> None:
    if len(incoming) == 1 and len(outgoing) == 1:
        report.add("superfluous-gateway", node,
                   f"Gateway {describe(node)} hat nur einen ein- und einen ausgehenden Fluss "
                   "und ist überflüssig.",
                   f"Gateway {describe(node)} has only one incoming and one outgoing flow and "
                   "is superfluous.")
    if len(incoming) > 1 and len(outgoing) > 1:
        report.add("no-gateway-join-fork", node,
                   f"Gateway {describe(node)} führt {len(incoming)} Flüsse zusammen und "
                   f"verzweigt zugleich in {len(outgoing)}; zwei Gateways modellieren.",
                   f"Gateway {describe(node)} joins {len(incoming)} flows and forks into "
                   f"{len(outgoing)} at once; model two gateways.")
    if node.kind is NodeKind.EVENT_BASED_GATEWAY:
        if len(outgoing) < 2:
            report.add("event-based-gateway", node,
                       f"Ereignisbasiertes Gateway {describe(node)} hat {len(outgoing)} "
                       "ausgehende Flüsse; mindestens zwei sind nötig.",
                       f"Event-based gateway {describe(node)} has {len(outgoing)} outgoing "
                       "flows; at least two are needed.")
        for flow in outgoing:
            if has_condition(flow):
                report.add("event-based-gateway", flow,
                           f"Fluss {describe(flow)} aus dem ereignisbasierten Gateway "
                           f"{describe(node)} darf keine Bedingung haben.",
                           f"Flow {describe(flow)} leaving event-based gateway {describe(node)} "
                           "must not have a condition.")
    if node.kind is NodeKind.COMPLEX_GATEWAY:
        report.add("no-complex-gateway", node,
                   f"Komplexes Gateway {describe(node)}: schwer verständlich und von vielen "
                   "Werkzeugen nicht unterstützt.",
                   f"Complex gateway {describe(node)}: hard to understand and unsupported by "
                   "many tools.")
    if node.kind is NodeKind.INCLUSIVE_GATEWAY:
        report.add("no-inclusive-gateway", node,
                   f"Inklusives Gateway {describe(node)}: prüfen, ob ein exklusives oder "
                   "paralleles Gateway genügt.",
                   f"Inclusive gateway {describe(node)}: check whether an exclusive or parallel "
                   "gateway suffices.")


def _conditional_flows(
    graph: ModelGraph, node: FlowNode, outgoing: list[SequenceFlow], report: Reporter
) -> None:
    if node.kind is NodeKind.EVENT_BASED_GATEWAY:
        return  # its flows must not carry conditions at all (rule event-based-gateway)
    defaults = [f for f in outgoing if is_default(graph, f)]
    if not defaults and not any(has_condition(f) for f in outgoing):
        return
    for flow in outgoing:
        if not has_condition(flow) and flow not in defaults:
            report.add("conditional-flows", flow,
                       f"Fluss {describe(flow)} aus der bedingten Verzweigung {describe(node)} "
                       "hat keine Bedingung und ist nicht der Standardfluss.",
                       f"Flow {describe(flow)} leaving the conditional fork {describe(node)} has "
                       "no condition and is not the default flow.")


def _flows(graph: ModelGraph, report: Reporter) -> None:
    seen: dict[tuple[str, str, str], SequenceFlow] = {}
    reported_sources: set[str] = set()
    reported_targets: set[str] = set()
    for _process, flow in graph.flows:
        if has_condition(flow) and not normalise_label(flow.name):
            report.add("label-required", flow,
                       f"Bedingter Fluss {flow.id} hat keine Beschriftung.",
                       f"Conditional flow {flow.id} has no label.")
        if normalise_label(flow.name) and not has_condition(flow) and not is_default(graph, flow):
            source = graph.nodes.get(flow.source)
            forking_decision = source is not None and source.kind in (
                NodeKind.EXCLUSIVE_GATEWAY, NodeKind.INCLUSIVE_GATEWAY
            ) and len(graph.outgoing.get(source.id, ())) > 1
            if not forking_decision:
                report.add("superfluous-label", flow,
                           f"Der unbedingte Fluss {describe(flow)} trägt eine Beschriftung, die "
                           "nichts entscheidet.",
                           f"The unconditional flow {describe(flow)} carries a label that "
                           "decides nothing.")
        key = (flow.source, flow.target, (flow.condition or "").strip())
        if key not in seen:
            seen[key] = flow
            continue
        report.add("no-duplicate-sequence-flows", flow,
                   f"Fluss {describe(flow)} verdoppelt {describe(seen[key])} (gleiche Quelle, "
                   "gleiches Ziel, gleiche Bedingung).",
                   f"Flow {describe(flow)} duplicates {describe(seen[key])} (same source, "
                   "target and condition).")
        for node_id, reported, de, en in (
            (flow.source, reported_sources, "doppelte ausgehende", "duplicate outgoing"),
            (flow.target, reported_targets, "doppelte eingehende", "duplicate incoming"),
        ):
            node = graph.nodes.get(node_id)
            if node is not None and node_id not in reported:
                reported.add(node_id)
                report.add("no-duplicate-sequence-flows", node,
                           f"{describe(node)} hat {de} Sequenzflüsse.",
                           f"{describe(node)} has {en} sequence flows.")
