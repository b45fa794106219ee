"""The factory, settings, secret key, security headers, cookies, CSRF, errors, language."""

from __future__ import annotations

import pytest


def test_factory_refuses_to_start_without_a_secret_key(app_config, tmp_path):
    from web import create_app
    from web.secret import MissingSecretKey

    config = dict(app_config, SECRET_KEY=None)
    with pytest.raises(MissingSecretKey, match="SECRET_KEY"):
        create_app(config)
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_factory_refuses_a_short_secret_key(app_config):
    from web import create_app
    from web.secret import WeakSecretKey

    with pytest.raises(WeakSecretKey):
        create_app(dict(app_config, SECRET_KEY="short"))


def test_factory_refuses_unknown_rule_ids_in_disabled_rules(app_config):
    """A typo in DISABLED_RULES would silently leave the rule on for every upload."""
    from web import create_app
    from web.app import UnknownRules

    with pytest.raises(UnknownRules, match="„fake_join“ \\(gemeint ist wohl „fake-join“\\)"):
        create_app(dict(app_config, DISABLED_RULES=("schema", "fake_join")))
    app = create_app(dict(app_config, DISABLED_RULES=("schema", "fake-join")))
    assert app.config["DISABLED_RULES"] == ("schema", "fake-join")


def test_dev_mode_generates_a_private_key_once(app_config, tmp_path):
    from web import create_app

    config = dict(app_config, SECRET_KEY=None, DEV=True)
    first = create_app(config).config["SECRET_KEY"]
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.is_file()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert len(first) >= 32
    # The next start (also without --dev) reuses the key: sessions survive a restart.
    assert create_app(dict(app_config, SECRET_KEY=None)).config["SECRET_KEY"] == first


def test_nothing_is_created_at_import_time():
    import importlib

    module = importlib.import_module("web.app")
    assert not any(type(v).__name__ == "Flask" for v in vars(module).values())
    assert "web.strategy:bp" in module.BLUEPRINTS


def test_settings_come_from_environment_then_mapping(app_config, monkeypatch):
    from web import create_app

    monkeypatch.setenv("PROCMODEL_MAX_UPLOAD_BYTES", "12345")
    monkeypatch.setenv("PROCMODEL_LANGUAGE", "en")
    app = create_app(dict(app_config, LANGUAGE="de"))
    assert app.config["MAX_UPLOAD_BYTES"] == 12345
    assert app.config["LANGUAGE"] == "de"


def test_security_headers_and_csp_without_inline(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_session_cookie_is_httponly_and_samesite(login):
    client = login("viewer")
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


def test_secure_cookie_and_hsts_in_production(app_config):
    from tests.web.conftest import PASSWORDS
    from web import create_app

    app = create_app(dict(app_config, COOKIE_SECURE=True))
    client = app.test_client()
    response = client.post("/login", data={"username": "viewer",
                                           "password": PASSWORDS["viewer"]},
                           base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in response.headers


def test_forms_without_csrf_token_are_refused(app_config):
    from web import create_app

    app = create_app(dict(app_config, WTF_CSRF_ENABLED=True))
    client = app.test_client()
    response = client.post("/login", data={"username": "admin", "password": "x"})
    assert response.status_code == 400
    assert "Sicherheitstoken" in response.get_data(as_text=True)
    page = client.get("/login").get_data(as_text=True)
    assert 'name="csrf_token"' in page


def test_unknown_url_gets_a_404_page(login):
    response = login("viewer").get("/gibt-es-nicht")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.get_data(as_text=True)


def test_unknown_service_is_404(login):
    assert login("viewer").get("/services/999999").status_code == 404


def test_language_switch_to_english_and_back(login):
    client = login("viewer")
    assert "Leistungen" in client.get("/services/").get_data(as_text=True)
    response = client.post("/language", data={"lang": "en", "next": "/services/"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/services/")
    page = client.get("/services/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Services" in page and "Sign out" in page
    client.post("/language", data={"lang": "de", "next": "/"})
    assert '<html lang="de">' in client.get("/").get_data(as_text=True)


def test_language_switch_ignores_foreign_redirects(client):
    response = client.post("/language", data={"lang": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] in ("/", "http://localhost/")


def test_english_catalogue_is_compiled(tmp_path):
    from web.i18n import TRANSLATIONS, compile_catalogues

    directory = compile_catalogues(TRANSLATIONS, tmp_path)
    assert (directory / "en" / "LC_MESSAGES" / "messages.mo").is_file()


def test_static_assets_are_served_by_the_app(client):
    for path in ("/static/css/app.css", "/static/js/diagram.js", "/static/js/upload.js",
                 "/static/js/jobs.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"http://" not in response.data and b"https://" not in response.data, path


def test_every_german_text_of_the_web_layer_has_an_english_translation():
    """Strings marked in code and templates (except the strategy and report areas, which
    their authors translate) are in the English catalogue."""
    from pathlib import Path

    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2] / "web"
    with (root / "translations" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalogue = read_po(fh)
    method_map = [("**/strategy/**", "ignore"), ("**/reports/**", "ignore"),
                  ("**.py", "python"), ("**/templates/**.html", "jinja2")]
    missing = set()
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(root), method_map, keywords=keywords):
        msgid = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(msgid)
        if entry is None or not entry.string:
            missing.add(msgid)
    assert missing == set()
