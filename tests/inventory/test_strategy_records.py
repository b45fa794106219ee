"""Targets, projects and narratives in the register: revisions, state as of a moment,
snapshots from the status history, conflicts and validation (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from strategy_register import MUNICIPAL_RULE, OZG, VD, fill_known_register

from inventory.strategy import (
    StrategyConflict,
    StrategyInvalid,
    build_snapshot,
    create_project,
    create_target,
    list_projects,
    list_targets,
    narratives_for,
    revisions_of,
    save_narrative,
    snapshot_source,
    targets_as_of,
    timeline_as_of,
    update_project,
    update_target,
)
from procmodel.strategy import assess, measure, parse_rule
from procmodel.strategy.periods import day_end


def test_snapshot_follows_the_history(session):
    ids = fill_known_register(session)
    rule = parse_rule(MUNICIPAL_RULE)
    at = snapshot_source(session)
    values = {d: measure(rule, OZG, at(d)) for d in (
        date(2026, 1, 1), date(2026, 6, 30), date(2026, 12, 31), date(2027, 1, 1))}
    assert values[date(2026, 1, 1)].value == 0.0
    assert (values[date(2026, 6, 30)].numerator, values[date(2026, 6, 30)].denominator) == (1, 3)
    # the change at 23:30 Berlin on 31 December belongs to that day; 00:30 on 1 January not
    assert values[date(2026, 12, 31)].numerator == 2
    assert values[date(2027, 1, 1)].value == 100.0
    snap = at(date(2026, 6, 30))
    states = {s.service_id: s for s in snap.services}
    assert states[ids["Gewerbeanmeldung"]].online_share == pytest.approx(0.10)
    assert states[ids["Rechnungseingang"]].status == "in Umsetzung"
    assert states[ids["Wohngeld"]].leika_types == frozenset({"4"})
    assert at(date(2026, 10, 1)).services[0].online_share == pytest.approx(0.40)
    # before the services existed the register was empty
    assert build_snapshot(session, day_end(date(2025, 11, 30))).services == ()


def test_target_assessment_today_and_at_past_dates(session):
    fill_known_register(session)
    at = snapshot_source(session)
    (target,) = [t for t in targets_as_of(session, datetime(2026, 7, 1, tzinfo=UTC))
                 if t.handlungsfeld == OZG]
    mid = assess(target, at, date(2026, 6, 30), trend_from=date(2025, 12, 31))
    assert round(mid.current.value, 1) == 33.3 and mid.trend == "steigend"
    # straight line from 0 % (1 Jan 2026) to 100 % (30 Jun 2027): 33.0 % on 30 June
    assert round(mid.expected, 1) == 33.0 and mid.status == "auf_kurs"
    end = assess(target, at, date(2027, 1, 1))
    assert end.status == "erreicht"


def test_target_revisions_and_state_as_of(session):
    fill_known_register(session)
    (target,) = list_targets(session, handlungsfeld_id=None)[:1]
    first_rule = target.rule
    later = datetime(2027, 2, 1, tzinfo=UTC)
    update_target(session, target.id, expected_version=target.version,
                  changes={"rule": "anteil(reifegrad >= 4) ziel >= 50 % bis 2027-12-31",
                           "name": "Neu"}, changed_by="Leitung", comment="Fortschreibung",
                  when=later)
    revs = revisions_of(session, "target", target.id)
    assert [r.action for r in revs] == ["created", "updated"]
    assert revs[1].changes["name"][1] == "Neu" and revs[1].comment == "Fortschreibung"
    assert revs[1].changed_by_name == "Leitung"
    before = {t.id: t for t in targets_as_of(session, datetime(2027, 1, 31, tzinfo=UTC))}
    after = {t.id: t for t in targets_as_of(session, later)}
    assert before[target.id].rule.text() == first_rule and before[target.id].name != "Neu"
    assert after[target.id].name == "Neu"
    with pytest.raises(StrategyConflict) as err:
        update_target(session, target.id, expected_version=target.version - 1,
                      changes={"name": "Zu spät"})
    assert "Leitung" in str(err.value)
    update_target(session, target.id, expected_version=target.version,
                  changes={"archived": True}, when=datetime(2027, 3, 1, tzinfo=UTC))
    assert target.id not in {t.id for t in targets_as_of(session, datetime(2027, 3, 2,
                                                                           tzinfo=UTC))}
    assert target.id in {t.id for t in targets_as_of(session, later)}


def test_project_history_and_timeline_as_of(session):
    fill_known_register(session)
    eakte = next(p for p in list_projects(session) if p.name == "Einführung E-Akte")
    update_project(session, eakte.id, expected_version=eakte.version,
                   changes={"status": "abgeschlossen"}, comment="fertig",
                   when=datetime(2026, 11, 10, 12, tzinfo=UTC))
    assert eakte.finished_on == date(2026, 11, 10)
    then = {i.name: i for i in timeline_as_of(session, datetime(2026, 9, 1, tzinfo=UTC))}
    now = {i.name: i for i in timeline_as_of(session, datetime(2026, 12, 1, tzinfo=UTC))}
    assert then["Einführung E-Akte"].status == "in_arbeit"
    assert now["Einführung E-Akte"].finished and now["Einführung E-Akte"].services == (
        "Rechnungseingang",)
    assert then["Digitaler Rechnungsworkflow"].depends_on == (eakte.id,)
    assert [m.name for m in then["Einführung E-Akte"].milestones] == [
        "Pilotamt", "Roll-out alle Ämter"]
    rev = revisions_of(session, "project", eakte.id)[-1]
    assert rev.changes["status"] == ["in_arbeit", "abgeschlossen"]


def test_project_validation_leaves_nothing_behind(session):
    fill_known_register(session)
    count = len(list_projects(session))
    for bad, field in (
        ({"end_date": date(2025, 1, 1)}, "end_date"),
        ({"status": "fertig"}, "status"),
        ({"milestones": [{"name": "M", "due": "morgen"}]}, "milestones"),
        ({"depends_on": [99999]}, "depends_on"),
        ({"priority": 9}, "priority"),
    ):
        kwargs = {"handlungsfeld": VD, "name": "X", "start_date": date(2026, 1, 1),
                  "end_date": date(2026, 2, 1), **bad}
        with pytest.raises(StrategyInvalid) as err:
            create_project(session, **kwargs)
        assert err.value.field == field
    assert len(list_projects(session)) == count


def test_dependency_cycles_are_refused(session):
    fill_known_register(session)
    projects = {p.name: p for p in list_projects(session)}
    eakte, workflow = projects["Einführung E-Akte"], projects["Digitaler Rechnungsworkflow"]
    with pytest.raises(StrategyInvalid) as err:
        update_project(session, eakte.id, expected_version=eakte.version,
                       changes={"depends_on": [workflow.id]})
    assert "Kreis" in str(err.value)


def test_target_rule_is_validated(session):
    fill_known_register(session)
    with pytest.raises(StrategyInvalid) as err:
        create_target(session, handlungsfeld=OZG, name="X", rule="anteil(reifegrad >= 3) ziel")
    assert err.value.field == "rule" and "Spalte" in str(err.value)
    with pytest.raises(StrategyInvalid) as err:
        create_target(session, handlungsfeld="Gibt es nicht", name="X", rule=MUNICIPAL_RULE)
    assert err.value.field == "handlungsfeld"


def test_narratives_are_versioned(session):
    fill_known_register(session)
    sections = narratives_for(session, "2026-H2")
    assert [s.title for s in sections] == ["Zusammenfassung", "Stand OZG"]
    general = sections[0]
    save_narrative(session, period="2026-07-01..2026-12-31", handlungsfeld=None,
                   title="Andere Periode", body="x")
    assert len(narratives_for(session, "2026-H2")) == 2
    with pytest.raises(StrategyConflict):
        save_narrative(session, period="2026-H2", handlungsfeld=None, title="T", body="neu",
                       expected_version=general.version + 5)
    save_narrative(session, period="2026-H2", handlungsfeld=None, title="Zusammenfassung",
                   body="Neu geschrieben.", expected_version=general.version, changed_by="K")
    assert narratives_for(session, "2026-H2")[0].body == "Neu geschrieben."
    assert len(revisions_of(session, "narrative", general.id)) == 2
    with pytest.raises(StrategyInvalid):
        save_narrative(session, period="2026-H9", handlungsfeld=None, title="T", body="")


def test_history_replay_agrees_with_states_at(session):
    from strategy_register import HUNDESTEUER_CHANGE, WOHNGELD_CHANGE

    from inventory.history import states_at
    from inventory.strategy.replay import HistoryReplay

    fill_known_register(session)
    replay = HistoryReplay(session)
    moments = [datetime(2025, 11, 30, tzinfo=UTC), datetime(2026, 3, 15, 9, tzinfo=UTC),
               WOHNGELD_CHANGE, HUNDESTEUER_CHANGE, datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
               datetime(2027, 6, 1, tzinfo=UTC)]
    for moment in moments:
        assert replay.states_at(moment) == states_at(session, moment), moment


def test_project_changes_are_described_for_people():
    from inventory.strategy.report_source import milestone_changes, project_change

    old = [{"name": "Go-live", "due": "2026-05-15", "done_on": None},
           {"name": "Test", "due": "2026-03-01", "done_on": None}]
    new = [{"name": "Go-live", "due": "2026-05-15", "done_on": "2026-05-11"},
           {"name": "Schulung", "due": "2026-09-01", "done_on": None}]
    assert milestone_changes(old, new) == (
        "Meilenstein „Go-live“: erreicht am 11.05.2026; Meilenstein „Schulung“ neu "
        "(fällig 01.09.2026); Meilenstein „Test“ entfernt")
    assert project_change("status", "geplant", "in_arbeit") == ("geplant", "in Arbeit")
    assert project_change("services", [{"id": 1, "name": "A"}],
                          [{"id": 2, "name": "B"}]) == ("entfernt: A", "hinzugefügt: B")
