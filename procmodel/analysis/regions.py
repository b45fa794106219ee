"""Single-entry/single-exit regions: blocks between a split and its join.

A split gateway and its immediate post-dominator bound a region when every node in
between is reached only through the split (dominated by it) and left only through
the join (post-dominated by it). Such a block ("Gebühr bezahlen ∥ Identität prüfen",
or an XOR with "Nachforderung" and "Ablehnung") is a unit that can be reused as a
whole. Regions are found per process (and per subprocess scope) with networkx's
dominator algorithm on the sequence-flow graph.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

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
    splits = [n.id for n in nodes.values() if n.kind.is_gateway]
    if not splits:
        return
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    for flow in process.sequence_flows:
        if flow.source in nodes and flow.target in nodes:
            graph.add_edge(flow.source, flow.target)
    splits = [g for g in splits if graph.out_degree(g) > 1]
    if not splits:
        return
    for node in list(nodes):
        if graph.in_degree(node) == 0:
            graph.add_edge(_ENTRY, node)
        if graph.out_degree(node) == 0:
            graph.add_edge(node, _EXIT)
    if _ENTRY not in graph or _EXIT not in graph:
        return
    dominators = nx.immediate_dominators(graph, _ENTRY)
    post = nx.immediate_dominators(graph.reverse(copy=False), _EXIT)
    for split in splits:
        join = post.get(split)
        if join is None or join == _EXIT:
            continue
        inside: set[str] = set()
        stack = list(graph.successors(split))
        while stack:
            node = stack.pop()
            if node in (join, split) or node in inside:
                continue
            inside.add(node)
            stack.extend(graph.successors(node))
        if not inside or _EXIT in inside:
            continue
        if all(_dominated(node, split, dominators) for node in inside) and all(
                _dominated(node, join, post) for node in inside):
            yield split, inside


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
