"""Exceptions of the strategy core; each carries a German and an English message."""

from __future__ import annotations

from procmodel.errors import ProcmodelError


class StrategyError(ProcmodelError):
    """Root of the strategy core's errors on bad input."""

    def __init__(self, message_de: str, message_en: str | None = None) -> None:
        super().__init__(message_de)
        self.message_de = message_de
        self.message_en = message_en or message_de


class PeriodError(StrategyError):
    """A period text such as ``2026-H2`` or ``2026-07-01..2026-12-31`` cannot be read."""


class RuleError(StrategyError):
    """A target rule cannot be read; ``position`` is the 1-based column of the problem."""

    def __init__(self, message_de: str, message_en: str | None = None, *,
                 position: int | None = None) -> None:
        where = f" (Spalte {position})" if position else ""
        where_en = f" (column {position})" if position else ""
        super().__init__(message_de + where, (message_en or message_de) + where_en)
        self.position = position
