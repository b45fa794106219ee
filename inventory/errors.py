"""Exceptions of the register, rooted in :class:`InventoryError`.

Each subclass names a situation and carries what the user needs to fix it; the web
and CLI edges translate them into messages and exit codes.  Messages are German
first; ``message_en`` gives the English text where an edge wants it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class InventoryError(Exception):
    """Root of the register's errors."""


class NotFound(InventoryError):
    """A record that was asked for does not exist (e.g. an unknown service id)."""


class InvalidValue(InventoryError):
    """A value is not allowed for a field (e.g. Reifegrad 9 in model 1.1).

    ``field`` names the field, ``value`` the rejected value.
    """

    def __init__(self, field: str, value: object, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class ConflictError(InventoryError):
    """Someone else saved the record after it was loaded (stale version counter).

    ``saved_by`` and ``saved_at`` say who saved first and when, so the user can
    reload, compare and decide.
    """

    def __init__(self, *, entity: str, entity_id: int, expected_version: int,
                 current_version: int, saved_by: str | None,
                 saved_at: datetime | None) -> None:
        who = saved_by or "unbekannt"
        when = saved_at.strftime("%d.%m.%Y %H:%M UTC") if saved_at else "unbekannt"
        super().__init__(
            f"{entity} {entity_id} wurde inzwischen von {who} am {when} gespeichert "
            f"(Version {current_version}, bearbeitet wurde Version {expected_version}). "
            "Bitte neu laden und die Änderungen erneut eintragen."
        )
        self.entity = entity
        self.entity_id = entity_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.saved_by = saved_by
        self.saved_at = saved_at


@dataclass(frozen=True)
class RowMessage:
    """One problem of an imported file: where (row, column) and what.

    ``row`` is the 1-based line number of the data row as a spreadsheet shows it
    (the header is row 1); ``None`` for problems of the whole file.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"  # "error" refuses the file, "warning" is reported only

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", Zeile {self.row}"
        if self.column:
            where += f", Spalte „{self.column}“"
        return f"{where}: {self.message}"


class ImportRejected(InventoryError):
    """A file was refused as a whole; nothing of it was stored.

    ``messages`` lists every problem found with row and column.  ``unusable`` is true
    when the file cannot be used at all (wrong encoding, not a table, missing columns)
    rather than having wrong values in some rows (the CLI exits 2 instead of 1).
    """

    def __init__(self, messages: list[RowMessage], *, unusable: bool = False) -> None:
        self.messages = list(messages)
        self.unusable = unusable
        head = f"Import abgelehnt: {len(self.messages)} Fehler, nichts wurde gespeichert."
        shown = "\n".join(f"  {m}" for m in self.messages[:50])
        more = f"\n  … und {len(self.messages) - 50} weitere" if len(self.messages) > 50 else ""
        super().__init__(f"{head}\n{shown}{more}")


class RestoreRefused(InventoryError):
    """A backup cannot be restored (target not empty, unreadable or unknown format)."""


class AuthenticationFailed(InventoryError):
    """Unknown user, wrong password or deactivated account (deliberately not said which)."""
