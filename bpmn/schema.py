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

from bpmn.errors import BpmnError
from bpmn.schema_messages import PREFIXES, paraphrase, with_prefixes
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
    locator = _Locator(root)
    for error in errors:
        original = with_prefixes(error.message)
        worded = paraphrase(error.message)
        if worded is None:
            message_de = f"Verstoß gegen das BPMN-2.0-XML-Schema: {original}"
            message_en = f"Violates the BPMN 2.0 XML Schema: {original}"
        else:
            # The paraphrase first, libxml2's own text kept as the detail.
            message_de = f"{worded.de} (Schema-Meldung: {original})"
            message_en = f"{worded.en} (schema message: {original})"
        element = locator.element(error.path, error.line, worded.element if worded else None)
        element_id, element_name = _identified(element)
        findings.append(
            Finding(
                severity=Severity.ERROR,
                rule="schema",
                message_de=message_de,
                message_en=message_en,
                file=filename,
                line=error.line or None,
                element_id=element_id,
                element_name=element_name,
            )
        )
    return findings


def _identified(element: etree._Element | None) -> tuple[str | None, str | None]:
    """Id and name of ``element`` or, when it has no id, of its nearest ancestor with one."""
    while element is not None:
        element_id = element.get("id")
        if element_id:
            return element_id, element.get("name")
        element = element.getparent()
    return None, None


class _Locator:
    """Finds the element an error is about: by libxml2's node path, else by line and tag."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._by_line: dict[int, list[etree._Element]] | None = None

    def element(self, path: str | None, line: int | None,
                written_tag: str | None) -> etree._Element | None:
        found = self._by_path(path)
        if found is not None:
            return found
        if not line:
            return None
        if self._by_line is None:
            # Built once per file, only when a path cannot be resolved (default namespace).
            self._by_line = {}
            for element in self.root.iter(etree.Element):
                self._by_line.setdefault(element.sourceline or 0, []).append(element)
        candidates = self._by_line.get(line, [])
        if written_tag:
            wanted = _clark(written_tag)
            matching = [e for e in candidates if e.tag == wanted]
            candidates = matching or candidates
        return candidates[0] if candidates else None

    def _by_path(self, path: str | None) -> etree._Element | None:
        if not path:
            return None
        namespaces = {prefix: uri for prefix, uri in self.root.nsmap.items() if prefix}
        try:
            found = self.root.getroottree().xpath(path, namespaces=namespaces)
        except etree.XPathError:
            return None
        if not found or not isinstance(found[0], etree._Element):
            return None
        return found[0]


_CLARK = {prefix: clark for clark, prefix in PREFIXES.items()}


def _clark(written: str) -> str:
    """``bpmn:task`` → ``{…MODEL}task``; a name already in Clark notation stays."""
    prefix, _, local = written.partition(":")
    uri = _CLARK.get(prefix + ":")
    return f"{uri}{local}" if uri and not written.startswith("{") else written
