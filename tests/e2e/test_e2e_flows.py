"""The main jobs in a real browser: sign in, upload, findings on the diagram, zoom,
drag-and-drop, status change into history and dashboard."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in
from tests.web import bpmn_samples as samples

pytestmark = pytest.mark.browser


def test_upload_then_see_rendered_diagram_with_findings(page, live_server, tmp_path):
    ids = live_server["ids"]
    sign_in(page, "analyst")
    page.goto(f"/services/{ids['gewerbe']}")
    page.get_by_role("link", name="Prozessmodell hochladen").click()
    model = tmp_path / "gewerbe-ist.bpmn"
    model.write_bytes(samples.WITH_FINDING)
    page.get_by_label("BPMN-Dateien").set_input_files(str(model))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    page.wait_for_url("**/processes/versions/*")
    assert "wurde als Version 1 gespeichert" in page.inner_text(".flashes")
    # The diagram is drawn inline and the element with the finding is marked.
    marked = page.locator('.diagram__canvas [data-element-id="Task_leer"].pm-finding-warning')
    assert marked.count() >= 1
    row = page.locator("#findings tbody tr").first
    assert "label-required" in row.inner_text()
    # The renderer's style arrives through the app's stylesheet despite the CSP.
    stroke = marked.first.evaluate(
        "el => getComputedStyle(el.querySelector('.bpmn-outline') || el).stroke")
    assert stroke not in ("", "none")
    # Choosing the finding selects the element in the diagram.
    page.locator('[data-focus-element="Task_leer"]').click()
    assert page.locator('.diagram__canvas [data-element-id="Task_leer"].pm-selected').count()
    # Zoom changes the drawn size.
    svg = page.locator(".diagram__canvas svg")
    before = float(svg.get_attribute("width"))
    page.get_by_role("button", name="Vergrößern").click()
    assert float(svg.get_attribute("width")) > before
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_drag_and_drop_puts_files_into_the_form(page, live_server):
    ids = live_server["ids"]
    sign_in(page, "analyst")
    page.goto(f"/processes/upload/{ids['bau']}")
    page.evaluate("""(xml) => {
        const zone = document.querySelector('[data-dropzone]');
        const transfer = new DataTransfer();
        transfer.items.add(new File([xml], 'gezogen.bpmn', {type: 'application/xml'}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true}));
    }""", samples.GOOD.decode())
    assert "gezogen.bpmn" in page.inner_text("[data-dropzone-list]")
    page.get_by_label("Soll-Prozess").check()
    page.get_by_role("button", name="Hochladen und prüfen").click()
    page.wait_for_url("**/processes/versions/*")
    assert "Soll-Prozess" in page.inner_text("h1")


def test_hostile_upload_is_refused_in_the_browser(page, live_server, tmp_path):
    ids = live_server["ids"]
    sign_in(page, "analyst")
    page.goto(f"/processes/upload/{ids['hund']}")
    bad = tmp_path / "xxe.bpmn"
    bad.write_bytes(samples.XXE)
    page.get_by_label("BPMN-Dateien").set_input_files(str(bad))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    summary = page.locator(".error-summary")
    assert "xxe.bpmn" in summary.inner_text() and "abgelehnt" in page.content()


def test_status_change_shows_in_history_and_dashboard(page, live_server):
    ids = live_server["ids"]
    sign_in(page, "coordinator")
    page.goto(f"/services/{ids['hund']}")
    page.get_by_role("link", name="Bearbeiten").click()
    page.get_by_label("Reifegrad", exact=True).select_option("3")
    page.get_by_role("button", name="Speichern").click()
    # Without a comment the form says what is missing, next to the field.
    error = page.locator(".field__error").first
    assert "Kommentar" in error.inner_text()
    page.get_by_label("Kommentar zur Änderung").fill("Online-Dienst mit ePayment live")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/services/{ids['hund']}")
    timeline = page.locator(".timeline li").first.inner_text()
    assert "1 → 3" in timeline and "Online-Dienst mit ePayment live" in timeline
    page.get_by_role("link", name="Übersicht").first.click()
    assert "Hundesteuer" in page.inner_text("#recent-changes")
    assert page.locator("svg.chart").count() >= 3


def test_keyboard_only_sign_in_and_skip_link(page, live_server):
    from tests.web.conftest import PASSWORDS

    page.goto("/login")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    page.get_by_label("Benutzername").focus()
    page.keyboard.type("viewer")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS["viewer"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text() == "Übersicht"
