"""The main pages against the real PostgreSQL server (the SQL of the dashboard differs
per database: month grouping in Europe/Berlin time)."""

from __future__ import annotations

import pytest

from tests.web.conftest import PASSWORDS, SECRET, fill_register

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_client(engine, tmp_path):
    from inventory.db import make_session_factory
    from web import create_app

    with make_session_factory(engine)() as session:
        ids = fill_register(session)
        session.commit()
    url = engine.url.render_as_string(hide_password=False)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": SECRET, "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "INSTANCE_PATH": str(tmp_path / "i")})
    client = app.test_client()
    yield client, ids
    app.extensions["procmodel.db"].kw["bind"].dispose()


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_pages_and_conflict_on_postgres(db_url, pg_client):
    client, ids = pg_client
    client.post("/login", data={"username": "coordinator",
                                "password": PASSWORDS["coordinator"]})
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert "Hundesteuer" in client.get("/services/?overdue=1").get_data(as_text=True)
    url = f"/api/v1/services/{ids['gewerbe']}"
    version = client.get(url).get_json()["version"]
    first = client.patch(url, json={"version": version, "changes": {"reifegrad": 3},
                                    "comment": "online"})
    assert first.status_code == 200
    second = client.patch(url, json={"version": version, "changes": {"reifegrad": 4},
                                     "comment": "zu spät"})
    assert second.status_code == 409
    html = client.get("/").get_data(as_text=True)
    assert "Gewerbeanmeldung</a>: Reifegrad 2 → 3" in html
    export = client.get("/services/?format=xlsx")
    assert export.status_code == 200 and export.data[:2] == b"PK"
