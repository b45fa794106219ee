"""procmodel: a process register for German municipalities (the core package).

The core (``procmodel.model``, ``procmodel.findings``, ``procmodel.labels``,
``procmodel.analysis``) imports no Flask, SQL or XML; ``procmodel.cli`` is an edge.
"""

__version__ = "0.1.0"
