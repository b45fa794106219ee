"""Readers of single BPMN elements, and the tables that say what a flow node's
attributes and children mean.

Used by :mod:`bpmn.reader_process` (processes and subprocesses) and
:mod:`bpmn.reader_definitions` (collaborations, root elements).  Nothing here is
evaluated: timer expressions, conditions and link names are kept as text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from bpmn import namespaces as ns
from bpmn.vocabulary import ATTRIBUTE_GROUPS
from procmodel.model import (
    Association,
    DataKind,
    EventDefinition,
    EventDefinitionKind,
    Group,
    LoopKind,
    NodeKind,
    TextAnnotation,
)

_m = ns.model
DOCUMENTATION = _m("documentation")
_TEXT = _m("text")
# What an event definition keeps as text, by child tag.
_DETAIL_CHILDREN = (_m("timeDate"), _m("timeDuration"), _m("timeCycle"), _m("condition"))
#: Event definitions by tag; values are the kinds.
EVENT_DEFINITIONS: dict[str, EventDefinitionKind] = {
    _m(f"{kind.value}EventDefinition"): kind for kind in EventDefinitionKind
}


def parse_bool(text: str | None, default: bool) -> bool:
    if text is None:
        return default
    return text.strip().lower() in ("true", "1")


def optional_bool(text: str | None) -> bool | None:
    return None if text is None else text.strip().lower() in ("true", "1")


def text_of(element: etree._Element) -> str:
    """All text inside ``element`` (mixed content such as HTML in documentation included)."""
    return "".join(element.itertext())


def documentation_of(element: etree._Element) -> str | None:
    parts = [text_of(d) for d in element.iterchildren(DOCUMENTATION)]
    return "\n".join(parts) if parts else None


def base_fields(element: etree._Element) -> dict[str, Any]:
    """The fields every model element takes from its XML element: id, name, source
    line and documentation."""
    return {"id": element.get("id") or "", "name": element.get("name"),
            "line": element.sourceline, "documentation": documentation_of(element)}



def read_association(element: etree._Element, container_id: str | None) -> Association:
    get = element.get
    return Association(
        **base_fields(element),
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


# --- what a flow node's attributes mean, by kind ------------------------------------------


def _event_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    if get("parallelMultiple") is not None:
        kwargs["parallel_multiple"] = parse_bool(get("parallelMultiple"), False)


def _start_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    _event_attributes(get, kwargs)
    kwargs["interrupting"] = parse_bool(get("isInterrupting"), True)


def _boundary_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    _event_attributes(get, kwargs)
    kwargs["interrupting"] = parse_bool(get("cancelActivity"), True)
    kwargs["attached_to"] = get("attachedToRef")


def _subprocess_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["triggered_by_event"] = parse_bool(get("triggeredByEvent"), False)


def _call_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["called_element"] = get("calledElement")


def _send_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["message_ref"] = get("messageRef")


def _receive_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["instantiate"] = parse_bool(get("instantiate"), False)
    kwargs["message_ref"] = get("messageRef")


def _gateway_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    kwargs["gateway_direction"] = get("gatewayDirection")


def _event_gateway_attributes(get: Callable[[str], str | None], kwargs: dict[str, Any]) -> None:
    _gateway_attributes(get, kwargs)
    kwargs["instantiate"] = parse_bool(get("instantiate"), False)
    kwargs["event_gateway_type"] = get("eventGatewayType") or "Exclusive"


#: Kind-specific attributes, by node kind (the groups: :mod:`bpmn.vocabulary`).
NODE_ATTRIBUTES: dict[NodeKind, Callable[[Callable[[str], str | None], dict[str, Any]], None]] = {
    kind: {
        "start": _start_attributes, "event": _event_attributes,
        "boundary": _boundary_attributes, "subprocess": _subprocess_attributes,
        "call": _call_attributes, "send": _send_attributes, "receive": _receive_attributes,
        "gateway": _gateway_attributes, "event_gateway": _event_gateway_attributes,
    }[group]
    for kind, group in ATTRIBUTE_GROUPS.items()
}


def _multi_instance(element: etree._Element) -> LoopKind:
    sequential = parse_bool(element.get("isSequential"), False)
    return LoopKind.SEQUENTIAL if sequential else LoopKind.PARALLEL


LOOPS: dict[str, Callable[[etree._Element], LoopKind]] = {
    _m("standardLoopCharacteristics"): lambda _element: LoopKind.STANDARD,
    _m("multiInstanceLoopCharacteristics"): _multi_instance,
}

IO_KINDS: dict[str, DataKind] = {
    _m("dataInput"): DataKind.DATA_INPUT,
    _m("dataOutput"): DataKind.DATA_OUTPUT,
}
