"""Writing a model back as BPMN 2.0 XML: semantics and diagram layer.

The main use is a model laid out by :func:`bpmn.layout.auto_layout`: the analyst
gets a file with a diagram layer that any modeller opens.  Everything the neutral
model keeps is written (processes with nested subprocesses, lanes, events with their
definitions, loops, data, artifacts, collaborations, root elements, colours), so
reading the result with :func:`bpmn.read` gives the same semantics back.  Vendor
extensions that the model does not keep are not written.

The XML is built with lxml, which escapes all text and attribute values.
"""

from __future__ import annotations

import math
from collections import defaultdict

from lxml import etree

from bpmn import namespaces as ns
from bpmn.vocabulary import ATTRIBUTE_GROUPS
from bpmn.writer_di import write_diagram
from procmodel.model import (
    Association,
    Collaboration,
    DataAssociation,
    DataElement,
    DataKind,
    Definitions,
    EventDefinition,
    EventDefinitionKind,
    FlowNode,
    GlobalElement,
    Group,
    Lane,
    LoopKind,
    Process,
    Property,
    SequenceFlow,
    TextAnnotation,
)

NSMAP = {
    "bpmn": ns.MODEL,
    "bpmndi": ns.BPMNDI,
    "dc": ns.DC,
    "di": ns.DI,
    "xsi": ns.XSI,
    "color": ns.OMG_COLOR,
}
DEFAULT_TARGET_NAMESPACE = "http://procmodel.invalid/bpmn"
_XSI_TYPE = f"{{{ns.XSI}}}type"
_REF_ATTRIBUTE = {
    EventDefinitionKind.MESSAGE: "messageRef",
    EventDefinitionKind.ERROR: "errorRef",
    EventDefinitionKind.SIGNAL: "signalRef",
    EventDefinitionKind.ESCALATION: "escalationRef",
    EventDefinitionKind.COMPENSATE: "activityRef",
}


def _m(local: str) -> str:
    return ns.model(local)


def _set(element: etree._Element, **attrs: object) -> etree._Element:
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        element.set(key, str(value))
    return element


def _sub(parent: etree._Element, tag: str, **attrs: object) -> etree._Element:
    return _set(etree.SubElement(parent, tag), **attrs)


def _documentation(parent: etree._Element, text: str | None) -> None:
    if text is not None:
        _sub(parent, _m("documentation")).text = text


def _timer_child(detail: str) -> str:
    # The model keeps the expression, not which kind of timer it was: ISO 8601 tells.
    stripped = detail.strip()
    if stripped.startswith("R"):
        return "timeCycle"
    if stripped.startswith("P"):
        return "timeDuration"
    return "timeDate"


def _event_definition(parent: etree._Element, definition: EventDefinition) -> None:
    kind = definition.kind
    element = _sub(parent, _m(f"{kind.value}EventDefinition"), id=definition.id)
    ref = _REF_ATTRIBUTE.get(kind)
    if ref and definition.ref:
        element.set(ref, definition.ref)
    if definition.detail is None:
        return
    if kind is EventDefinitionKind.LINK:
        element.set("name", definition.detail)
    elif kind is EventDefinitionKind.TIMER:
        child = _sub(element, _m(_timer_child(definition.detail)))
        child.set(_XSI_TYPE, "bpmn:tFormalExpression")
        child.text = definition.detail
    elif kind is EventDefinitionKind.CONDITIONAL:
        child = _sub(element, _m("condition"))
        child.set(_XSI_TYPE, "bpmn:tFormalExpression")
        child.text = definition.detail


class _ProcessWriter:
    """Writes one process: scopes nested again from the flat ``parent_id`` links."""

    def __init__(self, process: Process) -> None:
        self.process = process
        self.nodes_by_scope: dict[str | None, list[FlowNode]] = defaultdict(list)
        for node in process.flow_nodes:
            self.nodes_by_scope[node.parent_id].append(node)
        self.flows_by_scope: dict[str | None, list[SequenceFlow]] = defaultdict(list)
        for flow in process.sequence_flows:
            self.flows_by_scope[flow.parent_id].append(flow)
        node_ids = {n.id for n in process.flow_nodes}
        self.io_of: dict[str | None, list[DataElement]] = defaultdict(list)
        self.data_by_scope: dict[str | None, list[DataElement]] = defaultdict(list)
        for data in process.data:
            if data.kind in (DataKind.DATA_INPUT, DataKind.DATA_OUTPUT):
                self.io_of[data.parent_id].append(data)
            else:
                self.data_by_scope[data.parent_id if data.parent_id in node_ids else None].append(
                    data)
        self.associations_of: dict[str, list[DataAssociation]] = defaultdict(list)
        for association in process.data_associations:
            self.associations_of[association.node_id].append(association)
        self.artifacts: dict[str | None, list[Association | TextAnnotation | Group]] = (
            defaultdict(list))
        for artifact in (*process.annotations, *process.groups, *process.associations):
            container = artifact.container_id if artifact.container_id in node_ids else None
            self.artifacts[container].append(artifact)

    def write(self, parent: etree._Element) -> None:
        process = self.process
        element = _sub(parent, _m("process"), id=process.id, name=process.name,
                       isExecutable=process.is_executable, processType=process.process_type)
        _documentation(element, process.documentation)
        self._io_specification(element, self.io_of.get(None, []))
        _properties(element, process.properties)
        self._lanes(element)
        self._scope(element, None)

    def _lanes(self, parent: etree._Element) -> None:
        children: dict[str | None, list[Lane]] = defaultdict(list)
        for lane in self.process.lanes:
            children[lane.parent_lane_id].append(lane)
        top = children.get(None, [])
        if not top:
            return
        lane_set = _sub(parent, _m("laneSet"), id=top[0].lane_set_id)

        def write(container: etree._Element, lanes: list[Lane]) -> None:
            for lane in lanes:
                element = _sub(container, _m("lane"), id=lane.id, name=lane.name)
                _documentation(element, lane.documentation)
                for ref in lane.flow_node_refs:
                    _sub(element, _m("flowNodeRef")).text = ref
                if children.get(lane.id):
                    write(_sub(element, _m("childLaneSet")), children[lane.id])

        write(lane_set, top)

    def _scope(self, parent: etree._Element, scope: str | None) -> None:
        # Elements read from a file go back in file order (by source line), so that
        # reading the written file gives the same tuples; others follow by category.
        entries: list[object] = [
            *self.data_by_scope.get(scope, []),
            *self.nodes_by_scope.get(scope, []),
            *self.flows_by_scope.get(scope, []),
            *self.artifacts.get(scope, []),
        ]
        entries.sort(key=lambda e: math.inf if getattr(e, "line", None) is None else e.line)
        for entry in entries:
            _SCOPE_WRITERS[type(entry)](self, parent, entry)

    def _flow(self, parent: etree._Element, flow: SequenceFlow) -> None:
        element = _sub(parent, _m("sequenceFlow"), id=flow.id, name=flow.name,
                       sourceRef=flow.source, targetRef=flow.target,
                       isImmediate=flow.is_immediate)
        _documentation(element, flow.documentation)
        if flow.condition is not None:
            condition = _sub(element, _m("conditionExpression"))
            condition.set(_XSI_TYPE, "bpmn:tFormalExpression")
            condition.text = flow.condition

    def _data(self, parent: etree._Element, data: DataElement) -> None:
        ref_attribute = {DataKind.DATA_OBJECT_REFERENCE: "dataObjectRef",
                         DataKind.DATA_STORE_REFERENCE: "dataStoreRef"}.get(data.kind)
        element = _sub(parent, _m(data.kind.value), id=data.id, name=data.name)
        if ref_attribute and data.ref:
            element.set(ref_attribute, data.ref)
        if data.is_collection:
            element.set("isCollection", "true")
        _documentation(element, data.documentation)
        if data.state is not None:
            _sub(element, _m("dataState"), name=data.state)

    def _io_specification(self, parent: etree._Element, io: list[DataElement]) -> None:
        if not io:
            return
        spec = _sub(parent, _m("ioSpecification"))
        for data in io:
            self._data(spec, data)
        inputs = _sub(spec, _m("inputSet"))
        outputs = _sub(spec, _m("outputSet"))
        for data in io:
            target = inputs if data.kind is DataKind.DATA_INPUT else outputs
            tag = "dataInputRefs" if data.kind is DataKind.DATA_INPUT else "dataOutputRefs"
            _sub(target, _m(tag)).text = data.id

    def _node(self, parent: etree._Element, node: FlowNode) -> None:
        kind = node.kind
        element = _sub(parent, _m(kind.value), id=node.id, name=node.name)
        _NODE_ATTRIBUTES.get(kind, lambda _e, _n: None)(element, node)
        if node.is_for_compensation:
            element.set("isForCompensation", "true")
        if node.default_flow:
            element.set("default", node.default_flow)
        _documentation(element, node.documentation)
        for ref in node.incoming:
            _sub(element, _m("incoming")).text = ref
        for ref in node.outgoing:
            _sub(element, _m("outgoing")).text = ref
        io = self.io_of.get(node.id, [])
        if kind.is_event:
            # Events carry their data inputs/outputs directly, not in an ioSpecification.
            _properties(element, node.properties)
            for data in io:
                self._data(element, data)
        else:
            self._io_specification(element, io)
            _properties(element, node.properties)
        associations = self.associations_of.get(node.id, [])
        for direction in ("input", "output"):
            for association in associations:
                if association.direction == direction:
                    _data_association(element, association)
        if kind.is_event:
            for definition in node.event_definitions:
                _event_definition(element, definition)
        if node.loop is LoopKind.STANDARD:
            _sub(element, _m("standardLoopCharacteristics"))
        elif node.loop is not None:
            _sub(element, _m("multiInstanceLoopCharacteristics"),
                 isSequential=node.loop is LoopKind.SEQUENTIAL)
        if kind.is_subprocess:
            self._scope(element, node.id)


_SCOPE_WRITERS = {
    DataElement: _ProcessWriter._data,
    FlowNode: _ProcessWriter._node,
    SequenceFlow: _ProcessWriter._flow,
    Association: lambda _w, parent, a: write_artifact(parent, a),
    TextAnnotation: lambda _w, parent, a: write_artifact(parent, a),
    Group: lambda _w, parent, a: write_artifact(parent, a),
}


def _properties(parent: etree._Element, properties: tuple[Property, ...]) -> None:
    # The schema places them after ioSpecification (activities, processes) or after
    # outgoing (events), before the data associations.
    for prop in properties:
        element = _sub(parent, _m("property"), id=prop.id, name=prop.name,
                       itemSubjectRef=prop.item_subject_ref)
        _documentation(element, prop.documentation)


def _data_association(parent: etree._Element, association: DataAssociation) -> None:
    tag = "dataInputAssociation" if association.direction == "input" else "dataOutputAssociation"
    element = _sub(parent, _m(tag), id=association.id or None, name=association.name)
    for source in association.sources:
        _sub(element, _m("sourceRef")).text = source
    if association.target is not None:
        _sub(element, _m("targetRef")).text = association.target


def _event_attributes(element: etree._Element, node: FlowNode) -> None:
    if node.parallel_multiple:
        element.set("parallelMultiple", "true")


def _start_attributes(element: etree._Element, node: FlowNode) -> None:
    _event_attributes(element, node)
    if not node.interrupting:
        element.set("isInterrupting", "false")


def _boundary_attributes(element: etree._Element, node: FlowNode) -> None:
    _event_attributes(element, node)
    _set(element, cancelActivity=node.interrupting, attachedToRef=node.attached_to)


def _subprocess_attributes(element: etree._Element, node: FlowNode) -> None:
    if node.triggered_by_event:
        element.set("triggeredByEvent", "true")


def _gateway_attributes(element: etree._Element, node: FlowNode) -> None:
    _set(element, gatewayDirection=node.gateway_direction)


def _event_gateway_attributes(element: etree._Element, node: FlowNode) -> None:
    _set(element, gatewayDirection=node.gateway_direction,
         instantiate=node.instantiate or None, eventGatewayType=node.event_gateway_type)


_WRITERS_BY_GROUP = {
    "start": _start_attributes,
    "event": _event_attributes,
    "boundary": _boundary_attributes,
    "subprocess": _subprocess_attributes,
    "call": lambda e, n: _set(e, calledElement=n.called_element),
    "send": lambda e, n: _set(e, messageRef=n.message_ref),
    "receive": lambda e, n: _set(e, instantiate=n.instantiate or None,
                                 messageRef=n.message_ref),
    "gateway": _gateway_attributes,
    "event_gateway": _event_gateway_attributes,
}
#: Kind-specific attributes, by node kind (the groups: :mod:`bpmn.vocabulary`).
_NODE_ATTRIBUTES = {kind: _WRITERS_BY_GROUP[group] for kind, group in ATTRIBUTE_GROUPS.items()}


def write_artifact(parent: etree._Element, artifact: Association | TextAnnotation | Group) -> None:
    """An association, text annotation or group, in a process, subprocess or collaboration."""
    if isinstance(artifact, TextAnnotation):
        element = _sub(parent, _m("textAnnotation"), id=artifact.id, name=artifact.name)
        _documentation(element, artifact.documentation)
        _sub(element, _m("text")).text = artifact.text
    elif isinstance(artifact, Group):
        element = _sub(parent, _m("group"), id=artifact.id,
                       categoryValueRef=artifact.category_value_ref)
        if artifact.category_value_ref is None and artifact.name is not None:
            element.set("name", artifact.name)
        _documentation(element, artifact.documentation)
    else:
        element = _sub(parent, _m("association"), id=artifact.id, name=artifact.name,
                       sourceRef=artifact.source, targetRef=artifact.target,
                       associationDirection=artifact.direction)
        _documentation(element, artifact.documentation)


def _collaboration(parent: etree._Element, collaboration: Collaboration) -> None:
    element = _sub(parent, _m("collaboration"), id=collaboration.id, name=collaboration.name)
    _documentation(element, collaboration.documentation)
    for participant in collaboration.participants:
        p = _sub(element, _m("participant"), id=participant.id, name=participant.name,
                 processRef=participant.process_ref)
        _documentation(p, participant.documentation)
        if participant.multiplicity is not None:
            low, high = participant.multiplicity
            _sub(p, _m("participantMultiplicity"), minimum=low, maximum=high)
    for flow in collaboration.message_flows:
        m = _sub(element, _m("messageFlow"), id=flow.id, name=flow.name, sourceRef=flow.source,
                 targetRef=flow.target, messageRef=flow.message_ref)
        _documentation(m, flow.documentation)
    for artifact in (*collaboration.annotations, *collaboration.groups,
                     *collaboration.associations):
        write_artifact(element, artifact)


def _global_elements(parent: etree._Element, model: Definitions) -> None:
    """Root elements; categories get back the category values that groups refer to."""
    values: dict[str, str | None] = {}
    for group in (*(g for p in model.processes for g in p.groups),
                  *(g for c in model.collaborations for g in c.groups)):
        if group.category_value_ref:
            values.setdefault(group.category_value_ref, group.name)
    categories = [g for g in model.global_elements if g.kind == "category"]
    host = categories[0] if categories else None
    if values and host is None:
        _write_global(parent, GlobalElement(id="Category_procmodel", kind="category"), values)
    for element in model.global_elements:
        _write_global(parent, element, values if element is host else {})


# Root elements whose required content the model does not keep (an interface's
# operations, a correlation property's retrieval expressions): written without it they
# would break the schema, and nothing in the model refers to them.
_NOT_WRITTEN = frozenset({"interface", "correlationProperty"})


def _write_global(parent: etree._Element, element: GlobalElement,
                  values: dict[str, str | None]) -> None:
    if not element.kind or element.kind in _NOT_WRITTEN:
        return
    written = _sub(parent, _m(element.kind), id=element.id or None, name=element.name)
    _documentation(written, element.documentation)
    for value_id, value in values.items():
        _sub(written, _m("categoryValue"), id=value_id, value=value)


def write_bpmn(model: Definitions) -> bytes:
    """``model`` as a BPMN 2.0 XML document (UTF-8, with XML declaration)."""
    root = etree.Element(ns.DEFINITIONS, nsmap=NSMAP)
    _set(root, id=model.id or "Definitions_1", name=model.name,
         targetNamespace=model.target_namespace or DEFAULT_TARGET_NAMESPACE,
         exporter=model.exporter or "procmodel", exporterVersion=model.exporter_version)
    _documentation(root, model.documentation)
    _global_elements(root, model)
    for collaboration in model.collaborations:
        _collaboration(root, collaboration)
    for process in model.processes:
        _ProcessWriter(process).write(root)
    for index, diagram in enumerate(model.diagrams, start=1):
        write_diagram(root, diagram, index)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
