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


def format_rows(rows: list[int]) -> str:
    """Row numbers as a short German list with ranges: ``2–5, 8, 10–11``."""
    parts: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if parts and parts[-1][1] == row - 1:
            parts[-1] = (parts[-1][0], row)
        else:
            parts.append((row, row))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in parts)


def summarise(messages: list[RowMessage]) -> list[str]:
    """One line per distinct problem: identical messages of several rows are merged.

    Messages with the same file, column, text and severity become one line listing
    the affected rows (``Zeilen 2–48 (47×)``), in the order the problems first occur,
    so a file with one systematic mistake gets one explanation instead of dozens.
    """
    groups: dict[tuple[str, str | None, str, str, bool], list[RowMessage]] = {}
    for message in messages:
        key = (message.file, message.column, message.message, message.severity,
               message.row is None)
        groups.setdefault(key, []).append(message)
    lines = []
    for (file, column, text, _severity, whole_file), group in groups.items():
        if whole_file or len(group) == 1:
            lines.extend(str(m) for m in group)
            continue
        where = f"{file}, Zeilen {format_rows([m.row for m in group if m.row])} " \
                f"({len(group)}×)"
        if column:
            where += f", Spalte „{column}“"
        lines.append(f"{where}: {text}")
    return lines


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
        lines = summarise(self.messages)
        shown = "\n".join(f"  {line}" for line in lines[:50])
        more = f"\n  … und {len(lines) - 50} weitere" if len(lines) > 50 else ""
        super().__init__(f"{head}\n{shown}{more}")


class RestoreRefused(InventoryError):
    """A backup cannot be restored (target not empty, unreadable or unknown format)."""


class AuthenticationFailed(InventoryError):
    """Unknown user, wrong password or deactivated account (deliberately not said which)."""
