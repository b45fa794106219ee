"""Validation against the BPMN 2.0 XML Schema.

The XSDs are the OMG ones that ship with SpiffWorkflow (``BPMN20.xsd`` and the
files it imports); they are loaded from the installed package, compiled once and
cached.  Every schema error is reported with its line, not only the first or the
last one libxml2 stops at.
"""

from __future__ import annotations

import threading
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from bpmn import namespaces as ns
from bpmn.errors import BpmnError
from procmodel.findings import Finding, Severity

_LOCK = threading.Lock()


class SchemaUnavailable(BpmnError):
    """The BPMN 2.0 XSDs cannot be found in the installed SpiffWorkflow package."""


def schema_path() -> Path:
    """Where ``BPMN20.xsd`` lives inside the installed SpiffWorkflow package."""
    path = Path(str(resources.files("SpiffWorkflow.bpmn.parser") / "schema" / "BPMN20.xsd"))
    if not path.is_file():
        raise SchemaUnavailable(
            f"BPMN20.xsd not found at {path}; reinstall spiffworkflow (pip install spiffworkflow)"
        )
    return path


@cache
def bpmn_schema() -> etree.XMLSchema:
    """The compiled BPMN 2.0 schema (compiled on first use, then cached)."""
    # The XSDs are trusted local files; their own xsd:import of the sibling files
    # needs file access, but never the network.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(schema_path()), parser))


def schema_findings(root: etree._Element, filename: str | None = None) -> list[Finding]:
    """Every violation of the BPMN 2.0 XML Schema in the document of ``root``."""
    schema = bpmn_schema()
    # XMLSchema keeps its error log on the object: validate and read it under a lock.
    with _LOCK:
        if schema.validate(root):
            return []
        errors = list(schema.error_log)
    findings: list[Finding] = []
    for error in errors:
        element_id, element_name = _element_at(root, error.path)
        message = _readable(error.message)
        findings.append(
            Finding(
                severity=Severity.ERROR,
                rule="schema",
                message_de=f"Verstoß gegen das BPMN-2.0-XML-Schema: {message}",
                message_en=f"Violates the BPMN 2.0 XML Schema: {message}",
                file=filename,
                line=error.line or None,
                element_id=element_id,
                element_name=element_name,
            )
        )
    return findings


_PREFIXES = {
    f"{{{ns.MODEL}}}": "bpmn:",
    f"{{{ns.BPMNDI}}}": "bpmndi:",
    f"{{{ns.DC}}}": "dc:",
    f"{{{ns.DI}}}": "di:",
}


def _readable(message: str) -> str:
    """libxml2's message with the well-known namespaces as their usual prefixes."""
    for clark, prefix in _PREFIXES.items():
        message = message.replace(clark, prefix)
    return message


def _element_at(root: etree._Element, path: str | None) -> tuple[str | None, str | None]:
    """Id and name of the element libxml2's error path points at, where resolvable."""
    if not path:
        return None, None
    namespaces = {prefix: uri for prefix, uri in root.nsmap.items() if prefix}
    try:
        found = root.getroottree().xpath(path, namespaces=namespaces)
    except etree.XPathError:
        return None, None
    if not found or not isinstance(found[0], etree._Element):
        return None, None
    element = found[0]
    return element.get("id"), element.get("name")
