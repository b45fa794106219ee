"""BPMN 2.0 XML <-> the neutral model: secure reading, validation, rendering, writing.

Reading (this package's front door):

* :func:`read` — bytes or a path → :class:`ReadResult` (model + findings);
* :func:`parse` — the model only, no validation (fast path);
* :func:`element_counts` — counts of BPMN elements by local name (``procmodel info``);
* :class:`ReadLimits` — size and nesting limits;
* :class:`UnreadableBpmn` (a :class:`BpmnError`) — the file cannot be used at all;
* :data:`READER_RULES` — the reader's own rule ids with descriptions (the rule
  engine's are in :data:`bpmn.rules.RULES`).
"""

from bpmn.counts import element_counts
from bpmn.errors import BpmnError, UnreadableBpmn
from bpmn.reader import ReadResult, parse, read
from bpmn.reader_rules import READER_RULES
from bpmn.xmlsafe import ReadLimits

__all__ = [
    "READER_RULES",
    "BpmnError",
    "ReadLimits",
    "ReadResult",
    "UnreadableBpmn",
    "element_counts",
    "parse",
    "read",
]
