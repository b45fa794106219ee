"""The token game of one scope, as a small net the soundness check can explore.

Places are the scope's sequence flows plus virtual places: one per start node
(holding the instance's first token) and one per link name (a link throw event
passes its token to the catch event of the same name).  A transition is one flow
node firing: it consumes tokens according to its *join* kind and produces one of
several alternative output sets (*choices*).  Nothing is evaluated: every condition
is a free choice.

Semantics (BPMN 2.0, §13, simplified):

- exclusive and event-based gateways: join on any one incoming token, split into
  exactly one outgoing flow;
- parallel gateways: join all incoming flows, split into all outgoing flows;
- inclusive (and complex) gateways: split into any non-empty subset of the
  non-default flows, or the default flow alone; join with Völzer's approximation of
  the non-local OR-join: it fires when it holds at least one token and every token
  elsewhere in the scope that could still reach one of its empty incoming flows could
  also reach one of its marked ones (structural reachability along sequence flows that
  does not pass through the join itself) — so an OR-join inside a loop does not wait
  for itself;
- activities and events: fire on any one incoming token (an uncontrolled merge);
  unconditional outgoing flows all get a token, conditional ones any subset, the
  default flow when no conditional one is taken;
- boundary events are alternative exits of their activity: an interrupting boundary
  event replaces the normal exit, a non-interrupting one adds its flows (at most one
  per firing); compensation is ignored;
- a subprocess or call activity is one step (inner scopes are checked on their own);
  event subprocesses and compensation activities stand outside the normal flow;
- a terminate end event removes every token of the scope.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from procmodel.model import EventDefinitionKind, FlowNode, NodeKind, Process, SequenceFlow

from .context import ModelGraph, is_compensation_boundary, is_event_subprocess, is_link_event
from .context import link_name as _link_name

MAX_OR_FANOUT = 8
"""Inclusive splits with more non-default flows are approximated (singles and all)."""

ANY, ALL, OR = "any", "all", "or"


@dataclass
class Transition:
    """One node's firing rule; ``choices`` are (output places, extra fired node ids)."""

    node: FlowNode
    inputs: tuple[int, ...]
    join: str
    choices: tuple[tuple[tuple[int, ...], tuple[str, ...]], ...]
    terminate: bool = False

    @property
    def eager(self) -> bool:
        """Deterministic, sole consumer of a single place: may fire without interleaving."""
        return len(self.inputs) == 1 and len(self.choices) == 1 and not self.terminate


@dataclass
class ScopeNet:
    """The net of one scope; ``owner`` is the process or the subprocess node."""

    owner: Process | FlowNode
    nodes: list[FlowNode]
    transitions: dict[str, Transition]
    consumer: list[str]  # place index -> node id that consumes it
    place_flow: list[SequenceFlow | None]  # place index -> its flow (None: virtual)
    initial: list[tuple[int, ...]]
    producers: dict[int, set[str]] = field(default_factory=dict)
    # OR-joins: one bit per (join, incoming flow); ``reach[p]`` has the bit of (J, q)
    # when a token on place p can reach q without passing through J.
    or_bits: dict[str, tuple[int, ...]] = field(default_factory=dict)
    reach: list[int] = field(default_factory=list)


def _subsets(items: list[int]) -> list[tuple[int, ...]]:
    if len(items) > MAX_OR_FANOUT:
        return [(i,) for i in items] + [tuple(items)]
    return [c for size in range(1, len(items) + 1) for c in combinations(items, size)]


def build_net(graph: ModelGraph, process: Process, scope: FlowNode | None) -> ScopeNet | None:
    """The net of ``scope`` (``None``: the process level), or None when it is empty."""
    owner: Process | FlowNode = scope if scope is not None else process
    members = [
        n for n in graph.scope_nodes(process, scope)
        if not is_event_subprocess(n)
        and not (n.kind.is_activity and n.is_for_compensation)
        and not is_compensation_boundary(n)
    ]
    if not members:
        return None
    member_ids = {n.id for n in members}
    place_flow: list[SequenceFlow | None] = []
    consumer: list[str] = []
    place_of_flow: dict[str, int] = {}
    inputs: dict[str, list[int]] = defaultdict(list)
    outputs: dict[str, list[SequenceFlow]] = defaultdict(list)
    for node in members:
        for flow in graph.outgoing.get(node.id, ()):
            if (
                flow.target in member_ids
                and graph.in_scope(flow)
                and flow.id not in place_of_flow
                and graph.nodes[flow.target].kind is not NodeKind.BOUNDARY_EVENT
            ):
                place_of_flow[flow.id] = len(place_flow)
                place_flow.append(flow)
                consumer.append(flow.target)
                inputs[flow.target].append(place_of_flow[flow.id])
                outputs[node.id].append(flow)

    def virtual(node_id: str) -> int:
        place_flow.append(None)
        consumer.append(node_id)
        inputs[node_id].append(len(place_flow) - 1)
        return len(place_flow) - 1

    # link events: one place per link name, consumed by the (single) catch event
    link_place: dict[str, int] = {}
    for node in members:
        name = _link_name(node) if is_link_event(node) else None
        if name and not node.is_throwing and name not in link_place:
            link_place[name] = virtual(node.id)
    starts = [n for n in members if n.kind is NodeKind.START_EVENT]
    initial: list[tuple[int, ...]]
    if starts:
        initial = [(virtual(n.id),) for n in starts]
    else:  # no start event: every node without incoming flow starts (BPMN §13.4.1)
        implicit = [
            n for n in members
            if not inputs.get(n.id) and n.kind is not NodeKind.BOUNDARY_EVENT
        ]
        initial = [tuple(sorted(virtual(n.id) for n in implicit))] if implicit else []
    boundaries = {
        host: [b for b in events if b.id in member_ids]
        for host, events in graph.boundary_events.items() if host in member_ids
    }
    transitions: dict[str, Transition] = {}
    for node in members:
        if node.kind is NodeKind.BOUNDARY_EVENT:
            continue  # fires as an exit of its activity
        choices = [(c, ()) for c in _choices(graph, node, outputs.get(node.id, []), place_of_flow)]
        if node.is_throwing and is_link_event(node):
            extra = link_place.get(_link_name(node) or "")
            if extra is not None:
                choices = [(tuple(sorted((*c, extra))), f) for c, f in choices]
        for event in boundaries.get(node.id, ()):
            exits = [
                (tuple(sorted(c)), (event.id,))
                for c in _choices(graph, event, outputs.get(event.id, []), place_of_flow)
            ]
            if event.interrupting:
                choices.extend(exits)
            else:
                choices.extend(
                    (tuple(sorted((*c, *e))), (*f, *ef))
                    for c, f in list(choices)
                    for e, ef in exits
                )
        join = ANY
        if node.kind is NodeKind.PARALLEL_GATEWAY:
            join = ALL
        elif node.kind in (NodeKind.INCLUSIVE_GATEWAY, NodeKind.COMPLEX_GATEWAY) and len(
            inputs.get(node.id, ())
        ) > 1:
            join = OR
        transitions[node.id] = Transition(
            node=node,
            inputs=tuple(inputs.get(node.id, ())),
            join=join,
            choices=tuple(dict.fromkeys(choices)),
            terminate=node.kind is NodeKind.END_EVENT
            and EventDefinitionKind.TERMINATE in node.event_kinds,
        )
    net = ScopeNet(owner, members, transitions, consumer, place_flow, initial)
    for transition in transitions.values():
        for places, _fired in transition.choices:
            for place in places:
                net.producers.setdefault(place, set()).add(transition.node.id)
    _or_reach(net)
    return net


def _choices(
    graph: ModelGraph, node: FlowNode, flows: list[SequenceFlow], place_of_flow: dict[str, int]
) -> list[tuple[int, ...]]:
    """The alternative sets of output places of one node firing."""
    if not flows:
        return [()]
    places = [place_of_flow[f.id] for f in flows]
    kind = node.kind
    if kind in (NodeKind.EXCLUSIVE_GATEWAY, NodeKind.EVENT_BASED_GATEWAY):
        return [(p,) for p in places]
    if kind is NodeKind.PARALLEL_GATEWAY:
        return [tuple(sorted(places))]
    default = [place_of_flow[f.id] for f in flows if f.is_default or node.default_flow == f.id]
    if kind in (NodeKind.INCLUSIVE_GATEWAY, NodeKind.COMPLEX_GATEWAY):
        others = [p for p in places if p not in default]
        return [tuple(sorted(s)) for s in _subsets(others)] + [(d,) for d in default]
    plain = [place_of_flow[f.id] for f in flows
             if f.condition is None and place_of_flow[f.id] not in default]
    conditional = [place_of_flow[f.id] for f in flows if f.condition is not None
                   and place_of_flow[f.id] not in default]
    result: list[tuple[int, ...]] = []
    if default or plain:
        result.append(tuple(sorted((*plain, *default))))
    result.extend(tuple(sorted((*plain, *s))) for s in _subsets(conditional))
    return result


def _or_reach(net: ScopeNet) -> None:
    """Label every place with the OR-join inputs it can reach (see ``ScopeNet.reach``).

    One backward fixpoint over the whole scope for all OR-joins together: a label is
    the union of the labels of the places its consumer produces, minus the consumer's
    own bits when the consumer is an OR-join (a path through the join does not count
    for the join).  Labels only grow, so a worklist terminates quickly.
    """
    bit = 1
    own = [0] * len(net.consumer)
    for transition in net.transitions.values():
        if transition.join != OR:
            continue
        bits = []
        for place in transition.inputs:
            own[place] |= bit
            bits.append(bit)
            bit <<= 1
        net.or_bits[transition.node.id] = tuple(bits)
    if not net.or_bits:
        return
    outputs: dict[str, set[int]] = {
        node_id: {p for places, _fired in t.choices for p in places}
        for node_id, t in net.transitions.items()
    }
    feeders: dict[int, list[int]] = {}  # place -> places whose consumer produces it
    for place, consumer in enumerate(net.consumer):
        for produced in outputs.get(consumer, ()):
            feeders.setdefault(produced, []).append(place)
    blocked_mask = {
        node_id: sum(bits) for node_id, bits in net.or_bits.items()
    }
    reach = list(own)
    work = list(range(len(reach)))
    queued = [True] * len(reach)
    while work:
        place = work.pop()
        queued[place] = False
        # a place's label feeds the places upstream of it, filtered by their consumer
        for before in feeders.get(place, ()):
            mask = ~blocked_mask.get(net.consumer[before], 0)
            label = reach[before] | (reach[place] & mask)
            if label != reach[before]:
                reach[before] = label
                if not queued[before]:
                    queued[before] = True
                    work.append(before)
    net.reach = reach
