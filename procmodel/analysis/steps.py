"""Steps of a model and their context, as the analysis sees them.

A *step* is an activity (task, subprocess, call activity) or a labelled event of a
process. Its context is what surrounds it: the steps before and after it (through
gateways and unlabelled events), its lane (role), its pool, and the data objects it
reads or writes. Everything is computed once per model and kept in plain tuples.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from procmodel.labels import LabelLanguage, LabelMeaning, repair
from procmodel.model import Definitions, FlowNode, NodeKind, Process

_REPAIRED: dict[str, str] = {}


def repaired_label(text: str | None) -> str:
    """:func:`procmodel.labels.repair`, remembered for the few thousand distinct labels."""
    text = text or ""
    result = _REPAIRED.get(text)
    if result is None:
        if len(_REPAIRED) > 100_000:
            _REPAIRED.clear()
        result = _REPAIRED[text] = repair(text)
    return result


@dataclass(frozen=True)
class Step:
    """One step of one model with its meaning and context.

    ``index`` is the step's position in :attr:`ModelSteps.steps`; ``before`` and
    ``after`` hold indexes of neighbouring steps in the same model.
    """

    index: int
    id: str
    label: str
    kind: NodeKind
    process_id: str
    meaning: LabelMeaning
    lane: str | None = None
    participant: str | None = None
    data: tuple[str, ...] = ()
    before: tuple[int, ...] = ()
    after: tuple[int, ...] = ()

    @property
    def is_event(self) -> bool:
        return self.kind.is_event

    @property
    def is_catching(self) -> bool:
        """A start, catching intermediate or boundary event, or a receive task."""
        return self.kind in _CATCHING

    @property
    def kind_group(self) -> str:
        """"activity" or "event": what may correspond to what."""
        return "event" if self.kind.is_event else "activity"


_CATCHING = frozenset({NodeKind.START_EVENT, NodeKind.INTERMEDIATE_CATCH_EVENT,
                       NodeKind.BOUNDARY_EVENT, NodeKind.RECEIVE_TASK})


@dataclass
class ModelSteps:
    """All steps of one model, with the language its labels are written in."""

    language: str
    steps: list[Step] = field(default_factory=list)

    def by_id(self) -> dict[str, Step]:
        return {s.id: s for s in self.steps}


def _is_step(node: FlowNode) -> bool:
    """Activities and events with a label (gateways are routing, not work)."""
    return bool(node.name and node.name.strip()) and (node.kind.is_activity
                                                      or node.kind.is_event)


def extract_steps(
    model: Definitions, language: LabelLanguage, *, forced_language: str | None = None
) -> ModelSteps:
    """The steps of every process of ``model``, with neighbours, lanes and data."""
    nodes = [
        (process, node)
        for process in model.processes
        for node in process.flow_nodes
        if _is_step(node)
    ]
    # Labels repeat across a register: normalise each text once.
    names = {n.id: repaired_label(n.name) for _, n in nodes}
    lang = forced_language or language.detect_language([names[n.id] for _, n in nodes])
    result = ModelSteps(language=lang)
    index_of: dict[str, int] = {}
    lane_names: dict[str, str] = {}
    participant_names: dict[str, str] = {}
    for process in model.processes:
        for lane in process.lanes:
            if lane.normalised_name:
                lane_names[lane.id] = lane.normalised_name
        participant = model.participant_of(process.id)
        if participant and participant.normalised_name:
            participant_names[process.id] = participant.normalised_name
    data_of = _data_by_node(model)
    raw: list[tuple[Process, FlowNode]] = []
    for process, node in nodes:
        index_of[node.id] = len(raw)
        raw.append((process, node))
    neighbours = _step_neighbours(model, set(index_of))
    for i, (process, node) in enumerate(raw):
        before, after = neighbours.get(node.id, ((), ()))
        result.steps.append(
            Step(
                index=i,
                id=node.id,
                label=names[node.id],
                kind=node.kind,
                process_id=process.id,
                meaning=language.analyse(node.name, lang),
                lane=lane_names.get(node.lane_id or ""),
                participant=participant_names.get(process.id),
                data=tuple(sorted(data_of.get(node.id, ()))),
                before=tuple(sorted(index_of[s] for s in before if s in index_of)),
                after=tuple(sorted(index_of[s] for s in after if s in index_of)),
            )
        )
    return result


def _data_by_node(model: Definitions) -> dict[str, set[str]]:
    """Names of the data objects and stores each node reads or writes."""
    result: dict[str, set[str]] = defaultdict(set)
    for process in model.processes:
        names = {d.id: d.normalised_name for d in process.data if d.normalised_name}
        refs = {d.id: d.ref for d in process.data if d.ref}
        for assoc in process.data_associations:
            for element in (*assoc.sources, assoc.target or ""):
                name = names.get(element) or names.get(refs.get(element, "") or "")
                if name:
                    result[assoc.node_id].add(name)
    return result


def _step_neighbours(
    model: Definitions, step_ids: set[str]
) -> dict[str, tuple[set[str], set[str]]]:
    """Nearest steps before and after each step, walking through non-step nodes.

    Sequence flows give the order; message flows between pools count as well (a
    "send" in one pool precedes the "receive" in the other).
    """
    succ: dict[str, set[str]] = defaultdict(set)
    pred: dict[str, set[str]] = defaultdict(set)
    for process in model.processes:
        for flow in process.sequence_flows:
            succ[flow.source].add(flow.target)
            pred[flow.target].add(flow.source)
        for node in process.flow_nodes:
            if node.attached_to:
                succ[node.attached_to].add(node.id)
                pred[node.id].add(node.attached_to)
    for flow in model.message_flows:
        succ[flow.source].add(flow.target)
        pred[flow.target].add(flow.source)

    def reach(start: str, edges: dict[str, set[str]]) -> set[str]:
        found: set[str] = set()
        seen = {start}
        stack = list(edges.get(start, ()))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            if node in step_ids:
                found.add(node)
            else:
                stack.extend(edges.get(node, ()))
        return found

    return {s: (reach(s, pred), reach(s, succ)) for s in step_ids}
