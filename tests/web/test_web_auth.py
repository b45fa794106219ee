"""Sign-in, sign-out, throttling, and which role may open which page."""

from __future__ import annotations

import pytest

from tests.web.conftest import PASSWORDS


def test_anonymous_users_are_sent_to_the_sign_in_page(client):
    response = client.get("/services/?q=Hund")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert "Bitte melden Sie sich an" in client.get(response.headers["Location"]).get_data(
        as_text=True)


def test_api_without_credentials_is_401_json(client):
    response = client.get("/api/v1/services")
    assert response.status_code == 401
    assert response.get_json()["error"]["status"] == 401


def test_sign_in_and_out(client):
    response = client.post("/login", data={"username": "Viewer",
                                           "password": PASSWORDS["viewer"]})
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Viewer Test" in page and "Abmelden" in page
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_sign_in_follows_local_next_only(client):
    ok = client.post("/login", data={"username": "viewer", "password": PASSWORDS["viewer"],
                                     "next": "/services/"})
    assert ok.headers["Location"] == "/services/"
    client.post("/logout")
    evil = client.post("/login", data={"username": "viewer", "password": PASSWORDS["viewer"],
                                       "next": "//evil.example/x"})
    assert "evil" not in evil.headers["Location"]


def test_wrong_password_says_what_is_wrong_without_telling_which(client):
    response = client.post("/login", data={"username": "viewer", "password": "falsch"})
    assert response.status_code == 401
    assert "Benutzername oder Passwort ist falsch" in response.get_data(as_text=True)
    unknown = client.post("/login", data={"username": "niemand", "password": "falsch"})
    assert "Benutzername oder Passwort ist falsch" in unknown.get_data(as_text=True)


def test_empty_sign_in_form_names_the_missing_fields(client):
    response = client.post("/login", data={"username": "", "password": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Bitte geben Sie Ihren Benutzernamen ein." in html
    assert 'aria-invalid="true"' in html


def test_sign_in_is_throttled_after_repeated_failures(client):
    for _ in range(5):
        assert client.post("/login", data={"username": "analyst",
                                           "password": "falsch"}).status_code == 401
    blocked = client.post("/login", data={"username": "analyst",
                                          "password": PASSWORDS["analyst"]})
    assert blocked.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in blocked.get_data(as_text=True)
    # Another account from the same address is not locked by these five failures.
    other = client.post("/login", data={"username": "viewer", "password": PASSWORDS["viewer"]})
    assert other.status_code == 302


def test_throttle_window_expires():
    from web.auth.throttle import SignInThrottle

    now = [1000.0]
    throttle = SignInThrottle(max_failures_user=2, window=60, clock=lambda: now[0])
    throttle.failed("Anna", "1.2.3.4")
    assert throttle.wait_seconds("anna", "5.6.7.8") == 0
    throttle.failed("anna", "1.2.3.4")
    assert 59 <= throttle.wait_seconds("ANNA", "5.6.7.8") <= 60
    now[0] += 61
    assert throttle.wait_seconds("anna", "5.6.7.8") == 0
    throttle.failed("anna", "1.2.3.4")
    throttle.succeeded("anna")
    assert throttle.wait_seconds("anna", "9.9.9.9") == 0


def test_deactivated_user_cannot_sign_in(login, client, db_session, ids):
    from inventory import users

    users.set_active(db_session, ids["viewer"], False)
    db_session.commit()
    response = client.post("/login", data={"username": "viewer",
                                           "password": PASSWORDS["viewer"]})
    assert response.status_code == 401


# Every page by role: 200 allowed, 403 forbidden.  (GET requests; writes are tested in the
# area tests.)
PAGES = [
    ("/", {"admin", "analyst", "coordinator", "viewer"}),
    ("/services/", {"admin", "analyst", "coordinator", "viewer"}),
    ("/services/{gewerbe}", {"admin", "analyst", "coordinator", "viewer"}),
    ("/services/{gewerbe}/edit", {"admin", "coordinator"}),
    ("/services/new", {"admin", "coordinator"}),
    ("/processes/", {"admin", "analyst", "coordinator", "viewer"}),
    ("/processes/upload/{gewerbe}", {"admin", "analyst"}),
    ("/admin/", {"admin"}),
    ("/admin/users/{viewer}", {"admin"}),
    ("/api/v1/services", {"admin", "analyst", "coordinator", "viewer"}),
    ("/api/v1/", {"admin", "analyst", "coordinator", "viewer"}),
]


@pytest.mark.parametrize("role", ["admin", "analyst", "coordinator", "viewer"])
def test_pages_by_role(login, ids, role):
    client = login(role)
    for template, allowed in PAGES:
        url = template.format(**ids)
        response = client.get(url)
        expected = 200 if role in allowed else 403
        assert response.status_code == expected, (role, url, response.status_code)
        if expected == 403 and not url.startswith("/api/"):
            assert "Zugriff verweigert" in response.get_data(as_text=True)


def test_coordinator_limited_to_department(login, ids):
    client = login("coordbau")
    assert client.get(f"/services/{ids['bau']}/edit").status_code == 200
    assert client.get(f"/services/{ids['gewerbe']}/edit").status_code == 403
    detail = client.get(f"/services/{ids['gewerbe']}").get_data(as_text=True)
    assert f"/services/{ids['gewerbe']}/edit" not in detail


def test_menu_shows_administration_to_admins_only(login):
    client = login("viewer")
    assert "/admin/" not in client.get("/").get_data(as_text=True)
    client.post("/logout")
    client = login("admin")
    assert "/admin/" in client.get("/").get_data(as_text=True)
