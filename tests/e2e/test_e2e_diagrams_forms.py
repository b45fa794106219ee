"""In the browser: a finding link opens the diagram that draws the element and marks it;
a model without a diagram is drawn automatically; the Reifegrad list follows the model."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in, upload_model
from tests.web.test_web_process_views import GATEWAY_V1, _two_diagrams_with_finding

pytestmark = pytest.mark.browser


def test_finding_link_switches_diagram_and_marks_the_element(page, live_server, tmp_path):
    sign_in(page, "analyst")
    model = tmp_path / "zwei-diagramme.bpmn"
    model.write_bytes(_two_diagrams_with_finding())
    upload_model(page, live_server["ids"]["hund"], model)
    assert page.locator('.diagram__canvas [data-element-id="Task_leer"]').count() == 0
    page.locator('#findings [data-focus-element="Task_leer"]').click()
    page.wait_for_url("**diagram=Diagram_2**")
    assert page.locator("#diagram-choice").input_value() == "Diagram_2"
    selected = page.locator('.diagram__canvas [data-element-id="Task_leer"].pm-selected')
    selected.first.wait_for()
    assert selected.count() >= 1
    # Zoomed to at least 100 % so the element can be read.
    assert int(page.locator("[data-zoom-status]").inner_text().split()[0]) >= 100
    assert not page.console_errors


def test_model_without_diagram_is_drawn_automatically(page, live_server, tmp_path):
    sign_in(page, "analyst")
    model = tmp_path / "ohne-di.bpmn"
    model.write_bytes(GATEWAY_V1)
    upload_model(page, live_server["ids"]["hund"], model)
    assert "Automatisch angeordnet" in page.inner_text("#auto-layout-note")
    assert page.locator('.diagram__canvas [data-element-id="A"]').count() >= 1
    assert page.get_by_role("link", name="Mit erzeugtem Diagramm herunterladen (BPMN)").count()
    assert not page.console_errors


def test_reifegrad_choices_follow_the_chosen_model(page, live_server):
    sign_in(page, "coordinator")
    page.goto(f"/services/{live_server['ids']['gewerbe']}/edit")
    levels = page.locator("#reifegrad option")
    assert levels.count() == 1 + 5  # "nicht bewertet" + 0–4 of model 1.1
    page.select_option("#reifegrad_model", "2.0")
    assert levels.count() == 1 + 8
    assert page.locator("#target_reifegrad option").count() == 1 + 8
    page.select_option("#reifegrad", "7")
    page.select_option("#reifegrad_model", "1.1")
    note = page.locator("#reifegrad-model-note")
    assert note.is_visible() and "Reifegrad 7" in note.inner_text()
    assert not page.console_errors
