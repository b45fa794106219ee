"""The root of the core's exceptions."""


class ProcmodelError(Exception):
    """Base class of errors raised by the core (``procmodel``) on bad input."""
