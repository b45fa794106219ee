"""Gantt model and SVG: overlapping, overdue, finished and planned items, milestones."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from procmodel.strategy.gantt_svg import render_gantt_svg
from procmodel.strategy.timeline import Milestone, TimelineItem, build_gantt

TODAY = date(2026, 11, 26)
SVG = "{http://www.w3.org/2000/svg}"


def _items():
    return [
        TimelineItem(1, "E-Akte Einführung", "Verwaltungsdigitalisierung", date(2026, 1, 1),
                     date(2026, 10, 31), "in_arbeit", "Amt 10",
                     (Milestone("Pilot", date(2026, 5, 1), date(2026, 5, 10)),
                      Milestone("Roll-out", date(2026, 9, 30)))),
        TimelineItem(2, "Rechnungsworkflow <neu>", "Verwaltungsdigitalisierung",
                     date(2026, 6, 1), date(2027, 3, 31), "in_arbeit", "Amt 10",
                     depends_on=(1,)),
        TimelineItem(3, "Portal-Relaunch", "OZG-Umsetzung", date(2025, 12, 1),
                     date(2026, 6, 30), "abgeschlossen", "Amt 12",
                     (Milestone("Go-live", date(2026, 6, 30), date(2026, 6, 28)),),
                     finished_on=date(2026, 6, 28)),
        TimelineItem(4, "Sensorik Parkraum", "Smart City", date(2027, 3, 1),
                     date(2027, 12, 31), "geplant", "Amt 61", outlook=True, priority=1),
    ]


def test_model_flags_overdue_overlap_and_dependencies():
    model = build_gantt(_items(), TODAY, field_order=["OZG-Umsetzung", "Smart City"])
    assert [g.handlungsfeld for g in model.groups] == [
        "OZG-Umsetzung", "Smart City", "Verwaltungsdigitalisierung"]
    rows = {r.item.id: r for r in model.rows}
    assert rows[1].overdue and not rows[3].overdue and not rows[4].overdue
    assert [m.name for m in rows[1].overdue_milestones] == ["Roll-out"]
    assert model.overlaps == ((1, 2),)
    assert rows[2].overlaps_with == (1,) and rows[2].blocked_by == (1,)
    assert model.start == date(2025, 12, 1) and model.end == date(2027, 12, 31)
    assert model.months()[0] == date(2025, 12, 1) and len(model.months()) == 25


def test_svg_marks_items_and_escapes_text():
    model = build_gantt(_items(), TODAY)
    svg = render_gantt_svg(model, title="Zeitplan <Test>")
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own output; checks it is well-formed
    groups = {g.get("data-item-id"): g.get("class") for g in root.iter(f"{SVG}g")
              if g.get("data-item-id")}
    assert "gantt-overdue" in groups["1"] and "gantt-overlap" in groups["1"]
    assert "gantt-finished" in groups["3"] and "gantt-overdue" not in groups["3"]
    assert "gantt-outlook" in groups["4"]
    texts = "".join(root.itertext())
    assert "Rechnungsworkflow <neu>" in texts and "<neu>" not in svg
    today = [e for e in root.iter(f"{SVG}line") if e.get("class") == "gantt-today"]
    assert len(today) == 1
    milestones = [p.get("class") for p in root.iter(f"{SVG}path")]
    assert "gantt-milestone gantt-milestone-overdue" in milestones
    assert sum("gantt-milestone-done" in c for c in milestones) == 2
    assert "style=" not in svg  # CSP: presentation attributes only


def test_empty_timeline_renders():
    svg = render_gantt_svg(build_gantt([], TODAY))
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"


def test_svg_draws_dependencies_and_explains_overlap_marks():
    svg = render_gantt_svg(build_gantt(_items(), TODAY))
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own output
    deps = [g for g in root.iter(f"{SVG}g") if "gantt-dependency" in (g.get("class") or "")]
    # 2 depends on 1, and 1 ends (31.10.2026) after 2 starts (01.06.2026): a late arrow
    assert [(g.get("data-from"), g.get("data-to")) for g in deps] == [("1", "2")]
    assert "gantt-dependency-late" in deps[0].get("class")
    assert "E-Akte Einführung → Rechnungsworkflow <neu>" in "".join(deps[0].itertext())
    marks = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "gantt-overlap-mark"]
    assert marks and "Amt 10" in "".join(marks[0].itertext())
    legend = "".join(next(g for g in root.iter(f"{SVG}g")
                          if g.get("class") == "gantt-legend").itertext())
    assert "hängt ab von" in legend and "gleiche Stelle, zeitgleich" in legend
