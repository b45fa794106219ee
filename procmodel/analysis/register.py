"""Register-wide analysis: duplicate steps, recurring fragments, Doppelstrukturen,
Basisdienste and media breaks over all models of a register.

It scales by working on *signatures* rather than steps: a signature is a step's
meaning reduced to its action concept and its object concepts, so "Bescheid
zustellen" in 400 services is one signature with 400 steps. Signatures are compared
only when the inverted index says they share a concept (very common concepts do not
make candidates on their own), similar signatures are linked in a networkx graph,
and its connected components are the duplicate clusters.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from procmodel.analysis.basisdienste import COMPONENTS, Recogniser
from procmodel.analysis.clusters import build_cluster, doppelstrukturen, split_by_medium
from procmodel.analysis.fragments import find_fragments, find_regions
from procmodel.analysis.regions import sese_regions
from procmodel.analysis.results import (
    AnalysisResult,
    BasisdienstFinding,
    Decision,
    DuplicateCluster,
    MediaBreak,
    ModelEntry,
    StepRef,
)
from procmodel.analysis.similarity import (
    LabelSimilarity,
    LabelStatistics,
    SimilaritySettings,
    candidate_pairs,
    medium_of,
)
from procmodel.analysis.steps import extract_steps
from procmodel.labels import LabelLanguage, LabelMeaning, default_language

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class AnalysisSettings:
    """Thresholds of the register analysis (see docs/analysis.md)."""

    cluster_threshold: float = 0.75
    min_services: int = 2
    max_postings: int = 400
    fragment_min_length: int = 2
    fragment_max_length: int = 5
    max_fragments: int = 200
    region_max_steps: int = 8
    similarity: SimilaritySettings = field(default_factory=SimilaritySettings)


@dataclass
class _Signature:
    key: tuple[str, tuple[str, ...]]
    meaning: LabelMeaning
    steps: list[int]


def signature_of(meaning: LabelMeaning) -> tuple[str, tuple[str, ...]]:
    """Action concept and sorted object concepts: equal signatures mean the same work."""
    action = meaning.action.concept if meaning.action else ""
    return action, tuple(sorted({t.concept for t in meaning.objects}))


def analyse(
    entries: Sequence[ModelEntry],
    *,
    decisions: Iterable[Decision] = (),
    settings: AnalysisSettings | None = None,
    language: LabelLanguage | None = None,
    progress: Progress | None = None,
) -> AnalysisResult:
    """Analyse all models of a register (or a folder) together.

    ``decisions`` are the analyst's verdicts: a rejected pair of steps is never
    reported as a duplicate again, a confirmed one always is.
    """
    settings = settings or AnalysisSettings()
    language = language or default_language()
    report = progress or (lambda stage, done, total: None)
    decisions = list(decisions)
    rejected = {d.pair for d in decisions if d.verdict == "rejected"}
    confirmed = {d.pair for d in decisions if d.verdict == "confirmed"}

    refs: list[StepRef] = []
    step_model: list[int] = []
    meanings: list[LabelMeaning] = []
    successors: list[list[int]] = []  # per global step index: following activities
    activity_count: list[int] = []
    regions: list[tuple[str, tuple[int, ...]]] = []  # (split gateway id, global steps)
    wait = language.concept("warten", "de")
    waiting: list[bool] = []  # per global step: waiting is no work a shared solution saves
    for m, entry in enumerate(entries):
        model_steps = extract_steps(entry.model, language)
        activities = [s for s in model_steps.steps if not s.is_event]
        waits = [bool(s.meaning.action and s.meaning.action.concept == wait)
                 for s in activities]
        waiting.extend(waits)
        activity_count.append(len(activities) - sum(waits))
        offset = len(refs)
        local = {s.index: offset + k for k, s in enumerate(activities)}
        for step in activities:
            refs.append(StepRef(
                service_id=entry.service_id, service_name=entry.service_name,
                model_id=entry.model_id, process_id=step.process_id, step_id=step.id,
                label=step.label, handlungsfeld=entry.handlungsfeld,
                department=entry.department, lane=step.lane,
            ))
            step_model.append(m)
            meanings.append(step.meaning)
            successors.append([])
        for step in activities:
            successors[local[step.index]] = sorted(
                local[t] for t in _next_activities(step.index, model_steps.steps)
            )
        by_id = {s.id: local[s.index] for s in activities}
        for split, inside in sese_regions(entry.model):
            members = sorted(by_id[i] for i in inside if i in by_id)
            if 2 <= len(members) <= settings.region_max_steps:
                regions.append((split, tuple(members)))
        if m % 100 == 0 or m == len(entries) - 1:
            report("steps", m + 1, len(entries))

    # The medium is part of the signature: "Akte ablegen" in the E-Akte and on paper
    # are different work for the city even where the words meet.
    signatures: dict[tuple[tuple[str, tuple[str, ...]], str | None], int] = {}
    order: list[_Signature] = []
    signature_of_step: list[int] = []  # -1: a step without meaningful words
    for index, meaning in enumerate(meanings):
        if meaning.is_empty:
            signature_of_step.append(-1)
            continue
        key = (signature_of(meaning), medium_of(meaning))
        number = signatures.get(key)
        if number is None:
            number = signatures[key] = len(order)
            order.append(_Signature(key[0], meaning, []))
        order[number].steps.append(index)
        signature_of_step.append(number)

    stats = LabelStatistics()
    for sig in order:
        stats.add(sig.meaning, len(sig.steps))
    sim = LabelSimilarity(language, stats, settings.similarity)
    graph = nx.Graph()
    graph.add_nodes_from(range(len(order)))
    sig_meanings = [sig.meaning for sig in order]
    compared = 0
    for i, j in candidate_pairs(sig_meanings, sig_meanings, stats,
                                max_postings=settings.max_postings):
        if i >= j:
            continue
        compared += 1
        a, b = sig_meanings[i], sig_meanings[j]
        if not _actions_compatible(a, b, language):
            continue
        score, _ = sim.compare(a, b)
        if score >= settings.cluster_threshold:
            graph.add_edge(i, j, score=score)
    report("similarity", 1, 1)
    key_index = {refs[i].key: i for i in range(len(refs))}
    for pair in confirmed:
        a_key, b_key = tuple(pair)
        if a_key in key_index and b_key in key_index:
            sa = signature_of_step[key_index[a_key]]
            sb = signature_of_step[key_index[b_key]]
            if sa >= 0 and sb >= 0 and sa != sb:
                graph.add_edge(sa, sb, score=1.0, confirmed=True)
    suppressed: set[tuple[str, str]] = set()
    for pair in rejected:
        a_key, b_key = sorted(pair)
        if a_key not in key_index or b_key not in key_index:
            continue
        sa = signature_of_step[key_index[a_key]]
        sb = signature_of_step[key_index[b_key]]
        if sa < 0 or sb < 0:
            continue
        if sa != sb and graph.has_edge(sa, sb):
            graph.remove_edge(sa, sb)
            suppressed.add((a_key, b_key))

    clusters: list[DuplicateCluster] = []
    group_of_signature = list(range(len(order)))
    media = [sim.medium(sig.meaning) for sig in order]
    components = sorted((part for component in nx.connected_components(graph)
                         for part in split_by_medium(component, graph, media)),
                        key=lambda c: min(c))
    for component in components:
        members_sig = sorted(component)
        steps = [s for n in members_sig for s in order[n].steps]
        group = min(members_sig)
        for n in members_sig:
            group_of_signature[n] = group
        # A rejected pair that is still joined through other steps: the later step
        # of the pair leaves the cluster, so the pair is never reported together.
        keys = {refs[x].key: x for x in steps}
        for pair in rejected:
            if pair <= keys.keys():
                dropped = keys.pop(max(pair))
                steps = [x for x in steps if x != dropped]
                a_key, b_key = sorted(pair)
                suppressed.add((a_key, b_key))
        services = {refs[x].service_id for x in steps}
        if len(services) < settings.min_services:
            continue
        clusters.append(build_cluster(len(clusters) + 1, members_sig, steps, refs, graph,
                                      meanings))
    report("clusters", 1, 1)
    clusters.sort(key=lambda c: (-c.services, -len(c.members), c.canonical_name))
    for n, cluster in enumerate(clusters, 1):
        cluster.id = f"C{n}"

    step_group = [group_of_signature[s] if s >= 0 else -1 - i
                  for i, s in enumerate(signature_of_step)]
    fragments = find_fragments(
        entries, refs, step_model, successors, step_group, activity_count, order, settings,
        waiting,
    )
    fragments += find_regions(entries, refs, step_model, regions, step_group, activity_count,
                              settings, waiting)
    fragments.sort(key=lambda f: (-(f.minutes_per_year or 0), -f.services * len(f.steps)))
    for number, fragment in enumerate(fragments, 1):
        fragment.id = f"F{number}"
    report("fragments", 1, 1)

    doppel = doppelstrukturen(clusters, fragments)
    basis, breaks = _recognise(meanings, refs, language)
    by_service: dict[str, Counter[str]] = defaultdict(Counter)
    by_field: dict[str, Counter[str]] = defaultdict(Counter)
    for item in breaks:
        by_service[item.step.service_name][item.kind] += 1
        by_field[item.step.handlungsfeld or "(ohne Handlungsfeld)"][item.kind] += 1
    report("done", 1, 1)
    return AnalysisResult(
        clusters=clusters,
        fragments=fragments,
        doppelstrukturen=doppel,
        basisdienste=basis,
        media_breaks=breaks,
        media_breaks_by_service={k: dict(v) for k, v in sorted(by_service.items())},
        media_breaks_by_handlungsfeld={k: dict(v) for k, v in sorted(by_field.items())},
        suppressed_pairs=[list(pair) for pair in sorted(suppressed)],
        statistics={
            "models": len(entries),
            "steps": len(refs),
            "signatures": len(order),
            "compared_pairs": compared,
            "similar_pairs": graph.number_of_edges(),
            "clusters": len(clusters),
            "fragments": len(fragments),
        },
    )


def _next_activities(index: int, steps: list) -> set[int]:
    """Activities after a step, passing through labelled events."""
    found: set[int] = set()
    seen = {index}
    stack = list(steps[index].after)
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        if steps[n].is_event:
            stack.extend(steps[n].after)
        else:
            found.add(n)
    return found


def _actions_compatible(a: LabelMeaning, b: LabelMeaning, language: LabelLanguage) -> bool:
    if a.action is None or b.action is None:
        return a.action is None and b.action is None
    return a.action.concept == b.action.concept or language.related(
        a.action.concept, b.action.concept)


def _recognise(meanings: list[LabelMeaning], refs: list[StepRef], language: LabelLanguage
               ) -> tuple[list[BasisdienstFinding], list[MediaBreak]]:
    recogniser = Recogniser(language)
    using: dict[str, list[StepRef]] = defaultdict(list)
    own: dict[str, list[StepRef]] = defaultdict(list)
    examples: dict[str, Counter[str]] = defaultdict(Counter)
    evidence_own: dict[str, Counter[str]] = defaultdict(Counter)
    breaks: list[MediaBreak] = []
    evidence_of: dict[tuple[str, str], str] = {}
    # Per label, not per signature: "In E-Akte ablegen" and "Akte ablegen" are the same
    # work but only one of them uses the shared component.
    cache: dict[str, tuple[list, list]] = {}
    for index, ref in enumerate(refs):
        meaning = meanings[index]
        found_media = cache.get(meaning.text)
        if found_media is None:
            found_media = (recogniser.basisdienst(meaning), recogniser.media_breaks(meaning))
            cache[meaning.text] = found_media
        found, media = found_media
        for component, how, evidence in found:
            if how == "shared":
                using[component.key].append(ref)
                examples[component.key][evidence] += 1
            else:
                own[component.key].append(ref)
                evidence_own[component.key][evidence] += 1
                evidence_of[(component.key, ref.key)] = evidence
        for kind, evidence in media:
            breaks.append(MediaBreak(step=ref, kind=kind, evidence=evidence))
    result = []
    for component in COMPONENTS:
        if not using[component.key] and not own[component.key]:
            continue
        shared_services = {r.service_id for r in using[component.key]}
        self_built = sorted((r for r in own[component.key]
                             if r.service_id not in shared_services),
                            key=lambda r: (r.service_name, r.step_id))
        top = [e for e, _ in evidence_own[component.key].most_common(3)]
        count = len({r.service_id for r in self_built})
        if self_built:
            hints = ", ".join(f"„{e}“" for e in top)
            hints_en = ", ".join(f"\u201c{e}\u201d" for e in top)
            reason = (f"{count} {'Leistung erledigt' if count == 1 else 'Leistungen erledigen'}"
                      f" „{component.title}“ selbst (erkannt an {hints})")
            reason_en = (f"{count} {'service does' if count == 1 else 'services do'} "
                         f"\u201c{component.title_en}\u201d themselves (recognised by "
                         f"{hints_en})")
        else:
            reason = "alle erkannten Schritte nutzen die gemeinsame Komponente"
            reason_en = "all recognised steps use the shared component"
        result.append(BasisdienstFinding(
            component=component.key, name=component.title,
            shared_examples=[e for e, _ in examples[component.key].most_common(5)],
            using=sorted(using[component.key], key=lambda r: (r.service_name, r.step_id)),
            self_built=self_built,
            reason=reason,
            evidence=[evidence_of[(component.key, r.key)] for r in self_built],
            name_en=component.title_en, reason_en=reason_en,
        ))
    breaks.sort(key=lambda b: (b.step.service_name, b.step.step_id, b.kind))
    return result, breaks
