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

from .context import ModelGraph, Reporter, capital, describe, the

_ACCUSATIVE = {"der ": "den ", "ein ": "einen "}


def _accusative(phrase: str) -> str:
    """``der Pool „X“`` → ``den Pool „X“``: only the masculine article changes."""
    for nominative, accusative in _ACCUSATIVE.items():
        if phrase.startswith(nominative):
            return accusative + phrase[len(nominative):]
    return phrase


_RECONNECT_DE = "Den Fluss im Modellierungswerkzeug neu verbinden."
_RECONNECT_EN = "Reconnect the flow in the modelling tool."


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
                end_de, end_en = _END_WORDS[role]
                report.add("ref-dangling", flow,
                           f"Der Sequenzfluss {describe(flow)} hat kein {end_de} ({role}). "
                           f"{_RECONNECT_DE}",
                           f"Sequence flow {describe(flow)} has no {end_en} ({role}). "
                           f"{_RECONNECT_EN}")
            elif ref in index:
                end_de, end_en = _END_WORDS[role]
                report.add("ref-wrong-type", flow,
                           f"Der Sequenzfluss {describe(flow)} hat als {end_de} "
                           f"{the(index[ref], 'de')}; Sequenzflüsse verbinden nur Aufgaben, "
                           f"Ereignisse und Gateways. {_RECONNECT_DE}",
                           f"Sequence flow {describe(flow)} has {the(index[ref], 'en')} as its "
                           f"{end_en}; sequence flows connect only tasks, events and gateways. "
                           f"{_RECONNECT_EN}")
            else:
                end_de, end_en = _END_WORDS[role]
                report.add("ref-dangling", flow,
                           f"Das {end_de} des Sequenzflusses {describe(flow)} ({role} „{ref}“) "
                           f"gibt es in der Datei nicht. {_RECONNECT_DE}",
                           f"The {end_en} of sequence flow {describe(flow)} ({role} "
                           f"\u201c{ref}\u201d) does not exist in the file. {_RECONNECT_EN}")
        if len(ends) != 2:
            continue
        source, target = ends["sourceRef"], ends["targetRef"]
        source_process = graph.process_of[source.id]
        target_process = graph.process_of[target.id]
        if source_process.id != target_process.id:
            report.add("sequence-flow-cross-pool", flow,
                       f"Der Sequenzfluss {describe(flow)} führt von {describe(source)} in "
                       f"einen anderen Pool zu {describe(target)}. Zwischen Pools einen "
                       "Nachrichtenfluss verwenden.",
                       f"Sequence flow {describe(flow)} leads from {describe(source)} into "
                       f"another pool to {describe(target)}. Use a message flow between "
                       "pools.")
        elif source.parent_id != target.parent_id:
            inner = _scope_name(graph, source.parent_id), _scope_name(graph, target.parent_id)
            report.add("sequence-flow-cross-scope", flow,
                       f"Der Sequenzfluss {describe(flow)} führt von {describe(source)} "
                       f"({inner[0][0]}) über die Grenze eines Teilprozesses zu "
                       f"{describe(target)} ({inner[1][0]}). Den Teilprozess als Ganzes "
                       "verbinden und innen mit Start- und Endereignis arbeiten.",
                       f"Sequence flow {describe(flow)} leads from {describe(source)} "
                       f"({inner[0][1]}) across a subprocess border to {describe(target)} "
                       f"({inner[1][1]}). Connect the subprocess as a whole and use start and "
                       "end events inside it.")


_END_WORDS = {"sourceRef": ("Quellelement", "source"), "targetRef": ("Zielelement", "target")}


def _scope_name(graph: ModelGraph, scope_id: str | None) -> tuple[str, str]:
    if scope_id is None:
        return "auf Prozessebene", "at process level"
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
            end_de, end_en = _END_WORDS[role]
            if element is None and not ref:
                report.add("ref-dangling", flow,
                           f"Der Nachrichtenfluss {describe(flow)} hat kein {end_de} ({role}). "
                           f"{_RECONNECT_DE}",
                           f"Message flow {describe(flow)} has no {end_en} ({role}). "
                           f"{_RECONNECT_EN}")
            elif element is None:
                report.add("ref-dangling", flow,
                           f"Das {end_de} des Nachrichtenflusses {describe(flow)} ({role} "
                           f"„{ref}“) gibt es in der Datei nicht. {_RECONNECT_DE}",
                           f"The {end_en} of message flow {describe(flow)} ({role} "
                           f"\u201c{ref}\u201d) does not exist in the file. {_RECONNECT_EN}")
            elif not isinstance(element, FlowNode | Participant):
                report.add("ref-wrong-type", flow,
                           f"Der Nachrichtenfluss {describe(flow)} hat als {end_de} "
                           f"{the(element, 'de')}; erlaubt sind Pools, Aufgaben und Ereignisse. "
                           f"{_RECONNECT_DE}",
                           f"Message flow {describe(flow)} has {the(element, 'en')} as its "
                           f"{end_en}; only pools, tasks and events are allowed. "
                           f"{_RECONNECT_EN}")
            else:
                ends[role] = element
        if flow.message_ref and graph.lookup(flow.message_ref) is None:
            report.add("ref-dangling", flow,
                       f"Der Nachrichtenfluss {describe(flow)} verweist auf die Nachricht "
                       f"„{flow.message_ref}“, die es in der Datei nicht gibt. Die Nachricht "
                       "neu zuordnen.",
                       f"Message flow {describe(flow)} refers to message "
                       f"\u201c{flow.message_ref}\u201d, which does not exist in the file. "
                       "Assign the message again.")
        if len(ends) != 2:
            continue
        source_pool = _pool_of(graph, ends["sourceRef"])
        if source_pool is not None and source_pool == _pool_of(graph, ends["targetRef"]):
            report.add("message-flow-same-pool", flow,
                       f"Der Nachrichtenfluss {describe(flow)} verbindet "
                       f"{describe(ends['sourceRef'])} und {describe(ends['targetRef'])} im "
                       "selben Pool. Innerhalb eines Pools einen Sequenzfluss verwenden.",
                       f"Message flow {describe(flow)} connects {describe(ends['sourceRef'])} "
                       f"and {describe(ends['targetRef'])} in the same pool. Use a sequence "
                       "flow within a pool.")


# (German with article in the accusative, English, German "die es nicht gibt" pronoun)
_DEFINITION_TARGETS = {
    "message": ("die Nachricht", "message", "die"),
    "error": ("den Fehler", "error", "den"),
    "escalation": ("die Eskalation", "escalation", "die"),
    "signal": ("das Signal", "signal", "das"),
}


def _event_definition_refs(graph: ModelGraph, node: FlowNode, report: Reporter) -> None:
    """messageRef, errorRef, escalationRef and signalRef of an event's definitions."""
    for definition in node.event_definitions:
        names = _DEFINITION_TARGETS.get(definition.kind.value)
        if names is None or not definition.ref:
            continue
        target = graph.lookup(definition.ref)
        de, en, pronoun = names
        if target is None:
            report.add("ref-dangling", node,
                       f"{capital(the(node, 'de'))} verweist auf {de} „{definition.ref}“, "
                       f"{pronoun} es in der Datei nicht gibt. Im Modellierungswerkzeug neu "
                       "zuordnen.",
                       f"{capital(the(node, 'en'))} refers to {en} "
                       f"\u201c{definition.ref}\u201d, which does not exist in the file. "
                       "Assign it again in the modelling tool.",
                       line=definition.line or node.line)
        elif not (isinstance(target, GlobalElement) and target.kind == definition.kind.value):
            report.add("ref-wrong-type", node,
                       f"{capital(the(node, 'de'))} soll auf {de} verweisen, verweist aber auf "
                       f"{_accusative(the(target, 'de'))}. Im Modellierungswerkzeug neu "
                       "zuordnen.",
                       f"{capital(the(node, 'en'))} should refer to a {en} but refers to "
                       f"{the(target, 'en')}. Assign it again in the modelling tool.",
                       line=definition.line or node.line)


def _task_message_ref(graph: ModelGraph, node: FlowNode, report: Reporter) -> None:
    """The messageRef of a send or receive task."""
    target = graph.lookup(node.message_ref)
    if target is None:
        report.add("ref-dangling", node,
                   f"{capital(the(node, 'de'))} verweist auf die Nachricht "
                   f"„{node.message_ref}“, die es in der Datei nicht gibt. Im "
                   "Modellierungswerkzeug neu zuordnen.",
                   f"{capital(the(node, 'en'))} refers to message "
                   f"\u201c{node.message_ref}\u201d, which does not exist in the file. Assign "
                   "it again in the modelling tool.")
    elif not (isinstance(target, GlobalElement) and target.kind == "message"):
        report.add("ref-wrong-type", node,
                   f"{capital(the(node, 'de'))} soll auf eine Nachricht verweisen, verweist "
                   f"aber auf {_accusative(the(target, 'de'))}. Im Modellierungswerkzeug neu "
                   "zuordnen.",
                   f"{capital(the(node, 'en'))} should refer to a message but refers to "
                   f"{the(target, 'en')}. Assign it again in the modelling tool.")


def _nodes(graph: ModelGraph, report: Reporter) -> None:
    index = graph.model.elements_by_id
    for node in graph.nodes.values():
        _event_definition_refs(graph, node, report)
        if node.message_ref:
            _task_message_ref(graph, node, report)
        if node.kind is NodeKind.BOUNDARY_EVENT:
            _attached_to(node, index, report)
        if node.kind is NodeKind.CALL_ACTIVITY:
            _called_element(node, graph, report)
        if node.default_flow:
            flow = index.get(node.default_flow)
            if not isinstance(flow, SequenceFlow) or flow.source != node.id:
                named = f"„{node.default_flow}“" if flow is None else describe(flow)
                why_de = ("den es in der Datei nicht gibt" if flow is None
                          else "der aber nicht von hier ausgeht")
                why_en = ("which does not exist in the file" if flow is None
                          else "which does not leave it")
                report.add("ref-default-flow", node,
                           f"{capital(the(node, 'de'))} nennt als Standardfluss "
                           f"{named}, {why_de}. Einen der ausgehenden Flüsse als "
                           "Standardfluss wählen.",
                           f"{capital(the(node, 'en'))} names {named} as its default flow, "
                           f"{why_en}. Choose one of its outgoing flows as the default flow.")


def _attached_to(node: FlowNode, index: dict[str, object], report: Reporter) -> None:
    host = index.get(node.attached_to) if node.attached_to else None
    if host is None:
        if node.attached_to:
            report.add("ref-dangling", node,
                       f"Das Randereignis {describe(node)} hängt an „{node.attached_to}“, das "
                       "es in der Datei nicht gibt. Es neu an eine Aktivität anheften.",
                       f"Boundary event {describe(node)} is attached to "
                       f"\u201c{node.attached_to}\u201d, which does not exist in the file. "
                       "Attach it to an activity again.")
        else:
            report.add("ref-dangling", node,
                       f"Das Randereignis {describe(node)} hängt an keinem Element "
                       "(attachedToRef fehlt). Es an eine Aktivität anheften.",
                       f"Boundary event {describe(node)} is attached to nothing "
                       "(attachedToRef is missing). Attach it to an activity.")
    elif not (isinstance(host, FlowNode) and host.kind.is_activity):
        report.add("ref-wrong-type", node,
                   f"Das Randereignis {describe(node)} hängt an {_accusative(the(host, 'de'))}; "
                   "Randereignisse gehören an Aufgaben und Teilprozesse. Es dort anheften.",
                   f"Boundary event {describe(node)} is attached to {the(host, 'en')}; "
                   "boundary events belong on tasks and subprocesses. Attach it there.")


def _called_element(node: FlowNode, graph: ModelGraph, report: Reporter) -> None:
    ref = (node.called_element or "").strip()
    if not ref:
        report.add("ref-called-element", node,
                   f"Die Aufrufaktivität {describe(node)} gibt nicht an, was sie aufruft "
                   "(calledElement fehlt). Den aufgerufenen Prozess eintragen.",
                   f"Call activity {describe(node)} does not say what it calls "
                   "(calledElement is missing). Enter the called process.")
        return
    target = graph.lookup(ref)
    if target is None:
        report.add("ref-called-element", node,
                   f"Die Aufrufaktivität {describe(node)} ruft „{ref}“ auf, das nicht in "
                   "dieser Datei steht und daher nicht geprüft wird.",
                   f"Call activity {describe(node)} calls \u201c{ref}\u201d, which is not in "
                   "this file and so is not checked.")
    elif not (isinstance(target, Process) or (
        isinstance(target, GlobalElement) and target.kind.startswith("global")
    )):
        report.add("ref-wrong-type", node,
                   f"Die Aufrufaktivität {describe(node)} ruft "
                   f"{_accusative(the(target, 'de'))} auf; aufrufbar sind nur Prozesse und "
                   "globale Aufgaben. Den richtigen Prozess eintragen.",
                   f"Call activity {describe(node)} calls {the(target, 'en')}; only processes "
                   "and global tasks can be called. Enter the right process.")


def _participants(graph: ModelGraph, report: Reporter) -> None:
    for participant in graph.model.participants:
        if not participant.process_ref:
            continue  # a black-box pool
        target = graph.lookup(participant.process_ref)
        if target is None:
            report.add("ref-dangling", participant,
                       f"Der Pool {describe(participant)} verweist auf den Prozess "
                       f"„{participant.process_ref}“, den es in der Datei nicht gibt. Die "
                       "Datei erneut aus dem Modellierungswerkzeug exportieren.",
                       f"Pool {describe(participant)} refers to process "
                       f"\u201c{participant.process_ref}\u201d, which does not exist in the "
                       "file. Export the file again from the modelling tool.")
        elif not isinstance(target, Process):
            report.add("ref-wrong-type", participant,
                       f"Der Pool {describe(participant)} verweist mit processRef auf "
                       f"{_accusative(the(target, 'de'))} statt auf einen Prozess. Die Datei "
                       "erneut aus dem Modellierungswerkzeug exportieren.",
                       f"Pool {describe(participant)} refers with processRef to "
                       f"{the(target, 'en')} instead of a process. Export the file again from "
                       "the modelling tool.")


_REFERENCE_TARGET = {
    DataKind.DATA_OBJECT_REFERENCE: (DataKind.DATA_OBJECT, "das Datenobjekt", "data object"),
    DataKind.DATA_STORE_REFERENCE: (DataKind.DATA_STORE, "den Datenspeicher", "data store"),
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
                       f"{capital(the(element, 'de'))} verweist auf {de} „{element.ref}“, "
                       f"{de.split()[0]} es in der Datei nicht gibt. Die Referenz neu "
                       "zuordnen.",
                       f"{capital(the(element, 'en'))} refers to {en} "
                       f"\u201c{element.ref}\u201d, which does not exist in the file. Assign "
                       "the reference again.")
        elif not (
            (isinstance(target, DataElement) and target.kind is kind)
            or (isinstance(target, GlobalElement) and target.kind == kind.value)
        ):
            report.add("ref-wrong-type", element,
                       f"{capital(the(element, 'de'))} verweist auf {describe(target)}; das "
                       f"ist kein {de.split()[1]}. Die Referenz "
                       "neu zuordnen.",
                       f"{capital(the(element, 'en'))} refers to {describe(target)}, which is "
                       f"not a {en}. Assign the reference again.")
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
                           f"Die Datenzuordnung {describe(association)} an {node} "
                           f"verweist auf „{ref}“, das es in der Datei nicht gibt. Die "
                           "Datenzuordnung neu verbinden.",
                           f"Data association {describe(association)} of {node} "
                           f"refers to \u201c{ref}\u201d, which does not exist in the file. "
                           "Reconnect the data association.")
