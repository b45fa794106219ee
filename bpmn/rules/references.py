"""Reference integrity: every reference points to an existing element of the right kind.

Covers sequence and message flows (ends, pool and scope borders), boundary events'
``attachedToRef``, participants' ``processRef``, call activities' ``calledElement``,
default flows, data object/store references and data associations.  Duplicate ids
are the reader's concern (rule ``duplicate-id``).
"""

from __future__ import annotations

from procmodel.model import (
    DataElement,
    DataKind,
    FlowNode,
    GlobalElement,
    NodeKind,
    Participant,
    Process,
    SequenceFlow,
)

from .context import ModelGraph, Reporter, describe, kind_name


def _what(element: object) -> tuple[str, str]:
    """A short German and English description of what an element is."""
    if isinstance(element, FlowNode):
        return kind_name(element, "de"), kind_name(element, "en")
    kind = getattr(element, "kind", None)
    if kind:
        return str(getattr(kind, "value", kind)), str(getattr(kind, "value", kind))
    name = type(element).__name__
    return name, name


def check_references(graph: ModelGraph, report: Reporter) -> None:
    """Run every reference-integrity rule over the model."""
    _sequence_flows(graph, report)
    _message_flows(graph, report)
    _nodes(graph, report)
    _participants(graph, report)
    for process in graph.model.processes:
        _data(graph, process, report)


def _sequence_flows(graph: ModelGraph, report: Reporter) -> None:
    index = graph.model.elements_by_id
    for _process, flow in graph.flows:
        ends = {}
        for role, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
            node = graph.nodes.get(ref)
            if node is not None:
                ends[role] = node
            elif not ref:
                report.add("ref-dangling", flow,
                           f"Sequenzfluss {describe(flow)} hat kein {role}.",
                           f"Sequence flow {describe(flow)} has no {role}.")
            elif ref in index:
                de, en = _what(index[ref])
                report.add("ref-wrong-type", flow,
                           f"{role} des Sequenzflusses {describe(flow)} zeigt auf {de} "
                           f"{describe(index[ref])}, nicht auf einen Flussknoten.",
                           f"The {role} of sequence flow {describe(flow)} points to {en} "
                           f"{describe(index[ref])}, not to a flow node.")
            else:
                report.add("ref-dangling", flow,
                           f"{role} des Sequenzflusses {describe(flow)} zeigt auf „{ref}“, "
                           "das es in der Datei nicht gibt.",
                           f"The {role} of sequence flow {describe(flow)} points to "
                           f"\u201c{ref}\u201d, which does not exist in the file.")
        if len(ends) != 2:
            continue
        source, target = ends["sourceRef"], ends["targetRef"]
        source_process = graph.process_of[source.id]
        target_process = graph.process_of[target.id]
        if source_process.id != target_process.id:
            report.add("sequence-flow-cross-pool", flow,
                       f"Sequenzfluss {describe(flow)} verbindet {describe(source)} im Prozess "
                       f"{describe(source_process)} mit {describe(target)} im Prozess "
                       f"{describe(target_process)}; zwischen Pools einen Nachrichtenfluss "
                       "verwenden.",
                       f"Sequence flow {describe(flow)} connects {describe(source)} in process "
                       f"{describe(source_process)} with {describe(target)} in process "
                       f"{describe(target_process)}; use a message flow between pools.")
        elif source.parent_id != target.parent_id:
            inner = _scope_name(graph, source.parent_id), _scope_name(graph, target.parent_id)
            report.add("sequence-flow-cross-scope", flow,
                       f"Sequenzfluss {describe(flow)} führt von {describe(source)} "
                       f"({inner[0][0]}) nach {describe(target)} ({inner[1][0]}) über die "
                       "Grenze eines Teilprozesses.",
                       f"Sequence flow {describe(flow)} leads from {describe(source)} "
                       f"({inner[0][1]}) to {describe(target)} ({inner[1][1]}) across a "
                       "subprocess border.")


def _scope_name(graph: ModelGraph, scope_id: str | None) -> tuple[str, str]:
    if scope_id is None:
        return "Prozessebene", "process level"
    scope = graph.nodes.get(scope_id)
    return f"in {describe(scope or scope_id)}", f"in {describe(scope or scope_id)}"


def _pool_of(graph: ModelGraph, element: object) -> str | None:
    """The participant (or, without one, the process) an end of a message flow lies in."""
    if isinstance(element, Participant):
        return element.id
    if isinstance(element, FlowNode):
        process = graph.process_of.get(element.id)
        if process is None:
            return None
        participant = graph.model.participant_of(process.id)
        return participant.id if participant else f"process:{process.id}"
    return None


def _message_flows(graph: ModelGraph, report: Reporter) -> None:
    index = graph.model.elements_by_id
    for flow in graph.message_flows:
        ends: dict[str, object] = {}
        for role, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
            element = index.get(ref) if ref else None
            if element is None:
                missing = f"„{ref}“" if ref else "nichts"
                report.add("ref-dangling", flow,
                           f"{role} des Nachrichtenflusses {describe(flow)} zeigt auf "
                           f"{missing}, das es in der Datei nicht gibt.",
                           f"The {role} of message flow {describe(flow)} points to "
                           f"{ref or 'nothing'!r}, which does not exist in the file.")
            elif not isinstance(element, FlowNode | Participant):
                de, en = _what(element)
                report.add("ref-wrong-type", flow,
                           f"{role} des Nachrichtenflusses {describe(flow)} zeigt auf {de} "
                           f"{describe(element)}; erlaubt sind Pools und Flussknoten.",
                           f"The {role} of message flow {describe(flow)} points to {en} "
                           f"{describe(element)}; only pools and flow nodes are allowed.")
            else:
                ends[role] = element
        if flow.message_ref and graph.lookup(flow.message_ref) is None:
            report.add("ref-dangling", flow,
                       f"Nachrichtenfluss {describe(flow)} verweist auf die Nachricht "
                       f"„{flow.message_ref}“, die es in der Datei nicht gibt.",
                       f"Message flow {describe(flow)} refers to message "
                       f"\u201c{flow.message_ref}\u201d, which does not exist in the file.")
        if len(ends) != 2:
            continue
        source_pool = _pool_of(graph, ends["sourceRef"])
        if source_pool is not None and source_pool == _pool_of(graph, ends["targetRef"]):
            report.add("message-flow-same-pool", flow,
                       f"Nachrichtenfluss {describe(flow)} verbindet {describe(ends['sourceRef'])} "
                       f"und {describe(ends['targetRef'])} im selben Pool; innerhalb eines Pools "
                       "einen Sequenzfluss verwenden.",
                       f"Message flow {describe(flow)} connects {describe(ends['sourceRef'])} and "
                       f"{describe(ends['targetRef'])} in the same pool; use a sequence flow "
                       "within a pool.")


_DEFINITION_TARGETS = {
    "message": ("Nachricht", "message"),
    "error": ("Fehler", "error"),
    "escalation": ("Eskalation", "escalation"),
    "signal": ("Signal", "signal"),
}


def _event_definition_refs(graph: ModelGraph, node: FlowNode, report: Reporter) -> None:
    """messageRef, errorRef, escalationRef and signalRef of an event's definitions."""
    for definition in node.event_definitions:
        names = _DEFINITION_TARGETS.get(definition.kind.value)
        if names is None or not definition.ref:
            continue
        target = graph.lookup(definition.ref)
        de, en = names
        if target is None:
            report.add("ref-dangling", node,
                       f"{describe(node)} verweist auf {de} „{definition.ref}“, die es in der "
                       "Datei nicht gibt.",
                       f"{describe(node)} refers to {en} \u201c{definition.ref}\u201d, which "
                       "does not exist in the file.", line=definition.line or node.line)
        elif not (isinstance(target, GlobalElement) and target.kind == definition.kind.value):
            kind_de, kind_en = _what(target)
            report.add("ref-wrong-type", node,
                       f"{describe(node)} verweist als {de} auf {kind_de} {describe(target)}.",
                       f"{describe(node)} refers to {kind_en} {describe(target)} as its {en}.",
                       line=definition.line or node.line)


def _nodes(graph: ModelGraph, report: Reporter) -> None:
    index = graph.model.elements_by_id
    for node in graph.nodes.values():
        _event_definition_refs(graph, node, report)
        if node.kind is NodeKind.BOUNDARY_EVENT:
            _attached_to(node, index, report)
        if node.kind is NodeKind.CALL_ACTIVITY:
            _called_element(node, graph, report)
        if node.default_flow:
            flow = index.get(node.default_flow)
            if not isinstance(flow, SequenceFlow) or flow.source != node.id:
                why_de = ("gibt es nicht" if flow is None
                          else "ist kein ausgehender Sequenzfluss dieses Elements")
                why_en = ("does not exist" if flow is None
                          else "is not an outgoing sequence flow of this element")
                report.add("ref-default-flow", node,
                           f"Der Standardfluss „{node.default_flow}“ von {describe(node)} "
                           f"{why_de}.",
                           f"The default flow \u201c{node.default_flow}\u201d of "
                           f"{describe(node)} {why_en}.")


def _attached_to(node: FlowNode, index: dict[str, object], report: Reporter) -> None:
    host = index.get(node.attached_to) if node.attached_to else None
    if host is None:
        target = f"„{node.attached_to}“" if node.attached_to else "kein Element"
        report.add("ref-dangling", node,
                   f"Randereignis {describe(node)} ist an {target} angeheftet, das es in der "
                   "Datei nicht gibt.",
                   f"Boundary event {describe(node)} is attached to "
                   f"{node.attached_to or 'no element'!r}, which does not exist in the file.")
    elif not (isinstance(host, FlowNode) and host.kind.is_activity):
        de, en = _what(host)
        report.add("ref-wrong-type", node,
                   f"Randereignis {describe(node)} ist an {de} {describe(host)} angeheftet; "
                   "Randereignisse gehören an Aktivitäten.",
                   f"Boundary event {describe(node)} is attached to {en} {describe(host)}; "
                   "boundary events belong on activities.")


def _called_element(node: FlowNode, graph: ModelGraph, report: Reporter) -> None:
    ref = (node.called_element or "").strip()
    if not ref:
        report.add("ref-called-element", node,
                   f"Aufrufaktivität {describe(node)} gibt nicht an, was sie aufruft "
                   "(calledElement fehlt).",
                   f"Call activity {describe(node)} does not say what it calls "
                   "(calledElement is missing).")
        return
    target = graph.lookup(ref)
    if target is None:
        report.add("ref-called-element", node,
                   f"Aufrufaktivität {describe(node)} ruft „{ref}“ auf; das steht nicht in "
                   "dieser Datei und wird nicht geprüft.",
                   f"Call activity {describe(node)} calls \u201c{ref}\u201d, which is not in "
                   "this file and is not checked.")
    elif not (isinstance(target, Process) or (
        isinstance(target, GlobalElement) and target.kind.startswith("global")
    )):
        de, en = _what(target)
        report.add("ref-wrong-type", node,
                   f"Aufrufaktivität {describe(node)} ruft {de} {describe(target)} auf; "
                   "aufrufbar sind Prozesse und globale Aufgaben.",
                   f"Call activity {describe(node)} calls {en} {describe(target)}; only "
                   "processes and global tasks can be called.")


def _participants(graph: ModelGraph, report: Reporter) -> None:
    for participant in graph.model.participants:
        if not participant.process_ref:
            continue  # a black-box pool
        target = graph.lookup(participant.process_ref)
        if target is None:
            report.add("ref-dangling", participant,
                       f"Pool {describe(participant)} verweist auf den Prozess "
                       f"„{participant.process_ref}“, den es in der Datei nicht gibt.",
                       f"Pool {describe(participant)} refers to process "
                       f"\u201c{participant.process_ref}\u201d, which does not exist in the "
                       "file.")
        elif not isinstance(target, Process):
            de, en = _what(target)
            report.add("ref-wrong-type", participant,
                       f"Pool {describe(participant)} verweist mit processRef auf {de} "
                       f"{describe(target)}, nicht auf einen Prozess.",
                       f"Pool {describe(participant)} refers with processRef to {en} "
                       f"{describe(target)}, not to a process.")


_REFERENCE_TARGET = {
    DataKind.DATA_OBJECT_REFERENCE: (DataKind.DATA_OBJECT, "Datenobjekt", "data object"),
    DataKind.DATA_STORE_REFERENCE: (DataKind.DATA_STORE, "Datenspeicher", "data store"),
}


def _data(graph: ModelGraph, process: Process, report: Reporter) -> None:
    index = graph.model.elements_by_id
    for element in process.data:
        expected = _REFERENCE_TARGET.get(element.kind)
        if expected is None or not element.ref:
            continue
        target = graph.lookup(element.ref)
        kind, de, en = expected
        if target is None and element.kind is DataKind.DATA_STORE_REFERENCE and (
            graph.source_ids is None or element.ref in graph.source_ids
        ):
            continue  # a root dataStore the model may not keep: exists, not checkable
        if target is None:
            report.add("ref-dangling", element,
                       f"{describe(element)} verweist auf das {de} „{element.ref}“, das es in "
                       "der Datei nicht gibt.",
                       f"{describe(element)} refers to {en} \u201c{element.ref}\u201d, which "
                       "does not exist in the file.")
        elif not (
            (isinstance(target, DataElement) and target.kind is kind)
            or (isinstance(target, GlobalElement) and target.kind == kind.value)
        ):
            report.add("ref-wrong-type", element,
                       f"{describe(element)} verweist auf {describe(target)}, das kein {de} ist.",
                       f"{describe(element)} refers to {describe(target)}, which is not a "
                       f"{en}.")
    for association in process.data_associations:
        node = describe(graph.nodes.get(association.node_id) or association.node_id)
        for ref in (*association.sources, association.target):
            resolved = graph.resolve(ref)
            if not resolved or resolved in index:
                continue
            # Data associations also name properties and ioSpecification inputs/outputs,
            # which the model does not keep: only the file's own ids can tell.
            known = graph.source_ids
            if known is not None and resolved not in known:
                report.add("ref-dangling", association,
                           f"Die Datenzuordnung {describe(association)} von {node} "
                           f"verweist auf „{ref}“, das es in der Datei nicht gibt.",
                           f"Data association {describe(association)} of {node} "
                           f"refers to \u201c{ref}\u201d, which does not exist in the file.")
