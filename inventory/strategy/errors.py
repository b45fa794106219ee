"""Errors of the strategy records (subclasses of the register's error root)."""

from __future__ import annotations

from inventory.errors import InventoryError


class StrategyInvalid(InventoryError):
    """A target, project or narrative field has a value that cannot be stored.

    ``field`` names the form field, so the web page can show the message beside it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class StrategyConflict(InventoryError):
    """Someone else saved the record after it was loaded."""

    def __init__(self, what: str, saved_by: str | None, saved_at) -> None:
        by = f" von {saved_by}" if saved_by else ""
        when = f" am {saved_at:%d.%m.%Y %H:%M} UTC" if saved_at else ""
        super().__init__(f"{what} wurde inzwischen{by}{when} geändert; bitte neu laden "
                         "und die Änderung erneut eintragen.")
        self.saved_by = saved_by
        self.saved_at = saved_at
