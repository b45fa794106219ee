"""End-to-end fixtures: the app served by waitress in a thread, driven by a real headless
Chromium (Debian's ``/usr/bin/chromium``; Playwright never downloads a browser here)."""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def e2e_register(tmp_path_factory):
    from tests.web.conftest import build_register_file

    path = tmp_path_factory.mktemp("e2e-register") / "template.sqlite3"
    return path, build_register_file(path)


@pytest.fixture(scope="module")
def live_server(e2e_register, tmp_path_factory):
    """Base URL of the app on waitress (one per test module, on a copy of the register)."""
    from waitress import create_server

    from tests.web.conftest import SECRET
    from web import create_app

    folder = tmp_path_factory.mktemp("e2e-instance")
    db_file = Path(folder) / "register.sqlite3"
    shutil.copyfile(e2e_register[0], db_file)
    app = create_app({"DATABASE_URL": f"sqlite:///{db_file}", "SECRET_KEY": SECRET,
                      "INSTANCE_PATH": str(folder / "instance")})
    port = _free_port()
    server = create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    # The background-job worker runs beside the server, as `procmodel serve` starts it.
    from web.database import session_factory
    from web.jobs_worker import start_thread

    _worker, stop_worker = start_thread(session_factory(app), poll_seconds=0.5)
    try:
        yield {"url": f"http://127.0.0.1:{port}", "app": app, "ids": dict(e2e_register[1])}
    finally:
        stop_worker.set()
        server.close()
        thread.join(timeout=5)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server["url"], locale="de-DE")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.console_errors = errors  # CSP violations show up as console errors
    try:
        yield pg
    finally:
        context.close()


def sign_in(page, username: str) -> None:
    from tests.web.conftest import PASSWORDS

    page.goto("/login")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORDS[username])
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")


def upload_model(page, service_id: int, path) -> None:
    """Upload the BPMN file at ``path`` to a service and wait for its version page."""
    page.goto(f"/processes/upload/{service_id}")
    page.get_by_label("BPMN-Dateien").set_input_files(str(path))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    page.wait_for_url("**/processes/versions/*")
