"""Exceptions of the ``bpmn`` package.

:class:`UnreadableBpmn` means the file cannot be used at all (malformed, hostile,
too large, too deep, not BPMN).  It carries the :class:`~procmodel.findings.Finding`
that says why, in German and English, with the line where known.
"""

from __future__ import annotations

from procmodel.findings import Finding, Severity


class BpmnError(Exception):
    """Root of the errors raised by the ``bpmn`` package."""


class UnreadableBpmn(BpmnError):
    """The input cannot be read as BPMN at all; ``finding`` says why and where."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message_de)
        self.finding = finding

    def __str__(self) -> str:
        """The German message with its line, without the file name.

        Callers name the file themselves (``f"{path}: {exc}"``), so the path appears
        once; :meth:`message` gives ``file:line: message`` in either language.
        """
        line = self.finding.line
        return f"Zeile {line}: {self.finding.message_de}" if line else self.finding.message_de

    @classmethod
    def make(
        cls,
        rule: str,
        message_de: str,
        message_en: str,
        *,
        file: str | None = None,
        line: int | None = None,
    ) -> UnreadableBpmn:
        """Build the exception and its error finding in one go."""
        return cls(
            Finding(
                severity=Severity.ERROR,
                rule=rule,
                message_de=message_de,
                message_en=message_en,
                file=file,
                line=line,
            )
        )

    def message(self, language: str = "de") -> str:
        """``file:line: message`` in the requested language."""
        return f"{self.finding.location()}: {self.finding.message(language)}"
