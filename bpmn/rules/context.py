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


# The same kinds with the definite article in the nominative (adjectives declined weak),
# so that messages can start with a proper German subject: "Das exklusive Gateway …".
_KIND_ARTICLES_DE: dict[NodeKind, str] = {
    NodeKind.TASK: "die Aufgabe",
    NodeKind.USER_TASK: "die Benutzeraufgabe",
    NodeKind.MANUAL_TASK: "die manuelle Aufgabe",
    NodeKind.SERVICE_TASK: "die Serviceaufgabe",
    NodeKind.SCRIPT_TASK: "die Skriptaufgabe",
    NodeKind.SEND_TASK: "die Sendeaufgabe",
    NodeKind.RECEIVE_TASK: "die Empfangsaufgabe",
    NodeKind.BUSINESS_RULE_TASK: "die Geschäftsregelaufgabe",
    NodeKind.SUB_PROCESS: "der Teilprozess",
    NodeKind.TRANSACTION: "die Transaktion",
    NodeKind.AD_HOC_SUB_PROCESS: "der Ad-hoc-Teilprozess",
    NodeKind.CALL_ACTIVITY: "die Aufrufaktivität",
    NodeKind.START_EVENT: "das Startereignis",
    NodeKind.END_EVENT: "das Endereignis",
    NodeKind.INTERMEDIATE_CATCH_EVENT: "das fangende Zwischenereignis",
    NodeKind.INTERMEDIATE_THROW_EVENT: "das werfende Zwischenereignis",
    NodeKind.BOUNDARY_EVENT: "das Randereignis",
    NodeKind.IMPLICIT_THROW_EVENT: "das Ereignis",
    NodeKind.EXCLUSIVE_GATEWAY: "das exklusive Gateway",
    NodeKind.PARALLEL_GATEWAY: "das parallele Gateway",
    NodeKind.INCLUSIVE_GATEWAY: "das inklusive Gateway",
    NodeKind.EVENT_BASED_GATEWAY: "das ereignisbasierte Gateway",
    NodeKind.COMPLEX_GATEWAY: "das komplexe Gateway",
}

# Elements that are not flow nodes, by class name: (German with article, English).
_TYPE_ARTICLES: dict[str, tuple[str, str]] = {
    "SequenceFlow": ("der Sequenzfluss", "sequence flow"),
    "MessageFlow": ("der Nachrichtenfluss", "message flow"),
    "Process": ("der Prozess", "process"),
    "Participant": ("der Pool", "pool"),
    "Lane": ("die Lane", "lane"),
    "DataAssociation": ("die Datenzuordnung", "data association"),
    "Association": ("die Assoziation", "association"),
    "TextAnnotation": ("die Textanmerkung", "text annotation"),
    "Group": ("die Gruppe", "group"),
}
_GLOBAL_ARTICLES: dict[str, tuple[str, str]] = {
    "message": ("die Nachricht", "message"),
    "error": ("der Fehler", "error"),
    "escalation": ("die Eskalation", "escalation"),
    "signal": ("das Signal", "signal"),
    "dataObject": ("das Datenobjekt", "data object"),
    "dataObjectReference": ("die Datenobjektreferenz", "data object reference"),
    "dataStore": ("der Datenspeicher", "data store"),
    "dataStoreReference": ("die Datenspeicherreferenz", "data store reference"),
    "dataInput": ("die Dateneingabe", "data input"),
    "dataOutput": ("die Datenausgabe", "data output"),
}


def kind_name(node: FlowNode, language: str) -> str:
    """The German (``"de"``) or English name of a node's kind, for messages."""
    de, en = _KIND_NAMES.get(node.kind, (node.kind.value, node.kind.value))
    return en if language == "en" else de


def capital(text: str) -> str:
    """``text`` with its first letter upper-cased (unlike ``str.capitalize``, the rest
    is kept: "werfendes Zwischenereignis" → "Werfendes Zwischenereignis")."""
    return text[:1].upper() + text[1:]


def the(element: object, language: str) -> str:
    """The element as the subject of a sentence, kind and label:
    ``das exklusive Gateway „Antrag vollständig?“`` / ``the exclusive gateway “…”``.

    Lower case; wrap in :func:`capital` at the start of a sentence.  Unknown kinds
    fall back to the label (or id) alone.
    """
    if isinstance(element, FlowNode):
        de = _KIND_ARTICLES_DE.get(element.kind)
        en = "the " + kind_name(element, "en")
    else:
        kind = getattr(element, "kind", None)
        kind = getattr(kind, "value", kind)
        de, en_word = _GLOBAL_ARTICLES.get(str(kind), _TYPE_ARTICLES.get(
            type(element).__name__, (None, None)))
        en = f"the {en_word}" if en_word else None
    word = en if language == "en" else de
    return f"{word} {describe(element)}" if word else describe(element)


def describe(element: object) -> str:
    """How messages name an element: its label in quotes, ``„Antrag prüfen“``.

    An element without a label is named by its id (the finding's element column
    carries the id anyway, so named elements do not repeat it in the prose).
    """
    element_id = getattr(element, "id", None) or (element if isinstance(element, str) else "?")
    name = normalise_label(getattr(element, "name", None))
    return f"\u201e{name}\u201c" if name else str(element_id)


def describe_all(elements: Collection[object], language: str = "de", limit: int = 3) -> str:
    """Several elements named as :func:`describe`, each name once, at most ``limit``
    of them and the rest counted: ``„A“, „B“ und 3 weitere`` / ``“A”, “B” and 3 more``.
    """
    names = list(dict.fromkeys(describe(e) for e in elements))
    shown, rest = names[:limit], len(names) - limit
    if rest == 1:  # "und 1 weiteres" is no shorter than the name itself
        shown, rest = names, 0
    if rest > 0:
        return ", ".join(shown) + (f" and {rest} more" if language == "en"
                                   else f" und {rest} weitere")
    if len(shown) == 1:
        return shown[0]
    last = " and " if language == "en" else " und "
    return ", ".join(shown[:-1]) + last + shown[-1]


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
