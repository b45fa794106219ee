"""Fixtures of the web tests: a register with users and services, the app, clients.

The register is built once per session (migrations and argon2 hashing are slow) in a
SQLite file, and every test gets its own copy of that file, so tests never see each
other's writes.  ``app`` → ``client`` → ``login(role)`` build on each other.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

PASSWORDS = {
    "admin": "admin-passwort-1",
    "analyst": "analyse-passwort-1",
    "coordinator": "koordination-pw-1",
    "coordbau": "bauamt-passwort-1",
    "viewer": "lesen-passwort-12",
}
ROLES = {"admin": "admin", "analyst": "analyst", "coordinator": "coordinator",
         "coordbau": "coordinator", "viewer": "viewer"}
SECRET = "test-secret-key-0123456789abcdef"


def fill_register(session) -> dict[str, int]:
    """Users and three services with some history; returns ids by name."""
    from inventory import lists, services, users

    ids: dict[str, int] = {}
    for name, role in ROLES.items():
        user = users.create_user(session, name, PASSWORDS[name], role=role,
                                 display_name=f"{name.title()} Test",
                                 department="Bauamt" if name == "coordbau" else None)
        ids[name] = user.id
    fields = {h.name: h.id for h in lists.handlungsfelder(session)}
    ozg = next(iter(fields.values()))
    past = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    gewerbe = services.create_service(
        session, name="Gewerbeanmeldung", handlungsfeld=ozg, department="Ordnungsamt",
        reifegrad=2, umsetzungsstatus=lists.stages(session)[0].name, fallzahl=1200,
        description="Anmeldung eines Gewerbes", created_by=ids["admin"], when=past)
    bau = services.create_service(
        session, name="Baugenehmigung", handlungsfeld=ozg, department="Bauamt",
        reifegrad=1, created_by=ids["admin"], when=past)
    hund = services.create_service(
        session, name="Hundesteuer", handlungsfeld=list(fields.values())[1],
        department="Steueramt", reifegrad=1, target_reifegrad=3,
        target_date=date(2025, 12, 31), created_by=ids["admin"], when=past)
    ids.update({"gewerbe": gewerbe.id, "bau": bau.id, "hund": hund.id})
    return ids


def build_register_file(path: Path) -> dict[str, int]:
    """A migrated SQLite register at ``path`` filled by :func:`fill_register`, checkpointed
    so that copying the file copies everything; returns the ids by name."""
    from sqlalchemy import text

    from inventory.db import make_engine, make_session_factory
    from inventory.migrate import upgrade

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with make_session_factory(engine)() as session:
        ids = fill_register(session)
        session.commit()
    with engine.connect() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    return ids


@pytest.fixture(scope="session")
def register_template(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("web-register") / "template.sqlite3"
    return path, build_register_file(path)


@pytest.fixture
def ids(register_template) -> dict[str, int]:
    return dict(register_template[1])


@pytest.fixture
def web_db_url(register_template, tmp_path) -> str:
    target = tmp_path / "register.sqlite3"
    shutil.copyfile(register_template[0], target)
    return f"sqlite:///{target}"


@pytest.fixture
def app_config(web_db_url, tmp_path) -> dict:
    return {
        "DATABASE_URL": web_db_url,
        "SECRET_KEY": SECRET,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
    }


@pytest.fixture
def app(app_config):
    from web import create_app

    application = create_app(app_config)
    yield application


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client) -> Callable[[str], object]:
    """``login("analyst")`` signs the test client in as that user."""

    def sign_in(name: str):
        response = client.post("/login", data={"username": name,
                                               "password": PASSWORDS[name]})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return sign_in


@pytest.fixture
def db_session(app):
    """A session on the app's database for checks from the test side."""
    from web.database import session_factory

    with session_factory(app)() as session:
        yield session
