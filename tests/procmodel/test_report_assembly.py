"""Report assembly on plain data (no database): the source protocol, the cap on listed
changes, milestones by period, and the refusal of periods that have not started."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from procmodel.reporting import ChangeRecord, Narrative, PeriodNotStarted, assemble_report
from procmodel.reporting.data import MAX_LISTED_CHANGES
from procmodel.strategy import Period, ServiceState, Snapshot, TargetDef, parse_rule
from procmodel.strategy.timeline import Milestone, TimelineItem

FIELD = "Smart City"


class Source:
    organisation = "Teststadt"

    def snapshot_at(self, day: date) -> Snapshot:
        level = 3 if day >= date(2026, 9, 1) else 1
        return Snapshot(datetime(day.year, day.month, day.day, tzinfo=UTC),
                        (ServiceState(1, "Mängelmelder", FIELD, reifegrad=level),),
                        handlungsfelder=(FIELD,))

    def targets_at(self, moment):
        return [TargetDef(1, "Reifegrad 3", FIELD,
                          parse_rule("anteil(reifegrad >= 3) ziel >= 100 % bis 2026-12-31"),
                          date(2026, 1, 1))]

    def timeline_at(self, moment):
        return [TimelineItem(1, "App", FIELD, date(2026, 1, 1), date(2026, 8, 31), "in_arbeit",
                             milestones=(Milestone("Beta", date(2026, 3, 1), date(2026, 3, 5)),
                                         Milestone("Start", date(2026, 8, 1), date(2026, 7, 20)),
                                         Milestone("Ausbau", date(2026, 10, 1))))]

    def service_changes(self, start, end):
        first = datetime(2026, 7, 2, 8, tzinfo=UTC)
        return [ChangeRecord(first + timedelta(hours=n), FIELD, "Mängelmelder",
                             "Umsetzungsstatus", "a", "b", key="umsetzungsstatus")
                for n in range(MAX_LISTED_CHANGES + 20)] + [
            ChangeRecord(first, FIELD, "Mängelmelder", "Fallzahl", "1", "2", key="fallzahl")]

    def timeline_changes(self, start, end):
        return []

    def narratives(self, period):
        return [Narrative(FIELD, "Stand", "Text")]


def test_assembly_from_plain_data():
    report = assemble_report(Source(), Period.parse("2026-H2"), today=date(2027, 1, 5),
                             generated_at=datetime(2027, 1, 5, tzinfo=UTC))
    (section,) = report.sections
    assert len(section.service_changes) == MAX_LISTED_CHANGES
    assert section.service_changes_omitted == 20
    assert section.service_changes[-1].when > section.service_changes[0].when  # newest kept
    assert section.service_change_counts == {"Umsetzungsstatus": MAX_LISTED_CHANGES + 20,
                                             "Fallzahl": 1}
    assert [e.milestone.name for e in section.finished_milestones] == ["Start"]
    assert [e.milestone.name for e in section.late_milestones] == ["Ausbau"]
    assert [i.name for i in section.overdue_projects] == ["App"]
    assert section.targets[0].status == "erreicht" and section.narrative.title == "Stand"
    assert report.total.conformant.value == 100.0
    assert report.total.conformant_start.value == 0.0


def test_period_not_started_is_refused():
    with pytest.raises(PeriodNotStarted) as err:
        assemble_report(Source(), Period.parse("2027-H2"), today=date(2027, 1, 5),
                        generated_at=datetime(2027, 1, 5, tzinfo=UTC))
    assert "01.07.2027" in str(err.value)


def test_narrative_text_keeps_paragraphs_and_bullet_lists():
    from procmodel.reporting.data import Narrative

    text = "Stand:\nweiter gut\n* Punkt\n* Punkt 2\n  fortgesetzt\nSchluss\n\n- a\n\nEnde"
    assert Narrative(None, "t", text).blocks == [
        ("p", "Stand: weiter gut"), ("ul", ("Punkt", "Punkt 2 fortgesetzt")),
        ("p", "Schluss"), ("ul", ("a",)), ("p", "Ende")]
