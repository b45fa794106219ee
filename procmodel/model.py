"""The neutral process model: what a BPMN 2.0 file means, independent of XML.

Everything here is a frozen dataclass.  Semantics (processes, flow nodes, flows,
lanes, data, artifacts) and the diagram layer (shapes, edges, bounds) are kept
apart: a :class:`Definitions` holds both, and the diagram layer only refers to
semantic elements by their BPMN id.

Every element keeps its BPMN ``id``, its ``name`` exactly as written (for
display) and the ``line`` of the source file it came from (``None`` when the
model was built in code).  ``normalised_name`` gives the whitespace- and
line-break-normalised form used for analysis.

Nested scopes are flat: a flow node inside a subprocess lives in its process's
``flow_nodes`` with ``parent_id`` set to the subprocess's id.  The helpers
:meth:`Process.nodes_in` and :meth:`Process.flows_in` select one scope.

This module imports nothing of ours and nothing outside the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

_SOFT_HYPHEN = "\u00ad"
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")
_WHITESPACE = re.compile(r"\s+")


def normalise_label(text: str | None) -> str:
    """Return ``text`` with line breaks, soft hyphens and runs of whitespace collapsed.

    A word broken across lines with a hyphen ("Antrags-\\nprüfung") is joined again
    ("Antragsprüfung"), unless the part after the break starts with a capital
    letter, which marks a real compound hyphen ("E-\\nAkte" stays "E-Akte").
    """
    if not text:
        return ""
    text = text.replace(_SOFT_HYPHEN, "").replace("\r\n", "\n").replace("\r", "\n")

    def join(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        return f"{before}-{after}" if after.isupper() else f"{before}{after}"

    text = _HYPHEN_BREAK.sub(join, text)
    return _WHITESPACE.sub(" ", text).strip()


class NodeKind(StrEnum):
    """Kinds of flow node; the values are the BPMN local element names."""

    TASK = "task"
    USER_TASK = "userTask"
    MANUAL_TASK = "manualTask"
    SERVICE_TASK = "serviceTask"
    SCRIPT_TASK = "scriptTask"
    SEND_TASK = "sendTask"
    RECEIVE_TASK = "receiveTask"
    BUSINESS_RULE_TASK = "businessRuleTask"
    SUB_PROCESS = "subProcess"
    TRANSACTION = "transaction"
    AD_HOC_SUB_PROCESS = "adHocSubProcess"
    CALL_ACTIVITY = "callActivity"
    START_EVENT = "startEvent"
    END_EVENT = "endEvent"
    INTERMEDIATE_CATCH_EVENT = "intermediateCatchEvent"
    INTERMEDIATE_THROW_EVENT = "intermediateThrowEvent"
    BOUNDARY_EVENT = "boundaryEvent"
    IMPLICIT_THROW_EVENT = "implicitThrowEvent"
    EXCLUSIVE_GATEWAY = "exclusiveGateway"
    PARALLEL_GATEWAY = "parallelGateway"
    INCLUSIVE_GATEWAY = "inclusiveGateway"
    EVENT_BASED_GATEWAY = "eventBasedGateway"
    COMPLEX_GATEWAY = "complexGateway"

    @property
    def is_task(self) -> bool:
        return self in _TASKS

    @property
    def is_subprocess(self) -> bool:
        return self in _SUBPROCESSES

    @property
    def is_activity(self) -> bool:
        return self in _TASKS or self in _SUBPROCESSES or self is NodeKind.CALL_ACTIVITY

    @property
    def is_event(self) -> bool:
        return self in _EVENTS

    @property
    def is_gateway(self) -> bool:
        return self in _GATEWAYS


_TASKS = frozenset(
    {
        NodeKind.TASK,
        NodeKind.USER_TASK,
        NodeKind.MANUAL_TASK,
        NodeKind.SERVICE_TASK,
        NodeKind.SCRIPT_TASK,
        NodeKind.SEND_TASK,
        NodeKind.RECEIVE_TASK,
        NodeKind.BUSINESS_RULE_TASK,
    }
)
_SUBPROCESSES = frozenset(
    {NodeKind.SUB_PROCESS, NodeKind.TRANSACTION, NodeKind.AD_HOC_SUB_PROCESS}
)
_EVENTS = frozenset(
    {
        NodeKind.START_EVENT,
        NodeKind.END_EVENT,
        NodeKind.INTERMEDIATE_CATCH_EVENT,
        NodeKind.INTERMEDIATE_THROW_EVENT,
        NodeKind.BOUNDARY_EVENT,
        NodeKind.IMPLICIT_THROW_EVENT,
    }
)
_GATEWAYS = frozenset(
    {
        NodeKind.EXCLUSIVE_GATEWAY,
        NodeKind.PARALLEL_GATEWAY,
        NodeKind.INCLUSIVE_GATEWAY,
        NodeKind.EVENT_BASED_GATEWAY,
        NodeKind.COMPLEX_GATEWAY,
    }
)


class EventDefinitionKind(StrEnum):
    """Event definitions; values are the BPMN local names without ``EventDefinition``."""

    MESSAGE = "message"
    TIMER = "timer"
    ERROR = "error"
    ESCALATION = "escalation"
    SIGNAL = "signal"
    CONDITIONAL = "conditional"
    LINK = "link"
    COMPENSATE = "compensate"
    CANCEL = "cancel"
    TERMINATE = "terminate"


class LoopKind(StrEnum):
    """Loop characteristics of an activity."""

    STANDARD = "standard"
    PARALLEL = "parallel"  # multi-instance, parallel
    SEQUENTIAL = "sequential"  # multi-instance, sequential


class DataKind(StrEnum):
    """Kinds of data element; values are the BPMN local element names."""

    DATA_OBJECT = "dataObject"
    DATA_OBJECT_REFERENCE = "dataObjectReference"
    DATA_STORE = "dataStore"
    DATA_STORE_REFERENCE = "dataStoreReference"
    DATA_INPUT = "dataInput"
    DATA_OUTPUT = "dataOutput"


# Most classes use slots: a model holds thousands of elements, and slots make each
# one smaller and faster to build.  Process and Definitions keep an instance dict
# for their cached indexes (cached_property).
@dataclass(frozen=True, slots=True)
class Element:
    """What every BPMN element keeps: its id, its name as written, its source line."""

    id: str
    name: str | None = None
    line: int | None = None
    documentation: str | None = None

    @property
    def normalised_name(self) -> str:
        return normalise_label(self.name)


@dataclass(frozen=True, slots=True)
class EventDefinition:
    """One event definition of an event.

    ``ref`` is the referenced message, error, signal or escalation id where one is
    given; ``detail`` keeps a timer's expression, a link's name or a
    conditional's condition as text (never evaluated).
    """

    kind: EventDefinitionKind
    id: str | None = None
    ref: str | None = None
    detail: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Property(Element):
    """A ``bpmn:property`` of an activity, event or process (a local variable).

    bpmn-js writes one per data input association (``__targetRef_placeholder``) and
    points the association's ``targetRef`` at it.  ``owner_id`` is the node or process
    that declares it; ``item_subject_ref`` its item definition, where given.
    """

    owner_id: str | None = None
    item_subject_ref: str | None = None


@dataclass(frozen=True, slots=True)
class FlowNode(Element):
    """A task, subprocess, call activity, event or gateway.

    ``process_id`` is the owning process; ``parent_id`` the enclosing subprocess
    (``None`` at process level).  ``lane_id`` is the innermost lane that lists the
    node (``None`` when no lane does).
    """

    kind: NodeKind = NodeKind.TASK
    process_id: str | None = None
    parent_id: str | None = None
    lane_id: str | None = None
    event_definitions: tuple[EventDefinition, ...] = ()
    parallel_multiple: bool = False
    interrupting: bool = True  # boundary cancelActivity / event-subprocess start isInterrupting
    attached_to: str | None = None  # boundary events
    triggered_by_event: bool = False  # event subprocesses
    loop: LoopKind | None = None
    is_for_compensation: bool = False
    called_element: str | None = None  # call activities
    default_flow: str | None = None  # activities and gateways
    gateway_direction: str | None = None
    event_gateway_type: str | None = None  # "Exclusive" or "Parallel"
    instantiate: bool = False  # event-based gateway / receive task
    is_collapsed: bool | None = None  # from the diagram layer, None when unknown
    incoming: tuple[str, ...] = ()  # as declared in the file (often missing)
    outgoing: tuple[str, ...] = ()  # as declared in the file (often missing)
    #: ``messageRef`` of a send or receive task (message events keep theirs in
    #: ``event_definitions[i].ref``).
    message_ref: str | None = None
    properties: tuple[Property, ...] = ()  # bpmn:property children

    @property
    def event_kinds(self) -> frozenset[EventDefinitionKind]:
        return frozenset(d.kind for d in self.event_definitions)

    @property
    def is_throwing(self) -> bool:
        return self.kind in (
            NodeKind.END_EVENT,
            NodeKind.INTERMEDIATE_THROW_EVENT,
            NodeKind.IMPLICIT_THROW_EVENT,
        )


@dataclass(frozen=True, slots=True)
class SequenceFlow(Element):
    """A sequence flow; ``condition`` is the condition expression as text."""

    source: str = ""
    target: str = ""
    process_id: str | None = None
    parent_id: str | None = None
    condition: str | None = None
    is_default: bool = False
    is_immediate: bool | None = None


@dataclass(frozen=True, slots=True)
class MessageFlow(Element):
    source: str = ""
    target: str = ""
    message_ref: str | None = None


@dataclass(frozen=True, slots=True)
class Lane(Element):
    """A lane; ``flow_node_refs`` as listed in the file, ``parent_lane_id`` for nesting."""

    process_id: str | None = None
    flow_node_refs: tuple[str, ...] = ()
    parent_lane_id: str | None = None
    lane_set_id: str | None = None


@dataclass(frozen=True, slots=True)
class DataElement(Element):
    """A data object, data store, their references, or a data input/output.

    ``ref`` is ``dataObjectRef``/``dataStoreRef`` for references; ``parent_id`` the
    enclosing subprocess, or the activity whose ioSpecification declares an input/output.
    """

    kind: DataKind = DataKind.DATA_OBJECT
    process_id: str | None = None
    parent_id: str | None = None
    ref: str | None = None
    is_collection: bool = False
    state: str | None = None


@dataclass(frozen=True, slots=True)
class DataAssociation(Element):
    """A data input or output association of an activity or event.

    ``direction`` is ``"input"`` (data → node) or ``"output"`` (node → data);
    ``sources`` and ``target`` are as written (ids of data elements or of the node's
    own data inputs/outputs).
    """

    node_id: str = ""
    direction: str = "input"
    sources: tuple[str, ...] = ()
    target: str | None = None


@dataclass(frozen=True, slots=True)
class Association(Element):
    """An association between an artifact and another element; direction None/One/Both."""

    source: str = ""
    target: str = ""
    direction: str = "None"
    container_id: str | None = None


@dataclass(frozen=True, slots=True)
class TextAnnotation(Element):
    text: str = ""
    container_id: str | None = None


@dataclass(frozen=True, slots=True)
class Group(Element):
    """A group; ``name`` is the label of its category value where one is resolvable."""

    category_value_ref: str | None = None
    container_id: str | None = None


@dataclass(frozen=True, slots=True)
class Participant(Element):
    """A pool. ``process_ref`` is the process it contains (``None`` for a black box)."""

    process_ref: str | None = None
    multiplicity: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class GlobalElement(Element):
    """A root element referenced by others: message, signal, error, escalation,
    global task (``globalTask``, ``globalUserTask``, …), itemDefinition, …; ``kind`` is
    the BPMN local name."""

    kind: str = ""


@dataclass(frozen=True)
class Process(Element):
    """A process with all its elements, nested scopes flattened (see module docstring)."""

    is_executable: bool | None = None
    process_type: str | None = None
    flow_nodes: tuple[FlowNode, ...] = ()
    sequence_flows: tuple[SequenceFlow, ...] = ()
    lanes: tuple[Lane, ...] = ()
    data: tuple[DataElement, ...] = ()
    data_associations: tuple[DataAssociation, ...] = ()
    associations: tuple[Association, ...] = ()
    annotations: tuple[TextAnnotation, ...] = ()
    groups: tuple[Group, ...] = ()
    properties: tuple[Property, ...] = ()  # bpmn:property children of the process itself

    @cached_property
    def nodes_by_id(self) -> dict[str, FlowNode]:
        return {node.id: node for node in self.flow_nodes}

    def nodes_in(self, scope_id: str | None = None) -> tuple[FlowNode, ...]:
        """Flow nodes directly in a scope: the process (``None``) or a subprocess id."""
        return tuple(n for n in self.flow_nodes if n.parent_id == scope_id)

    def flows_in(self, scope_id: str | None = None) -> tuple[SequenceFlow, ...]:
        return tuple(f for f in self.sequence_flows if f.parent_id == scope_id)

    @property
    def activities(self) -> tuple[FlowNode, ...]:
        return tuple(n for n in self.flow_nodes if n.kind.is_activity)


@dataclass(frozen=True, slots=True)
class Collaboration(Element):
    participants: tuple[Participant, ...] = ()
    message_flows: tuple[MessageFlow, ...] = ()
    associations: tuple[Association, ...] = ()
    annotations: tuple[TextAnnotation, ...] = ()
    groups: tuple[Group, ...] = ()


# --- the diagram layer -------------------------------------------------------


# Bounds and Point are the most numerous objects of a model (every shape, every
# waypoint): slots keep them small (no per-instance dict).
@dataclass(frozen=True, slots=True)
class Bounds:
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> Point:
        return Point(self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Shape:
    """A BPMNShape: where one semantic element is drawn.

    Colours are the common colour extensions (OMG ``color:``, bpmn.io ``bioc:``)
    as given, e.g. ``"#ff0000"``.
    """

    id: str | None
    element_id: str | None
    bounds: Bounds
    label_bounds: Bounds | None = None
    is_expanded: bool | None = None
    is_horizontal: bool | None = None
    is_marker_visible: bool | None = None
    is_message_visible: bool | None = None
    fill: str | None = None
    stroke: str | None = None
    label_color: str | None = None
    line: int | None = None
    #: ``participantBandKind`` of a choreography band (``top_initiating``, …), as written.
    participant_band_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """A BPMNEdge: the waypoints of one flow or association."""

    id: str | None
    element_id: str | None
    waypoints: tuple[Point, ...] = ()
    label_bounds: Bounds | None = None
    source_element_id: str | None = None
    target_element_id: str | None = None
    stroke: str | None = None
    label_color: str | None = None
    line: int | None = None
    #: ``messageVisibleKind`` of a message flow's edge: ``initiating`` or ``non_initiating``.
    message_visible_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Diagram:
    """One BPMNDiagram with its plane."""

    id: str | None
    name: str | None = None
    plane_element_id: str | None = None
    shapes: tuple[Shape, ...] = ()
    edges: tuple[Edge, ...] = ()
    line: int | None = None


# --- the whole file -----------------------------------------------------------


@dataclass(frozen=True)
class Definitions(Element):
    """A whole BPMN file: its processes, collaborations, root elements and diagrams."""

    target_namespace: str | None = None
    exporter: str | None = None
    exporter_version: str | None = None
    processes: tuple[Process, ...] = ()
    collaborations: tuple[Collaboration, ...] = ()
    global_elements: tuple[GlobalElement, ...] = ()
    diagrams: tuple[Diagram, ...] = ()
    source: str | None = None  # file name, for messages

    @property
    def participants(self) -> tuple[Participant, ...]:
        return tuple(p for c in self.collaborations for p in c.participants)

    @property
    def message_flows(self) -> tuple[MessageFlow, ...]:
        return tuple(m for c in self.collaborations for m in c.message_flows)

    def iter_flow_nodes(self) -> Iterator[FlowNode]:
        for process in self.processes:
            yield from process.flow_nodes

    @cached_property
    def elements_by_id(self) -> dict[str, object]:
        """Every semantic element with an id, by id (the first one wins on duplicates)."""
        index: dict[str, object] = {}

        def add(element: object) -> None:
            element_id = getattr(element, "id", None)
            if element_id and element_id not in index:
                index[element_id] = element

        add(self)
        for element in self.global_elements:
            add(element)
        for collaboration in self.collaborations:
            add(collaboration)
            for group in (
                collaboration.participants,
                collaboration.message_flows,
                collaboration.associations,
                collaboration.annotations,
                collaboration.groups,
            ):
                for element in group:
                    add(element)
        for process in self.processes:
            add(process)
            for group in (
                process.flow_nodes,
                process.sequence_flows,
                process.lanes,
                process.data,
                process.data_associations,
                process.associations,
                process.annotations,
                process.groups,
            ):
                for element in group:
                    add(element)
        # Properties last: data associations name them, nothing else may be shadowed.
        for process in self.processes:
            for prop in process.properties:
                add(prop)
            for node in process.flow_nodes:
                for prop in node.properties:
                    add(prop)
        return index

    def get(self, element_id: str) -> object | None:
        return self.elements_by_id.get(element_id)

    def process(self, process_id: str) -> Process | None:
        return next((p for p in self.processes if p.id == process_id), None)

    def diagram(self, diagram_id: str | None = None) -> Diagram | None:
        """The diagram with ``diagram_id``, or the first one when no id is given."""
        if diagram_id is None:
            return self.diagrams[0] if self.diagrams else None
        return next((d for d in self.diagrams if d.id == diagram_id), None)

    def participant_of(self, process_id: str) -> Participant | None:
        return next((p for p in self.participants if p.process_ref == process_id), None)


@dataclass(frozen=True, slots=True)
class StepSummary:
    """A compact, storable description of one step (activity) of a model."""

    id: str
    name: str
    kind: str
    process_id: str | None
    lane: str | None
    participant: str | None


def step_summary(model: Definitions) -> tuple[StepSummary, ...]:
    """The activities of a model with their lane and pool names, in file order."""
    steps: list[StepSummary] = []
    for process in model.processes:
        lanes = {lane.id: lane for lane in process.lanes}
        participant = model.participant_of(process.id)
        for node in process.flow_nodes:
            if not node.kind.is_activity:
                continue
            lane = lanes.get(node.lane_id) if node.lane_id else None
            steps.append(
                StepSummary(
                    id=node.id,
                    name=node.normalised_name,
                    kind=node.kind.value,
                    process_id=process.id,
                    lane=lane.normalised_name if lane else None,
                    participant=participant.normalised_name if participant else None,
                )
            )
    return tuple(steps)


__all__ = [
    "Association",
    "Bounds",
    "Collaboration",
    "DataAssociation",
    "DataElement",
    "DataKind",
    "Definitions",
    "Diagram",
    "Edge",
    "Element",
    "EventDefinition",
    "EventDefinitionKind",
    "FlowNode",
    "GlobalElement",
    "Group",
    "Lane",
    "LoopKind",
    "MessageFlow",
    "Participant",
    "Point",
    "Process",
    "Property",
    "SequenceFlow",
    "Shape",
    "StepSummary",
    "TextAnnotation",
    "normalise_label",
    "step_summary",
]
