"""The JSON API: OpenAPI document, reads, writes with conflicts, tokens, CSRF."""

from __future__ import annotations

import pytest

from tests.web import bpmn_samples as samples


@pytest.fixture
def token(db_session, ids) -> str:
    from inventory import tokens

    _row, plain = tokens.create_token(db_session, ids["coordinator"], "Test")
    db_session.commit()
    return plain


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_openapi_document_describes_every_api_route(client, app):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    documented = {("/api/v1" + path, method.upper()) for path, ops in spec["paths"].items()
                  for method in ops}
    actual = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint not in ("api.openapi",
                                                                      "api.docs"):
            path = rule.rule.replace("<int:", "{").replace(">", "}")
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                actual.add((path, method))
    assert actual == documented
    for path_ops in spec["paths"].values():
        for op in path_ops.values():
            for ref in str(op).split("'$ref': '#/components/schemas/")[1:]:
                assert ref.split("'")[0] in spec["components"]["schemas"]


def test_reads_with_a_token(client, token, ids):
    listing = client.get("/api/v1/services?q=Hund", headers=_auth(token)).get_json()
    assert [s["name"] for s in listing["items"]] == ["Hundesteuer"]
    detail = client.get(f"/api/v1/services/{ids['hund']}", headers=_auth(token)).get_json()
    assert detail["target_reifegrad"] == 3 and detail["target_date"] == "2025-12-31"
    history = client.get(f"/api/v1/services/{ids['hund']}/history",
                         headers=_auth(token)).get_json()
    assert {h["field"] for h in history} >= {"reifegrad", "target_date"}
    assert client.get("/api/v1/handlungsfelder", headers=_auth(token)).status_code == 200
    assert client.get("/api/v1/services/99999", headers=_auth(token)).status_code == 404
    assert client.get("/api/v1/services?per_page=9999", headers=_auth(token)).status_code == 400
    assert client.get("/api/v1/services?sort=evil", headers=_auth(token)).status_code == 400


def test_patch_with_comment_conflict_and_validation(client, token, ids):
    url = f"/api/v1/services/{ids['gewerbe']}"
    version = client.get(url, headers=_auth(token)).get_json()["version"]
    no_comment = client.patch(url, json={"version": version, "changes": {"reifegrad": 3}},
                              headers=_auth(token))
    assert no_comment.status_code == 422
    ok = client.patch(url, json={"version": version, "changes": {"reifegrad": 3},
                                 "comment": "per Skript"}, headers=_auth(token))
    assert ok.status_code == 200 and ok.get_json()["reifegrad"] == 3
    stale = client.patch(url, json={"version": version, "changes": {"fallzahl": 5}},
                         headers=_auth(token))
    assert stale.status_code == 409
    assert stale.get_json()["error"]["current_version"] == ok.get_json()["version"]
    invalid = client.patch(url, json={"version": ok.get_json()["version"],
                                      "changes": {"reifegrad": 9}, "comment": "x"},
                           headers=_auth(token))
    assert invalid.status_code == 422
    assert invalid.get_json()["error"]["fields"][0]["field"] == "reifegrad"
    garbage = client.patch(url, data="kein json", headers=_auth(token))
    assert garbage.status_code == 400


def test_upload_and_findings_via_api(client, db_session, ids):
    from inventory import tokens

    _row, plain = tokens.create_token(db_session, ids["analyst"], "Upload")
    db_session.commit()
    url = f"/api/v1/services/{ids['bau']}/models?kind=soll&filename=bau.bpmn"
    created = client.post(url, data=samples.WITH_FINDING, headers=_auth(plain),
                          content_type="application/xml")
    assert created.status_code == 201
    body = created.get_json()
    assert body["kind"] == "soll" and body["findings"][0]["element_id"] == "Task_leer"
    refused = client.post(url, data=samples.XXE, headers=_auth(plain),
                          content_type="application/xml")
    assert refused.status_code == 422 and refused.get_json()["error"]["finding"]["rule"]
    models = client.get(f"/api/v1/services/{ids['bau']}/models", headers=_auth(plain))
    assert len(models.get_json()) == 1
    vid = body["id"]
    assert client.get(f"/api/v1/models/{vid}/bpmn", headers=_auth(plain)).data == \
        samples.WITH_FINDING
    findings = client.get(f"/api/v1/models/{vid}/findings", headers=_auth(plain)).get_json()
    assert findings[0]["rule"] == "label-required"
    listed = client.get("/api/v1/models?kind=soll", headers=_auth(plain)).get_json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == vid
    assert "steps" not in listed["items"][0]
    with_steps = client.get("/api/v1/models?kind=soll&steps=1&per_page=1",
                            headers=_auth(plain)).get_json()
    assert with_steps["per_page"] == 1 and with_steps["items"][0]["steps"]
    assert client.get(f"/api/v1/models/{vid}", headers=_auth(plain)).get_json()["steps"]


def test_viewer_token_cannot_write(client, db_session, ids):
    from inventory import tokens

    _row, plain = tokens.create_token(db_session, ids["viewer"], "Lesen")
    db_session.commit()
    response = client.patch(f"/api/v1/services/{ids['gewerbe']}",
                            json={"version": 1, "changes": {}}, headers=_auth(plain))
    assert response.status_code == 403


def test_session_writes_need_the_csrf_header(app_config, ids):
    from tests.web.conftest import PASSWORDS
    from web import create_app

    app = create_app(dict(app_config, WTF_CSRF_ENABLED=True))
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    import re

    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"username": "coordinator",
                                "password": PASSWORDS["coordinator"], "csrf_token": csrf})
    # Signing in starts a new session: take the token the pages now carry.
    page = client.get("/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    url = f"/api/v1/services/{ids['gewerbe']}"
    version = client.get(url).get_json()["version"]
    body = {"version": version, "changes": {"fallzahl": 7}}
    assert client.patch(url, json=body).status_code == 400
    assert client.patch(url, json=body, headers={"X-CSRFToken": csrf}).status_code == 200


def test_bad_tokens_are_refused(client):
    for header in ("Bearer pm_falsch", "Bearer ", "Basic abc", "Bearer " + "pm_" + "x" * 300):
        assert client.get("/api/v1/services",
                          headers={"Authorization": header}).status_code == 401


def test_api_errors_speak_of_resources_and_keys(client, login, ids):
    missing = client.get("/api/v1/services/999", headers=_auth("kein-gueltiger-schluessel"))
    assert missing.status_code == 401
    assert "API-Schlüssel ist ungültig" in missing.get_json()["error"]["detail"]
    anonymous = client.get("/api/v1/services")
    assert "Authorization: Bearer" in anonymous.get_json()["error"]["detail"]
    signed_in = login("viewer")
    body = signed_in.get("/api/v1/services/999").get_json()
    assert body["error"]["detail"] == "Leistung 999 gibt es nicht."
    assert signed_in.get("/api/v1/models/4242").get_json()["error"]["detail"] == \
        "Modellversion 4242 gibt es nicht."
    assert "openapi.json" in signed_in.get("/api/v1/gibtsnicht").get_json()["error"]["detail"]
    page = signed_in.get("/services/999").get_data(as_text=True)
    assert "Die angeforderte Seite gibt es nicht" in page or "gibt es nicht" in page


def test_version_lists_do_not_load_the_files(app, login, ids, db_session):
    import io

    from sqlalchemy import inspect

    from web.processes import queries

    client = login("analyst")
    client.post(f"/processes/upload/{ids['gewerbe']}", data={
        "kind": "ist", "files": [(io.BytesIO(samples.GOOD), "a.bpmn")]},
        content_type="multipart/form-data")
    versions = queries.versions_of(db_session, ids["gewerbe"])
    assert versions and "data" not in inspect(versions[0]).dict
    current, total = queries.current_versions(db_session)
    assert total >= 1 and "data" not in inspect(current[0]).dict
    assert versions[0].data == samples.GOOD  # still loadable on demand
