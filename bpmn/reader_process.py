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
from bpmn.native import FLOW, NODE, NODE_TEXTS, parts, scope_entries
from bpmn.reader_construct import mapping_constructor, positional_constructor, slot_setters
from bpmn.reader_elements import (
    DOCUMENTATION,
    EVENT_DEFINITIONS,
    IO_KINDS,
    LOOPS,
    NODE_ATTRIBUTES,
    base_fields,
    documentation_of,
    optional_bool,
    parse_bool,
    read_association,
    read_event_definition,
    read_group,
    read_text_annotation,
    text_of,
)
from procmodel.model import (
    Association,
    DataAssociation,
    DataElement,
    DataKind,
    EventDefinition,
    FlowNode,
    Group,
    Lane,
    NodeKind,
    Process,
    Property,
    SequenceFlow,
    TextAnnotation,
)

_m = ns.model
_NODE_KINDS: dict[str, NodeKind] = {_m(kind.value): kind for kind in NodeKind}
_NODE_KINDS_BY_NAME: dict[str, NodeKind] = {kind.value: kind for kind in NodeKind}
_SCOPE_KINDS = frozenset(kind for kind in NodeKind if kind.is_subprocess)
#: Child elements whose texts :func:`bpmn.native.parts` collects, by element.
_LANE_TEXTS = (b"flowNodeRef",)
_ASSOCIATION_TEXTS = (b"sourceRef", b"targetRef")
_EVENT_DEFINITION_REF = _m("eventDefinitionRef")
_DATA_STATE = _m("dataState")
_CONDITION = _m("conditionExpression")
_CHILD_LANE_SET = _m("childLaneSet")
_LANE = _m("lane")


(_SET_IS_DEFAULT,) = slot_setters(SequenceFlow, "is_default")
_FLOW_FIELDS = ("id", "name", "line", "source", "target", "process_id", "parent_id",
                "is_immediate")


class ProcessReader:
    """Collects the contents of one process, then builds the frozen :class:`Process`.

    Shared with the definitions reader: resolved root-level event definitions (for
    ``eventDefinitionRef``), category values (for group names) and the diagram
    layer's ``isExpanded`` per element id.
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
        self.flows: list[SequenceFlow | dict[str, Any]] = []
        self.lanes: list[Lane] = []
        self.lane_of: dict[str, str] = {}
        self.data: list[DataElement] = []
        self.data_associations: list[DataAssociation] = []
        self.associations: list[Association] = []
        self.annotations: list[TextAnnotation] = []
        self.groups: list[Group] = []
        #: bpmn:property elements by the id of the node (or process) declaring them.
        #: (``None`` for the process itself, so that no node id can be mistaken for it).
        self.properties_of: dict[str | None, list[Property]] = {}
        self.make_flow = positional_constructor(SequenceFlow, _FLOW_FIELDS)

    # --- scopes -----------------------------------------------------------------

    def read_scope(self, scope: etree._Element, parent_id: str | None) -> None:
        """Read the children of a process or subprocess element."""
        for entry in scope_entries(scope, _NODE_KINDS_BY_NAME, self.make_flow,
                                   self.process_id, parent_id):
            what = entry[0]
            if what == FLOW:
                self.flows.append(entry[1])
            elif what == NODE:
                self.add_flow_node(*entry[1:], parent_id)
            else:
                element = entry[1]
                handler = _SCOPE_CONTENT.get(element.tag)
                if handler is not None:
                    handler(self, element, parent_id)

    def build(self, element: etree._Element) -> Process:
        """The frozen process, after :meth:`read_scope` has run."""
        defaults = {n["default_flow"] for n in self.nodes if n.get("default_flow")}
        lane_of = self.lane_of
        make_node = mapping_constructor(FlowNode)
        make_flow = mapping_constructor(SequenceFlow)
        nodes = []
        properties_of = self.properties_of
        for kwargs in self.nodes:
            lane_id = lane_of.get(kwargs["id"])
            if lane_id is not None:
                kwargs["lane_id"] = lane_id
            if properties_of:
                owned = properties_of.pop(kwargs["id"], None)
                if owned:
                    kwargs["properties"] = tuple(owned)
            nodes.append(make_node(kwargs))
        flows = []
        for flow in self.flows:
            if isinstance(flow, SequenceFlow):
                if defaults and flow.id in defaults:
                    # Built by this reader and not yet shared: set the flag in place.
                    _SET_IS_DEFAULT(flow, True)
                flows.append(flow)
                continue
            if flow["id"] in defaults:
                flow["is_default"] = True
            flows.append(make_flow(flow))
        get = element.get
        return Process(
            **base_fields(element),
            is_executable=optional_bool(get("isExecutable")),
            process_type=get("processType"),
            flow_nodes=tuple(nodes),
            sequence_flows=tuple(flows),
            lanes=tuple(self.lanes),
            data=tuple(self.data),
            data_associations=tuple(self.data_associations),
            associations=tuple(self.associations),
            annotations=tuple(self.annotations),
            groups=tuple(self.groups),
            properties=tuple(properties_of.pop(None, ())),
        )

    # --- flow nodes ----------------------------------------------------------------

    def read_flow_node(
        self, element: etree._Element, kind: NodeKind, parent_id: str | None
    ) -> None:
        attributes, line, (incoming, outgoing), children = parts(element, NODE_TEXTS)
        self.add_flow_node(kind, attributes, line, incoming, outgoing, children, parent_id)

    def add_flow_node(
        self, kind: NodeKind, attributes: dict[str, str], line: int | None,
        incoming: list[str], outgoing: list[str], children: list[etree._Element],
        parent_id: str | None,
    ) -> None:
        """A flow node from its parts (see :func:`bpmn.native.parts`)."""
        get = attributes.get
        node_id = get("id") or ""
        kwargs: dict[str, Any] = {
            "id": node_id,
            "name": get("name"),
            "line": line,
            "kind": kind,
            "process_id": self.process_id,
            "parent_id": parent_id,
        }
        # Listed before its children, so the flat list keeps parents first.
        self.nodes.append(kwargs)
        kind_attributes = NODE_ATTRIBUTES.get(kind)
        if kind_attributes is not None:
            kind_attributes(get, kwargs)
        compensation = get("isForCompensation")
        if compensation is not None:
            kwargs["is_for_compensation"] = parse_bool(compensation, False)
        default_flow = get("default")
        if default_flow:
            kwargs["default_flow"] = default_flow
        expanded = self.expanded.get(node_id)
        if expanded is not None:
            kwargs["is_collapsed"] = not expanded
        if incoming:
            kwargs["incoming"] = tuple(incoming)
        if outgoing:
            kwargs["outgoing"] = tuple(outgoing)
        if children:
            self._read_node_children(children, kind, node_id, parent_id, kwargs)

    def _read_node_children(self, children: list[etree._Element], kind: NodeKind,
                            node_id: str, parent_id: str | None,
                            kwargs: dict[str, Any]) -> None:
        """A flow node's children other than ``incoming`` and ``outgoing``."""
        definitions: list[EventDefinition] = []
        documentation: list[str] = []
        is_scope = kind in _SCOPE_KINDS
        for child in children:
            tag = child.tag
            if tag == DOCUMENTATION:
                documentation.append(text_of(child))
            elif (definition_kind := EVENT_DEFINITIONS.get(tag)) is not None:  # type: ignore[call-overload]
                definitions.append(read_event_definition(child, definition_kind))
            elif tag == _EVENT_DEFINITION_REF:
                resolved = self.root_event_definitions.get((child.text or "").strip())
                if resolved is not None:
                    definitions.append(resolved)
            elif (loop := LOOPS.get(tag)) is not None:  # type: ignore[call-overload]
                kwargs["loop"] = loop(child)
            elif (handler := _NODE_CONTENT.get(tag)) is not None:  # type: ignore[call-overload]
                handler(self, child, node_id, parent_id)
            elif is_scope:
                child_kind = _NODE_KINDS.get(tag)  # type: ignore[call-overload]
                if child_kind is not None:
                    self.read_flow_node(child, child_kind, node_id)
                elif (scope_handler := _SCOPE_CONTENT.get(tag)) is not None:  # type: ignore[call-overload]
                    scope_handler(self, child, node_id)
        if definitions:
            kwargs["event_definitions"] = tuple(definitions)
        if documentation:
            kwargs["documentation"] = "\n".join(documentation)

    # --- sequence flows, lanes, data, artifacts -------------------------------------

    def read_sequence_flow(self, element: etree._Element, parent_id: str | None) -> None:
        attributes, line, _texts, children = parts(element, ())
        get = attributes.get
        immediate = get("isImmediate")
        if not children:
            # The common flow (nothing inside) is built at once; ``is_default`` is set
            # in :meth:`build` for the few default flows.
            self.flows.append(self.make_flow(
                get("id") or "", get("name"), line, get("sourceRef") or "",
                get("targetRef") or "", self.process_id, parent_id,
                None if immediate is None else optional_bool(immediate)))
            return
        values = {
            "id": get("id") or "",
            "name": get("name"),
            "line": line,
            "source": get("sourceRef") or "",
            "target": get("targetRef") or "",
            "process_id": self.process_id,
            "parent_id": parent_id,
        }
        if immediate is not None:
            values["is_immediate"] = optional_bool(immediate)
        documentation = []
        for child in children:
            tag = child.tag
            if tag == _CONDITION:
                values["condition"] = text_of(child).strip()
            elif tag == DOCUMENTATION:
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
        attributes, line, (refs_found,), children = parts(element, _LANE_TEXTS)
        lane_id = attributes.get("id") or ""
        refs = tuple(refs_found)
        for ref in refs:
            # Parents are read before their child lanes, so the innermost lane wins.
            self.lane_of[ref] = lane_id
        self.lanes.append(
            Lane(
                id=lane_id,
                name=attributes.get("name"),
                line=line,
                documentation=documentation_of(element) if children else None,
                process_id=self.process_id,
                flow_node_refs=refs,
                parent_lane_id=parent_lane_id,
                lane_set_id=lane_set_id,
            )
        )
        for child in children:
            if child.tag == _CHILD_LANE_SET:
                self.read_lane_set(child, None, lane_id)

    def _data(self, element: etree._Element, kind: DataKind, parent_id: str | None,
              ref_attribute: str | None = None) -> None:
        get = element.get
        state = next((s.get("name") for s in element.iterchildren(_DATA_STATE)), None)
        self.data.append(
            DataElement(
                **base_fields(element),
                kind=kind,
                process_id=self.process_id,
                parent_id=parent_id,
                ref=get(ref_attribute) if ref_attribute else None,
                is_collection=parse_bool(get("isCollection"), False),
                state=state,
            )
        )

    def read_property(self, element: etree._Element, owner_id: str | None) -> None:
        """A ``bpmn:property`` of the node ``owner_id`` (``None``: of the process)."""
        get = element.get
        self.properties_of.setdefault(owner_id, []).append(
            Property(
                **base_fields(element),
                owner_id=owner_id if owner_id is not None else self.process_id,
                item_subject_ref=get("itemSubjectRef"),
            )
        )

    def read_io_specification(self, element: etree._Element, owner_id: str | None) -> None:
        for child in element:
            kind = IO_KINDS.get(child.tag)  # type: ignore[call-overload]
            if kind is not None:
                self._data(child, kind, owner_id)

    def read_data_association(self, element: etree._Element, node_id: str, direction: str) -> None:
        attributes, line, (sources, targets), _children = parts(element, _ASSOCIATION_TEXTS)
        self.data_associations.append(
            DataAssociation(
                id=attributes.get("id") or "",
                name=attributes.get("name"),
                line=line,
                node_id=node_id,
                direction=direction,
                sources=tuple(sources),
                target=targets[0] if targets else None,
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
    _m("property"): ProcessReader.read_property,
}

NodeHandler = Callable[[ProcessReader, etree._Element, str, "str | None"], None]

#: Children of a flow node that describe its data, by tag.  Events carry their data
#: inputs/outputs directly, activities inside an ``ioSpecification``.
_NODE_CONTENT: dict[str, NodeHandler] = {
    _m("ioSpecification"): lambda r, e, node, _p: r.read_io_specification(e, node),
    _m("property"): lambda r, e, node, _p: r.read_property(e, node),
    _m("dataInput"): lambda r, e, node, _p: r._data(e, DataKind.DATA_INPUT, node),
    _m("dataOutput"): lambda r, e, node, _p: r._data(e, DataKind.DATA_OUTPUT, node),
    _m("dataInputAssociation"): lambda r, e, node, _p: r.read_data_association(e, node, "input"),
    _m("dataOutputAssociation"): lambda r, e, node, _p: r.read_data_association(
        e, node, "output"),
}
