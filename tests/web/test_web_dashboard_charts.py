"""Dashboard: long Handlungsfeld names fit the charts, one Reifegrad chart per model,
status changes counted per Berlin calendar month."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from web.dashboard.charts import Bar, stacked_bars, wrap_label


def test_long_labels_wrap_inside_the_label_column():
    assert wrap_label("Smart City", 24) == ["Smart City"]
    assert wrap_label("IT- und Kommunikationsstrategie", 24) == [
        "IT- und", "Kommunikationsstrategie"]
    assert wrap_label("a b c d e f g h", 3, lines=2) == ["a b", "c …"]
    svg = stacked_bars([Bar("IT- und Kommunikationsstrategie", [("swatch-1", 3, "x")])],
                       title="t", description="d")
    texts = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert texts == ["IT- und", "Kommunikationsstrategie"]
    # 13 px text, ~7 px a character: every line fits left of the label edge (x = 202)
    assert all(len(t) * 7 <= 202 for t in texts)


def _set(db_session, service_id: int, **changes) -> None:
    from inventory import services

    current = services.get_service(db_session, service_id)
    services.update_service(db_session, service_id, expected_version=current.version,
                            changes=changes, changed_by=None, comment="Test")
    db_session.commit()


def test_one_reifegrad_chart_per_model_in_use(login, ids, db_session):
    html = login("viewer").get("/").get_data(as_text=True)
    assert 'id="reifegrad-models-note"' not in html
    _set(db_session, ids["hund"], reifegrad_model="2.0", reifegrad=6)
    html = login("viewer").get("/").get_data(as_text=True)
    assert 'id="reifegrad-models-note"' in html
    assert "Reifegradmodell 1.1" in html and "Reifegradmodell 2.0" in html
    legend = html[html.index('data-model="2.0"'):].split("</ul>")[0]
    assert "6 –" in legend and "7 –" in legend
    legend11 = html[html.index('data-model="1.1"'):].split("</ul>")[0]
    assert "5 –" not in legend11 and "4 – Online-Transaktion" in legend11


def test_changes_are_grouped_by_berlin_month(db_session, ids):
    from inventory.tables.services import StatusHistory
    from web.dashboard.figures import build

    # 23:30 UTC on 31 October is 00:30 on 1 November in Berlin (CET, UTC+1).
    db_session.add(StatusHistory(service_id=ids["gewerbe"], field="reifegrad",
                                 old_value="1", new_value="2",
                                 changed_at=datetime(2025, 10, 31, 23, 30, tzinfo=UTC)))
    db_session.commit()
    months = dict(build(db_session, today=date(2025, 11, 15)).changes_by_month)
    assert months["2025-11"] == 1 and months["2025-10"] == 0


def test_empty_register_says_what_to_do_first(login, ids, db_session):
    from sqlalchemy import delete

    from inventory.tables.services import Service

    html = login("viewer").get("/").get_data(as_text=True)
    assert 'id="getting-started"' not in html
    db_session.execute(delete(Service))
    db_session.commit()
    html = login("viewer").get("/").get_data(as_text=True)
    assert 'id="getting-started"' in html and "procmodel import-catalogue" in html
