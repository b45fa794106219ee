"""What kind a semantic element is, for CSS classes and tooltips (German and English)."""

from __future__ import annotations

from procmodel.model import (
    Association,
    DataAssociation,
    DataElement,
    FlowNode,
    Group,
    Lane,
    MessageFlow,
    Participant,
    SequenceFlow,
    TextAnnotation,
)

#: Display names of element kinds: kind -> (German, English).
KIND_NAMES: dict[str, tuple[str, str]] = {
    "task": ("Aufgabe", "Task"),
    "userTask": ("Benutzeraufgabe", "User task"),
    "manualTask": ("Manuelle Aufgabe", "Manual task"),
    "serviceTask": ("Serviceaufgabe", "Service task"),
    "scriptTask": ("Skriptaufgabe", "Script task"),
    "sendTask": ("Sendeaufgabe", "Send task"),
    "receiveTask": ("Empfangsaufgabe", "Receive task"),
    "businessRuleTask": ("Geschäftsregelaufgabe", "Business rule task"),
    "subProcess": ("Teilprozess", "Subprocess"),
    "transaction": ("Transaktion", "Transaction"),
    "adHocSubProcess": ("Ad-hoc-Teilprozess", "Ad-hoc subprocess"),
    "callActivity": ("Aufrufaktivität", "Call activity"),
    "startEvent": ("Startereignis", "Start event"),
    "endEvent": ("Endereignis", "End event"),
    "intermediateCatchEvent": ("Zwischenereignis (eintretend)", "Intermediate catch event"),
    "intermediateThrowEvent": ("Zwischenereignis (auslösend)", "Intermediate throw event"),
    "boundaryEvent": ("Angeheftetes Ereignis", "Boundary event"),
    "implicitThrowEvent": ("Implizites Ereignis", "Implicit throw event"),
    "exclusiveGateway": ("Exklusives Gateway", "Exclusive gateway"),
    "parallelGateway": ("Paralleles Gateway", "Parallel gateway"),
    "inclusiveGateway": ("Inklusives Gateway", "Inclusive gateway"),
    "eventBasedGateway": ("Ereignisbasiertes Gateway", "Event-based gateway"),
    "complexGateway": ("Komplexes Gateway", "Complex gateway"),
    "sequenceFlow": ("Sequenzfluss", "Sequence flow"),
    "messageFlow": ("Nachrichtenfluss", "Message flow"),
    "association": ("Assoziation", "Association"),
    "dataInputAssociation": ("Datenassoziation", "Data association"),
    "dataOutputAssociation": ("Datenassoziation", "Data association"),
    "participant": ("Pool", "Pool"),
    "lane": ("Lane", "Lane"),
    "dataObject": ("Datenobjekt", "Data object"),
    "dataObjectReference": ("Datenobjekt", "Data object"),
    "dataStore": ("Datenspeicher", "Data store"),
    "dataStoreReference": ("Datenspeicher", "Data store"),
    "dataInput": ("Dateneingabe", "Data input"),
    "dataOutput": ("Datenausgabe", "Data output"),
    "textAnnotation": ("Textanmerkung", "Text annotation"),
    "group": ("Gruppe", "Group"),
    "unknown": ("Unbekanntes Element", "Unknown element"),
}


def kind_of(element: object | None) -> str:
    """The BPMN local element name of a semantic element ("unknown" when unresolved)."""
    getter = _KIND_GETTERS.get(type(element))
    return getter(element) if getter else "unknown"


_KIND_GETTERS = {
    FlowNode: lambda e: e.kind.value,
    DataElement: lambda e: e.kind.value,
    DataAssociation: lambda e: (
        "dataInputAssociation" if e.direction == "input" else "dataOutputAssociation"
    ),
    SequenceFlow: lambda e: "sequenceFlow",
    MessageFlow: lambda e: "messageFlow",
    Association: lambda e: "association",
    Participant: lambda e: "participant",
    Lane: lambda e: "lane",
    TextAnnotation: lambda e: "textAnnotation",
    Group: lambda e: "group",
}


def kind_name(kind: str, language: str) -> str:
    german, english = KIND_NAMES.get(kind, (kind, kind))
    return english if language == "en" else german


def display_text(element: object | None) -> str | None:
    """The text shown for an element: annotation text, else its name."""
    if isinstance(element, TextAnnotation):
        return element.text or element.name
    return getattr(element, "name", None)


def extra_classes(element: object | None) -> list[str]:
    """Classes beyond the kind: event definitions, interrupting, throw/catch, loop."""
    if not isinstance(element, FlowNode):
        return []
    classes: list[str] = []
    if element.kind.is_event:
        classes.extend(f"bpmn-def-{d.kind.value}" for d in element.event_definitions)
        classes.append("bpmn-throw" if element.is_throwing else "bpmn-catch")
        if not element.interrupting:
            classes.append("bpmn-non-interrupting")
    if element.triggered_by_event:
        classes.append("bpmn-event-subprocess")
    if element.loop is not None:
        classes.append(f"bpmn-loop-{element.loop.value}")
    if element.kind.is_activity:
        classes.append("bpmn-activity")
    return classes
