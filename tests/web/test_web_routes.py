"""Every route of the web layer, for every role: never a server error, forbidden where the
role does not allow it, and every write refuses an anonymous user."""

from __future__ import annotations

import io
import re

import pytest

from tests.web import bpmn_samples as samples

OWN_PREFIXES = ("/services", "/processes", "/analysis", "/admin", "/api", "/login", "/logout",
                "/language", "/")
OTHERS = ("/strategy", "/reports", "/static")
#: Endpoints a role may POST to (admin may everything).
WRITERS = {
    "services.edit": {"coordinator"}, "services.create": {"coordinator"},
    "processes.upload": {"analyst"}, "processes.release": {"analyst"},
    "processes.make_current": {"analyst"}, "analysis.start": {"analyst"},
    "analysis.decide": {"analyst"}, "api.update_service": {"coordinator"},
    "api.upload_model": {"analyst"},
}


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(OTHERS) or not rule.rule.startswith(OWN_PREFIXES):
            continue
        yield rule


def _url(rule, values: dict[str, object]) -> str:
    url = rule.rule
    for name in rule.arguments:
        url = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), url)
    return url


@pytest.fixture
def values(login, ids) -> dict[str, object]:
    client = login("analyst")
    response = client.post(f"/processes/upload/{ids['gewerbe']}", data={
        "kind": "ist", "files": [(io.BytesIO(samples.GOOD), "a.bpmn")]},
        content_type="multipart/form-data")
    version_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post("/logout")
    return {"service_id": ids["gewerbe"], "version_id": version_id, "user_id": ids["viewer"],
            "hf_id": 1, "stage_id": 1, "token_id": 1, "job_id": 1, "cluster_id": "c1"}


@pytest.mark.parametrize("role", ["anonymous", "viewer", "coordinator", "analyst", "admin"])
def test_every_route_for_every_role(app, client, login, values, role):
    if role != "anonymous":
        login(role)
    checked = 0
    for rule in _routes(app):
        url = _url(rule, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if rule.endpoint == "auth.logout":
                continue
            response = client.open(url, method=method, data={})
            status = response.status_code
            checked += 1
            assert status < 500, (role, method, url, status)
            public = rule.endpoint in ("auth.login", "auth.language", "api.openapi",
                                       "api.docs", "static")
            if role == "anonymous" and not public:
                assert status in (302, 401), (method, url, status)
            allowed = WRITERS.get(rule.endpoint)
            if method != "GET" and allowed is not None and role not in ("anonymous", "admin") \
                    and role not in allowed:
                assert status == 403, (role, method, url, status)
            if rule.endpoint.startswith("admin.") and role not in ("admin", "anonymous"):
                assert status == 403, (role, method, url, status)
    assert checked > 40
