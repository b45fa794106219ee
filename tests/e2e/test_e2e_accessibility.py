"""axe-core (bundled with axe-playwright-python, no download) on the main pages:
no serious or critical violations."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in, upload_model

pytestmark = pytest.mark.browser

PAGES = ["/", "/services/", "/services/{gewerbe}", "/services/{gewerbe}/edit",
         "/processes/", "/processes/upload/{gewerbe}", "/admin/", "/api/v1/"]


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} – "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_sign_in_page_is_accessible(page):
    page.goto("/login")
    assert _violations(page) == []


def test_main_pages_are_accessible(page, live_server):
    sign_in(page, "admin")
    problems = {}
    for template in PAGES:
        url = template.format(**live_server["ids"])
        page.goto(url)
        found = _violations(page)
        if found:
            problems[url] = found
    assert problems == {}


def test_model_page_with_diagram_is_accessible(page, live_server, tmp_path):
    from tests.web import bpmn_samples as samples

    sign_in(page, "admin")
    model = tmp_path / "a.bpmn"
    model.write_bytes(samples.WITH_FINDING)
    upload_model(page, live_server["ids"]["bau"], model)
    assert _violations(page) == []


def test_english_pages_are_accessible(page, live_server):
    sign_in(page, "viewer")
    page.get_by_role("button", name="English").click()
    page.goto("/services/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert _violations(page) == []


def test_version_comparison_is_accessible(page, live_server, tmp_path):
    from tests.web import bpmn_samples as samples

    sign_in(page, "admin")
    for number, body in enumerate((samples.GOOD, samples.GOOD_V2), 1):
        model = tmp_path / f"v{number}.bpmn"
        model.write_bytes(body)
        upload_model(page, live_server["ids"]["hund"], model)
    page.get_by_role("button", name="Versionen vergleichen").click()
    page.wait_for_url("**/processes/diff*")
    assert "Gebühr bezahlen" in page.inner_text("#diff-added")
    assert _violations(page) == []
