"""The register: OZG catalogue, services, process-model versions, status history.

Functions take a SQLAlchemy ``Session``; the caller owns the transaction.  This
package never imports ``bpmn`` (nor ``bpmn`` this one): the edges hand it model
objects from ``procmodel.model`` and findings from ``procmodel.findings``.
"""
