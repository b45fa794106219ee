"""Modelling conventions checked per flow node and sequence flow.

Each rule has bpmnlint's id and meaning (``recommended`` configuration), computed on
the graph of the sequence flows (see :mod:`bpmn.rules.context`).
"""

from __future__ import annotations

from procmodel.model import FlowNode, NodeKind, SequenceFlow, normalise_label

from .context import (
    ModelGraph,
    Reporter,
    capital,
    describe,
    is_compensation_boundary,
    is_event_subprocess,
    is_link_event,
    the,
)


def _flows_de(count: int) -> str:
    return {0: "keinen ausgehenden Fluss", 1: "nur einen ausgehenden Fluss"}.get(
        count, f"{count} ausgehende Flüsse")


def _flows_en(count: int) -> str:
    return {0: "no outgoing flow", 1: "only one outgoing flow"}.get(
        count, f"{count} outgoing flows")


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
                       f"{capital(the(node, 'de'))} hat {len(node.event_definitions)} "
                       "Ereignisdefinitionen. Nur eine angeben oder ein Mehrfach-Ereignis "
                       "modellieren.",
                       f"{capital(the(node, 'en'))} has {len(node.event_definitions)} event "
                       "definitions. Give only one, or model a multiple event.")
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
                   f"{capital(the(node, 'de'))} hat keine Beschriftung. Eine kurze "
                   "Beschriftung ergänzen, die sagt, was hier geschieht.",
                   f"{capital(the(node, 'en'))} has no label. Add a short label that says "
                   "what happens here.")


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
                       f"{capital(the(node, 'de'))} hat {len(plain_out)} unbedingte ausgehende "
                       "Flüsse und verzweigt damit stillschweigend parallel. Die Verzweigung "
                       "mit einem parallelen Gateway sichtbar machen.",
                       f"{capital(the(node, 'en'))} has {len(plain_out)} unconditional outgoing "
                       "flows and so splits implicitly in parallel. Make the split visible with "
                       "a parallel gateway.")
        if len(incoming) > 1:
            report.add("fake-join", node,
                       f"{capital(the(node, 'de'))} hat {len(incoming)} eingehende Flüsse, die "
                       "hier nicht synchronisiert werden. Die Flüsse davor mit einem Gateway "
                       "zusammenführen.",
                       f"{capital(the(node, 'en'))} has {len(incoming)} incoming flows, which "
                       "are not synchronised here. Join them with a gateway before it.")
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
                   f"{capital(the(node, 'de'))} ist mit keinem Sequenzfluss verbunden. Das "
                   "Element in den Ablauf einbinden oder löschen.",
                   f"{capital(the(node, 'en'))} is not connected to any sequence flow. Connect "
                   "it to the flow or delete it.")
        return  # implicit start and end would only repeat this
    if not incoming and not exempt_activity and kind not in (
        NodeKind.START_EVENT, NodeKind.BOUNDARY_EVENT
    ) and not (kind is NodeKind.INTERMEDIATE_CATCH_EVENT and is_link_event(node)):
        report.add("no-implicit-start", node,
                   f"{capital(the(node, 'de'))} hat keinen eingehenden Fluss, ist aber kein "
                   "Startereignis. Einen Fluss dorthin oder ein Startereignis davor "
                   "modellieren.",
                   f"{capital(the(node, 'en'))} has no incoming flow but is not a start event. "
                   "Add a flow into it or a start event before it.")
    if not outgoing and not exempt_activity and kind is not NodeKind.END_EVENT and not (
        kind is NodeKind.INTERMEDIATE_THROW_EVENT and is_link_event(node)
    ) and not is_compensation_boundary(node):
        report.add("no-implicit-end", node,
                   f"{capital(the(node, 'de'))} hat keinen ausgehenden Fluss, ist aber kein "
                   "Endereignis. Mit einem Endereignis abschließen oder weiterführen.",
                   f"{capital(the(node, 'en'))} has no outgoing flow but is not an end event. "
                   "Finish with an end event or continue the flow.")


def _gateway(
    graph: ModelGraph,
    node: FlowNode,
    incoming: list[SequenceFlow],
    outgoing: list[SequenceFlow],
    report: Reporter,
) -> None:
    if len(incoming) == 1 and len(outgoing) == 1:
        report.add("superfluous-gateway", node,
                   f"{capital(the(node, 'de'))} hat nur einen ein- und einen ausgehenden "
                   "Fluss und tut daher nichts. Das Gateway entfernen.",
                   f"{capital(the(node, 'en'))} has only one incoming and one outgoing flow "
                   "and so does nothing. Remove the gateway.")
    if len(incoming) > 1 and len(outgoing) > 1:
        report.add("no-gateway-join-fork", node,
                   f"{capital(the(node, 'de'))} führt {len(incoming)} Flüsse zusammen und "
                   f"verzweigt zugleich in {len(outgoing)}. Dafür zwei Gateways "
                   "hintereinander modellieren.",
                   f"{capital(the(node, 'en'))} joins {len(incoming)} flows and forks into "
                   f"{len(outgoing)} at once. Model two gateways, one after the other.")
    if node.kind is NodeKind.EVENT_BASED_GATEWAY:
        if len(outgoing) < 2:
            report.add("event-based-gateway", node,
                       f"{capital(the(node, 'de'))} hat {_flows_de(len(outgoing))}, nötig sind "
                       "mindestens zwei zu den Ereignissen, auf die gewartet wird.",
                       f"{capital(the(node, 'en'))} has {_flows_en(len(outgoing))}; it needs at "
                       "least two, to the events it waits for.")
        for flow in outgoing:
            if has_condition(flow):
                report.add("event-based-gateway", flow,
                           f"Der Sequenzfluss {describe(flow)} nach dem ereignisbasierten "
                           f"Gateway {describe(node)} hat eine Bedingung. Sie entfernen: "
                           "Hier entscheidet das Ereignis, das zuerst eintritt.",
                           f"Sequence flow {describe(flow)} after the event-based gateway "
                           f"{describe(node)} has a condition. Remove it: the event that "
                           "occurs first decides here.")
    if node.kind is NodeKind.COMPLEX_GATEWAY:
        report.add("no-complex-gateway", node,
                   f"{capital(the(node, 'de'))} ist schwer verständlich und wird von vielen "
                   "Werkzeugen nicht unterstützt. Möglichst durch exklusive, parallele oder "
                   "inklusive Gateways ersetzen.",
                   f"{capital(the(node, 'en'))} is hard to understand and unsupported by many "
                   "tools. Replace it by exclusive, parallel or inclusive gateways where "
                   "possible.")
    if node.kind is NodeKind.INCLUSIVE_GATEWAY:
        report.add("no-inclusive-gateway", node,
                   f"{capital(the(node, 'de'))} ist schwer zu lesen. Prüfen, ob ein "
                   "exklusives oder paralleles Gateway genügt.",
                   f"{capital(the(node, 'en'))} is hard to read. Check whether an exclusive or "
                   "parallel gateway suffices.")


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
                       f"Der Sequenzfluss {describe(flow)} nach {describe(node)} hat keine "
                       "Bedingung, obwohl dort bedingt verzweigt wird. Eine Bedingung angeben "
                       "oder ihn zum Standardfluss machen.",
                       f"Sequence flow {describe(flow)} after {describe(node)} has no "
                       "condition, although the flow forks conditionally there. Give it a "
                       "condition or make it the default flow.")


def _flows(graph: ModelGraph, report: Reporter) -> None:
    seen: dict[tuple[str, str, str], SequenceFlow] = {}
    reported_sources: set[str] = set()
    reported_targets: set[str] = set()
    for _process, flow in graph.flows:
        if has_condition(flow) and not normalise_label(flow.name):
            report.add("label-required", flow,
                       f"Der bedingte Sequenzfluss {flow.id} hat keine Beschriftung. Die "
                       "Bedingung in Worten als Beschriftung angeben (z. B. „vollständig“).",
                       f"Conditional sequence flow {flow.id} has no label. Label it with the "
                       "condition in words (e.g. „complete“).")
        if normalise_label(flow.name) and not has_condition(flow) and not is_default(graph, flow):
            source = graph.nodes.get(flow.source)
            forking_decision = source is not None and source.kind in (
                NodeKind.EXCLUSIVE_GATEWAY, NodeKind.INCLUSIVE_GATEWAY
            ) and len(graph.outgoing.get(source.id, ())) > 1
            if not forking_decision:
                report.add("superfluous-label", flow,
                           f"Der Sequenzfluss {describe(flow)} ist beschriftet, entscheidet "
                           "aber nichts (keine Bedingung, keine Entscheidung davor). Die "
                           "Beschriftung entfernen oder eine Bedingung angeben.",
                           f"Sequence flow {describe(flow)} is labelled but decides nothing (no "
                           "condition, no decision before it). Remove the label or give it a "
                           "condition.")
        key = (flow.source, flow.target, (flow.condition or "").strip())
        if key not in seen:
            seen[key] = flow
            continue
        report.add("no-duplicate-sequence-flows", flow,
                   f"Der Sequenzfluss {describe(flow)} doppelt {describe(seen[key])}: "
                   "gleiche Quelle, gleiches Ziel, gleiche Bedingung. Einen der beiden "
                   "löschen.",
                   f"Sequence flow {describe(flow)} duplicates {describe(seen[key])}: same "
                   "source, target and condition. Delete one of them.")
        for node_id, reported, de, en in (
            (flow.source, reported_sources, "doppelte ausgehende", "duplicate outgoing"),
            (flow.target, reported_targets, "doppelte eingehende", "duplicate incoming"),
        ):
            node = graph.nodes.get(node_id)
            if node is not None and node_id not in reported:
                reported.add(node_id)
                report.add("no-duplicate-sequence-flows", node,
                           f"{capital(the(node, 'de'))} hat {de} Sequenzflüsse. Von "
                           "gleichen Flüssen nur einen behalten.",
                           f"{capital(the(node, 'en'))} has {en} sequence flows. Keep only "
                           "one of each.")
