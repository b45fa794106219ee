"""The reader's own rule ids: why a file is refused, and what ``bpmn.read`` adds.

Same shape as :data:`bpmn.rules.RULES` (the rule engine's catalogue), so that the
web application and the documentation can explain every finding's rule id.  Rules
of group ``"unreadable"`` are raised as :class:`~bpmn.errors.UnreadableBpmn`; the
others are findings of :func:`bpmn.read`.
"""

from __future__ import annotations

from bpmn.rules.catalogue import Rule
from procmodel.findings import Severity

E, W = Severity.ERROR, Severity.WARNING

_READER_RULES: tuple[Rule, ...] = (
    Rule("file-unreadable", E, "unreadable",
         "Die Datei lässt sich nicht öffnen.", "The file cannot be opened."),
    Rule("too-large", E, "unreadable",
         "Die Datei ist größer als erlaubt (Einstellung MAX_UPLOAD_BYTES).",
         "The file is larger than allowed (setting MAX_UPLOAD_BYTES)."),
    Rule("xml-malformed", E, "unreadable",
         "Die Datei ist kein wohlgeformtes XML.", "The file is not well-formed XML."),
    Rule("xml-encoding", E, "unreadable",
         "Die Bytes der Datei passen nicht zu ihrer angegebenen Zeichenkodierung.",
         "The file's bytes do not match its declared character encoding."),
    Rule("xml-entity", E, "unreadable",
         "Die Datei deklariert XML-Entitäten; das wird aus Sicherheitsgründen abgelehnt "
         "(XXE, Entity-Expansion).",
         "The file declares XML entities; refused for security reasons (XXE, entity "
         "expansion)."),
    Rule("xml-external-dtd", E, "unreadable",
         "Die Datei verweist auf eine externe DTD; sie wird nie geladen, die Datei abgelehnt.",
         "The file refers to an external DTD; it is never loaded, the file is refused."),
    Rule("xml-xinclude", E, "unreadable",
         "Die Datei enthält XInclude-Anweisungen; sie werden nie ausgeführt, die Datei "
         "wird abgelehnt.",
         "The file contains XInclude directives; they are never processed, the file is "
         "refused."),
    Rule("too-deep", E, "unreadable",
         "Die Elemente sind tiefer verschachtelt als erlaubt (Einstellung MAX_XML_DEPTH).",
         "Elements are nested deeper than allowed (setting MAX_XML_DEPTH)."),
    Rule("not-bpmn", E, "unreadable",
         "Das Wurzelelement ist nicht <definitions> im BPMN-2.0-Namensraum.",
         "The root element is not <definitions> in the BPMN 2.0 namespace."),
    Rule("schema", E, "reader",
         "Die Datei verletzt das BPMN-2.0-XML-Schema (jede Verletzung mit Zeile).",
         "The file violates the BPMN 2.0 XML Schema (each violation with its line)."),
    Rule("duplicate-id", E, "reader",
         "Eine ID kommt in der Datei mehrfach vor.", "An id occurs more than once in the file."),
    Rule("xml-namespace-uri", W, "reader",
         "Eine Namensraum-URI ist ungültig (z. B. mit Leerzeichen); die Datei wird trotzdem "
         "gelesen.",
         "A namespace URI is invalid (e.g. contains spaces); the file is read nevertheless."),
)

#: Rule id → :class:`~bpmn.rules.catalogue.Rule` for the reader's own rules.
READER_RULES: dict[str, Rule] = {rule.id: rule for rule in _READER_RULES}
