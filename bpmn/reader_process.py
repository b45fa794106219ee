"""Reading a ``process`` (and the subprocesses inside it) into a :class:`Process`.

Every child element of a scope (a process or a subprocess) is dispatched by its
Clark-notation tag through :data:`_SCOPE_CONTENT`; every child of a flow node through
:data:`_NODE_CONTENT`.  Unknown elements (vendor extensions, elements this model does
not represent) are skipped, never guessed at.  Nested scopes are flattened: a node
inside a subprocess gets ``parent_id`` = the subprocess's id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from bpmn import namespaces as ns
from bpmn.reader_construct import constructor
from procmodel.model import (
    Association,
    DataAssociation,
    DataElement,
    DataKind,
    EventDefinition,
    EventDefinitionKind,
    FlowNode,
    Group,
    Lane,
    LoopKind,
    NodeKind,
    Process,
    SequenceFlow,
    TextAnnotation,
)

_m = ns.model
_NODE_KINDS: dict[str, NodeKind] = {_m(kind.value): kind for kind in NodeKind}
_SCOPE_KINDS = frozenset(kind for kind in NodeKind if kind.is_subprocess)
_EVENT_DEFINITIONS: dict[str, EventDefinitionKind] = {
    _m(f"{kind.value}EventDefinition"): kind for kind in EventDefinitionKind
}
_DOCUMENTATION = _m("documentation")
_TEXT = _m("text")
_DATA_STATE = _m("dataState")
_SOURCE_REF = _m("sourceRef")
_TARGET_REF = _m("targetRef")
_CONDITION = _m("conditionExpression")
_FLOW_NODE_REF = _m("flowNodeRef")
_CHILD_LANE_SET = _m("childLaneSet")
_LANE = _m("lane")
# What an event definition keeps as text, by child tag.
_DETAIL_CHILDREN = (_m("timeDate"), _m("timeDuration"), _m("timeCycle"), _m("condition"))


def _bool(text: str | None, default: bool) -> bool:
    if text is None:
        return default
    return text.strip().lower() in ("true", "1")


def _optional_bool(text: str | None) -> bool | None:
    return None if text is None else text.strip().lower() in ("true", "1")


def text_of(element: etree._Element) -> str:
    """All text inside ``element`` (mixed content such as HTML in documentation included)."""
    return "".join(element.itertext())


def documentation_of(element: etree._Element) -> str | None:
    parts = [text_of(d) for d in element.iterchildren(_DOCUMENTATION)]
    return "\n".join(parts) if parts else None


class ProcessReader:
    """Collects the contents of one process, then builds the frozen :class:`Process`.

    ``context`` is shared with the definitions reader: resolved root-level event
    definitions (for ``eventDefinitionRef``), category values (for group names) and
    the diagram layer's ``isExpanded`` per element id.
    """

    def __init__(
        self,
        process_id: str,
        *,
        root_event_definitions: dict[str, EventDefinition],
        category_values: dict[str, str],
        expanded: dict[str, bool],
    ) -> None:
        self.process_id = process_id
        self.root_event_definitions = root_event_definitions
        self.category_values = category_values
        self.expanded = expanded
        self.nodes: list[dict[str, Any]] = []
        self.flows: list[dict[str, Any]] = []
        self.lanes: list[Lane] = []
        self.lane_of: dict[str, str] = {}
        self.data: list[DataElement] = []
        self.data_associations: list[DataAssociation] = []
        self.associations: list[Association] = []
        self.annotations: list[TextAnnotation] = []
        self.groups: list[Group] = []

    # --- scopes -----------------------------------------------------------------

    def read_scope(self, scope: etree._Element, parent_id: str | None) -> None:
        """Read the children of a process or subprocess element."""
        for child in scope:
            tag = child.tag
            kind = _NODE_KINDS.get(tag)  # type: ignore[call-overload]
            if kind is not None:
                self.read_flow_node(child, kind, parent_id)
                continue
            handler = _SCOPE_CONTENT.get(tag)  # type: ignore[call-overload]
            if handler is not None:
                handler(self, child, parent_id)

    def build(self, element: etree._Element) -> Process:
        """The frozen process, after :meth:`read_scope` has run."""
        defaults = {n["default_flow"] for n in self.nodes if n.get("default_flow")}
        lane_of = self.lane_of
        make_node = constructor(FlowNode)
        make_flow = constructor(SequenceFlow)
        nodes = []
        for kwargs in self.nodes:
            lane_id = lane_of.get(kwargs["id"])
            if lane_id is not None:
                kwargs["lane_id"] = lane_id
            nodes.append(make_node(**kwargs))
        flows = []
        for kwargs in self.flows:
            if kwargs["id"] in defaults:
                kwargs["is_default"] = True
            flows.append(make_flow(**kwargs))
        get = element.get
        return Process(
            id=get("id") or "",
            name=get("name"),
            line=element.sourceline,
            documentation=documentation_of(element),
            is_executable=_optional_bool(get("isExecutable")),
            process_type=get("processType"),
            flow_nodes=tuple(nodes),
            sequence_flows=tuple(flows),
            lanes=tuple(self.lanes),
            data=tuple(self.data),
            data_associations=tuple(self.data_associations),
            associations=tuple(self.associations),
            annotations=tuple(self.annotations),
            groups=tuple(self.groups),
        )

    # --- flow nodes ----------------------------------------------------------------

    def read_flow_node(
        self, element: etree._Element, kind: NodeKind, parent_id: str | None
    ) -> None:
        get = element.get
        node_id = get("id") or ""
        kwargs: dict[str, Any] = {
            "id": node_id,
            "name": get("name"),
            "line": element.sourceline,
            "kind": kind,
            "process_id": self.process_id,
            "parent_id": parent_id,
        }
        # Listed before its children, so the flat list keeps parents first.
        self.nodes.append(kwargs)
        attributes = _NODE_ATTRIBUTES.get(kind)
        if attributes is not None:
            attributes(get, kwargs)
        # Only look for the rarer attributes when there is more than id and name.
        if len(element.attrib) > (node_id != "") + (kwargs["name"] is not None):
            if get("isForCompensation") is not None:
                kwargs["is_for_compensation"] = _bool(get("isForCompensation"), False)
            if get("default"):
                kwargs["default_flow"] = get("default")
        expanded = self.expanded.get(node_id)
        if expanded is not None:
            kwargs["is_collapsed"] = not expanded
        incoming: list[str] = []
        outgoing: list[str] = []
        definitions: list[EventDefinition] = []
        documentation: list[str] = []
        is_scope = kind in _SCOPE_KINDS
        for child in element:
            tag = child.tag
            if tag == _INCOMING:
                incoming.append((child.text or "").strip())
            elif tag == _OUTGOING:
                outgoing.append((child.text or "").strip())
            elif tag == _DOCUMENTATION:
                documentation.append(text_of(child))
            elif (definition_kind := _EVENT_DEFINITIONS.get(tag)) is not None:  # type: ignore[call-overload]
                definitions.append(read_event_definition(child, definition_kind))
            elif tag == _EVENT_DEFINITION_REF:
                resolved = self.root_event_definitions.get((child.text or "").strip())
                if resolved is not None:
                    definitions.append(resolved)
            elif (loop := _LOOPS.get(tag)) is not None:  # type: ignore[call-overload]
                kwargs["loop"] = loop(child)
            elif (handler := _NODE_CONTENT.get(tag)) is not None:  # type: ignore[call-overload]
                handler(self, child, node_id, parent_id)
            elif is_scope:
                child_kind = _NODE_KINDS.get(tag)  # type: ignore[call-overload]
                if child_kind is not None:
                    self.read_flow_node(child, child_kind, node_id)
                elif (scope_handler := _SCOPE_CONTENT.get(tag)) is not None:  # type: ignore[call-overload]
                    scope_handler(self, child, node_id)
        if incoming:
            kwargs["incoming"] = tuple(incoming)
        if outgoing:
            kwargs["outgoing"] = tuple(outgoing)
        if definitions:
            kwargs["event_definitions"] = tuple(definitions)
        if documentation:
            kwargs["documentation"] = "\n".join(documentation)

    # --- sequence flows, lanes, data, artifacts -------------------------------------

    def read_sequence_flow(self, element: etree._Element, parent_id: str | None) -> None:
        get = element.get
        values = {
            "id": get("id") or "",
            "name": get("name"),
            "line": element.sourceline,
            "source": get("sourceRef") or "",
            "target": get("targetRef") or "",
            "process_id": self.process_id,
            "parent_id": parent_id,
        }
        if len(element.attrib) > 3:
            immediate = get("isImmediate")
            if immediate is not None:
                values["is_immediate"] = _optional_bool(immediate)
        if len(element):
            documentation = []
            for child in element:
                tag = child.tag
                if tag == _CONDITION:
                    values["condition"] = text_of(child).strip()
                elif tag == _DOCUMENTATION:
                    documentation.append(text_of(child))
            if documentation:
                values["documentation"] = "\n".join(documentation)
        self.flows.append(values)

    def read_lane_set(self, element: etree._Element, parent_id: str | None,
                      parent_lane_id: str | None = None) -> None:
        lane_set_id = element.get("id")
        for lane in element.iterchildren(_LANE):
            self._read_lane(lane, lane_set_id, parent_lane_id)

    def _read_lane(self, element: etree._Element, lane_set_id: str | None,
                   parent_lane_id: str | None) -> None:
        lane_id = element.get("id") or ""
        refs = tuple((r.text or "").strip() for r in element.iterchildren(_FLOW_NODE_REF))
        for ref in refs:
            # Parents are read before their child lanes, so the innermost lane wins.
            self.lane_of[ref] = lane_id
        self.lanes.append(
            Lane(
                id=lane_id,
                name=element.get("name"),
                line=element.sourceline,
                documentation=documentation_of(element),
                process_id=self.process_id,
                flow_node_refs=refs,
                parent_lane_id=parent_lane_id,
                lane_set_id=lane_set_id,
            )
        )
        for child_set in element.iterchildren(_CHILD_LANE_SET):
            self.read_lane_set(child_set, None, lane_id)

    def _data(self, element: etree._Element, kind: DataKind, parent_id: str | None,
              ref_attribute: str | None = None) -> None:
        get = element.get
        state = next((s.get("name") for s in element.iterchildren(_DATA_STATE)), None)
        self.data.append(
            DataElement(
                id=get("id") or "",
                name=get("name"),
                line=element.sourceline,
                documentation=documentation_of(element),
                kind=kind,
                process_id=self.process_id,
                parent_id=parent_id,
                ref=get(ref_attribute) if ref_attribute else None,
                is_collection=_bool(get("isCollection"), False),
                state=state,
            )
        )

    def read_io_specification(self, element: etree._Element, owner_id: str | None) -> None:
        for child in element:
            kind = _IO_KINDS.get(child.tag)  # type: ignore[call-overload]
            if kind is not None:
                self._data(child, kind, owner_id)

    def read_data_association(self, element: etree._Element, node_id: str, direction: str) -> None:
        sources = tuple((s.text or "").strip() for s in element.iterchildren(_SOURCE_REF))
        target = next(((t.text or "").strip() for t in element.iterchildren(_TARGET_REF)), None)
        self.data_associations.append(
            DataAssociation(
                id=element.get("id") or "",
                name=element.get("name"),
                line=element.sourceline,
                node_id=node_id,
                direction=direction,
                sources=sources,
                target=target,
            )
        )

    def read_association(self, element: etree._Element, container_id: str | None) -> None:
        self.associations.append(read_association(element, container_id or self.process_id))

    def read_text_annotation(self, element: etree._Element, container_id: str | None) -> None:
        self.annotations.append(read_text_annotation(element, container_id or self.process_id))

    def read_group(self, element: etree._Element, container_id: str | None) -> None:
        self.groups.append(
            read_group(element, container_id or self.process_id, self.category_values)
        )


def read_association(element: etree._Element, container_id: str | None) -> Association:
    get = element.get
    return Association(
        id=get("id") or "",
        name=get("name"),
        line=element.sourceline,
        documentation=documentation_of(element),
        source=get("sourceRef") or "",
        target=get("targetRef") or "",
        direction=get("associationDirection") or "None",
        container_id=container_id,
    )


def read_text_annotation(element: etree._Element, container_id: str | None) -> TextAnnotation:
    text = next((text_of(t) for t in element.iterchildren(_TEXT)), "")
    return TextAnnotation(
        id=element.get("id") or "",
        name=element.get("name"),
        line=element.sourceline,
        documentation=documentation_of(element),
        text=text,
        container_id=container_id,
    )


def read_group(element: etree._Element, container_id: str | None,
               category_values: dict[str, str]) -> Group:
    ref = element.get("categoryValueRef")
    name = category_values.get(ref) if ref else None
    return Group(
        id=element.get("id") or "",
        name=name if name is not None else element.get("name"),
        line=element.sourceline,
        documentation=documentation_of(element),
        category_value_ref=ref,
        container_id=container_id,
    )


def read_event_definition(element: etree._Element, kind: EventDefinitionKind) -> EventDefinition:
    """One event definition; its reference and its text detail, never evaluated."""
    get = element.get
    ref = (
        get("messageRef") or get("errorRef") or get("signalRef") or get("escalationRef")
        or get("activityRef")
    )
    detail = None
    if kind is EventDefinitionKind.LINK:
        detail = get("name")
    else:
        for child in element.iterchildren(*_DETAIL_CHILDREN):
            detail = text_of(child).strip()
            break
    return EventDefinition(kind=kind, id=get("id"), ref=ref, detail=detail,
                           line=element.sourceline)


# --- dispatch tables ---------------------------------------------------------------

_INCOMING = _m("incoming")
_OUTGOING = _m("outgoing")
_EVENT_DEFINITION_REF = _m("eventDefinitionRef")


def _event_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    if get("parallelMultiple") is not None:
        kwargs["parallel_multiple"] = _bool(get("parallelMultiple"), False)


def _start_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    _event_attributes(get, kwargs)
    kwargs["interrupting"] = _bool(get("isInterrupting"), True)


def _boundary_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    _event_attributes(get, kwargs)
    kwargs["interrupting"] = _bool(get("cancelActivity"), True)
    kwargs["attached_to"] = get("attachedToRef")


def _subprocess_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["triggered_by_event"] = _bool(get("triggeredByEvent"), False)


def _call_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["called_element"] = get("calledElement")


def _receive_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["instantiate"] = _bool(get("instantiate"), False)


def _gateway_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["gateway_direction"] = get("gatewayDirection")


def _event_gateway_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    _gateway_attributes(get, kwargs)
    kwargs["instantiate"] = _bool(get("instantiate"), False)
    kwargs["event_gateway_type"] = get("eventGatewayType") or "Exclusive"


#: Kind-specific attributes, by node kind.
_NODE_ATTRIBUTES: dict[NodeKind, Callable[[Callable[[str], str | None], dict[str, Any]], None]] = {
    NodeKind.START_EVENT: _start_attributes,
    NodeKind.END_EVENT: _event_attributes,
    NodeKind.INTERMEDIATE_CATCH_EVENT: _event_attributes,
    NodeKind.INTERMEDIATE_THROW_EVENT: _event_attributes,
    NodeKind.IMPLICIT_THROW_EVENT: _event_attributes,
    NodeKind.BOUNDARY_EVENT: _boundary_attributes,
    NodeKind.SUB_PROCESS: _subprocess_attributes,
    NodeKind.TRANSACTION: _subprocess_attributes,
    NodeKind.AD_HOC_SUB_PROCESS: _subprocess_attributes,
    NodeKind.CALL_ACTIVITY: _call_attributes,
    NodeKind.RECEIVE_TASK: _receive_attributes,
    NodeKind.EXCLUSIVE_GATEWAY: _gateway_attributes,
    NodeKind.PARALLEL_GATEWAY: _gateway_attributes,
    NodeKind.INCLUSIVE_GATEWAY: _gateway_attributes,
    NodeKind.COMPLEX_GATEWAY: _gateway_attributes,
    NodeKind.EVENT_BASED_GATEWAY: _event_gateway_attributes,
}


def _multi_instance(element: etree._Element) -> LoopKind:
    sequential = _bool(element.get("isSequential"), False)
    return LoopKind.SEQUENTIAL if sequential else LoopKind.PARALLEL


_LOOPS: dict[str, Callable[[etree._Element], LoopKind]] = {
    _m("standardLoopCharacteristics"): lambda _element: LoopKind.STANDARD,
    _m("multiInstanceLoopCharacteristics"): _multi_instance,
}

_IO_KINDS: dict[str, DataKind] = {
    _m("dataInput"): DataKind.DATA_INPUT,
    _m("dataOutput"): DataKind.DATA_OUTPUT,
}

ScopeHandler = Callable[[ProcessReader, etree._Element, "str | None"], None]

#: Children of a process or subprocess other than flow nodes, by tag.
_SCOPE_CONTENT: dict[str, ScopeHandler] = {
    _m("sequenceFlow"): ProcessReader.read_sequence_flow,
    _m("laneSet"): ProcessReader.read_lane_set,
    _m("dataObject"): lambda r, e, p: r._data(e, DataKind.DATA_OBJECT, p),
    _m("dataObjectReference"): lambda r, e, p: r._data(
        e, DataKind.DATA_OBJECT_REFERENCE, p, "dataObjectRef"),
    _m("dataStoreReference"): lambda r, e, p: r._data(
        e, DataKind.DATA_STORE_REFERENCE, p, "dataStoreRef"),
    _m("dataStore"): lambda r, e, p: r._data(e, DataKind.DATA_STORE, p),
    _m("ioSpecification"): ProcessReader.read_io_specification,
    _m("association"): ProcessReader.read_association,
    _m("textAnnotation"): ProcessReader.read_text_annotation,
    _m("group"): ProcessReader.read_group,
}

NodeHandler = Callable[[ProcessReader, etree._Element, str, "str | None"], None]

#: Children of a flow node that describe its data, by tag.  Events carry their data
#: inputs/outputs directly, activities inside an ``ioSpecification``.
_NODE_CONTENT: dict[str, NodeHandler] = {
    _m("ioSpecification"): lambda r, e, node, _p: r.read_io_specification(e, node),
    _m("dataInput"): lambda r, e, node, _p: r._data(e, DataKind.DATA_INPUT, node),
    _m("dataOutput"): lambda r, e, node, _p: r._data(e, DataKind.DATA_OUTPUT, node),
    _m("dataInputAssociation"): lambda r, e, node, _p: r.read_data_association(e, node, "input"),
    _m("dataOutputAssociation"): lambda r, e, node, _p: r.read_data_association(
        e, node, "output"),
}
