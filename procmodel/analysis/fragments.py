"""Recurring fragments: chains of steps that several processes share.

Each step is replaced by its *group* (its duplicate cluster, or its own signature
when it belongs to none), so "Antrag prüfen → Bescheid zustellen" and "Prüfung des
Antrags → Bescheid versenden" are the same chain. Chains follow the sequence flow
between activities (through gateways and events). They are mined level by level,
like frequent item sets: a chain of length k+1 is counted only when its first and
its last k steps are frequent chains themselves, so the work stays proportional to
what recurs, not to all paths. A chain is frequent when it occurs in at least
``min_services`` services; only maximal chains are reported (none contained in a
longer chain found in as many services).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from procmodel.analysis.results import Fragment, FragmentOccurrence, ModelEntry, StepRef

if TYPE_CHECKING:
    from procmodel.analysis.register import AnalysisSettings

Chain = tuple[int, ...]


def find_fragments(
    entries: Sequence[ModelEntry],
    refs: list[StepRef],
    step_model: list[int],
    successors: list[list[int]],
    step_group: list[int],
    activity_count: list[int],
    order: list,
    settings: AnalysisSettings,
    waiting: Sequence[bool] = (),
) -> list[Fragment]:
    """Maximal recurring chains of steps, with occurrences and affected minutes a year."""
    min_services = settings.min_services
    # Level 1 is implicit: every group. Level 2: edges between activities.
    occurrences: dict[Chain, list[tuple[int, ...]]] = defaultdict(list)
    for step, nexts in enumerate(successors):
        for nxt in nexts:
            if step_group[step] == step_group[nxt]:
                continue  # a step followed by its own duplicate is no reusable chain
            occurrences[(step_group[step], step_group[nxt])].append((step, nxt))
    frequent: dict[Chain, list[tuple[int, ...]]] = {
        chain: occ for chain, occ in occurrences.items()
        if _service_count(occ, refs) >= min_services
    }
    levels = [frequent]
    length = 2
    while levels[-1] and length < settings.fragment_max_length:
        current = levels[-1]
        grown: dict[Chain, list[tuple[int, ...]]] = defaultdict(list)
        for chain, occ in current.items():
            for path in occ:
                for nxt in successors[path[-1]]:
                    if nxt in path:
                        continue
                    longer = (*chain, step_group[nxt])
                    if longer[1:] in current:
                        grown[longer].append((*path, nxt))
        levels.append({chain: occ for chain, occ in grown.items()
                       if _service_count(occ, refs) >= min_services})
        length += 1

    found: list[tuple[Chain, list[tuple[int, ...]]]] = []
    for level_index, level in enumerate(levels):
        longer = levels[level_index + 1] if level_index + 1 < len(levels) else {}
        covered: dict[Chain, int] = {}
        for chain, occ in longer.items():
            count = _service_count(occ, refs)
            for sub in (chain[:-1], chain[1:]):
                covered[sub] = max(covered.get(sub, 0), count)
        for chain, occ in level.items():
            if covered.get(chain, 0) >= _service_count(occ, refs):
                continue
            if len(chain) >= settings.fragment_min_length:
                found.append((chain, occ))

    def rank(item: tuple[Chain, list[tuple[int, ...]]]) -> tuple[float, int, Chain]:
        chain, occ = item
        minutes = 0.0
        seen: set[str] = set()
        for path in occ:
            service = refs[path[0]].service_id
            if service in seen:
                continue
            seen.add(service)
            entry = entries[step_model[path[0]]]
            count = activity_count[step_model[path[0]]]
            if entry.fallzahl is not None and entry.bearbeitungszeit is not None and count:
                minutes += _work(path, waiting) / count * entry.fallzahl * entry.bearbeitungszeit
        return -minutes, -len(seen) * len(chain), chain

    # Rank cheaply first, build the full description only for what is reported.
    found.sort(key=rank)
    fragments = [_fragment(chain, occ, entries, refs, step_model, activity_count, waiting)
                 for chain, occ in found[: settings.max_fragments]]
    for number, fragment in enumerate(fragments, 1):
        fragment.id = f"F{number}"
    return fragments


def find_regions(
    entries: Sequence[ModelEntry],
    refs: list[StepRef],
    step_model: list[int],
    regions: list[tuple[str, tuple[int, ...]]],
    step_group: list[int],
    activity_count: list[int],
    settings: AnalysisSettings,
    waiting: Sequence[bool] = (),
) -> list[Fragment]:
    """SESE blocks whose steps (as groups, in any order) recur in several services."""
    by_key: dict[tuple[int, ...], list[tuple[int, ...]]] = defaultdict(list)
    for _split, members in regions:
        # Order the block's steps by group, so that occurrences line up position by
        # position with the key (the order inside a block does not matter).
        aligned = tuple(sorted(members, key=lambda m: (step_group[m], m)))
        by_key[tuple(step_group[m] for m in aligned)].append(aligned)
    result = []
    for key, occ in by_key.items():
        if len(set(key)) < 2 or _service_count(occ, refs) < settings.min_services:
            continue
        fragment = _fragment(key, occ, entries, refs, step_model, activity_count, waiting)
        fragment.kind = "region"
        fragment.explanation = (
            f"Block zwischen Verzweigung und Zusammenführung mit {len(key)} Schritten in "
            f"{fragment.services} Leistungen (Reihenfolge innerhalb des Blocks beliebig)"
            + _TIME_NOTE_DE * (fragment.minutes_per_year is not None))
        fragment.explanation_en = (
            f"block between a split and its join with {len(key)} steps in "
            f"{fragment.services} services (any order inside the block)"
            + _TIME_NOTE_EN * (fragment.minutes_per_year is not None))
        result.append(fragment)
    result.sort(key=lambda f: (-(f.minutes_per_year or 0), -f.services * len(f.steps)))
    return result[: settings.max_fragments]


def _service_count(occurrences: list[tuple[int, ...]], refs: list[StepRef]) -> int:
    return len({refs[path[0]].service_id for path in occurrences})


#: How the time figure of a fragment is computed (shown with every fragment).
_TIME_NOTE_DE = ("; Zeitwert = je Leistung Anteil der Arbeitsschritte (ohne Warten) × Fallzahl "
                 "× Bearbeitungszeit, Obergrenze einer möglichen Einsparung")
_TIME_NOTE_EN = ("; time = per service the share of working steps (waiting excluded) × cases "
                 "× processing time, an upper bound of possible savings")


def _work(path: Sequence[int], waiting: Sequence[bool]) -> int:
    """Steps of a path that are work: waiting ("Nachreichung abwarten") is not."""
    if not waiting:
        return len(path)
    return sum(1 for step in path if not waiting[step])


def _fragment(chain: Chain, occ: list[tuple[int, ...]], entries: Sequence[ModelEntry],
              refs: list[StepRef], step_model: list[int], activity_count: list[int],
              waiting: Sequence[bool] = ()) -> Fragment:
    # One occurrence per service: a shared solution serves a service once.
    by_service: dict[str, tuple[int, ...]] = {}
    for path in occ:
        by_service.setdefault(refs[path[0]].service_id, path)
    occurrences = []
    total = 0.0
    known = False
    names: list[dict[str, int]] = [defaultdict(int) for _ in chain]
    for path in by_service.values():
        first = refs[path[0]]
        entry = entries[step_model[path[0]]]
        minutes = None
        count = activity_count[step_model[path[0]]]
        if entry.fallzahl is not None and entry.bearbeitungszeit is not None and count:
            minutes = _work(path, waiting) / count * entry.fallzahl * entry.bearbeitungszeit
            total += minutes
            known = True
        for k, step in enumerate(path):
            names[k][refs[step].label] += 1
        occurrences.append(FragmentOccurrence(
            step_ids=[refs[s].step_id for s in path],
            labels=[refs[s].label for s in path],
            service_id=first.service_id, service_name=first.service_name,
            model_id=first.model_id, handlungsfeld=first.handlungsfeld,
            department=first.department,
            minutes_per_year=round(minutes, 1) if minutes is not None else None,
        ))
    occurrences.sort(key=lambda o: o.service_name)
    steps = [max(n.items(), key=lambda kv: (kv[1], kv[0]))[0] for n in names]
    fields = sorted({o.handlungsfeld for o in occurrences if o.handlungsfeld})
    departments = sorted({o.department for o in occurrences if o.department})
    explanation = (f"Kette aus {len(chain)} Schritten in {len(occurrences)} Leistungen "
                   f"in derselben Reihenfolge (Schritte gelten als gleich, wenn sie zum "
                   f"selben Duplikat-Cluster gehören)" + _TIME_NOTE_DE * known)
    return Fragment(
        id="", steps=steps, occurrences=occurrences, services=len(occurrences),
        handlungsfelder=fields, departments=departments,
        minutes_per_year=round(total, 1) if known else None, explanation=explanation,
        doppelstruktur=len(fields) > 1 or len(departments) > 1,
        explanation_en=(f"chain of {len(chain)} steps in {len(occurrences)} services in the "
                        f"same order (steps count as equal when they belong to the same "
                        f"duplicate cluster)" + _TIME_NOTE_EN * known),
    )
