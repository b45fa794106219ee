"""Validation findings: what is wrong with a model, where, and in two languages.

Findings are produced by the ``bpmn`` package, stored by ``inventory`` and shown by
the edges; they live in the core so that all of them share one type.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is; ``ERROR`` findings make ``procmodel check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Finding:
    """One validation finding.

    ``rule`` is a stable rule id such as ``"schema"``, ``"ref-dangling"`` or
    ``"label-required"``; ``message_de`` and ``message_en`` say what is wrong and
    how to fix it.  ``file``, ``line``, ``element_id`` and ``element_name`` locate it.
    """

    severity: Severity
    rule: str
    message_de: str
    message_en: str
    file: str | None = None
    line: int | None = None
    element_id: str | None = None
    element_name: str | None = None

    def message(self, language: str = "de") -> str:
        return self.message_en if language == "en" else self.message_de

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Finding:
        values = dict(data)
        values["severity"] = Severity(str(values["severity"]))
        return cls(**values)  # type: ignore[arg-type]

    def location(self, language: str = "de") -> str:
        """``file:line [element id „name“]`` for plain text, with the quotes of ``language``."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts[0] += f":{self.line}"
        if self.element_id:
            opening, closing = ("\u201e", "\u201c") if language == "de" else ("\u201c", "\u201d")
            label = f" {opening}{self.element_name}{closing}" if self.element_name else ""
            parts.append(f"[{self.element_id}{label}]")
        return " ".join(parts)


def worst(findings: list[Finding] | tuple[Finding, ...]) -> Severity | None:
    """The most severe severity among ``findings``, ``None`` when there are none."""
    if not findings:
        return None
    return max((f.severity for f in findings), key=lambda s: s.rank)
