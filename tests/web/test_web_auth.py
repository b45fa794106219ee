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
    assert throttle.wait_seconds("anna", "1.2.3.4") == 0
    throttle.failed("anna", "1.2.3.4")
    assert 59 <= throttle.wait_seconds("ANNA", "1.2.3.4") <= 60
    now[0] += 61
    assert throttle.wait_seconds("anna", "1.2.3.4") == 0
    throttle.failed("anna", "1.2.3.4")
    throttle.succeeded("anna")
    assert throttle.wait_seconds("anna", "1.2.3.4") == 0


def test_failures_from_one_address_do_not_lock_the_account_elsewhere():
    """Guessing from one address is stopped there; the owner elsewhere waits seconds at
    most (exponential back-off), never the whole window."""
    from web.auth.throttle import SignInThrottle

    now = [0.0]
    throttle = SignInThrottle(max_failures_user=5, window=900, max_delay=60,
                              clock=lambda: now[0])
    for _ in range(5):
        throttle.failed("admin", "10.0.0.66")
    assert throttle.wait_seconds("admin", "10.0.0.66") > 800  # the guesser's address
    assert throttle.wait_seconds("admin", "10.0.0.7") == 1  # the owner: a short delay
    now[0] += 1
    assert throttle.wait_seconds("admin", "10.0.0.7") == 0
    # Guessing spread over many addresses: the delay doubles up to the cap.
    waits = []
    for n in range(10):
        throttle.failed("admin", f"10.1.0.{n}")
        waits.append(throttle.wait_seconds("admin", "10.0.0.7"))
    assert waits[:4] == [2, 4, 8, 16] and max(waits) == 60
    now[0] += 60
    assert throttle.wait_seconds("admin", "10.0.0.7") == 0


def test_address_limit_counts_every_user_name():
    from web.auth.throttle import SignInThrottle

    throttle = SignInThrottle(max_failures_user=5, max_failures_address=3, clock=lambda: 0.0)
    for name in ("a", "b", "c"):
        throttle.failed(name, "192.0.2.1")
    assert throttle.wait_seconds("d", "192.0.2.1") > 0
    assert throttle.wait_seconds("d", "192.0.2.2") == 0


def test_locked_message_says_seconds_in_words(client, app):
    from web.auth.throttle import SignInThrottle

    app.extensions["procmodel.throttle"] = SignInThrottle(clock=lambda: 100.0)
    for _ in range(5):
        client.post("/login", data={"username": "admin", "password": "falsch"},
                    environ_base={"REMOTE_ADDR": "10.9.9.9"})
    owner = client.post("/login", data={"username": "admin", "password": "x"},
                        environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert owner.status_code == 429
    text = owner.get_data(as_text=True)
    assert "Bitte warten Sie 1 Sekunde und" in text and "(n)" not in text
    guesser = client.post("/login", data={"username": "admin", "password": "x"},
                          environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert "Bitte warten Sie 15 Minuten und" in guesser.get_data(as_text=True)


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
