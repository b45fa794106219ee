"""Single-entry/single-exit regions: blocks between a split and its join.

A split gateway and its immediate post-dominator bound a region when every node in
between is reached only through the split (dominated by it) and left only through
the join (post-dominated by it). Such a block ("Gebühr bezahlen ∥ Identität prüfen",
or an XOR with "Nachforderung" and "Ablehnung") is a unit that can be reused as a
whole. Regions are found per process (and per subprocess scope) from dominators on
the sequence-flow graph.
"""

from __future__ import annotations

from collections.abc import Iterator

from procmodel.model import Definitions, Process

_ENTRY = "\x00entry"
_EXIT = "\x00exit"


def sese_regions(model: Definitions) -> Iterator[tuple[str, set[str]]]:
    """(split gateway id, ids of the flow nodes inside) for every SESE block."""
    for process in model.processes:
        scopes = {n.parent_id for n in process.flow_nodes}
        for scope in scopes:
            yield from _regions_in(process, scope)


def _regions_in(process: Process, scope: str | None) -> Iterator[tuple[str, set[str]]]:
    nodes = {n.id: n for n in process.flow_nodes if n.parent_id == scope}
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    pred: dict[str, list[str]] = {n: [] for n in nodes}
    for flow in process.sequence_flows:
        if flow.source in nodes and flow.target in nodes:
            succ[flow.source].append(flow.target)
            pred[flow.target].append(flow.source)
    splits = [n.id for n in nodes.values() if n.kind.is_gateway and len(succ[n.id]) > 1]
    if not splits:
        return
    succ[_ENTRY], pred[_ENTRY], succ[_EXIT], pred[_EXIT] = [], [], [], []
    for node in nodes:
        if not pred[node]:
            succ[_ENTRY].append(node)
            pred[node].append(_ENTRY)
        if not succ[node]:
            succ[node].append(_EXIT)
            pred[_EXIT].append(node)
    dominators = immediate_dominators(succ, pred, _ENTRY)
    post = immediate_dominators(pred, succ, _EXIT)
    for split in splits:
        join = post.get(split)
        if join is None or join == _EXIT:
            continue
        inside: set[str] = set()
        stack = list(succ[split])
        while stack:
            node = stack.pop()
            if node in (join, split) or node in inside:
                continue
            inside.add(node)
            stack.extend(succ[node])
        if not inside or _EXIT in inside:
            continue
        if all(_dominated(node, split, dominators) for node in inside) and all(
                _dominated(node, join, post) for node in inside):
            yield split, inside


def immediate_dominators(succ: dict[str, list[str]], pred: dict[str, list[str]],
                         start: str) -> dict[str, str]:
    """Immediate dominators of every node reachable from ``start``.

    The iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance
    Algorithm", 2001) over plain adjacency lists: process models are small, and this
    is several times faster than building a networkx graph for each of them.
    """
    order: list[str] = []
    seen = {start}
    stack: list[tuple[str, int]] = [(start, 0)]
    while stack:  # iterative depth-first search for the postorder
        node, index = stack.pop()
        children = succ.get(node, ())
        if index < len(children):
            stack.append((node, index + 1))
            child = children[index]
            if child not in seen:
                seen.add(child)
                stack.append((child, 0))
        else:
            order.append(node)
    number = {node: k for k, node in enumerate(order)}
    idom: dict[str, str] = {start: start}
    changed = True
    reverse = list(reversed(order))
    while changed:
        changed = False
        for node in reverse:
            if node == start:
                continue
            new = None
            for p in pred.get(node, ()):
                if p not in idom:
                    continue
                if new is None:
                    new = p
                    continue
                a, b = p, new
                while a != b:
                    while number[a] < number[b]:
                        a = idom[a]
                    while number[b] < number[a]:
                        b = idom[b]
                new = a
            if new is not None and idom.get(node) != new:
                idom[node] = new
                changed = True
    return idom


def _dominated(node: str, by: str, idom: dict[str, str]) -> bool:
    seen = set()
    while node in idom and node not in seen:
        seen.add(node)
        if node == by:
            return True
        parent = idom[node]
        if parent == node:
            return False
        node = parent
    return node == by
