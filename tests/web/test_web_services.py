"""Service list (filters, search, sort, pages, export), detail, edit, conflicts."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook


def _rows(html: str) -> list[str]:
    """The three fixture services listed on the page, in page order."""
    found = [name for name in ("Gewerbeanmeldung", "Baugenehmigung", "Hundesteuer")
             if f">{name}</a>" in html]
    return sorted(found, key=lambda name: html.index(f">{name}</a>"))


def test_list_shows_all_services_with_count(login):
    html = login("viewer").get("/services/").get_data(as_text=True)
    assert _rows(html) == ["Baugenehmigung", "Gewerbeanmeldung", "Hundesteuer"]
    assert "3 Leistungen gefunden" in html


def test_search_and_filters(login, ids):
    client = login("viewer")
    assert _rows(client.get("/services/?q=gewerbe").get_data(as_text=True)) == [
        "Gewerbeanmeldung"]
    assert _rows(client.get("/services/?department=Bauamt").get_data(as_text=True)) == [
        "Baugenehmigung"]
    assert _rows(client.get("/services/?reifegrad=1").get_data(as_text=True)) == [
        "Baugenehmigung", "Hundesteuer"]
    assert _rows(client.get("/services/?overdue=1").get_data(as_text=True)) == ["Hundesteuer"]
    none = client.get("/services/?q=gibtesnicht").get_data(as_text=True)
    assert "Keine Leistung entspricht den Filtern." in none


def test_sorting_descending_and_unknown_sort_key(login):
    client = login("viewer")
    html = client.get("/services/?sort=name&dir=desc").get_data(as_text=True)
    assert html.index(">Hundesteuer<") < html.index(">Baugenehmigung<")
    assert 'aria-sort="descending"' in html
    # An unknown key falls back to the name instead of failing.
    assert client.get("/services/?sort=drop+table").status_code == 200


def test_pagination(login, db_session, ids):
    from inventory import services

    for number in range(60):
        services.create_service(db_session, name=f"Leistung {number:03d}",
                                handlungsfeld=None)
    db_session.commit()
    client = login("viewer")
    first = client.get("/services/").get_data(as_text=True)
    assert "63 Leistungen gefunden" in first and "Seite 1 von 2" in first
    second = client.get("/services/?page=2").get_data(as_text=True)
    assert "Seite 2 von 2" in second and ">Leistung 059<" not in first


def test_export_current_view_as_csv_and_xlsx(login, db_session, ids):
    from inventory import services

    services.create_service(db_session, name="=HYPERLINK(\"http://x\")", handlungsfeld=None,
                            department="Bauamt")
    db_session.commit()
    client = login("viewer")
    response = client.get("/services/?department=Bauamt&format=csv")
    assert response.status_code == 200 and "attachment" in response.headers[
        "Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["ID", "Bezeichnung"]
    names = sorted(row[1] for row in rows[1:])
    assert names == ["'=HYPERLINK(\"http://x\")", "Baugenehmigung"]
    xlsx = client.get("/services/?department=Bauamt&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    values = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(values) == ["'=HYPERLINK(\"http://x\")", "Baugenehmigung"]


def test_detail_shows_fields_and_history_timeline(login, ids):
    html = login("viewer").get(f"/services/{ids['gewerbe']}").get_data(as_text=True)
    assert "<h1>Gewerbeanmeldung</h1>" in html
    assert "Ordnungsamt" in html and "Anmeldung eines Gewerbes" in html
    assert 'class="timeline"' in html and "Admin Test" in html
    assert "Noch kein Prozessmodell hochgeladen." in html


def _edit_form(client, service_id: int) -> dict:
    import re

    html = client.get(f"/services/{service_id}/edit").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html) or re.search(
        r'id="version" name="version" type="hidden" value="(\d+)"', html)
    assert version, html[:2000]
    data = {"version": version.group(1), "name": "Gewerbeanmeldung",
            "handlungsfeld": re.search(r'<option selected value="(\d+)"', html).group(1)
            if re.search(r'<option selected value="(\d+)"', html) else "1",
            "reifegrad_model": "1.1", "reifegrad": "2", "department": "Ordnungsamt",
            "description": "Anmeldung eines Gewerbes", "fallzahl": "1200"}
    select = re.search(r'<select[^>]*name="umsetzungsstatus"[^>]*>(.*?)</select>', html, re.S)
    stage = re.search(r'<option selected value="([^"]*)"', select.group(1))
    data["umsetzungsstatus"] = stage.group(1) if stage else ""
    return data


def test_status_change_needs_a_comment(login, ids):
    client = login("coordinator")
    data = _edit_form(client, ids["gewerbe"])
    data["reifegrad"] = "3"
    response = client.post(f"/services/{ids['gewerbe']}/edit", data=data)
    assert response.status_code == 400
    assert "Bei einer Statusänderung ist ein Kommentar nötig" in response.get_data(as_text=True)
    data["comment"] = "Online-Antrag freigeschaltet"
    response = client.post(f"/services/{ids['gewerbe']}/edit", data=data)
    assert response.status_code == 302
    html = client.get(f"/services/{ids['gewerbe']}").get_data(as_text=True)
    assert "Online-Antrag freigeschaltet" in html and "2 → 3" in html


def test_stale_edit_gets_a_conflict_message(login, ids, db_session):
    from inventory import services

    client = login("coordinator")
    data = _edit_form(client, ids["gewerbe"])
    # Someone else saves first.
    current = services.get_service(db_session, ids["gewerbe"])
    services.update_service(db_session, ids["gewerbe"], expected_version=current.version,
                            changes={"fallzahl": 1500}, changed_by=ids["admin"])
    db_session.commit()
    data["fallzahl"] = "1300"
    response = client.post(f"/services/{ids['gewerbe']}/edit", data=data)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Jemand anderes hat diese Leistung inzwischen geändert" in html
    assert "Admin Test" in html
    db_session.expire_all()
    assert services.get_service(db_session, ids["gewerbe"]).fallzahl == 1500


def test_invalid_values_are_named(login, ids):
    client = login("coordinator")
    data = _edit_form(client, ids["gewerbe"])
    data.update({"online_share": "140", "online_url": "kein link", "fallzahl": "-3",
                 "name": ""})
    response = client.post(f"/services/{ids['gewerbe']}/edit", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Der Online-Anteil muss zwischen 0 und 100 % liegen." in html
    assert "Bitte geben Sie eine vollständige Adresse an" in html
    assert "Die Fallzahl darf nicht negativ sein." in html
    assert "Bitte geben Sie eine Bezeichnung ein." in html
    assert 'class="error-summary"' in html


def test_reifegrad_outside_the_model_is_refused(login, ids):
    client = login("coordinator")
    data = _edit_form(client, ids["gewerbe"])
    data.update({"reifegrad": "6", "comment": "x"})
    response = client.post(f"/services/{ids['gewerbe']}/edit", data=data)
    assert response.status_code == 400


def test_viewer_and_analyst_cannot_edit(login, ids):
    for role in ("viewer", "analyst"):
        client = login(role)
        response = client.post(f"/services/{ids['gewerbe']}/edit", data={"name": "x"})
        assert response.status_code == 403
        client.post("/logout")


def test_restricted_coordinator_cannot_move_service_to_other_department(login, ids):
    client = login("coordbau")
    data = _edit_form(client, ids["bau"])
    data.update({"name": "Baugenehmigung", "department": "Ordnungsamt", "reifegrad": "1"})
    response = client.post(f"/services/{ids['bau']}/edit", data=data)
    assert response.status_code == 400
    assert "nur Leistungen Ihres Fachbereichs" in response.get_data(as_text=True)


def test_create_service_and_html_is_shown_as_text(login):
    client = login("coordinator")
    page = client.get("/services/new").get_data(as_text=True)
    import re

    hf = re.search(r'name="handlungsfeld"[^>]*>\s*<option[^>]*value="(\d+)"', page).group(1)
    response = client.post("/services/new", data={
        "name": '<script>alert("x")</script>Fundsachen', "handlungsfeld": hf,
        "reifegrad_model": "1.1", "description": "<b>fett</b>"})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<b>fett</b>" not in html and "&lt;b&gt;fett&lt;/b&gt;" in html
    listing = client.get("/services/").get_data(as_text=True)
    assert "&lt;script&gt;" in listing


def test_service_in_a_deactivated_handlungsfeld_can_still_be_saved(login, ids, db_session):
    from inventory import lists, services

    service = services.get_service(db_session, ids["hund"])
    lists.update_handlungsfeld(db_session, service.handlungsfeld_id, active=False)
    db_session.commit()
    client = login("coordinator")
    data = _edit_form(client, ids["hund"])
    data.update({"name": "Hundesteuer", "department": "Steueramt", "reifegrad": "1",
                 "target_reifegrad": "3", "target_date": "2025-12-31",
                 "handlungsfeld": str(service.handlungsfeld_id), "fallzahl": "90",
                 "description": ""})
    response = client.post(f"/services/{ids['hund']}/edit", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 302, re.findall(r'field__error" id="([^"]+)">([^<]+)', html)


def test_history_shows_names_dates_and_numbers_as_read(login, ids, db_session):
    from inventory import lists, services

    current = services.get_service(db_session, ids["hund"])
    other = next(h for h in lists.handlungsfelder(db_session)
                 if h.id != current.handlungsfeld_id)
    services.update_service(db_session, ids["hund"], expected_version=current.version,
                            changes={"handlungsfeld_id": other.id,
                                     "target_date": "2026-06-30", "online_share": 12.5},
                            changed_by=ids["admin"], comment="Umplanung")
    db_session.commit()
    html = login("viewer").get(f"/services/{ids['hund']}").get_data(as_text=True)
    assert f"→ {other.name}" in html
    assert "31.12.2025 → 30.06.2026" in html
    assert "→ 12,5" in html
