"""BPMN 2.0 XML <-> the neutral model: secure reading, validation, rendering, writing."""
