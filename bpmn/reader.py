"""``bpmn.parse`` and ``bpmn.read``: bytes or a path in, the neutral model out.

``parse`` is the fast path (model only, no validation).  ``read`` adds the
findings: XML warnings, duplicate ids, the BPMN 2.0 XML Schema (``schema=True``)
and the rules of :mod:`bpmn.rules` (reference integrity, lint, soundness,
executability).  Anything that makes the file unusable raises
:class:`~bpmn.errors.UnreadableBpmn` and nothing else happens.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from lxml import etree

from bpmn import namespaces as ns
from bpmn.errors import UnreadableBpmn
from bpmn.reader_definitions import read_definitions
from bpmn.rules import validate_model
from bpmn.xmlsafe import DEFAULT_LIMITS, ReadLimits, load_source, parse_xml
from procmodel.findings import Finding, Severity
from procmodel.model import Definitions

Source = bytes | str | os.PathLike[str]


@dataclass(frozen=True)
class ReadResult:
    """A model and what was found wrong with it."""

    model: Definitions
    findings: tuple[Finding, ...] = ()

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def load_root(
    source: Source, *, filename: str | None = None, limits: ReadLimits | None = None
) -> tuple[etree._Element, bytes, str | None, list[Finding]]:
    """Securely parse ``source`` and check that it is BPMN.

    Returns the root element, the raw bytes, the file name for messages and
    warnings about the XML itself.
    """
    limits = limits or DEFAULT_LIMITS
    data, filename = load_source(source, filename, limits)
    root, warnings = parse_xml(data, filename, limits)
    if root.tag != ns.DEFINITIONS:
        found = root.tag if isinstance(root.tag, str) else repr(root.tag)
        raise UnreadableBpmn.make(
            "not-bpmn",
            "Die Datei ist keine BPMN-2.0-Datei: das Wurzelelement muss "
            f"<definitions> im Namensraum {ns.MODEL} sein, gefunden wurde {found}.",
            "The file is not a BPMN 2.0 file: its root element must be <definitions> in "
            f"the namespace {ns.MODEL}, found {found}.",
            file=filename,
            line=root.sourceline,
        )
    return root, data, filename, warnings


def parse(
    source: Source, *, filename: str | None = None, limits: ReadLimits | None = None
) -> Definitions:
    """The model of a BPMN file, without any validation (the fast path)."""
    root, _data, filename, _warnings = load_root(source, filename=filename, limits=limits)
    return read_definitions(root, filename)


def read(
    source: Source,
    *,
    filename: str | None = None,
    limits: ReadLimits | None = None,
    schema: bool = True,
    disabled_rules: Collection[str] = (),
) -> ReadResult:
    """The model of a BPMN file and every finding about it.

    ``schema`` switches the XML Schema check; ``disabled_rules`` lists rule ids
    whose findings are dropped (``schema`` and ``duplicate-id`` included).
    """
    root, data, filename, findings = load_root(source, filename=filename, limits=limits)
    model = read_definitions(root, filename)
    disabled = frozenset(disabled_rules)
    findings.extend(reader_findings(root, filename, schema=schema, disabled=disabled))
    findings.extend(validate_model(model, filename=filename, disabled=disabled, source=data))
    findings = [f for f in findings if f.rule not in disabled]
    findings.sort(key=lambda f: (f.line is None, f.line or 0, -f.severity.rank, f.rule))
    return ReadResult(model=model, findings=tuple(findings))


#: Every ``id`` attribute value as a plain string: "smart" strings (the default) would
#: each carry a reference to their element, which costs more than the parse itself.
_ALL_IDS = etree.XPath("//@id", smart_strings=False)


def reader_findings(
    root: etree._Element, filename: str | None = None, *, schema: bool = True,
    disabled: Collection[str] = (),
) -> list[Finding]:
    """The reader's own findings on a parsed file: duplicate ids and the XML Schema."""
    findings: list[Finding] = []
    schema_list: list[Finding] | None = None
    if schema and "schema" not in disabled:
        from bpmn.schema import schema_findings

        schema_list = schema_findings(root, filename)
    # Every id of a BPMN, BPMNDI or DI element is an xs:ID, whose uniqueness the schema
    # checks: a file the schema accepts has no duplicate ids, and the scan is skipped.
    if "duplicate-id" not in disabled and schema_list != []:
        findings.extend(duplicate_id_findings(root, filename))
    if schema_list:
        duplicate_lines = {f.line for f in findings if f.rule == "duplicate-id"}
        findings.extend(
            f for f in schema_list
            # The schema's xs:ID complaint repeats a duplicate-id finding on the same line.
            if not (f.line in duplicate_lines and "xs:ID" in f.message_en)
        )
    return findings


def duplicate_id_findings(root: etree._Element, filename: str | None = None) -> list[Finding]:
    """One error per element whose ``id`` repeats an earlier one (vendor extensions aside)."""
    plain = _ALL_IDS(root)
    if len(set(plain)) == len(plain):  # type: ignore[arg-type]
        return []  # the usual case, decided without touching a single element
    ids = root.xpath("//@id")
    counts = Counter(str(i) for i in ids)
    duplicated = {value for value, count in counts.items() if count > 1}
    if not duplicated:
        return []
    findings: list[Finding] = []
    first_line: dict[str, int | None] = {}
    for attribute in ids:
        value = str(attribute)
        if value not in duplicated:
            continue
        element = attribute.getparent()
        if _inside_extension(element):
            continue
        if value not in first_line:
            first_line[value] = element.sourceline
            continue
        findings.append(
            Finding(
                severity=Severity.ERROR,
                rule="duplicate-id",
                message_de=f"Die ID „{value}“ ist schon in Zeile {first_line[value]} vergeben; "
                "IDs müssen in der Datei eindeutig sein.",
                message_en=f"The id '{value}' is already used on line {first_line[value]}; "
                "ids must be unique within the file.",
                file=filename,
                line=element.sourceline,
                element_id=value,
                element_name=element.get("name"),
            )
        )
    return findings


def _inside_extension(element: etree._Element) -> bool:
    tag = element.tag
    if isinstance(tag, str) and not tag.startswith("{" + ns.OMG_SPEC):
        return True
    return any(True for _ in element.iterancestors(ns.EXTENSION_ELEMENTS))
