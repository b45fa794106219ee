"""Target values on a register whose history is known, today and at past dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

from procmodel.strategy import (
    DuplicateFigures,
    ServiceState,
    Snapshot,
    TargetDef,
    assess,
    measure,
    parse_rule,
)

OZG = "OZG-Umsetzung"

# Reifegrad of services 1..4 over time (day -> level); a hand-made history.
HISTORY = {
    1: {date(2026, 1, 1): 1, date(2026, 3, 1): 3},
    2: {date(2026, 1, 1): 2, date(2026, 8, 1): 3},
    3: {date(2026, 1, 1): 0, date(2026, 12, 31): 4},
    4: {date(2026, 1, 1): 3},
}
LEIKA = {1: {"3"}, 2: {"2/3"}, 3: {"5"}, 4: {"1"}}
FALLZAHL = {1: 1000, 2: 3000, 3: 500, 4: 10}


def _snapshot(day: date) -> Snapshot:
    states = []
    for sid, changes in HISTORY.items():
        known = [d for d in changes if d <= day]
        if not known:
            continue
        level = changes[max(known)]
        states.append(ServiceState(
            service_id=sid, name=f"L{sid}", handlungsfeld=OZG,
            leika_types=frozenset(LEIKA[sid]), reifegrad=level,
            fallzahl=FALLZAHL[sid], online_share=1.0 if level >= 3 else 0.0,
            status="online verfügbar" if level >= 3 else "in Umsetzung"))
    states.append(ServiceState(99, "Smart", "Smart City", frozenset({"5"}), 0))
    dup = DuplicateFigures(total=8, cross_field=6 if day < date(2026, 9, 1) else 3,
                           cross_by_field={OZG: 4}, analysed_at=datetime(2026, 1, 2, tzinfo=UTC))
    return Snapshot(datetime(day.year, day.month, day.day, tzinfo=UTC), tuple(states), dup)


def _target(rule: str, start=date(2026, 1, 1)) -> TargetDef:
    return TargetDef(1, "Ziel", OZG, parse_rule(rule), start)


def test_share_of_municipal_services_at_reifegrad_3_over_time():
    rule = parse_rule("anteil(reifegrad >= 3) wo leika_typ in {2/3, 3, 4, 5} ziel 100 %")
    # service 4 is LeiKa-Typ 1 and not counted; the Smart City service is another field
    at = {d: measure(rule, OZG, _snapshot(d)).value for d in (
        date(2026, 2, 1), date(2026, 6, 30), date(2026, 8, 1), date(2026, 12, 30),
        date(2026, 12, 31))}
    assert at[date(2026, 2, 1)] == 0.0
    assert round(at[date(2026, 6, 30)], 1) == 33.3
    assert round(at[date(2026, 8, 1)], 1) == 66.7
    assert round(at[date(2026, 12, 30)], 1) == 66.7
    assert at[date(2026, 12, 31)] == 100.0
    m = measure(rule, OZG, _snapshot(date(2026, 8, 1)))
    assert (m.numerator, m.denominator, m.display()) == (2, 3, "66,7 %")


def test_online_share_of_cases_is_weighted_by_fallzahl():
    rule = parse_rule("online_fallzahl ziel 50 %")
    m = measure(rule, OZG, _snapshot(date(2026, 6, 1)))
    # online: service 1 (1000) and 4 (10) of 4510 cases
    assert round(m.value, 2) == round(100 * 1010 / 4510, 2)
    assert measure(rule, "Smart City", _snapshot(date(2026, 6, 1))).value is None


def test_assessment_status_and_trend():
    target = _target("anteil(reifegrad >= 3) wo leika_typ in {2/3, 3, 4, 5} "
                     "ziel >= 100 % bis 2027-06-30")
    a = assess(target, _snapshot, date(2026, 12, 30), trend_from=date(2026, 6, 30),
               series_dates=[date(2026, 3, 31), date(2026, 9, 30), date(2027, 3, 31)])
    assert a.trend == "steigend" and a.trend_good is True
    assert round(a.previous.value, 1) == 33.3
    # 66.7 % against the straight line from 0 % (1 Jan 2026) to 100 % (30 Jun 2027): 66.6 %
    assert round(a.expected, 1) == 66.6
    assert a.status == "auf_kurs"
    assert [d for d, _ in a.series] == [date(2026, 3, 31), date(2026, 9, 30)]
    done = assess(target, _snapshot, date(2026, 12, 31))
    assert done.status == "erreicht" and done.status_de == "erreicht"
    late = assess(_target("anteil(reifegrad >= 4) ziel >= 100 % bis 2026-06-30"), _snapshot,
                  date(2026, 7, 1))
    assert late.status == "verfehlt"


def test_relative_duplicate_target_uses_the_baseline():
    target = _target("doppelstrukturen wo handlungsfeld = alle ziel <= 50 % der basis "
                     "2026-06-30 bis 2027-12-31")
    before = assess(target, _snapshot, date(2026, 7, 15))
    assert before.goal == 3.0 and before.current.value == 6.0
    assert before.status == "gefaehrdet"
    after = assess(target, _snapshot, date(2026, 9, 1), trend_from=date(2026, 7, 1))
    assert after.status == "erreicht" and after.trend == "fallend" and after.trend_good


def test_no_data_without_analysis():
    empty = Snapshot(datetime(2026, 1, 1, tzinfo=UTC), ())
    target = _target("doppelstrukturen ziel <= 2")
    assert assess(target, lambda d: empty, date(2026, 1, 1)).status == "keine_daten"


def test_values_carry_their_unit_and_scope():
    count = _target("anzahl(reifegrad >= 3) ziel >= 4 bis 2027-06-30")
    a = assess(count, _snapshot, date(2026, 6, 30), trend_from=date(2026, 2, 1))
    assert a.current_de() == "2 Leistungen" and a.previous_de() == "1 Leistung"
    assert count.rule.goal_de() == "≥ 4 Leistungen bis 30.06.2027"
    assert a.scope_de() == "Handlungsfeld OZG-Umsetzung"
    assert count.rule.describe_de(OZG).endswith("(Handlungsfeld OZG-Umsetzung)")
    media = parse_rule("medienbrueche ziel <= 5")
    assert media.value_de(3.0) == "3 Medienbrüche" and media.goal_de() == "≤ 5 Medienbrüche"
    assert parse_rule("mittel(reifegrad) ziel 2,5").value_de(1.84) == "Reifegrad 1,8 im Mittel"
    relative = _target("doppelstrukturen wo handlungsfeld = alle ziel <= 50 % der basis "
                       "2026-06-30 bis 2027-12-31")
    r = assess(relative, _snapshot, date(2026, 7, 15))
    assert r.current_de() == "6 Doppelstrukturen (Basis 6)"
    assert r.goal_display() == "3 Doppelstrukturen"
    assert relative.rule.goal_de() == "≤ 50 % des Werts vom 30.06.2026 bis 31.12.2027"
    assert r.scope_de() == "alle Handlungsfelder"
