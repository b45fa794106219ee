"""Whether SpiffWorkflow can load the processes a file marks as executable.

SpiffWorkflow's parser builds a workflow specification from the XML; nothing is
run — no script, condition or expression is evaluated, the workflow is never
started.  The parser flavour follows the file: Camunda's when the file uses
Camunda's extension namespace, SpiffWorkflow's own when it uses Spiff's, the plain
BPMN parser otherwise.  The bytes are parsed again here with the same locked-down
lxml settings as the reader (no entities, no DTD, no network).
"""

from __future__ import annotations

import re

from lxml import etree

from procmodel.model import Definitions, Process

from .context import Reporter, describe

# lxml's repr of an element inside SpiffWorkflow's messages, e.g.
# "<Element {http://www.omg.org/…/MODEL}sourceRef at 0x7f51a50ab040>": the memory
# address changes from run to run and the namespace means nothing to an analyst.
_PYTHON_REPR = re.compile(r"<Element (?:\{[^}]*\})?([\w.-]+) at 0x[0-9a-f]+>")

_CAMUNDA_NAMESPACES = ("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn")
_SPIFF_NAMESPACE = "http://spiffworkflow.org/bpmn/schema/1.0/core"


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_blank_text=False,
    )


def _namespaces(root: etree._Element) -> set[str]:
    return {uri for element in root.iter() for uri in (element.nsmap or {}).values()}


def _parser_for(root: etree._Element) -> object:
    from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser

    namespaces = {uri for uri in (root.nsmap or {}).values()}
    if not namespaces & set(_CAMUNDA_NAMESPACES) and _SPIFF_NAMESPACE not in namespaces:
        namespaces = _namespaces(root)  # extension namespaces may be declared deeper down
    if namespaces & set(_CAMUNDA_NAMESPACES):
        from SpiffWorkflow.camunda.parser.CamundaParser import CamundaParser

        return CamundaParser()
    if _SPIFF_NAMESPACE in namespaces:
        from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser

        return SpiffBpmnParser()
    return BpmnParser()


def check_executable(model: Definitions, source: bytes | None, report: Reporter) -> None:
    """Load every executable process with SpiffWorkflow; report what it refuses."""
    executable = [p for p in model.processes if p.is_executable]
    if not executable or source is None or not report.enabled("spiffworkflow-load"):
        return
    try:
        root = etree.fromstring(source, parser=_safe_parser())
    except etree.XMLSyntaxError:
        return  # the reader reports unreadable XML itself
    parser = _parser_for(root)
    try:
        parser.add_bpmn_xml(root, report.filename)  # type: ignore[attr-defined]
    except Exception as exc:  # any parser failure becomes a finding
        _finding(model, executable[0], exc, report)
        return
    for process in executable:
        try:
            parser.get_spec(process.id)  # type: ignore[attr-defined]
        except Exception as exc:  # any parser failure becomes a finding
            _finding(model, process, exc, report)


def _caused_by_recursion(exc: BaseException) -> bool:
    """Whether ``exc`` is, wraps or reports a RecursionError (SpiffWorkflow re-wraps it)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, RecursionError) or "RecursionError" in str(current):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _finding(model: Definitions, process: Process, exc: Exception, report: Reporter) -> None:
    from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException

    if _caused_by_recursion(exc):
        # SpiffWorkflow's parser recurses once per step along the flow: a long chain of
        # steps exceeds Python's recursion limit.  Say so rather than quote the error.
        report.add("spiffworkflow-load", process,
                   f"Der ausführbare Prozess {describe(process)} lässt sich mit SpiffWorkflow "
                   "nicht laden: Sein Parser verfolgt den Ablauf rekursiv und überschreitet bei "
                   "einer so langen Schrittfolge Pythons Rekursionsgrenze. Den Ablauf in "
                   "Teilprozesse gliedern.",
                   f"SpiffWorkflow cannot load the executable process {describe(process)}: its "
                   "parser follows the flow recursively and exceeds Python's recursion limit on "
                   "a chain of steps this long. Split the flow into subprocesses.")
        return
    element_id = getattr(exc, "id", None) or None
    element = model.get(element_id) if element_id else None
    line = getattr(exc, "line_number", None)
    line = line if isinstance(line, int) else None
    detail = _PYTHON_REPR.sub(r"<\1>", " ".join(str(exc).split())).rstrip(".")
    if not isinstance(exc, ValidationException):  # an internal parser error: name its kind
        detail = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    notes = getattr(exc, "notes", None) or getattr(exc, "__notes__", None) or []
    if notes:
        detail += " (" + "; ".join(str(n).rstrip(".") for n in notes) + ")"
    where = element if element is not None else process
    extension = _unknown_extension(exc)
    if extension is not None:
        report.add("spiffworkflow-load", where,
                   f"Der ausführbare Prozess {describe(process)} lässt sich mit SpiffWorkflow "
                   f"nicht laden: Er verwendet die Erweiterung „{extension}“, die SpiffWorkflow "
                   "nicht kennt. Wenn er hier nicht ausgeführt werden soll, das Kennzeichen "
                   "„ausführbar“ (isExecutable) entfernen.",
                   f"SpiffWorkflow cannot load the executable process {describe(process)}: it "
                   f"uses the extension \u201c{extension}\u201d, which SpiffWorkflow does not "
                   "know. If it is not meant to run here, clear its executable flag "
                   "(isExecutable).", line=line)
        return
    # SpiffWorkflow's own message is English; the German text quotes it as it is.
    report.add("spiffworkflow-load", where,
               f"Der ausführbare Prozess {describe(process)} lässt sich mit SpiffWorkflow nicht "
               f"laden (Meldung von SpiffWorkflow: {detail}). Die genannte Stelle korrigieren "
               "oder, wenn der Prozess nicht ausgeführt werden soll, das Kennzeichen "
               "„ausführbar“ (isExecutable) entfernen.",
               f"SpiffWorkflow cannot load the executable process {describe(process)} "
               f"(SpiffWorkflow says: {detail}). Correct the place named or, if the process "
               "is not meant to run, clear its executable flag (isExecutable).",
               line=line)


def _unknown_extension(exc: Exception) -> str | None:
    """``decisionRef`` when SpiffWorkflow failed looking up an extension attribute
    (a KeyError on ``{namespace}name``): the vendor feature it does not support."""
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        key = exc.args[0]
        if key.startswith("{") and "}" in key:
            return key.split("}", 1)[1]
    return None
