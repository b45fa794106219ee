"""Modelling conventions checked per scope (process or subprocess) and per file.

Rule ids and meanings follow bpmnlint's ``recommended`` configuration.  One
deliberate difference: an *empty* subprocess (a collapsed placeholder without
content, as many tools export it) is not required to have start and end events.
"""

from __future__ import annotations

from collections import defaultdict

from procmodel.model import EventDefinitionKind, FlowNode, NodeKind, Process, normalise_label

from .context import (
    ModelGraph,
    Reporter,
    describe,
    is_event_subprocess,
    is_link_event,
    link_name,
)


def check_scopes(graph: ModelGraph, report: Reporter) -> None:
    """Run the scope-level convention rules and the file-level ``global`` rule."""
    for process, scope in graph.scopes:
        nodes = graph.scope_nodes(process, scope)
        owner: Process | FlowNode = scope if scope is not None else process
        if scope is not None and scope.kind is NodeKind.AD_HOC_SUB_PROCESS:
            _ad_hoc(graph, nodes, report)
        elif nodes:
            _start_end_required(owner, scope, nodes, report)
        _start_events(owner, scope, nodes, report)
        _links(owner, nodes, report)
        _superfluous_termination(graph, process, nodes, report)
    for participant in graph.model.participants:
        if not normalise_label(participant.name):
            report.add("label-required", participant,
                       f"Pool {participant.id} hat keine Beschriftung.",
                       f"Pool {participant.id} has no label.")
    for process in graph.model.processes:
        for lane in process.lanes:
            if not normalise_label(lane.name):
                report.add("label-required", lane,
                           f"Lane {lane.id} hat keine Beschriftung.",
                           f"Lane {lane.id} has no label.")
    _global_elements(graph, report)


def _scope_word(scope: FlowNode | None) -> tuple[str, str]:
    return ("Teilprozess", "Subprocess") if scope is not None else ("Prozess", "Process")


def _start_end_required(
    owner: Process | FlowNode, scope: FlowNode | None, nodes: list[FlowNode], report: Reporter
) -> None:
    de, en = _scope_word(scope)
    if not any(n.kind is NodeKind.START_EVENT for n in nodes):
        report.add("start-event-required", owner,
                   f"{de} {describe(owner)} hat kein Startereignis.",
                   f"{en} {describe(owner)} has no start event.")
    if not any(n.kind is NodeKind.END_EVENT for n in nodes):
        report.add("end-event-required", owner,
                   f"{de} {describe(owner)} hat kein Endereignis.",
                   f"{en} {describe(owner)} has no end event.")


def _start_events(
    owner: Process | FlowNode, scope: FlowNode | None, nodes: list[FlowNode], report: Reporter
) -> None:
    starts = [n for n in nodes if n.kind is NodeKind.START_EVENT]
    blank = [n for n in starts if not n.event_definitions]
    if len(blank) > 1:
        de, en = _scope_word(scope)
        report.add("single-blank-start-event", owner,
                   f"{de} {describe(owner)} hat {len(blank)} Startereignisse ohne Auslöser: "
                   f"{', '.join(describe(n) for n in blank)}.",
                   f"{en} {describe(owner)} has {len(blank)} blank start events: "
                   f"{', '.join(describe(n) for n in blank)}.")
    if scope is None or scope.kind is NodeKind.AD_HOC_SUB_PROCESS:
        return
    for start in starts:
        if is_event_subprocess(scope) and not start.event_definitions:
            report.add("event-sub-process-typed-start-event", start,
                       f"Startereignis {describe(start)} des Ereignis-Teilprozesses "
                       f"{describe(scope)} hat keinen Auslöser.",
                       f"Start event {describe(start)} of event subprocess {describe(scope)} has "
                       "no trigger.")
        elif not is_event_subprocess(scope) and start.event_definitions:
            report.add("sub-process-blank-start-event", start,
                       f"Startereignis {describe(start)} des Teilprozesses {describe(scope)} "
                       "muss ohne Auslöser sein.",
                       f"Start event {describe(start)} of subprocess {describe(scope)} must be "
                       "blank.")


def _ad_hoc(graph: ModelGraph, nodes: list[FlowNode], report: Reporter) -> None:
    for node in nodes:
        if node.kind is NodeKind.START_EVENT:
            report.add("ad-hoc-sub-process", node,
                       f"Startereignis {describe(node)} ist in einem Ad-hoc-Teilprozess nicht "
                       "erlaubt.",
                       f"Start event {describe(node)} is not allowed in an ad-hoc subprocess.")
        elif node.kind is NodeKind.END_EVENT:
            report.add("ad-hoc-sub-process", node,
                       f"Endereignis {describe(node)} ist in einem Ad-hoc-Teilprozess nicht "
                       "erlaubt.",
                       f"End event {describe(node)} is not allowed in an ad-hoc subprocess.")
        elif node.kind is NodeKind.INTERMEDIATE_CATCH_EVENT and not graph.outgoing.get(node.id):
            report.add("ad-hoc-sub-process", node,
                       f"Zwischenereignis {describe(node)} im Ad-hoc-Teilprozess braucht einen "
                       "ausgehenden Sequenzfluss.",
                       f"Intermediate catch event {describe(node)} in an ad-hoc subprocess needs "
                       "an outgoing sequence flow.")


def _links(owner: Process | FlowNode, nodes: list[FlowNode], report: Reporter) -> None:
    links = [n for n in nodes if is_link_event(n)]
    by_name: dict[str, list[FlowNode]] = defaultdict(list)
    for link in links:
        name = link_name(link)
        if name is None:
            report.add("link-event", link,
                       f"Link-Ereignis {describe(link)} hat keinen Link-Namen.",
                       f"Link event {describe(link)} has no link name.")
        else:
            by_name[name].append(link)
    for name, events in by_name.items():
        catches = [e for e in events if not e.is_throwing]
        if len(events) == 1:
            event = events[0]
            de, en = ("fangende", "catch") if event.is_throwing else ("werfende", "throw")
            report.add("link-event", event,
                       f"Zum Link-Ereignis {describe(event)} fehlt das {de} Link-Ereignis "
                       f"„{name}“ im selben Bereich {describe(owner)}.",
                       f"The link {en} event named \u201c{name}\u201d matching {describe(event)} "
                       f"is missing in scope {describe(owner)}.")
        elif len(catches) > 1:
            for event in catches:
                report.add("link-event", event,
                           f"Mehrere fangende Link-Ereignisse heißen „{name}“ im Bereich "
                           f"{describe(owner)}.",
                           f"Several link catch events are named \u201c{name}\u201d in scope "
                           f"{describe(owner)}.")
        elif not catches:
            for event in events:
                report.add("link-event", event,
                           f"Zum werfenden Link-Ereignis {describe(event)} fehlt das fangende "
                           f"„{name}“ im Bereich {describe(owner)}.",
                           f"The link catch event \u201c{name}\u201d for {describe(event)} is "
                           f"missing in scope {describe(owner)}.")


def _is_terminate_end(node: FlowNode) -> bool:
    return node.kind is NodeKind.END_EVENT and EventDefinitionKind.TERMINATE in node.event_kinds


def _superfluous_termination(
    graph: ModelGraph, process: Process, nodes: list[FlowNode], report: Reporter
) -> None:
    ends = [n for n in nodes if not graph.outgoing.get(n.id)]
    terminates = [n for n in ends if _is_terminate_end(n)]
    if len(terminates) != 1:
        return

    def interrupting_event_sub(node: FlowNode) -> bool:
        return is_event_subprocess(node) and any(
            c.kind is NodeKind.START_EVENT and c.interrupting
            for c in graph.scope_nodes(process, node)
        )

    if all(_is_terminate_end(n) or interrupting_event_sub(n) for n in ends):
        node = terminates[0]
        report.add("superfluous-termination", node,
                   f"Terminierungs-Endereignis {describe(node)} ist das einzige Ende seines "
                   "Bereichs; ein einfaches Endereignis genügt.",
                   f"Terminate end event {describe(node)} is the only end of its scope; a plain "
                   "end event suffices.")


_GLOBAL_KINDS = {
    "error": (EventDefinitionKind.ERROR, "Fehler", "error"),
    "escalation": (EventDefinitionKind.ESCALATION, "Eskalation", "escalation"),
    "message": (EventDefinitionKind.MESSAGE, "Nachricht", "message"),
    "signal": (EventDefinitionKind.SIGNAL, "Signal", "signal"),
}


def _global_elements(graph: ModelGraph, report: Reporter) -> None:
    used: set[tuple[str, str]] = set()
    has_message_tasks = False
    for node in graph.nodes.values():
        for definition in node.event_definitions:
            if definition.ref:
                used.add((definition.kind.value, graph.resolve(definition.ref) or ""))
        message_ref = getattr(node, "message_ref", None)
        if message_ref:
            used.add(("message", graph.resolve(message_ref) or ""))
        elif node.kind in (NodeKind.SEND_TASK, NodeKind.RECEIVE_TASK) and not hasattr(
            node, "message_ref"
        ):
            # The model does not keep a task's messageRef: do not call messages unused.
            has_message_tasks = True
    for flow in graph.model.message_flows:
        if flow.message_ref:
            used.add(("message", graph.resolve(flow.message_ref) or ""))
    elements = [g for g in graph.model.global_elements if g.kind in _GLOBAL_KINDS]
    names: dict[tuple[str, str], int] = defaultdict(int)
    for element in elements:
        names[(element.kind, normalise_label(element.name))] += 1
    for element in elements:
        _definition_kind, de, en = _GLOBAL_KINDS[element.kind]
        name = normalise_label(element.name)
        if element.name is None:
            pass  # as bpmnlint: only a name given but blank counts as missing
        elif not name:
            report.add("global", element,
                       f"{de} {element.id} hat keinen Namen.",
                       f"The {en} {element.id} has no name.")
        elif names[(element.kind, name)] > 1:
            report.add("global", element,
                       f"Der Name von {de} {describe(element)} kommt mehrfach vor.",
                       f"The name of {en} {describe(element)} is not unique.")
        if (element.kind, element.id) not in used and not (
            element.kind == "message" and has_message_tasks
        ):
            report.add("global", element,
                       f"{de} {describe(element)} wird nirgends verwendet.",
                       f"The {en} {describe(element)} is not used anywhere.")
