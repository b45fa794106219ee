"""Behavioural soundness: a bounded exploration of each scope's token game.

For every process and every subprocess scope (see :mod:`bpmn.rules.soundness_net`
for the semantics) the reachable markings are explored breadth first, up to a state
limit.  From the explored state space the check reports

- *deadlocks*: a reachable marking with tokens but nothing able to fire; the gateway
  that waits forever is named, with the flows it waits for;
- *lack of synchronisation*: a merging node (exclusive gateway, activity or event
  with several incoming flows) holding tokens from concurrent branches at once, or a
  flow carrying two tokens — the steps after it would run several times;
- *dead steps*: nodes that never fire (only the first of a dead stretch, and not
  the gateways already reported as deadlocked);
- *no option to complete*: reachable markings from which neither the end (no tokens
  left) nor a deadlock can be reached, e.g. a loop without exit.

To keep sequential stretches cheap, a node that is the only consumer of its single
input place and whose firing is deterministic fires alone (a stubborn-set
reduction); when its successor was already seen, the state is expanded fully, which
keeps cycles from hiding other behaviour.  Markings with more than
``TOKEN_BOUND`` tokens on one flow are not expanded further (the flow is reported as
lacking synchronisation already).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from procmodel.model import FlowNode, NodeKind, Process

from .context import ModelGraph, Reporter, describe, describe_all, kind_name
from .soundness_net import ALL, ANY, OR, ScopeNet, Transition, build_net

DEFAULT_STATE_LIMIT = 50_000
TOKEN_BOUND = 3


@dataclass
class Exploration:
    """What one bounded exploration found."""

    states: int = 0
    stopped: bool = False
    fired: set[str] = field(default_factory=set)
    # join id -> the sets of places it waits for in the dead markings (one set per case)
    deadlocks: dict[str, set[frozenset[int]]] = field(default_factory=dict)
    merges: dict[str, None] = field(default_factory=dict)  # nodes merging concurrent tokens
    unsafe: dict[int, None] = field(default_factory=dict)  # places holding several tokens
    livelock_nodes: dict[str, None] = field(default_factory=dict)


def check_soundness(
    graph: ModelGraph, report: Reporter, *, state_limit: int = DEFAULT_STATE_LIMIT
) -> None:
    """Explore every scope of every process and report what is unsound."""
    wanted = ("soundness-deadlock", "soundness-lack-of-synchronisation", "soundness-dead-step",
              "soundness-no-completion", "soundness-limit")
    if not any(report.enabled(rule) for rule in wanted):
        return
    for process, scope in graph.scopes:
        if scope is not None and scope.kind is NodeKind.AD_HOC_SUB_PROCESS:
            continue  # its activities run in any order: there is no token game to check
        net = build_net(graph, process, scope)
        if net is None or not net.initial:
            continue
        result = explore(net, state_limit)
        _report(net, result, report, state_limit)


def _enabled(net: ScopeNet, marking: tuple[int, ...], result: Exploration
             ) -> list[tuple[Transition, tuple[int, ...]]]:
    """Every (transition, consumed places) that can fire in ``marking``."""
    marked = set(marking)
    firings: list[tuple[Transition, tuple[int, ...]]] = []
    for node_id in dict.fromkeys(net.consumer[p] for p in marking):
        transition = net.transitions[node_id]
        present = [p for p in transition.inputs if p in marked]
        if transition.join == ANY:
            if len(present) > 1 and transition.node.kind is not NodeKind.END_EVENT:
                result.merges[node_id] = None
            firings.extend((transition, (p,)) for p in present)
        elif transition.join == ALL:
            if len(present) == len(transition.inputs):
                firings.append((transition, transition.inputs))
        elif transition.join == OR and _or_join_enabled(
            net, net.or_bits[node_id], transition.inputs, marked
        ):
            firings.append((transition, tuple(present)))
    return firings


def _or_join_enabled(net: ScopeNet, bits: tuple[int, ...], inputs: tuple[int, ...],
                     marked: set[int]) -> bool:
    """Völzer's OR-join rule: wait only for tokens that can reach an empty incoming flow
    and cannot reach a marked one (the latter would arrive here anyway)."""
    full = empty = 0
    for place, bit in zip(inputs, bits, strict=True):
        if place in marked:
            full |= bit
        else:
            empty |= bit
    if not full:
        return False
    if not empty:
        return True
    for place in marked:
        label = net.reach[place]
        if label & empty and not label & full:
            return False
    return True


def _fire(marking: tuple[int, ...], consumed: tuple[int, ...], produced: tuple[int, ...],
          terminate: bool) -> tuple[int, ...]:
    if terminate:
        return ()
    tokens = list(marking)
    for place in consumed:
        tokens.remove(place)
    tokens.extend(produced)
    tokens.sort()
    return tuple(tokens)


def explore(net: ScopeNet, state_limit: int = DEFAULT_STATE_LIMIT) -> Exploration:
    """Explore the reachable markings of ``net`` breadth first, at most ``state_limit``."""
    result = Exploration()
    index: dict[tuple[int, ...], int] = {}
    markings: list[tuple[int, ...]] = []
    successors: list[list[int] | None] = []
    queue: deque[int] = deque()

    def add(marking: tuple[int, ...]) -> int:
        state = index.get(marking)
        if state is None:
            state = index[marking] = len(markings)
            markings.append(marking)
            successors.append([])
            queue.append(state)
        return state

    for marking in net.initial:
        add(marking)
    dead: list[int] = []
    while queue:
        if len(markings) > state_limit:
            result.stopped = True
            break
        state = queue.popleft()
        marking = markings[state]
        if len(set(marking)) != len(marking):
            for place in set(marking):
                if marking.count(place) > 1:
                    result.unsafe[place] = None
            if any(marking.count(p) > TOKEN_BOUND for p in set(marking)):
                successors[state] = None  # unbounded: not explored further
                continue
        firings = _enabled(net, marking, result)
        if not firings:
            if marking:
                dead.append(state)
            continue
        eager = next((f for f in firings if f[0].eager), None)
        if eager is not None:
            transition, consumed = eager
            places, fired = transition.choices[0]
            following = _fire(marking, consumed, places, transition.terminate)
            if following not in index:
                result.fired.add(transition.node.id)
                result.fired.update(fired)
                successors[state].append(add(following))  # type: ignore[union-attr]
                continue
        for transition, consumed in firings:
            for places, fired in transition.choices:
                result.fired.add(transition.node.id)
                result.fired.update(fired)
                following = _fire(marking, consumed, places, transition.terminate)
                successors[state].append(add(following))  # type: ignore[union-attr]
    result.states = len(markings)
    for state in dead:
        for place in set(markings[state]):
            transition = net.transitions[net.consumer[place]]
            missing = {p for p in transition.inputs if p not in markings[state]}
            result.deadlocks.setdefault(transition.node.id, set()).add(frozenset(missing))
    if not result.stopped:
        _livelocks(net, markings, successors, dead, result)
    return result


def _livelocks(net: ScopeNet, markings: list[tuple[int, ...]],
               successors: list[list[int] | None], dead: list[int], result: Exploration) -> None:
    """Find states that can reach neither the end nor a deadlock (nor an unexplored state)."""
    predecessors: list[list[int]] = [[] for _ in markings]
    goals: list[int] = list(dead)
    for state, following in enumerate(successors):
        if following is None or not markings[state]:
            goals.append(state)
            continue
        for other in following:
            predecessors[other].append(state)
    good = set(goals)
    stack = list(goals)
    while stack:
        state = stack.pop()
        for before in predecessors[state]:
            if before not in good:
                good.add(before)
                stack.append(before)
    for state, marking in enumerate(markings):
        if state not in good:
            for place in marking:
                if net.place_flow[place] is not None:  # not the virtual start token
                    result.livelock_nodes[net.consumer[place]] = None


def _report(net: ScopeNet, result: Exploration, report: Reporter, state_limit: int) -> None:
    owner = net.owner
    nodes = {n.id: n for n in net.nodes}
    is_process = isinstance(owner, Process)
    scope_de = "Prozess" if is_process else "Teilprozess"
    scope_en = "process" if is_process else "subprocess"
    if result.stopped:
        limit_de = f"{state_limit:,}".replace(",", ".")
        report.add("soundness-limit", owner,
                   f"Die Verhaltensprüfung von {scope_de} {describe(owner)} wurde nach "
                   f"{limit_de} Zuständen abgebrochen; Verklemmungen, fehlende "
                   "Synchronisation und tote Schritte wurden nur teilweise gesucht.",
                   f"The behavioural check of {scope_en} {describe(owner)} stopped after "
                   f"{state_limit:,} states; deadlocks, lack of synchronisation and dead steps "
                   "were only partly searched.")
    for join_id, cases in result.deadlocks.items():
        join = nodes[join_id]
        waits_de, waits_en = _waited_for(net, nodes, cases)
        report.add("soundness-deadlock", join,
                   f"Verklemmung: {kind_name(join, 'de')} {describe(join)} wartet in manchen "
                   f"Abläufen für immer auf {waits_de}, das nie ankommt (z. B. weil vorher "
                   "exklusiv verzweigt wurde). Der Ablauf bleibt hier stehen.",
                   f"Deadlock: {kind_name(join, 'en')} {describe(join)} waits forever in some "
                   f"runs for {waits_en}, which never arrives (e.g. because of an earlier "
                   "exclusive split). The run gets stuck here.")
    if result.merges:
        for node_id in result.merges:
            node = nodes[node_id]
            report.add("soundness-lack-of-synchronisation", node,
                       f"Fehlende Synchronisation: {describe(node)} wird von mehreren "
                       "gleichzeitig aktiven Zweigen erreicht und läuft daher mehrfach; die "
                       "Zweige mit einem parallelen Gateway zusammenführen.",
                       f"Lack of synchronisation: {describe(node)} is reached by several "
                       "concurrently active branches and so runs several times; join the "
                       "branches with a parallel gateway.")
    else:
        for place in result.unsafe:
            flow = net.place_flow[place]
            if flow is None or nodes[flow.target].kind is NodeKind.END_EVENT:
                continue  # several tokens ending at the same end event end each on their own
            report.add("soundness-lack-of-synchronisation", flow,
                       f"Fehlende Synchronisation: Sequenzfluss {describe(flow)} kann mehrere "
                       "Tokens zugleich tragen; die folgenden Schritte laufen mehrfach.",
                       f"Lack of synchronisation: sequence flow {describe(flow)} can carry "
                       "several tokens at once; the following steps run several times.")
    if result.stopped:
        return
    _report_dead(net, result, report)
    if result.livelock_nodes:
        stuck = [nodes[n] for n in result.livelock_nodes]
        report.add("soundness-no-completion", owner,
                   f"{scope_de} {describe(owner)} kann nicht immer ordentlich enden: aus "
                   f"manchen Zuständen führt kein Weg zu einem Ende (betroffen: "
                   f"{describe_all(stuck)}), z. B. eine Schleife ohne Ausgang.",
                   f"The {scope_en} {describe(owner)} cannot always complete: from some states "
                   f"no path leads to an end (involved: {describe_all(stuck)}), e.g. a loop "
                   "without exit.")


def _waited_for(net: ScopeNet, nodes: dict[str, FlowNode], cases: set[frozenset[int]]
                ) -> tuple[str, str]:
    """``das Token von „A“ oder das von „B“`` — what a stuck join waits for, per case."""
    alternatives: list[tuple[str, str]] = []
    for places in sorted(cases, key=sorted)[:3]:
        sources = [
            nodes[flow.source] for flow in (net.place_flow[p] for p in sorted(places))
            if flow is not None and flow.source in nodes
        ]
        if sources:
            names = [describe(source) for source in sources[:4]]
            alternatives.append((
                f"das Token von {' und '.join(names)}",
                f"the token from {' and '.join(names)}",
            ))
    if not alternatives:
        return "ein Token", "a token"
    more = len(cases) > 3
    return (
        " oder ".join(a[0] for a in alternatives) + (" …" if more else ""),
        " or ".join(a[1] for a in alternatives) + (" …" if more else ""),
    )


def _report_dead(net: ScopeNet, result: Exploration, report: Reporter) -> None:
    for node in net.nodes:
        if node.id in result.fired or node.id in result.deadlocks:
            continue
        transition = net.transitions.get(node.id)
        if transition is None:  # a boundary event: dead when its activity is
            continue
        flow_inputs = [p for p in transition.inputs if net.place_flow[p] is not None]
        if not flow_inputs:
            continue  # never started: no-implicit-start / no-disconnected say so
        producers = {n for p in transition.inputs for n in net.producers.get(p, ())}
        blocked = [n for n in net.nodes if n.id in producers and n.id in result.deadlocks]
        if not producers & result.fired and not blocked:
            continue  # only the first node of a dead stretch is reported
        _dead(node, blocked, report)


def _dead(node: FlowNode, blocked: list[FlowNode], report: Reporter) -> None:
    because_de = f", weil {describe_all(blocked)} nie weiterschaltet" if blocked else ""
    because_en = f" because {describe_all(blocked)} never passes a token on" if blocked else ""
    report.add("soundness-dead-step", node,
               f"{kind_name(node, 'de').capitalize()} {describe(node)} wird in keinem Ablauf "
               f"erreicht{because_de}.",
               f"The {kind_name(node, 'en')} {describe(node)} is not reached in any run"
               f"{because_en}.")
