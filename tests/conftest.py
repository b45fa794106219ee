"""Fixtures shared by the whole suite.

``shared_dir`` is ``../shared`` beside the project (read-only corpora and data); tests
that need it skip with a clear reason when it is absent, and fail in CI where it must
be present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("PROCMODEL_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
TEST_DATA = Path(__file__).resolve().parent / "data"
#: Debian's Chromium; Playwright never downloads a browser here.
CHROMIUM = os.environ.get("PROCMODEL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run"]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_DIR} is missing; CI must provide ../shared")
        pytest.skip(f"../shared is not present at {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture(scope="session")
def test_data() -> Path:
    return TEST_DATA


# --- databases (H4, inventory) ----------------------------------------------------------
#
# ``db_url``   parametrised over ``sqlite`` (a real file in tmp_path) and ``postgres`` (a fresh
#              database created for the test on the server named by PROCMODEL_TEST_POSTGRES_URL,
#              default postgresql+psycopg://postgres@127.0.0.1:5432/test, dropped afterwards;
#              names unique per xdist worker).  The URL points at an *empty* database.
#              Without a server the postgres variant skips — except in CI (``CI`` set), where
#              it fails.  Tests marked ``postgres`` are the PostgreSQL variants.
# ``migrated_db_url``  like ``db_url`` but already migrated to head (a copy of a template
#              database migrated once per test session: fast).
# ``engine``   an Engine on ``migrated_db_url`` (both databases, migrated to head).
# ``session``  a Session on ``engine``; the test owns the transaction (commit as needed).
# ``sqlite_url`` / ``sqlite_engine``: SQLite only, for tests that need no PostgreSQL run.
#
# Use them in another part's tests simply by naming them, e.g.
#     def test_something(session): ...
# which runs the test once per database.

import uuid  # noqa: E402 - kept with the fixtures that need it

DEFAULT_TEST_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _postgres_server_url() -> str:
    return os.environ.get("PROCMODEL_TEST_POSTGRES_URL") or DEFAULT_TEST_POSTGRES_URL


def _fresh_postgres_database(worker: str, template: str | None = None):
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    from inventory.db import make_engine

    server = make_url(_postgres_server_url())
    admin = make_engine(server.render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    name = f"pm_{worker}_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    except OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL at {server.render_as_string()} is not reachable: {exc.orig}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url = server.set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


_DB_PARAMS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=_DB_PARAMS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, worker_id: str) -> str:
    """URL of an empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        # A name of its own: a test may use both db_url and the migrated engine.
        yield f"sqlite:///{tmp_path / 'empty-register.sqlite3'}"
        return
    url, drop = _fresh_postgres_database(worker_id)
    try:
        yield url
    finally:
        drop()


@pytest.fixture(scope="session")
def _migrated_templates(tmp_path_factory: pytest.TempPathFactory, worker_id: str):
    """Migrated template databases, made once per test session (and xdist worker).

    Copying a migrated template is several times faster than migrating every test's
    database; the copy is still a separate database per test.
    """
    from inventory.db import make_engine
    from inventory.migrate import upgrade

    templates: dict[str, str] = {}
    cleanups = []

    def get(kind: str) -> str:
        if kind in templates:
            return templates[kind]
        if kind == "sqlite":
            path = tmp_path_factory.mktemp("template") / "template.sqlite3"
            url = f"sqlite:///{path}"
        else:
            url, drop = _fresh_postgres_database(f"{worker_id}_tpl")
            cleanups.append(drop)
        eng = make_engine(url)
        upgrade(eng)
        eng.dispose()
        templates[kind] = url
        return url

    yield get
    for drop in cleanups:
        drop()


@pytest.fixture(params=_DB_PARAMS)
def migrated_db_url(request: pytest.FixtureRequest, tmp_path: Path, worker_id: str,
                    _migrated_templates) -> str:
    """URL of a database already migrated to head (a copy of a migrated template)."""
    import shutil

    from sqlalchemy.engine import make_url

    template = _migrated_templates(request.param)
    if request.param == "sqlite":
        target = tmp_path / "register.sqlite3"
        shutil.copyfile(make_url(template).database, target)
        yield f"sqlite:///{target}"
        return
    url, drop = _fresh_postgres_database(worker_id, template=make_url(template).database)
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def engine(migrated_db_url: str):
    """An Engine on a database migrated to head (SQLite file or PostgreSQL database)."""
    from inventory.db import make_engine

    eng = make_engine(migrated_db_url)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def session(engine):
    """A Session on the migrated ``engine``; rolled back and closed after the test."""
    from inventory.db import make_session_factory

    with make_session_factory(engine)() as sess:
        yield sess
        sess.rollback()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of an empty SQLite file (for tests that need SQLite only)."""
    return f"sqlite:///{tmp_path / 'register.sqlite3'}"


@pytest.fixture
def sqlite_engine(sqlite_url: str):
    """An Engine on ``sqlite_url``, migrated to head."""
    from inventory.db import make_engine
    from inventory.migrate import upgrade

    eng = make_engine(sqlite_url)
    upgrade(eng)
    try:
        yield eng
    finally:
        eng.dispose()


# One Playwright driver and one Chromium for the whole session: Playwright's sync API
# cannot run two drivers in one thread, so every browser test shares this fixture.
@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; scripts/setup.sh --test installs chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
