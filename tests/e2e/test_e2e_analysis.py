"""The analysis in the browser: start a run, watch its progress, open a cluster and see
its steps highlighted in the diagrams."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in
from tests.web.test_web_analysis import MODEL_A, MODEL_B

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def with_models(live_server):
    import bpmn
    from inventory import models_store
    from web.database import session_factory

    ids = live_server["ids"]
    with session_factory(live_server["app"])() as session:
        for service, body, name in ((ids["gewerbe"], MODEL_A, "a.bpmn"),
                                    (ids["hund"], MODEL_B, "b.bpmn")):
            result = bpmn.read(body, filename=name)
            models_store.add_model_version(session, service, data=body, filename=name,
                                           model=result.model, findings=result.findings,
                                           kind="ist")
        session.commit()
    return live_server


def test_run_analysis_then_open_cluster_with_highlighted_steps(page, with_models):
    sign_in(page, "analyst")
    page.goto("/analysis/")
    page.get_by_role("button", name="Analyse starten").click()
    # The progress box polls the job and reloads the page when the worker is done.
    page.wait_for_selector("progress", timeout=15000)
    page.wait_for_selector("[data-job-url]", state="detached", timeout=60000)
    assert "fertig" in page.inner_text("#recent-jobs")
    page.get_by_role("link", name="Cluster doppelter Schritte").first.click()
    page.get_by_role("link", name="Bescheid erstellen").click()
    assert "Gewerbeanmeldung" in page.inner_text("#members")
    page.get_by_role("link", name="Diagramm mit markierten Schritten").first.click()
    page.wait_for_url("**/processes/versions/*highlight=*")
    marked = page.locator(".diagram__canvas .pm-duplicate[data-element-id]")
    assert marked.count() >= 1
    assert marked.first.get_attribute("data-element-id") in ("A3", "B3")
    fill = marked.first.evaluate(
        "el => getComputedStyle(el.querySelector('.bpmn-outline') || el).stroke")
    assert fill not in ("", "none")


def test_analysis_pages_are_accessible(page, with_models):
    from inventory import analysis_store, jobs
    from tests.e2e.test_e2e_accessibility import _violations
    from web.database import session_factory
    from web.jobs_worker import run_pending

    factory = session_factory(with_models["app"])
    with factory() as session:
        # Under xdist the test that starts a run may be on the other worker: make sure a
        # result exists here too.
        if analysis_store.latest_run(session) is None and \
                jobs.active_job(session, "analysis") is None:
            jobs.enqueue(session, "analysis", {"kind": "ist"})
            session.commit()
    run_pending(factory)
    sign_in(page, "analyst")
    problems = {}
    for url in ("/analysis/", "/analysis/clusters", "/analysis/fragments",
                "/analysis/doppelstrukturen", "/analysis/basisdienste",
                "/analysis/media-breaks"):
        page.goto(url)
        found = _violations(page)
        if found:
            problems[url] = found
    page.goto("/analysis/clusters")
    page.locator("#clusters a").first.click()
    found = _violations(page)
    if found:
        problems["cluster"] = found
    page.goto("/gibt-es-nicht")
    found = _violations(page)
    if found:
        problems["404"] = found
    assert problems == {}
