"""Reading a whole ``definitions`` element into :class:`~procmodel.model.Definitions`.

Root elements are dispatched by tag: processes and collaborations are read in
full, the diagram layer by :mod:`bpmn.reader_di`; every other root element in the
BPMN namespace (messages, signals, errors, escalations, item definitions, global
tasks, data stores, categories, interfaces, …) becomes a
:class:`~procmodel.model.GlobalElement` so that references to it can be checked.
"""

from __future__ import annotations

from lxml import etree

from bpmn import namespaces as ns
from bpmn.reader_di import read_diagrams
from bpmn.reader_elements import (
    EVENT_DEFINITIONS,
    base_fields,
    documentation_of,
    read_association,
    read_event_definition,
    read_group,
    read_text_annotation,
)
from bpmn.reader_process import ProcessReader
from procmodel.model import (
    Association,
    Collaboration,
    Definitions,
    Diagram,
    EventDefinition,
    GlobalElement,
    Group,
    MessageFlow,
    Participant,
    Process,
    TextAnnotation,
)

_m = ns.model
_PROCESS = _m("process")
_COLLABORATION = _m("collaboration")
_CATEGORY = _m("category")
_CATEGORY_VALUE = _m("categoryValue")
_MULTIPLICITY = _m("participantMultiplicity")
#: Root children that are neither processes, collaborations nor global elements.
_NOT_GLOBAL = frozenset(
    {_PROCESS, _COLLABORATION, _m("extensionElements"), _m("documentation"), _m("import"),
     _m("extension"), _m("relationship"), _CATEGORY_VALUE}
)


def _category_values(root: etree._Element) -> dict[str, str]:
    """categoryValue id → its ``value``; Signavio also puts them directly under the root."""
    values: dict[str, str] = {}
    for element in root.iterchildren(_CATEGORY, _CATEGORY_VALUE):
        candidates = (
            element.iterchildren(_CATEGORY_VALUE) if element.tag == _CATEGORY else (element,)
        )
        for value in candidates:
            value_id = value.get("id")
            if value_id:
                values[value_id] = value.get("value") or ""
    return values


def _root_event_definitions(root: etree._Element) -> dict[str, EventDefinition]:
    """Event definitions declared at root level, for ``eventDefinitionRef``."""
    found: dict[str, EventDefinition] = {}
    for child in root:
        kind = EVENT_DEFINITIONS.get(child.tag)  # type: ignore[call-overload]
        if kind is not None and child.get("id"):
            found[child.get("id")] = read_event_definition(child, kind)  # type: ignore[index]
    return found


def _expanded(diagrams: tuple[Diagram, ...]) -> dict[str, bool]:
    """``isExpanded`` per element id, from the first shape that states it."""
    expanded: dict[str, bool] = {}
    for diagram in diagrams:
        for shape in diagram.shapes:
            if shape.is_expanded is not None and shape.element_id:
                expanded.setdefault(shape.element_id, shape.is_expanded)
    return expanded


def _participant(element: etree._Element) -> Participant:
    get = element.get
    multiplicity = None
    for m in element.iterchildren(_MULTIPLICITY):
        try:
            multiplicity = (int(m.get("minimum") or 0), int(m.get("maximum") or 1))
        except ValueError:
            multiplicity = None
    return Participant(
        **base_fields(element),
        process_ref=get("processRef"),
        multiplicity=multiplicity,
    )


def _message_flow(element: etree._Element) -> MessageFlow:
    get = element.get
    return MessageFlow(
        **base_fields(element),
        source=get("sourceRef") or "",
        target=get("targetRef") or "",
        message_ref=get("messageRef"),
    )


def _collaboration(element: etree._Element, category_values: dict[str, str]) -> Collaboration:
    collaboration_id = element.get("id") or ""
    participants: list[Participant] = []
    message_flows: list[MessageFlow] = []
    associations: list[Association] = []
    annotations: list[TextAnnotation] = []
    groups: list[Group] = []
    for child in element:
        local = _COLLABORATION_CONTENT.get(child.tag)  # type: ignore[call-overload]
        if local == "participant":
            participants.append(_participant(child))
        elif local == "messageFlow":
            message_flows.append(_message_flow(child))
        elif local == "association":
            associations.append(read_association(child, collaboration_id))
        elif local == "textAnnotation":
            annotations.append(read_text_annotation(child, collaboration_id))
        elif local == "group":
            groups.append(read_group(child, collaboration_id, category_values))
    return Collaboration(
        id=collaboration_id,
        name=element.get("name"),
        line=element.sourceline,
        documentation=documentation_of(element),
        participants=tuple(participants),
        message_flows=tuple(message_flows),
        associations=tuple(associations),
        annotations=tuple(annotations),
        groups=tuple(groups),
    )


_COLLABORATION_CONTENT = {
    _m(local): local
    for local in ("participant", "messageFlow", "association", "textAnnotation", "group")
}


def read_definitions(root: etree._Element, filename: str | None = None) -> Definitions:
    """The whole model of a parsed, already vetted ``definitions`` root element."""
    diagrams = read_diagrams(root)
    category_values = _category_values(root)
    root_event_definitions = _root_event_definitions(root)
    expanded = _expanded(diagrams)
    processes: list[Process] = []
    collaborations: list[Collaboration] = []
    global_elements: list[GlobalElement] = []
    for child in root:
        tag = child.tag
        if tag == _PROCESS:
            reader = ProcessReader(
                child.get("id") or "",
                root_event_definitions=root_event_definitions,
                category_values=category_values,
                expanded=expanded,
            )
            reader.read_scope(child, None)
            processes.append(reader.build(child))
        elif tag == _COLLABORATION:
            collaborations.append(_collaboration(child, category_values))
        elif isinstance(tag, str) and tag.startswith(ns.MODEL_PREFIX) and tag not in _NOT_GLOBAL:
            global_elements.append(
                GlobalElement(
                    id=child.get("id") or "",
                    name=child.get("name"),
                    line=child.sourceline,
                    documentation=documentation_of(child),
                    kind=ns.local_name(tag),
                )
            )
    get = root.get
    return Definitions(
        **base_fields(root),
        target_namespace=get("targetNamespace"),
        exporter=get("exporter"),
        exporter_version=get("exporterVersion"),
        processes=tuple(processes),
        collaborations=tuple(collaborations),
        global_elements=tuple(global_elements),
        diagrams=diagrams,
        source=filename,
    )
