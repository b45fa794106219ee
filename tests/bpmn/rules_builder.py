"""A small builder for neutral models used by the rule tests (no XML involved).

``ProcessBuilder("P").start("s").task("a").end("e").chain("s", "a", "e")`` builds a
process; :func:`definitions` wraps processes into a file.  Flow ids are
``f_<source>_<target>`` unless given.  The module holds no tests itself.
"""

from __future__ import annotations

from itertools import pairwise

from procmodel.model import (
    Bounds,
    Collaboration,
    DataElement,
    Definitions,
    Diagram,
    Edge,
    EventDefinition,
    EventDefinitionKind,
    FlowNode,
    GlobalElement,
    Lane,
    MessageFlow,
    NodeKind,
    Participant,
    Process,
    SequenceFlow,
    Shape,
)

KINDS = {
    "start": NodeKind.START_EVENT,
    "end": NodeKind.END_EVENT,
    "task": NodeKind.TASK,
    "user": NodeKind.USER_TASK,
    "send": NodeKind.SEND_TASK,
    "receive": NodeKind.RECEIVE_TASK,
    "xor": NodeKind.EXCLUSIVE_GATEWAY,
    "and": NodeKind.PARALLEL_GATEWAY,
    "or": NodeKind.INCLUSIVE_GATEWAY,
    "ebg": NodeKind.EVENT_BASED_GATEWAY,
    "complex": NodeKind.COMPLEX_GATEWAY,
    "sub": NodeKind.SUB_PROCESS,
    "adhoc": NodeKind.AD_HOC_SUB_PROCESS,
    "call": NodeKind.CALL_ACTIVITY,
    "catch": NodeKind.INTERMEDIATE_CATCH_EVENT,
    "throw": NodeKind.INTERMEDIATE_THROW_EVENT,
    "boundary": NodeKind.BOUNDARY_EVENT,
}


def definition(kind: str, detail: str | None = None, ref: str | None = None) -> EventDefinition:
    return EventDefinition(EventDefinitionKind(kind), detail=detail, ref=ref)


class ProcessBuilder:
    """Collects nodes and flows of one process; ``build()`` returns the Process."""

    def __init__(self, process_id: str = "P", name: str | None = "Prozess",
                 executable: bool | None = None) -> None:
        self.id = process_id
        self.name = name
        self.executable = executable
        self.nodes: list[FlowNode] = []
        self.flows: list[SequenceFlow] = []
        self.lanes: list[Lane] = []
        self.data: list[DataElement] = []
        self._line = 10
        self._parents: dict[str, str | None] = {}

    def add(self, kind: str, node_id: str, name: str | None = "", **fields: object
            ) -> ProcessBuilder:
        """Add a node; ``name=""`` means "use the id as label", ``None`` means no label."""
        self._line += 1
        label = node_id.upper() if name == "" else name
        self.nodes.append(FlowNode(id=node_id, name=label, line=self._line, kind=KINDS[kind],
                                   process_id=self.id, **fields))  # type: ignore[arg-type]
        self._parents.setdefault(node_id, self.nodes[-1].parent_id)
        return self

    def __getattr__(self, attribute: str):  # start(), task(), xor(), and_() … for add()
        kind = attribute.rstrip("_")
        if kind not in KINDS:
            raise AttributeError(kind)
        return lambda node_id, name="", **fields: self.add(kind, node_id, name, **fields)

    def flow(self, source: str, target: str, flow_id: str | None = None, *,
             condition: str | None = None, name: str | None = None, parent: str | None = None,
             is_default: bool = False) -> ProcessBuilder:
        self._line += 1
        if parent is None:
            parent = self._parents.get(source)
        self.flows.append(SequenceFlow(
            id=flow_id or f"f_{source}_{target}", name=name, line=self._line, source=source,
            target=target, process_id=self.id, parent_id=parent, condition=condition,
            is_default=is_default))
        return self

    def chain(self, *ids: str, parent: str | None = None) -> ProcessBuilder:
        for source, target in pairwise(ids):
            self.flow(source, target, parent=parent)
        return self

    def build(self) -> Process:
        return Process(id=self.id, name=self.name, line=2, is_executable=self.executable,
                       flow_nodes=tuple(self.nodes), sequence_flows=tuple(self.flows),
                       lanes=tuple(self.lanes), data=tuple(self.data))


def definitions(*processes: Process | ProcessBuilder, participants: tuple[Participant, ...] = (),
                message_flows: tuple[MessageFlow, ...] = (),
                global_elements: tuple[GlobalElement, ...] = (),
                diagrams: tuple[Diagram, ...] | None = None) -> Definitions:
    """A file with the given processes; by default a diagram drawing every element."""
    built = tuple(p.build() if isinstance(p, ProcessBuilder) else p for p in processes)
    collaborations = (
        (Collaboration(id="C", participants=participants, message_flows=message_flows),)
        if participants or message_flows else ()
    )
    model = Definitions(id="D", processes=built, collaborations=collaborations,
                        global_elements=global_elements, source="test.bpmn")
    if diagrams is None:
        diagrams = (layout(model),)
    return Definitions(id="D", processes=built, collaborations=collaborations,
                       global_elements=global_elements, source="test.bpmn", diagrams=diagrams)


def layout(model: Definitions) -> Diagram:
    """A diagram with every node in a row (no overlaps) and an edge per flow."""
    shapes: list[Shape] = []
    edges: list[Edge] = []
    x = 0.0
    for participant in model.participants:
        shapes.append(Shape(id=f"{participant.id}_di", element_id=participant.id,
                            bounds=Bounds(-100, -10000, 10**7, 10**5), is_expanded=True))
    for process in model.processes:
        for node in process.flow_nodes:
            host = next((s for s in shapes if s.element_id == node.attached_to), None)
            if node.kind is NodeKind.BOUNDARY_EVENT and host is not None:
                bounds = Bounds(host.bounds.x, host.bounds.y + 60, 36, 36)
            else:
                bounds = Bounds(x, 0, 100, 80)
                x += 150
            shapes.append(Shape(id=f"{node.id}_di", element_id=node.id, bounds=bounds,
                                is_expanded=None))
        for flow in process.sequence_flows:
            edges.append(Edge(id=f"{flow.id}_di", element_id=flow.id))
        for lane in process.lanes:
            shapes.append(Shape(id=f"{lane.id}_di", element_id=lane.id,
                                bounds=Bounds(-100, -10000, 10**7, 10**5)))
    for flow in model.message_flows:
        edges.append(Edge(id=f"{flow.id}_di", element_id=flow.id))
    return Diagram(id="Diagram", shapes=tuple(shapes), edges=tuple(edges))


def sequential(steps: int, process_id: str = "P") -> ProcessBuilder:
    """start → step 1 … step n → end; every 50th step is a choice between two tasks."""
    builder = ProcessBuilder(process_id)
    builder.start("s", "Antrag eingegangen")
    previous = "s"
    for index in range(1, steps + 1):
        if index % 50:
            builder.task(f"t{index}", f"Schritt {index}")
            builder.flow(previous, f"t{index}")
            previous = f"t{index}"
            continue
        builder.xor(f"x{index}", f"Fall {index} einfach?")
        builder.task(f"t{index}", f"Schritt {index}")
        builder.task(f"r{index}", f"Schritt {index} ausführlich")
        builder.xor(f"j{index}", None)
        builder.flow(previous, f"x{index}")
        builder.flow(f"x{index}", f"t{index}", condition="ja", name="ja")
        builder.flow(f"x{index}", f"r{index}", condition="nein", name="nein")
        builder.chain(f"t{index}", f"j{index}")
        builder.chain(f"r{index}", f"j{index}")
        previous = f"j{index}"
    builder.end("e", "Bescheid versandt")
    builder.flow(previous, "e")
    return builder
