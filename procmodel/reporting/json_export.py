"""The report's figures as JSON, for other city systems and scripts.

The same :class:`~procmodel.reporting.data.Report` as the documents, without the drawn
charts (SVG); dates and times in ISO 8601, measurements with value, numerator,
denominator and unit, target rules in their canonical text.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any

from procmodel.reporting.data import Report
from procmodel.strategy.rules import COUNT_NOUNS, Rule

_DRAWINGS = {"overview_chart", "gantt_svg", "reifegrad_chart", "target_charts", "series"}


def _plain(value: Any) -> Any:
    if isinstance(value, Rule):
        return {"text": value.text(), "description": value.describe_de(),
                "goal": value.goal_de(), "scope": value.scope_de(),
                # what a value counts: "%", "Leistungen", "Medienbrüche", "Reifegrad"
                "unit": value.unit or COUNT_NOUNS.get(value.metric, ("", "Reifegrad"))[1]}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)
                if f.name not in _DRAWINGS}
    if isinstance(value, dict):
        return {"ohne" if k is None else str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-able data (charts left out)."""
    data = _plain(report)
    data["period"] = {"key": report.period.key, "start": report.period.start.isoformat(),
                      "end": report.period.end.isoformat(), "title": report.period.title_de}
    for section, raw in zip(report.sections, data["sections"], strict=True):
        for assessment, target in zip(section.targets, raw["targets"], strict=True):
            target["status_label"] = assessment.status_de
            target["series"] = [[d.isoformat(), v] for d, v in assessment.series]
    data.pop("all_targets", None)  # the same assessments as in the sections
    return data


def render_json(report: Report) -> bytes:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2).encode("utf-8")

