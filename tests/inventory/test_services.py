"""Services: create/update with history, version conflicts, state at a past date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from inventory.db import make_session_factory
from inventory.errors import ConflictError, InvalidValue
from inventory.history import history_of, service_state_at, states_at
from inventory.services import create_service, update_service
from inventory.tables import Service, StatusHistory
from inventory.users import create_user

T0 = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
T1 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
T2 = datetime(2025, 3, 15, 8, 30, tzinfo=UTC)


def test_create_records_initial_steering_values(session) -> None:
    service = create_service(session, name="Gewerbeanmeldung", handlungsfeld="OZG-Umsetzung",
                             department="Ordnungsamt", reifegrad=1, umsetzungsstatus="in Planung",
                             fallzahl="1.200", online_share="12,5", when=T0)
    session.commit()
    assert service.version == 1
    assert service.fallzahl == 1200 and service.online_share == 12.5
    fields = {h.field: h.new_value for h in history_of(session, service.id)}
    assert fields == {"reifegrad": "1", "reifegrad_model": "1.1", "umsetzungsstatus": "in Planung",
                      "handlungsfeld_id": str(service.handlungsfeld_id),
                      "department": "Ordnungsamt", "fallzahl": "1200", "online_share": "12.5"}


def test_reifegrad_is_checked_against_its_model(session) -> None:
    with pytest.raises(InvalidValue, match=r"Reifegradmodell 1\.1"):
        create_service(session, name="X", reifegrad=9)
    service = create_service(session, name="Y", reifegrad=6, reifegrad_model="2.0")
    assert service.reifegrad == 6
    with pytest.raises(InvalidValue, match="Reifegrad 6"):
        # Switching back to 1.1 would leave level 6 out of range.
        update_service(session, service.id, expected_version=1,
                       changes={"reifegrad_model": "1.1"})


def test_update_appends_history_and_bumps_version(session) -> None:
    user = create_user(session, "koordination", "geheim-123456", role="coordinator",
                       display_name="Frau Koordination")
    service = create_service(session, name="Hundesteuer", reifegrad=0, when=T0)
    update_service(session, service.id, expected_version=1, changed_by=user, when=T1,
                   changes={"reifegrad": 2, "umsetzungsstatus": "in Umsetzung", "notes": "x"},
                   comment="Formular online")
    session.commit()
    assert service.version == 2
    rows = [h for h in history_of(session, service.id) if h.changed_at == T1]
    assert {(h.field, h.old_value, h.new_value) for h in rows} == {
        ("reifegrad", "0", "2"), ("umsetzungsstatus", None, "in Umsetzung")}
    assert all(h.changed_by_name == "Frau Koordination" and h.comment == "Formular online"
               for h in rows)
    # No change, no new history and no new version.
    update_service(session, service.id, expected_version=2, changes={"reifegrad": 2})
    assert service.version == 2


def test_concurrent_edit_is_refused_naming_who_saved_first(engine) -> None:
    factory = make_session_factory(engine)
    with factory() as setup:
        first = create_user(setup, "anna", "passwort-lang-1", role="coordinator",
                            display_name="Anna Amt")
        service = create_service(setup, name="Wohngeld", reifegrad=1)
        setup.commit()
        service_id, anna_id = service.id, first.id
    with factory() as alice, factory() as bob:
        seen_by_alice = alice.get(Service, service_id).version
        seen_by_bob = bob.get(Service, service_id).version
        update_service(alice, service_id, expected_version=seen_by_alice, changed_by=anna_id,
                       changes={"reifegrad": 2})
        alice.commit()
        with pytest.raises(ConflictError) as caught:
            update_service(bob, service_id, expected_version=seen_by_bob,
                           changes={"reifegrad": 3})
        bob.rollback()
    assert caught.value.saved_by == "Anna Amt"
    assert "Anna Amt" in str(caught.value)
    with factory() as check:
        reloaded = check.get(Service, service_id)
        assert reloaded.reifegrad == 2 and reloaded.version == 2
        assert check.scalars(select(StatusHistory.new_value).where(
            StatusHistory.service_id == service_id, StatusHistory.field == "reifegrad")
        ).all() == ["1", "2"]


def test_state_at_past_dates(session) -> None:
    service = create_service(session, name="Anwohnerparkausweis", reifegrad=1,
                             umsetzungsstatus="in Planung", target_reifegrad=3,
                             target_date=date(2025, 12, 31), when=T0)
    update_service(session, service.id, expected_version=1, when=T1,
                   changes={"reifegrad": 2, "umsetzungsstatus": "in Umsetzung"})
    update_service(session, service.id, expected_version=2, when=T2,
                   changes={"reifegrad": 3, "umsetzungsstatus": "online verfügbar",
                            "target_date": "2026-06-30", "department": "Straßenverkehrsamt"})
    session.commit()
    before = service_state_at(session, service.id, datetime(2023, 1, 1, tzinfo=UTC))
    assert before["exists"] is False
    at_t0 = service_state_at(session, service.id, T0)
    assert (at_t0["reifegrad"], at_t0["umsetzungsstatus"], at_t0["department"]) == (
        1, "in Planung", None)
    mid = service_state_at(session, service.id, date(2024, 12, 31))
    assert mid["reifegrad"] == 2 and mid["umsetzungsstatus"] == "in Umsetzung"
    assert mid["target_date"] == date(2025, 12, 31) and mid["target_reifegrad"] == 3
    now = service_state_at(session, service.id, datetime.now(UTC))
    assert now["reifegrad"] == 3 and now["target_date"] == date(2026, 6, 30)
    assert now["department"] == "Straßenverkehrsamt"
    assert states_at(session, date(2024, 12, 31))[service.id] == mid


def test_history_rows_cannot_be_edited(session) -> None:
    service = create_service(session, name="Fundsachen", reifegrad=0)
    session.commit()
    row = history_of(session, service.id)[0]
    row.new_value = "4"
    with pytest.raises(Exception, match="nicht geändert"):
        session.flush()


def test_delete_removes_history_and_checks_version(session) -> None:
    from inventory.errors import NotFound
    from inventory.services import delete_service, get_service

    service = create_service(session, name="Sperrmüll", reifegrad=2)
    update_service(session, service.id, expected_version=1, changes={"reifegrad": 3})
    session.commit()
    with pytest.raises(ConflictError):
        delete_service(session, service.id, expected_version=1)
    delete_service(session, service.id, expected_version=2)
    session.commit()
    with pytest.raises(NotFound):
        get_service(session, service.id)
    assert session.scalars(select(StatusHistory).where(
        StatusHistory.service_id == service.id)).all() == []


def test_conflict_between_check_and_write_is_caught(engine) -> None:
    """Someone commits after our version check but before our UPDATE: still a conflict."""
    from sqlalchemy import event

    factory = make_session_factory(engine)
    with factory() as setup:
        service_id = create_service(setup, name="Kita-Platz", reifegrad=1).id
        setup.commit()
    with factory() as alice, factory() as bob:
        fired = []

        def alice_saves_first(_session, _context, _instances) -> None:
            if not fired:
                fired.append(True)
                update_service(alice, service_id, expected_version=1,
                               changes={"reifegrad": 2})
                alice.commit()

        event.listen(bob, "before_flush", alice_saves_first)
        with pytest.raises(ConflictError) as caught:
            update_service(bob, service_id, expected_version=1, changes={"reifegrad": 4})
        assert fired and caught.value.current_version == 2
    with factory() as check:
        assert check.get(Service, service_id).reifegrad == 2


def test_database_refuses_editing_history_but_allows_removing_the_user(session) -> None:
    from sqlalchemy import update
    from sqlalchemy.exc import DBAPIError

    user = create_user(session, "weg", "passwort-lang-9", role="coordinator")
    service = create_service(session, name="Urlaubsantrag", reifegrad=1, created_by=user)
    session.commit()
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(update(StatusHistory).where(StatusHistory.service_id == service.id)
                        .values(new_value="4"))
    session.rollback()
    session.delete(user)  # the history keeps the name; the link is set to NULL
    session.commit()
    rows = history_of(session, service.id)
    assert rows and all(r.changed_by_id is None and r.new_value != "4" for r in rows)
