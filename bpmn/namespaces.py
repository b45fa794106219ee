"""XML namespaces of BPMN 2.0 and the vendor extensions the reader understands.

Elements are always matched on their namespace URI, never on the prefix a tool
happened to bind it to (``bpmn:``, ``bpmn2:``, ``semantic:``, default namespace, …).
"""

from __future__ import annotations

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XINCLUDE = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")

#: OMG's non-normative colour extension (``color:background-color`` …).
OMG_COLOR = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"
#: bpmn.io's colour extension (``bioc:fill``, ``bioc:stroke``); both spellings occur.
BPMN_IO_COLOR = ("http://bpmn.io/schema/bpmn/biocolor/1.0", "http://bpmn.io/schema/bpmn/biocolors/1.0")


def model(local: str) -> str:
    """The Clark-notation tag (``{uri}local``) of a BPMN model element."""
    return f"{{{MODEL}}}{local}"


def bpmndi(local: str) -> str:
    return f"{{{BPMNDI}}}{local}"


def dc(local: str) -> str:
    return f"{{{DC}}}{local}"


def di(local: str) -> str:
    return f"{{{DI}}}{local}"


def local_name(tag: object) -> str:
    """The local part of a Clark-notation tag; ``""`` for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


MODEL_PREFIX = f"{{{MODEL}}}"
#: Every OMG-defined namespace (BPMN, BPMNDI, DC, DI) starts with this.
OMG_SPEC = "http://www.omg.org/spec/"
DEFINITIONS = model("definitions")
EXTENSION_ELEMENTS = model("extensionElements")
