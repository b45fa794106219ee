"""Which BPMN attributes a flow node carries beyond id and name, by node kind.

Reading (``bpmn.reader_elements``) and writing (``bpmn.writer``) both dispatch a node's
kind-specific attributes through this one table, so a kind gains or loses an
attribute in both directions at once.  Each group names a set of XML attributes:

- ``event``: ``parallelMultiple``; ``start``: that and ``isInterrupting``;
  ``boundary``: that and ``cancelActivity``, ``attachedToRef``;
- ``subprocess``: ``triggeredByEvent``; ``call``: ``calledElement``;
  ``send``: ``messageRef``; ``receive``: ``instantiate``, ``messageRef``;
- ``gateway``: ``gatewayDirection``; ``event_gateway``: that and ``instantiate``,
  ``eventGatewayType``.
"""

from __future__ import annotations

from procmodel.model import NodeKind

#: The attribute group of every node kind that has kind-specific attributes.
ATTRIBUTE_GROUPS: dict[NodeKind, str] = {
    NodeKind.START_EVENT: "start",
    NodeKind.END_EVENT: "event",
    NodeKind.INTERMEDIATE_CATCH_EVENT: "event",
    NodeKind.INTERMEDIATE_THROW_EVENT: "event",
    NodeKind.IMPLICIT_THROW_EVENT: "event",
    NodeKind.BOUNDARY_EVENT: "boundary",
    NodeKind.SUB_PROCESS: "subprocess",
    NodeKind.TRANSACTION: "subprocess",
    NodeKind.AD_HOC_SUB_PROCESS: "subprocess",
    NodeKind.CALL_ACTIVITY: "call",
    NodeKind.SEND_TASK: "send",
    NodeKind.RECEIVE_TASK: "receive",
    NodeKind.EXCLUSIVE_GATEWAY: "gateway",
    NodeKind.PARALLEL_GATEWAY: "gateway",
    NodeKind.INCLUSIVE_GATEWAY: "gateway",
    NodeKind.COMPLEX_GATEWAY: "gateway",
    NodeKind.EVENT_BASED_GATEWAY: "event_gateway",
}
