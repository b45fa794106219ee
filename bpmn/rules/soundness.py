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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from procmodel.model import FlowNode, NodeKind

from .context import ModelGraph, Reporter, capital, describe, describe_all, the
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
    if result.stopped:
        limit_de = f"{state_limit:,}".replace(",", ".")
        report.add("soundness-limit", owner,
                   f"Die Verhaltensprüfung für {the(owner, 'de')} wurde nach {limit_de} "
                   "Zuständen abgebrochen; Verklemmungen und tote Schritte sind daher nur "
                   "teilweise gesucht. Für eine vollständige Prüfung die Einstellung "
                   "SOUNDNESS_STATE_LIMIT erhöhen oder den Ablauf in Teilprozesse gliedern.",
                   f"The behavioural check of {the(owner, 'en')} stopped after "
                   f"{state_limit:,} states, so deadlocks and dead steps were only partly "
                   "searched. For a complete check, raise the SOUNDNESS_STATE_LIMIT setting or "
                   "split the flow into subprocesses.")
    for join_id, cases in result.deadlocks.items():
        _deadlock(net, nodes, nodes[join_id], cases, report)
    if result.merges:
        for node_id in result.merges:
            _lack_of_synchronisation(net, nodes, nodes[node_id], report)
    else:
        for place in result.unsafe:
            flow = net.place_flow[place]
            if flow is None or nodes[flow.target].kind is NodeKind.END_EVENT:
                continue  # several tokens ending at the same end event end each on their own
            target = nodes[flow.target]
            report.add("soundness-lack-of-synchronisation", flow,
                       f"Fehlende Synchronisation: Der Sequenzfluss {describe(flow)} kann "
                       f"mehrere Tokens zugleich tragen, {the(target, 'de')} läuft daher "
                       "mehrfach. Gleichzeitige Zweige vorher mit einem parallelen Gateway "
                       "zusammenführen.",
                       f"Lack of synchronisation: sequence flow {describe(flow)} can carry "
                       f"several tokens at once, so {the(target, 'en')} runs several times. "
                       "Join concurrent branches with a parallel gateway first.")
    if result.stopped:
        return
    _report_dead(net, result, report)
    if result.livelock_nodes:
        stuck = [nodes[n] for n in result.livelock_nodes]
        report.add("soundness-no-completion", owner,
                   f"{capital(the(owner, 'de'))} kann nicht immer enden: bei "
                   f"{describe_all(stuck, 'de')} gibt es Abläufe ohne Weg zu einem Ende, z. B. "
                   "eine Schleife ohne Ausgang. Einen Ausgang zu einem Endereignis modellieren.",
                   f"{capital(the(owner, 'en'))} cannot always complete: at "
                   f"{describe_all(stuck, 'en')} some runs have no path to an end, e.g. a loop "
                   "without exit. Model an exit to an end event.")


def _upstream(net: ScopeNet, places: Iterable[int], wanted: Callable[[Transition], bool]
              ) -> list[FlowNode]:
    """The nearest nodes before ``places`` (walking sequence flows backwards) whose
    transition satisfies ``wanted``; the walk stops at each such node."""
    found: dict[str, FlowNode] = {}
    seen: set[int] = set()
    queue = deque(places)
    while queue:
        place = queue.popleft()
        if place in seen:
            continue
        seen.add(place)
        for producer in sorted(net.producers.get(place, ())):
            transition = net.transitions[producer]
            if wanted(transition):
                found.setdefault(producer, transition.node)
            else:
                queue.extend(transition.inputs)
    return list(found.values())


def _is_choice(transition: Transition) -> bool:
    """A node that passes its token on to one of several alternatives."""
    return len(transition.choices) > 1


def _is_fork(transition: Transition) -> bool:
    """A node that starts concurrent branches (some choice produces several tokens)."""
    return any(len(places) > 1 for places, _fired in transition.choices)


# Why a choice node leaves a join waiting, as genitive phrases after "wegen" /
# "because of": (singular, plural) German, then English.
_CAUSES = {
    "decision": ("der Entscheidung an {}", "der Entscheidungen an {}",
                 "the decision at {}", "the decisions at {}"),
    "boundary": ("des Randereignisses an {}", "der Randereignisse an {}",
                 "the boundary event on {}", "the boundary events on {}"),
    "conditional": ("der bedingten Flüsse nach {}", "der bedingten Flüsse nach {}",
                    "the conditional flows after {}", "the conditional flows after {}"),
}


def _cause(transition: Transition, nodes: dict[str, FlowNode]) -> tuple[str, bool]:
    """What makes ``transition`` a choice, and whether exactly one way is taken."""
    node = transition.node
    if node.kind.is_gateway:
        exclusive = node.kind in (NodeKind.EXCLUSIVE_GATEWAY, NodeKind.EVENT_BASED_GATEWAY)
        return "decision", exclusive
    boundaries = [nodes[f] for _places, fired in transition.choices for f in fired if f in nodes]
    if boundaries:
        return "boundary", all(b.interrupting for b in boundaries)
    return "conditional", False


def _deadlock(net: ScopeNet, nodes: dict[str, FlowNode], join: FlowNode,
              cases: set[frozenset[int]], report: Reporter) -> None:
    """One finding per stuck join: which choice leaves it waiting, and the fix."""
    missing = sorted({p for places in cases for p in places})
    splits = _upstream(net, missing, _is_choice)
    if not splits:
        branches = [
            nodes[flow.source] for flow in (net.place_flow[p] for p in missing)
            if flow is not None and flow.source in nodes
        ]
        via_de = f" über {describe_all(branches, 'de')}" if branches else ""
        via_en = f" via {describe_all(branches, 'en')}" if branches else ""
        report.add("soundness-deadlock", join,
                   f"Verklemmung: {capital(the(join, 'de'))} wartet in manchen Abläufen auf "
                   f"den Zweig{via_de}, der nie ankommt; der Ablauf bleibt hier stehen. "
                   "Prüfen, ob dieser Zweig wirklich immer durchlaufen wird, sonst anders "
                   "zusammenführen.",
                   f"Deadlock: {the(join, 'en')} waits in some runs for the branch{via_en}, "
                   "which never arrives; the run gets stuck here. Check whether that branch "
                   "is always taken; otherwise join differently.")
        return
    by_cause: dict[str, list[FlowNode]] = {}
    all_exclusive = True
    for split in splits:
        cause, exclusive = _cause(net.transitions[split.id], nodes)
        by_cause.setdefault(cause, []).append(split)
        all_exclusive = all_exclusive and exclusive
    causes_de = " und ".join(
        _CAUSES[cause][0 if len(group) == 1 else 1].format(describe_all(group, "de"))
        for cause, group in by_cause.items())
    causes_en = " and ".join(
        _CAUSES[cause][2 if len(group) == 1 else 3].format(describe_all(group, "en"))
        for cause, group in by_cause.items())
    join_de, join_en = (("einem exklusiven Gateway", "an exclusive gateway") if all_exclusive
                        else ("einem inklusiven Gateway", "an inclusive gateway"))
    report.add("soundness-deadlock", join,
               f"Verklemmung: {capital(the(join, 'de'))} wartet auf alle eingehenden Zweige, "
               f"wegen {causes_de} kommen aber nicht in jedem Ablauf alle an. Die Zweige mit "
               f"{join_de} zusammenführen.",
               f"Deadlock: {the(join, 'en')} waits for all incoming branches, but because of "
               f"{causes_en} not all of them arrive in every run. Join the branches with "
               f"{join_en}.")


def _lack_of_synchronisation(net: ScopeNet, nodes: dict[str, FlowNode], node: FlowNode,
                             report: Reporter) -> None:
    transition = net.transitions[node.id]
    forks = _upstream(net, transition.inputs, _is_fork)
    after_de = after_en = ""
    if forks:
        after_de = f" nach der Verzweigung bei {describe_all(forks, 'de')}"
        after_en = f" after the fork at {describe_all(forks, 'en')}"
    report.add("soundness-lack-of-synchronisation", node,
               f"Fehlende Synchronisation: {capital(the(node, 'de'))} wird{after_de} von "
               "mehreren gleichzeitig laufenden Zweigen erreicht und läuft daher mehrfach. "
               "Die Zweige davor mit einem parallelen Gateway zusammenführen.",
               f"Lack of synchronisation: {the(node, 'en')} is reached{after_en} by several "
               "concurrently running branches and so runs several times. Join the branches "
               "with a parallel gateway before it.")


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
    if blocked:
        report.add("soundness-dead-step", node,
                   f"{capital(the(node, 'de'))} wird nie erreicht, weil "
                   f"{describe_all(blocked, 'de')} davor verklemmt. Erst die Verklemmung "
                   "beheben.",
                   f"{capital(the(node, 'en'))} is never reached because "
                   f"{describe_all(blocked, 'en')} before it deadlocks. Fix the deadlock first.")
    else:
        report.add("soundness-dead-step", node,
                   f"{capital(the(node, 'de'))} wird in keinem Ablauf erreicht. Den Ablauf "
                   "davor prüfen: Jeder Schritt sollte auf mindestens einem Weg vom Start "
                   "erreichbar sein.",
                   f"{capital(the(node, 'en'))} is not reached in any run. Check the flow "
                   "before it: every step should be reachable from the start on at least one "
                   "path.")
