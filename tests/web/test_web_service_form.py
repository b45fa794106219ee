"""Service form and list details: German decimals, Reifegrad lists per model, required
marks, duplicate names, overdue badges, plural and out-of-range pages."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from tests.web.test_web_services import _edit_form


def test_decimals_are_shown_and_read_in_german(login, ids, db_session):
    from inventory import services

    client = login("coordinator")
    data = _edit_form(client, ids["gewerbe"])
    data.update(online_share="18,5", bearbeitungszeit_minutes="35")
    assert client.post(f"/services/{ids['gewerbe']}/edit", data=data).status_code == 302
    db_session.expire_all()
    service = services.get_service(db_session, ids["gewerbe"])
    assert service.online_share == Decimal("18.5") or float(service.online_share) == 18.5
    html = client.get(f"/services/{ids['gewerbe']}/edit").get_data(as_text=True)
    assert re.search(r'name="online_share"[^>]*value="18,5"', html)
    assert re.search(r'name="bearbeitungszeit_minutes"[^>]*value="35"', html)
    assert 'inputmode="decimal"' in html and 'value="18.5"' not in html
    data = _edit_form(client, ids["gewerbe"])
    data.update(online_share="abc")
    bad = client.post(f"/services/{ids['gewerbe']}/edit", data=data)
    assert bad.status_code == 400


def test_reifegrad_lists_follow_the_model(login, ids):
    client = login("coordinator")
    html = client.get(f"/services/{ids['gewerbe']}/edit").get_data(as_text=True)
    raw = re.search(r'data-levels="([^"]+)"', html).group(1).replace("&#34;", '"').replace(
        "&quot;", '"')
    levels = json.loads(raw)
    assert [v for v, _label in levels["2.0"]] == [str(n) for n in range(8)]
    assert [v for v, _label in levels["1.1"]] == [str(n) for n in range(5)]
    assert "js/service_form.js" in html
    # Saving level 7 under model 1.1 is refused with a message naming the model.
    data = _edit_form(client, ids["gewerbe"])
    data.update(reifegrad="7", comment="x")
    response = client.post(f"/services/{ids['gewerbe']}/edit", data=data)
    assert response.status_code == 400
    assert "Reifegrad 7 gibt es im Modell 1.1 nicht" in response.get_data(as_text=True)
    data.update(reifegrad_model="2.0")
    assert client.post(f"/services/{ids['gewerbe']}/edit", data=data).status_code == 302


def test_required_mark_sits_in_the_label_and_checkboxes_have_no_bullets(login, ids):
    html = login("coordinator").get(f"/services/{ids['gewerbe']}/edit").get_data(as_text=True)
    assert re.search(r'<label class="field__label" for="name">Bezeichnung '
                     r'<span class="required" aria-hidden="true">\*</span></label>', html)
    assert '<ul class="checkbox-list"' in html or "class=\"checkbox-list\"" in html
    css = login("coordinator").get("/static/css/app.css").get_data(as_text=True)
    assert re.search(r"\.checkbox-list \{ list-style: none", css)


def test_second_service_of_the_same_name_needs_confirmation(login, ids, db_session):
    from inventory import services

    client = login("coordinator")
    form = {"name": "gewerbeanmeldung", "reifegrad_model": "1.1",
            "handlungsfeld": _edit_form(client, ids["gewerbe"])["handlungsfeld"]}
    before = len(services.services_named(db_session, "Gewerbeanmeldung"))
    warned = client.post("/services/new", data=form)
    assert warned.status_code == 409
    html = warned.get_data(as_text=True)
    assert 'id="duplicate-warning"' in html and "Gewerbeanmeldung</a>" in html
    assert len(services.services_named(db_session, "Gewerbeanmeldung")) == before
    made = client.post("/services/new", data=dict(form, confirm_duplicate="y"))
    assert made.status_code == 302
    db_session.expire_all()
    assert len(services.services_named(db_session, "Gewerbeanmeldung")) == before + 1


def test_list_marks_overdue_targets_counts_in_words_and_clamps_pages(login, ids):
    client = login("viewer")
    html = client.get("/services/").get_data(as_text=True)
    row = html[html.index(">Hundesteuer<"):].split("</tr>")[0]
    assert "badge--overdue" in row  # target 3 by 31.12.2025, still at 1
    other = html[html.index(">Gewerbeanmeldung<"):].split("</tr>")[0]
    assert "badge--overdue" not in other
    one = client.get("/services/?q=Hundesteuer").get_data(as_text=True)
    assert "1 Leistung gefunden" in one
    beyond = client.get("/services/?q=steuer&page=99")
    assert beyond.status_code == 302 and "page=1" in beyond.headers["Location"]


def test_admin_threshold_field_shows_the_current_level_and_header_has_one_parenthesis(
        login):
    html = login("admin").get("/admin/").get_data(as_text=True)
    assert re.search(r'name="conf-level"[^>]*value="3"', html)
    badge = re.search(r'<span class="user-badge">(.*?)</span></span>', html, re.S).group(1)
    assert badge.count("(") <= 1 and "Administration" in badge


def test_search_without_hits_suggests_close_names(login, ids):
    html = login("viewer").get("/services/?q=Gewerbeanmeldng").get_data(as_text=True)
    suggestion = html[html.index('id="suggestions"'):].split("</span>")[0]
    assert "Gewerbeanmeldung" in suggestion and "Hundesteuer" not in suggestion
    none = login("viewer").get("/services/?q=xyzzy").get_data(as_text=True)
    assert 'id="suggestions"' not in none


def test_department_field_offers_the_known_departments(login, ids):
    html = login("coordinator").get(f"/services/{ids['gewerbe']}/edit").get_data(as_text=True)
    assert 'list="known-departments"' in html
    options = html[html.index('<datalist id="known-departments">'):].split("</datalist>")[0]
    assert '<option value="Bauamt">' in options and '<option value="Steueramt">' in options
