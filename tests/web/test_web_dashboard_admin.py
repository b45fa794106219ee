"""Dashboard figures and charts; administration of users, Handlungsfelder, thresholds."""

from __future__ import annotations

import re


def test_dashboard_counts_conformance_and_overdue(login, ids, db_session):
    from inventory import services

    current = services.get_service(db_session, ids["gewerbe"])
    services.update_service(db_session, ids["gewerbe"], expected_version=current.version,
                            changes={"reifegrad": 3}, changed_by=ids["coordinator"],
                            comment="online")
    db_session.commit()
    html = login("viewer").get("/").get_data(as_text=True)
    kpis = re.findall(r'<span class="kpi__value">([^<]+)</span>', html)
    assert kpis[0] == "3"            # services
    assert kpis[1].startswith("33,3")  # 1 of 3 at Reifegrad ≥ 3 (German decimal comma)
    assert kpis[2] == "1"            # Hundesteuer: target 3 by 31.12.2025 missed
    assert "Gewerbeanmeldung</a>: Reifegrad 2 → 3" in html
    assert html.count('<svg class="chart"') == 3
    assert 'role="img"' in html and "<title id=\"chart-reifegrad-1-1-title\">" in html


def test_dashboard_chart_escapes_names(login, db_session):
    from inventory import lists

    lists.add_handlungsfeld(db_session, "<script>x</script>")
    db_session.commit()
    html = login("viewer").get("/").get_data(as_text=True)
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_admin_creates_user_who_can_sign_in(login, client):
    admin = login("admin")
    response = admin.post("/admin/users", data={
        "user-username": "neu", "user-display_name": "Neue Kollegin", "user-role": "analyst",
        "user-password": "sehr-geheim-123", "user-password2": "sehr-geheim-123"})
    assert response.status_code == 302
    admin.post("/logout")
    ok = client.post("/login", data={"username": "neu", "password": "sehr-geheim-123"})
    assert ok.status_code == 302


def test_admin_user_form_says_what_to_fix(login):
    admin = login("admin")
    response = admin.post("/admin/users", data={
        "user-username": "viewer", "user-role": "viewer", "user-password": "kurz",
        "user-password2": "anders"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "mindestens 10 Zeichen" in html and "stimmen nicht überein" in html
    duplicate = admin.post("/admin/users", data={
        "user-username": "viewer", "user-role": "viewer", "user-password": "lang-genug-123",
        "user-password2": "lang-genug-123"})
    assert "gibt es schon" in duplicate.get_data(as_text=True)


def test_admin_changes_role_and_cannot_demote_last_admin(login, ids):
    admin = login("admin")
    response = admin.post(f"/admin/users/{ids['viewer']}", data={
        "role": "coordinator", "department": "Bauamt", "active": "y"})
    assert response.status_code == 302
    last = admin.post(f"/admin/users/{ids['admin']}", data={"role": "viewer", "active": "y"})
    assert last.status_code == 400
    assert "letzte Administrator" in last.get_data(as_text=True)


def test_admin_edits_handlungsfelder_and_threshold(login, db_session):
    from inventory import lists

    admin = login("admin")
    assert admin.post("/admin/handlungsfelder", data={"hf-name": "Klimaschutz"}).status_code \
        == 302
    entry = next(h for h in lists.handlungsfelder(db_session) if h.name == "Klimaschutz")
    page = admin.get(f"/admin/handlungsfelder/{entry.id}")
    assert page.status_code == 200
    assert admin.post(f"/admin/handlungsfelder/{entry.id}", data={
        "name": "Klimaschutz und Energie", "active": ""}).status_code == 302
    db_session.expire_all()
    names = {h.name: h.active for h in lists.handlungsfelder(db_session, include_inactive=True)}
    assert names["Klimaschutz und Energie"] is False
    empty = admin.post("/admin/handlungsfelder", data={"hf-name": ""})
    assert empty.status_code == 400
    assert admin.post("/admin/reifegrad", data={"conf-version": "1.1",
                                                "conf-level": "4"}).status_code == 302
    db_session.expire_all()
    assert lists.reifegrad_model(db_session, "1.1").ozg_conformant_level == 4


def test_admin_token_lifecycle_through_the_api(login, client, ids):
    admin = login("admin")
    response = admin.post("/admin/tokens", data={"token-user": str(ids["analyst"]),
                                                 "token-name": "Abgleich Fachverfahren"})
    assert response.status_code == 201
    token = re.search(r'id="new-token">(pm_[^<]+)<', response.get_data(as_text=True)).group(1)
    admin.post("/logout")
    api = client.get("/api/v1/services", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200 and api.get_json()["total"] == 3
    admin = login("admin")
    page = admin.get("/admin/").get_data(as_text=True)
    token_id = re.search(r'/admin/tokens/(\d+)/revoke', page).group(1)
    assert admin.post(f"/admin/tokens/{token_id}/revoke").status_code == 302
    admin.post("/logout")
    assert client.get("/api/v1/services",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_admin_adds_orders_and_flags_umsetzungsstatus_stages(login, app, db_session):
    from inventory import lists

    client = login("admin")
    html = client.get("/admin/").get_data(as_text=True)
    assert 'id="stages"' in html
    added = client.post("/admin/stages", data={"stage-name": "Abnahme", "stage-is_online": "y"})
    assert added.status_code == 302
    db_session.expire_all()
    names = [s.name for s in lists.stages(db_session)]
    assert names[-1] == "Abnahme"
    stage = lists.stage_by_name(db_session, "Abnahme")
    assert stage.is_online and not stage.is_closed
    client.post(f"/admin/stages/{stage.id}", data={"action": "up"})
    client.post(f"/admin/stages/{stage.id}", data={"action": "closed"})
    db_session.expire_all()
    names = [s.name for s in lists.stages(db_session)]
    assert names[-2] == "Abnahme" and lists.stage_by_name(db_session, "Abnahme").is_closed
    client.post(f"/admin/stages/{stage.id}", data={"action": "active"})
    db_session.expire_all()
    assert "Abnahme" not in [s.name for s in lists.stages(db_session)]
    # The edit form offers only active stages, the service filter too.
    listing = client.get("/services/").get_data(as_text=True)
    assert not re.search(r'<option value="Abnahme"', listing)
    duplicate = client.post("/admin/stages", data={"stage-name": "abnahme"})
    assert duplicate.status_code == 400 and "gibt es schon" in duplicate.get_data(as_text=True)
    from tests.web.conftest import PASSWORDS

    other = app.test_client()
    other.post("/login", data={"username": "coordinator",
                               "password": PASSWORDS["coordinator"]})
    assert other.post(f"/admin/stages/{stage.id}", data={"action": "up"}).status_code == 403
