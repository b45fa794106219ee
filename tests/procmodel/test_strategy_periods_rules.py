"""Periods (Berlin days, inclusive end) and the target rule language."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from procmodel.strategy import Period, PeriodError, RuleError, local_day, parse_rule


def test_half_year_and_range_are_the_same_days():
    h2 = Period.parse("2026-H2")
    rng = Period.parse("2026-07-01..2026-12-31")
    assert (h2.start, h2.end) == (rng.start, rng.end) == (date(2026, 7, 1), date(2026, 12, 31))
    assert h2.key == "2026-H2" and h2.title_de == "2. Halbjahr 2026"
    assert Period.parse("2026-h1").end == date(2026, 6, 30)
    assert Period.parse("2026-Q1").end == date(2026, 3, 31)
    assert h2.previous_half_year().key == "2026-H1"
    assert Period.parse("2026-H1").previous_half_year().key == "2025-H2"


def test_last_day_belongs_to_the_half_year():
    h2 = Period.parse("2026-H2")
    assert h2.contains(date(2026, 12, 31))
    assert not h2.contains(date(2027, 1, 1))
    # 23:30 Berlin on the last day (winter: UTC+1) is 22:30 UTC: inside
    assert h2.contains(datetime(2026, 12, 31, 22, 30, tzinfo=UTC))
    # 00:30 Berlin on 1 January is 23:30 UTC on 31 December: outside
    assert not h2.contains(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert local_day(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)
    # summer time (UTC+2): 30 June 22:30 UTC is already 1 July in Berlin
    h1 = Period.parse("2026-H1")
    assert not h1.contains(datetime(2026, 6, 30, 22, 30, tzinfo=UTC))
    assert h1.contains(datetime(2026, 6, 30, 21, 59, tzinfo=UTC))
    assert h1.end_instant.astimezone(UTC) == datetime(2026, 6, 30, 21, 59, 59, 999999,
                                                      tzinfo=UTC)
    # naive datetimes are read as UTC
    assert h2.contains(datetime(2026, 12, 31, 22, 59))


@pytest.mark.parametrize("text", ["01.07.2026..31.12.2026", "1.7.2026 – 31.12.2026",
                                  "01.07.2026 bis 31.12.2026", "2026-07-01 - 2026-12-31"])
def test_german_date_ranges_are_read(text):
    period = Period.parse(text)
    assert (period.start, period.end, period.key) == (
        date(2026, 7, 1), date(2026, 12, 31), "2026-07-01..2026-12-31")
    assert Period.parse("31.12.2026").days == 1


@pytest.mark.parametrize("text", ["2026-H3", "2026-13-01..2026-12-31", "bald",
                                  "2026-12-31..2026-01-01", "", "31.13.2026",
                                  "01.07.2026..31.06.2026"])
def test_bad_periods_are_refused_clearly(text):
    with pytest.raises(PeriodError) as err:
        Period.parse(text)
    assert "Zeitraum" in str(err.value) or "Datum" in str(err.value)


@pytest.mark.parametrize("text", [
    "anteil(reifegrad >= 3) wo leika_typ in {2/3, 3, 4, 5} ziel >= 100 % bis 2027-06-30",
    "anteil(reifegrad >= konform) ziel >= 80 % bis 2027-12-31",
    "online_fallzahl ziel >= 50 %",
    'anteil(status in {"online verfügbar", Roll-out}) wo handlungsfeld = alle ziel >= 60 %',
    "doppelstrukturen ziel <= 50 % der basis 2026-06-30 bis 2027-12-31",
    'anzahl(reifegrad >= 4) wo status nicht in {eingestellt} und reifegradmodell = 1.1 '
    'ziel >= 10 bis 2027-06-30',
    "mittel(reifegrad) wo handlungsfeld = \"Smart City\" ziel >= 2,5",
])
def test_rules_round_trip_through_their_canonical_text(text):
    rule = parse_rule(text)
    assert parse_rule(rule.text()) == rule


def test_rule_fields_and_defaults():
    rule = parse_rule("ANTEIL(Reifegrad >= 3) WO LeiKa_Typ IN {2/3,3,4,5} ZIEL 100 % "
                      "BIS 2027-06-30")
    assert rule.metric == "anteil_reifegrad" and rule.level == 3 and rule.op == ">="
    assert rule.leika_types == frozenset({"2/3", "3", "4", "5"})
    assert rule.deadline == date(2027, 6, 30)
    dup = parse_rule("doppelstrukturen ziel 50 % der basis 2026-06-30")
    assert dup.op == "<=" and dup.relative and dup.baseline == date(2026, 6, 30)
    assert "Medienbrüche" in parse_rule("medienbrüche ziel 0").describe_de()


@pytest.mark.parametrize(("text", "column", "words"), [
    ("anteil(reifegrad >= 9) ziel 3 %", 21, "nicht 0–7"),
    ("online_fallzahl ziel 50", 22, "in %"),
    ("foo ziel 1", 1, "Unbekannte Messgröße"),
    ("anteil(reifegrad >= 3) ziel 100 % bis 2027-13-01", 39, "Datum"),
    ("anteil(reifegrad >= 3) wo leika_typ in {7} ziel 1 %", 27, "LeiKa-Typ"),
    ("anteil(reifegrad >= 3) ziel 100 % ; x", 35, "Unerwartetes Zeichen"),
    ("anteil(reifegrad >= 3)", 23, "zu früh"),
    ("doppelstrukturen ziel 5 der basis 2026-01-01", 23, "relatives Ziel"),
])
def test_bad_rules_name_the_column(text, column, words):
    with pytest.raises(RuleError) as err:
        parse_rule(text)
    assert err.value.position == column
    assert words in str(err.value)
    assert f"Spalte {column}" in str(err.value)
