"""History values as users read them: names for ids, German number and date formats."""

from __future__ import annotations

from datetime import date

from inventory.history import display_value, handlungsfeld_names, history_of
from inventory.services import create_service, update_service


def test_history_values_are_shown_with_names_and_local_formats(session) -> None:
    service = create_service(session, name="Gewerbeanmeldung", fallzahl=2260,
                             online_share=13.0, target_date=date(2026, 6, 30))
    update_service(session, service.id, expected_version=1, changes={
        "handlungsfeld": "Smart City", "fallzahl": 2400, "online_share": 18.0,
        "bearbeitungszeit_minutes": 35.0, "target_date": date(2027, 3, 31)})
    session.commit()
    names = handlungsfeld_names(session)
    shown = {(row.field, display_value(row.field, row.old_value, handlungsfelder=names),
              display_value(row.field, row.new_value, handlungsfelder=names))
             for row in history_of(session, service.id) if row.old_value is not None}
    assert ("fallzahl", "2.260", "2.400") in shown
    assert ("online_share", "13,0", "18,0") in shown
    assert ("target_date", "30.06.2026", "31.03.2027") in shown
    assert ("handlungsfeld_id", "OZG-Umsetzung", "Smart City") in shown
    new_time = [display_value(r.field, r.new_value, language="en", handlungsfelder=names)
                for r in history_of(session, service.id, field="bearbeitungszeit_minutes")]
    assert new_time == ["35"]
    assert display_value("fallzahl", "12345", language="en") == "12,345"
    assert display_value("handlungsfeld_id", "99") == "Handlungsfeld 99"
    assert display_value("reifegrad", None) is None
