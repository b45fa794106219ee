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
    capital,
    describe,
    describe_all,
    is_event_subprocess,
    is_link_event,
    link_name,
    the,
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
                       f"Der Pool {participant.id} hat keine Beschriftung. Ihn nach der "
                       "Organisation oder Rolle benennen, die er darstellt.",
                       f"Pool {participant.id} has no label. Name it after the organisation "
                       "or role it stands for.")
    for process in graph.model.processes:
        for lane in process.lanes:
            if not normalise_label(lane.name):
                report.add("label-required", lane,
                           f"Die Lane {lane.id} hat keine Beschriftung. Sie nach der Rolle "
                           "oder Stelle benennen, die die Schritte darin ausführt.",
                           f"Lane {lane.id} has no label. Name it after the role or unit that "
                           "performs its steps.")
    _global_elements(graph, report)


def _start_end_required(
    owner: Process | FlowNode, scope: FlowNode | None, nodes: list[FlowNode], report: Reporter
) -> None:
    if not any(n.kind is NodeKind.START_EVENT for n in nodes):
        report.add("start-event-required", owner,
                   f"{capital(the(owner, 'de'))} hat kein Startereignis. Ein Startereignis "
                   "ergänzen, das zeigt, wodurch der Ablauf beginnt.",
                   f"{capital(the(owner, 'en'))} has no start event. Add one that shows what "
                   "starts the flow.")
    if not any(n.kind is NodeKind.END_EVENT for n in nodes):
        report.add("end-event-required", owner,
                   f"{capital(the(owner, 'de'))} hat kein Endereignis. Ein Endereignis "
                   "ergänzen, das zeigt, mit welchem Ergebnis der Ablauf endet.",
                   f"{capital(the(owner, 'en'))} has no end event. Add one that shows the "
                   "outcome the flow ends with.")


def _start_events(
    owner: Process | FlowNode, scope: FlowNode | None, nodes: list[FlowNode], report: Reporter
) -> None:
    starts = [n for n in nodes if n.kind is NodeKind.START_EVENT]
    blank = [n for n in starts if not n.event_definitions]
    if len(blank) > 1:
        report.add("single-blank-start-event", owner,
                   f"{capital(the(owner, 'de'))} hat {len(blank)} Startereignisse ohne "
                   f"Auslöser ({describe_all(blank, 'de')}). Nur eines behalten oder den "
                   "übrigen einen Auslöser geben (z. B. Nachricht).",
                   f"{capital(the(owner, 'en'))} has {len(blank)} blank start events "
                   f"({describe_all(blank, 'en')}). Keep only one, or give the others a "
                   "trigger (e.g. message).")
    if scope is None or scope.kind is NodeKind.AD_HOC_SUB_PROCESS:
        return
    for start in starts:
        if is_event_subprocess(scope) and not start.event_definitions:
            report.add("event-sub-process-typed-start-event", start,
                       f"Das Startereignis {describe(start)} im Ereignis-Teilprozess "
                       f"{describe(scope)} hat keinen Auslöser. Angeben, welches Ereignis ihn "
                       "startet (Nachricht, Timer, Fehler …).",
                       f"Start event {describe(start)} in event subprocess {describe(scope)} has "
                       "no trigger. Say which event starts it (message, timer, error …).")
        elif not is_event_subprocess(scope) and start.event_definitions:
            report.add("sub-process-blank-start-event", start,
                       f"Das Startereignis {describe(start)} im Teilprozess {describe(scope)} "
                       "hat einen Auslöser, darf aber keinen haben: Ein Teilprozess startet, "
                       "wenn der Ablauf ihn erreicht. Den Auslöser entfernen.",
                       f"Start event {describe(start)} in subprocess {describe(scope)} has a "
                       "trigger but must have none: a subprocess starts when the flow reaches "
                       "it. Remove the trigger.")


def _ad_hoc(graph: ModelGraph, nodes: list[FlowNode], report: Reporter) -> None:
    for node in nodes:
        if node.kind is NodeKind.START_EVENT:
            report.add("ad-hoc-sub-process", node,
                       f"Das Startereignis {describe(node)} ist in einem Ad-hoc-Teilprozess "
                       "nicht erlaubt. Es entfernen.",
                       f"Start event {describe(node)} is not allowed in an ad-hoc subprocess. "
                       "Remove it.")
        elif node.kind is NodeKind.END_EVENT:
            report.add("ad-hoc-sub-process", node,
                       f"Das Endereignis {describe(node)} ist in einem Ad-hoc-Teilprozess "
                       "nicht erlaubt. Es entfernen.",
                       f"End event {describe(node)} is not allowed in an ad-hoc subprocess. "
                       "Remove it.")
        elif node.kind is NodeKind.INTERMEDIATE_CATCH_EVENT and not graph.outgoing.get(node.id):
            report.add("ad-hoc-sub-process", node,
                       f"Das Zwischenereignis {describe(node)} im Ad-hoc-Teilprozess hat keinen "
                       "ausgehenden Sequenzfluss. Es mit dem Schritt verbinden, den es "
                       "auslöst.",
                       f"Intermediate catch event {describe(node)} in the ad-hoc subprocess has "
                       "no outgoing sequence flow. Connect it to the step it triggers.")


def _in_scope(owner: Process | FlowNode) -> str:
    """``im Prozess „X“`` / ``im Teilprozess „X“`` (dative after "in")."""
    word = "Prozess" if isinstance(owner, Process) else "Teilprozess"
    return f"im {word} {describe(owner)}"


def _links(owner: Process | FlowNode, nodes: list[FlowNode], report: Reporter) -> None:
    links = [n for n in nodes if is_link_event(n)]
    by_name: dict[str, list[FlowNode]] = defaultdict(list)
    for link in links:
        name = normalise_label(link_name(link)) or None
        if name is None:
            report.add("link-event", link,
                       f"Das Link-Ereignis {describe(link)} hat keinen Link-Namen. Werfendes "
                       "und fangendes Link-Ereignis mit demselben Namen versehen.",
                       f"Link event {describe(link)} has no link name. Give the throw and "
                       "catch link events the same name.")
        else:
            by_name[name].append(link)
    for name, events in by_name.items():
        catches = [e for e in events if not e.is_throwing]
        if len(events) == 1:
            event = events[0]
            de, en = ("fangende", "catch") if event.is_throwing else ("werfende", "throw")
            report.add("link-event", event,
                       f"Zum Link-Ereignis {describe(event)} fehlt das {de} Link-Ereignis "
                       f"mit dem Link-Namen „{name}“ {_in_scope(owner)}. Es dort "
                       "ergänzen.",
                       f"The link {en} event with link name \u201c{name}\u201d for "
                       f"{describe(event)} is missing in {the(owner, 'en')}. Add it there.")
        elif len(catches) > 1:
            for event in catches:
                report.add("link-event", event,
                           f"{capital(_in_scope(owner))} heißen mehrere fangende Link-Ereignisse "
                           f"„{name}“. Jedem fangenden Link-Ereignis einen eigenen Namen geben.",
                           f"In {the(owner, 'en')} several link catch events are named "
                           f"\u201c{name}\u201d. Give each catch event its own name.")
        elif not catches:
            for event in events:
                report.add("link-event", event,
                           f"Zum werfenden Link-Ereignis {describe(event)} fehlt ein fangendes "
                           f"Link-Ereignis mit dem Link-Namen „{name}“ {_in_scope(owner)}. "
                           "Es dort ergänzen.",
                           f"The link catch event with link name \u201c{name}\u201d for "
                           f"{describe(event)} is missing in {the(owner, 'en')}. Add it there.")


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
                   f"Das Terminierungs-Endereignis {describe(node)} ist das einzige Ende "
                   "seines Bereichs und bricht daher nichts ab. Ein einfaches Endereignis "
                   "genügt.",
                   f"Terminate end event {describe(node)} is the only end of its scope and so "
                   "terminates nothing. A plain end event suffices.")


_GLOBAL_KINDS = {
    "error": EventDefinitionKind.ERROR,
    "escalation": EventDefinitionKind.ESCALATION,
    "message": EventDefinitionKind.MESSAGE,
    "signal": EventDefinitionKind.SIGNAL,
}


def _global_elements(graph: ModelGraph, report: Reporter) -> None:
    used: set[tuple[str, str]] = set()
    for node in graph.nodes.values():
        for definition in node.event_definitions:
            if definition.ref:
                used.add((definition.kind.value, graph.resolve(definition.ref) or ""))
        if node.message_ref:  # send and receive tasks
            used.add(("message", graph.resolve(node.message_ref) or ""))
    for flow in graph.model.message_flows:
        if flow.message_ref:
            used.add(("message", graph.resolve(flow.message_ref) or ""))
    elements = [g for g in graph.model.global_elements if g.kind in _GLOBAL_KINDS]
    names: dict[tuple[str, str], int] = defaultdict(int)
    for element in elements:
        names[(element.kind, normalise_label(element.name))] += 1
    for element in elements:
        name = normalise_label(element.name)
        subject_de, subject_en = capital(the(element, "de")), capital(the(element, "en"))
        if element.name is None:
            pass  # as bpmnlint: only a name given but blank counts as missing
        elif not name:
            report.add("global", element,
                       f"{subject_de} hat einen leeren Namen. Einen Namen angeben.",
                       f"{subject_en} has an empty name. Give it a name.")
        elif names[(element.kind, name)] > 1:
            report.add("global", element,
                       f"{subject_de} hat denselben Namen wie ein anderes Element dieser Art. "
                       "Die Namen unterscheidbar machen.",
                       f"{subject_en} has the same name as another element of its kind. Make "
                       "the names distinct.")
        if (element.kind, element.id) not in used:
            report.add("global", element,
                       f"{subject_de} wird nirgends verwendet. Verwenden oder löschen.",
                       f"{subject_en} is not used anywhere. Use it or delete it.")
