"""What every rule module shares: the finding reporter and the model's own graph.

The graph is computed from the sequence flows themselves.  The optional
``incoming``/``outgoing`` children of flow nodes are ignored on purpose: many
modelling tools omit them or write them inconsistently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TypeVar

from procmodel.findings import Finding, Severity
from procmodel.model import (
    Definitions,
    EventDefinitionKind,
    FlowNode,
    MessageFlow,
    NodeKind,
    Process,
    SequenceFlow,
    normalise_label,
)

from .catalogue import RULES

_GERMAN_QUOTES = re.compile("\u201e([^\u201c\u201e]*)\u201c")  # „…“ -> “…” in English
_ID_ATTRIBUTE = re.compile(rb"""\bid\s*=\s*["']([^"']+)["']""")
_Flow = TypeVar("_Flow", SequenceFlow, MessageFlow)

_KIND_NAMES: dict[NodeKind, tuple[str, str]] = {
    NodeKind.TASK: ("Aufgabe", "task"),
    NodeKind.USER_TASK: ("Benutzeraufgabe", "user task"),
    NodeKind.MANUAL_TASK: ("manuelle Aufgabe", "manual task"),
    NodeKind.SERVICE_TASK: ("Serviceaufgabe", "service task"),
    NodeKind.SCRIPT_TASK: ("Skriptaufgabe", "script task"),
    NodeKind.SEND_TASK: ("Sendeaufgabe", "send task"),
    NodeKind.RECEIVE_TASK: ("Empfangsaufgabe", "receive task"),
    NodeKind.BUSINESS_RULE_TASK: ("Geschäftsregelaufgabe", "business rule task"),
    NodeKind.SUB_PROCESS: ("Teilprozess", "subprocess"),
    NodeKind.TRANSACTION: ("Transaktion", "transaction"),
    NodeKind.AD_HOC_SUB_PROCESS: ("Ad-hoc-Teilprozess", "ad-hoc subprocess"),
    NodeKind.CALL_ACTIVITY: ("Aufrufaktivität", "call activity"),
    NodeKind.START_EVENT: ("Startereignis", "start event"),
    NodeKind.END_EVENT: ("Endereignis", "end event"),
    NodeKind.INTERMEDIATE_CATCH_EVENT: ("fangendes Zwischenereignis", "intermediate catch event"),
    NodeKind.INTERMEDIATE_THROW_EVENT: ("werfendes Zwischenereignis", "intermediate throw event"),
    NodeKind.BOUNDARY_EVENT: ("Randereignis", "boundary event"),
    NodeKind.IMPLICIT_THROW_EVENT: ("Ereignis", "event"),
    NodeKind.EXCLUSIVE_GATEWAY: ("exklusives Gateway", "exclusive gateway"),
    NodeKind.PARALLEL_GATEWAY: ("paralleles Gateway", "parallel gateway"),
    NodeKind.INCLUSIVE_GATEWAY: ("inklusives Gateway", "inclusive gateway"),
    NodeKind.EVENT_BASED_GATEWAY: ("ereignisbasiertes Gateway", "event-based gateway"),
    NodeKind.COMPLEX_GATEWAY: ("komplexes Gateway", "complex gateway"),
}


def kind_name(node: FlowNode, language: str) -> str:
    """The German (``"de"``) or English name of a node's kind, for messages."""
    de, en = _KIND_NAMES.get(node.kind, (node.kind.value, node.kind.value))
    return en if language == "en" else de


def describe(element: object) -> str:
    """``„Name“ (id)`` or just ``id``: how messages name an element."""
    element_id = getattr(element, "id", None) or "?"
    name = normalise_label(getattr(element, "name", None))
    return f"\u201e{name}\u201c ({element_id})" if name else str(element_id)


def describe_all(elements: Collection[object], limit: int = 5) -> str:
    """Several elements named as :func:`describe`, at most ``limit`` of them."""
    names = [describe(e) for e in list(elements)[:limit]]
    if len(elements) > limit:
        names.append("…")
    return ", ".join(names)


@dataclass
class Reporter:
    """Collects findings for one file, skipping disabled rules."""

    filename: str | None
    disabled: frozenset[str] = frozenset()
    findings: list[Finding] = field(default_factory=list)

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled

    def add(
        self,
        rule_id: str,
        element: object | None,
        message_de: str,
        message_en: str,
        *,
        severity: Severity | None = None,
        line: int | None = None,
    ) -> None:
        """Record one finding of ``rule_id`` located at ``element`` (any model element)."""
        if rule_id in self.disabled:
            return
        name = normalise_label(getattr(element, "name", None)) or None
        message_en = _GERMAN_QUOTES.sub("\u201c\\1\u201d", message_en)
        self.findings.append(
            Finding(
                severity=severity or RULES[rule_id].severity,
                rule=rule_id,
                message_de=message_de,
                message_en=message_en,
                file=self.filename,
                line=line if line is not None else getattr(element, "line", None),
                element_id=getattr(element, "id", None),
                element_name=name,
            )
        )


def is_link_event(node: FlowNode) -> bool:
    return node.kind.is_event and EventDefinitionKind.LINK in node.event_kinds


def link_name(node: FlowNode) -> str | None:
    for definition in node.event_definitions:
        if definition.kind is EventDefinitionKind.LINK:
            return (definition.detail or "").strip() or None
    return None


def is_compensation_boundary(node: FlowNode) -> bool:
    return (
        node.kind is NodeKind.BOUNDARY_EVENT
        and len(node.event_definitions) == 1
        and node.event_definitions[0].kind is EventDefinitionKind.COMPENSATE
    )


def is_event_subprocess(node: FlowNode) -> bool:
    return node.kind.is_subprocess and node.triggered_by_event


class ModelGraph:
    """The sequence-flow graph of a whole file, indexed for the rules.

    ``incoming``/``outgoing`` hold every sequence flow that names a node as its
    target/source, wherever the flow is declared.  ``scope_flows`` are the flows
    the behavioural check can use: both ends exist, in the same process and scope.
    """

    def __init__(self, model: Definitions, source: bytes | None = None) -> None:
        self.model = model
        self.index = model.elements_by_id
        self._source = source
        self.nodes: dict[str, FlowNode] = {}
        self.process_of: dict[str, Process] = {}
        self.incoming: dict[str, list[SequenceFlow]] = defaultdict(list)
        self.outgoing: dict[str, list[SequenceFlow]] = defaultdict(list)
        self.boundary_events: dict[str, list[FlowNode]] = defaultdict(list)
        self.children: dict[tuple[str, str | None], list[FlowNode]] = defaultdict(list)
        self.flows: list[tuple[Process, SequenceFlow]] = []
        for process in model.processes:
            for node in process.flow_nodes:
                node = self._resolved_node(node)
                if node.id not in self.nodes:
                    self.nodes[node.id] = node
                    self.process_of[node.id] = process
                self.children[(process.id, node.parent_id)].append(node)
                if node.kind is NodeKind.BOUNDARY_EVENT and node.attached_to:
                    self.boundary_events[node.attached_to].append(node)
        for process in model.processes:
            for flow in process.sequence_flows:
                flow = self._resolved_flow(flow)
                self.flows.append((process, flow))
                self.outgoing[flow.source].append(flow)
                self.incoming[flow.target].append(flow)

        self.message_flows: list[MessageFlow] = [
            self._resolved_flow(flow) for flow in model.message_flows
        ]

    @cached_property
    def source_ids(self) -> frozenset[str] | None:
        """Every id written in the file, also of elements the model does not keep
        (properties, ioSpecification entries); None without the file's bytes.  Only
        computed when a reference cannot be resolved in the model."""
        if self._source is None:
            return None
        return frozenset(
            match.decode("utf-8", "replace") for match in _ID_ATTRIBUTE.findall(self._source)
        )

    def resolve(self, ref: str | None) -> str | None:
        """``ref`` as an id of this file: a QName's prefix (``tns:Task_1``) is dropped
        when only the local part names an element."""
        if not ref or ref in self.index or ":" not in ref:
            return ref
        local = ref.split(":", 1)[1]
        return local if local in self.index else ref

    def lookup(self, ref: str | None) -> object | None:
        """The element ``ref`` names (see :meth:`resolve`), or None."""
        resolved = self.resolve(ref)
        return self.index.get(resolved) if resolved else None

    def _resolved_node(self, node: FlowNode) -> FlowNode:
        attached, default = self.resolve(node.attached_to), self.resolve(node.default_flow)
        if attached == node.attached_to and default == node.default_flow:
            return node
        return replace(node, attached_to=attached, default_flow=default)

    def _resolved_flow(self, flow: _Flow) -> _Flow:
        source, target = self.resolve(flow.source) or "", self.resolve(flow.target) or ""
        if source == flow.source and target == flow.target:
            return flow
        return replace(flow, source=source, target=target)

    def in_scope(self, flow: SequenceFlow) -> bool:
        """Whether both ends of ``flow`` exist and lie in the same process and scope."""
        source = self.nodes.get(flow.source)
        target = self.nodes.get(flow.target)
        if source is None or target is None:
            return False
        return (
            self.process_of[source.id].id == self.process_of[target.id].id
            and source.parent_id == target.parent_id
        )

    @cached_property
    def scopes(self) -> list[tuple[Process, FlowNode | None]]:
        """Every scope: each process (``None``) and each subprocess with its process."""
        result: list[tuple[Process, FlowNode | None]] = []
        for process in self.model.processes:
            result.append((process, None))
            result.extend((process, n) for n in process.flow_nodes if n.kind.is_subprocess)
        return result

    def scope_nodes(self, process: Process, scope: FlowNode | None) -> list[FlowNode]:
        return self.children.get((process.id, scope.id if scope else None), [])
