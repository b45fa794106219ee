"""The strategy and report pages in a real headless Chromium: no serious or critical
axe-core violations, no Content-Security-Policy errors, the Gantt chart is drawn."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, date, datetime

import pytest

from inventory.strategy import create_project, create_target, save_narrative

pytestmark = pytest.mark.browser

@pytest.fixture
def served(app, db_session):
    from waitress import create_server

    when = datetime(2025, 3, 2, 9, tzinfo=UTC)
    create_target(db_session, handlungsfeld="OZG-Umsetzung", name="Reifegrad 2",
                  rule="anteil(reifegrad >= 2) ziel >= 50 % bis 2027-06-30",
                  start_date=date(2025, 3, 1), when=when)
    create_project(db_session, handlungsfeld="OZG-Umsetzung", name="Portal",
                   start_date=date(2025, 1, 1), end_date=date(2025, 6, 30),
                   status="in_arbeit", milestones=[{"name": "Go-live", "due": date(2025, 6, 1)}],
                   when=when)
    save_narrative(db_session, period="2025-H1", handlungsfeld=None, title="Zusammenfassung",
                   body="Text.", when=when)
    db_session.commit()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = create_server(app, host="127.0.0.1", port=port, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()


def test_strategy_pages_in_chromium(served, browser):
    from axe_playwright_python.sync_playwright import Axe

    from tests.web.conftest import PASSWORDS

    context = browser.new_context(base_url=served, locale="de-DE")
    try:
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.goto("/login")
        page.get_by_label("Benutzername").fill("coordinator")
        page.get_by_label("Passwort").fill(PASSWORDS["coordinator"])
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url("**/")
        problems = {}
        # the two pages with the most structure (Gantt SVG, report preview); the
        # forms use the shared form macros that the web part's own axe tests cover
        for url in ("/strategy/", "/reports/?custom=2025-H1"):
            page.goto(url)
            found = [f"{v['id']} ({v['impact']})" for v in Axe().run(page).response[
                "violations"] if v["impact"] in ("serious", "critical")]
            if found:
                problems[url] = found
        assert problems == {}
        page.goto("/strategy/")
        assert page.locator("svg.gantt g.gantt-overdue").count() == 1
        assert page.locator("svg.gantt .gantt-today").count() == 1
        assert page.locator("svg.gantt").bounding_box()["width"] > 500
        assert console == []  # no CSP violation, no failed asset
    finally:
        context.close()
