"""Duplicate clusters: how similar signatures become clusters, and why.

The register analysis (:mod:`.register`) links similar signatures in a graph; here
its connected components are split where they join digital and paper work, turned
into :class:`DuplicateCluster` objects with an explanation in the labels' own words,
and clusters and fragments that span Handlungsfelder or departments become
Doppelstrukturen.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from procmodel.analysis.results import (
    Doppelstruktur,
    DuplicateCluster,
    Explanation,
    StepRef,
)
from procmodel.analysis.similarity import relation_kind, relation_text, written
from procmodel.labels import LabelMeaning, Term


def split_by_medium(component: set[int], graph: nx.Graph, media: list[str | None]
                     ) -> list[set[int]]:
    """Split a cluster that joins digital and paper steps (through neutral ones).

    "Bescheid ins Postfach zustellen" and "Bescheid per Post versenden" never link
    directly (their similarity is lowered), but both link to "Bescheid zustellen".
    Each neutral step joins the medium it is nearest to (breadth-first from all
    digital and paper steps at once, ties to the stronger link), and the two sides
    become separate clusters.
    """
    kinds = {media[n] for n in component} - {None}
    if len(kinds) < 2:
        return [component]
    side: dict[int, str] = {n: media[n] for n in component if media[n]}
    frontier = sorted(side)
    while frontier:
        claims: dict[int, tuple[float, str]] = {}
        for n in frontier:
            for m in graph.neighbors(n):
                if m in side:
                    continue
                score = graph.edges[n, m].get("score", 0.0)
                if m not in claims or score > claims[m][0]:
                    claims[m] = (score, side[n])
        for m, (_, medium) in claims.items():
            side[m] = medium
        frontier = sorted(claims)
    parts: list[set[int]] = []
    for medium in sorted(kinds):
        nodes = [n for n in component if side.get(n) == medium]
        parts.extend(set(c) for c in nx.connected_components(graph.subgraph(nodes)))
    return parts


def build_cluster(number: int, members_sig: list[int], steps: list[int],
                  refs: list[StepRef], graph: nx.Graph, meanings: list[LabelMeaning]
                  ) -> DuplicateCluster:
    labels = Counter(refs[s].label for s in steps)
    canonical = labels.most_common(1)[0][0]
    # Every distinct label, weighted by its steps: one signature covers several
    # spellings ("Vollständigkeit prüfen", "Vollständigkeitsprüfung durchführen").
    by_text: dict[str, LabelMeaning] = {}
    weight: Counter[str] = Counter()
    for s in steps:
        by_text.setdefault(meanings[s].text, meanings[s])
        weight[meanings[s].text] += 1
    explanation = _explain_cluster(list(by_text.values()), weight)
    lanes = Counter(refs[s].lane for s in steps if refs[s].lane)
    if lanes:
        lane, count = lanes.most_common(1)[0]
        explanation.context.append(f"Rolle/Lane „{lane}“ bei {count} von {len(steps)} Schritten")
        explanation.context_en.append(f"role/lane \u201c{lane}\u201d in {count} of "
                                      f"{len(steps)} steps")
    scores = [d["score"] for _, _, d in graph.subgraph(members_sig).edges(data=True)]
    members = sorted((refs[s] for s in steps), key=lambda r: (r.service_name, r.step_id))
    fields = sorted({r.handlungsfeld for r in members if r.handlungsfeld})
    departments = sorted({r.department for r in members if r.department})
    return DuplicateCluster(
        id=f"C{number}", canonical_name=canonical, members=members, explanation=explanation,
        services=len({r.service_id for r in members}), handlungsfelder=fields,
        departments=departments,
        score=round(sum(scores) / len(scores), 3) if scores else 1.0,
        doppelstruktur=len(fields) > 1 or len(departments) > 1,
    )


def _explain_cluster(labels: list[LabelMeaning], weight: Counter[str]) -> Explanation:
    """Shared action and objects in the labels' own words, and how the variants differ.

    The most frequent spelling of the action and of each shared object is the
    reference; every other spelling is named with its relation to it ("prüfen ≈
    Prüfung (Substantivierung)", "zustellen ~ versenden (Synonym)", "Antr. ≈
    Antrag (Abkürzung)").
    """
    actions: dict[str, Counter[str]] = defaultdict(Counter)  # "*" -> written word -> steps
    action_terms: dict[str, Term] = {}
    objects: dict[str, Counter[str]] = defaultdict(Counter)  # concept -> written -> steps
    object_terms: dict[str, Term] = {}
    object_sets = []
    for meaning in labels:
        count = weight[meaning.text]
        if meaning.action:
            word = written(meaning.action)
            # Verbs before nominalisations as the reference: "prüfen", not "Prüfung".
            actions["*"][word] += count * (1 if meaning.action.nominal else 1000)
            action_terms.setdefault(word, meaning.action)
        concepts = set()
        for term in meaning.objects:
            concepts.add(term.concept)
            objects[term.concept][written(term)] += count
            object_terms.setdefault(written(term), term)
        object_sets.append(concepts)
    shared = set.intersection(*object_sets) if object_sets else set()
    relations: list[dict[str, str]] = []

    def reference(counter: Counter[str], terms: dict[str, Term]) -> str:
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        ref = ranked[0][0]
        seen = {ref.casefold()}
        for word, _ in ranked[1:]:
            if word.casefold() in seen:
                continue
            seen.add(word.casefold())
            relations.append({"a": ref, "b": word, "kind": relation_kind(terms[ref], terms[word])})
        return ref

    action = reference(actions["*"], action_terms) if actions else None
    shared_words = [reference(objects[c], object_terms) for c in sorted(
        shared, key=lambda c: max(objects[c].values()) * -1)]
    return Explanation(action=action, objects=shared_words,
                       synonyms=[relation_text(r["a"], r["b"], r["kind"]) for r in relations],
                       context=[], relations=relations, context_en=[])


def doppelstrukturen(clusters: list[DuplicateCluster], fragments: list) -> list[Doppelstruktur]:
    result = []
    for cluster in clusters:
        if cluster.doppelstruktur:
            result.append(Doppelstruktur(
                kind="cluster", ref=cluster.id, name=cluster.canonical_name,
                handlungsfelder=cluster.handlungsfelder, departments=cluster.departments,
                services=sorted({m.service_name for m in cluster.members}),
                reason=_spread(cluster.handlungsfelder, cluster.departments),
                reason_en=_spread(cluster.handlungsfelder, cluster.departments, "en"),
            ))
    for fragment in fragments:
        if fragment.doppelstruktur:
            result.append(Doppelstruktur(
                kind="fragment", ref=fragment.id,
                name=(" → " if fragment.kind == "chain" else " + ").join(fragment.steps),
                handlungsfelder=fragment.handlungsfelder, departments=fragment.departments,
                services=sorted({o.service_name for o in fragment.occurrences}),
                reason=_spread(fragment.handlungsfelder, fragment.departments),
                reason_en=_spread(fragment.handlungsfelder, fragment.departments, "en"),
            ))
    return result


def _spread(fields: list[str], departments: list[str], language: str = "de") -> str:
    """"gleiche Arbeit in 2 Handlungsfeldern und 3 Organisationseinheiten" (short: the
    names are listed beside it)."""
    de = language == "de"
    parts = []
    if len(fields) > 1:
        parts.append(f"{len(fields)} " + ("Handlungsfeldern" if de else "Handlungsfelder"))
    if len(departments) > 1:
        parts.append(f"{len(departments)} " + ("Organisationseinheiten" if de
                                                else "departments"))
    if de:
        return "gleiche Arbeit in " + " und ".join(parts)
    return "same work in " + " and ".join(parts)
