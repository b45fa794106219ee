"""Analysis pages over a real run: job with progress, clusters, links with highlighted
steps, verdicts, the other result pages, and the job table itself."""

from __future__ import annotations

import io
import re

import pytest

from tests.web import bpmn_samples as samples

MODEL_A = samples.linear_bpmn([("A1", "Antrag prüfen"), ("A2", "Gebühr bezahlen"),
                               ("A3", "Bescheid erstellen"), ("A4", "Bescheid ausdrucken")])
MODEL_B = samples.linear_bpmn([("B1", "Prüfung des Antrags"), ("B2", "Gebühr zahlen"),
                               ("B3", "Bescheid erstellen"), ("B4", "Unterlagen scannen")])


def _upload(client, service_id: int, body: bytes, name: str) -> None:
    response = client.post(f"/processes/upload/{service_id}", data={
        "kind": "ist", "files": [(io.BytesIO(body), name)]},
        content_type="multipart/form-data")
    assert response.status_code == 302


@pytest.fixture
def analysed(login, ids, app):
    """Two services with overlapping models and one finished analysis run."""
    from web.database import session_factory
    from web.jobs_worker import run_pending

    client = login("analyst")
    _upload(client, ids["gewerbe"], MODEL_A, "gewerbe.bpmn")
    _upload(client, ids["hund"], MODEL_B, "hund.bpmn")
    response = client.post("/analysis/run", data={"kind": "ist"})
    assert response.status_code == 302
    page = client.get("/analysis/").get_data(as_text=True)
    assert "data-job-url" in page and "js/jobs.js" in page
    job_url = re.search(r'data-job-url="([^"]+)"', page).group(1)
    assert client.get(job_url).get_json()["status"] == "queued"
    assert run_pending(session_factory(app)) == 1
    state = client.get(job_url).get_json()
    assert state["status"] == "done", state
    assert state["percent"] == 100
    return client


def test_index_without_result_invites_to_run(login):
    html = login("analyst").get("/analysis/").get_data(as_text=True)
    assert "Es liegt noch kein Analyseergebnis vor." in html
    assert "Analyse starten" in html


def test_viewer_cannot_start_or_decide(login):
    client = login("viewer")
    assert "Analyse starten" not in client.get("/analysis/").get_data(as_text=True)
    assert client.post("/analysis/run", data={"kind": "ist"}).status_code == 403
    assert client.post("/analysis/decide", data={}).status_code == 403


def test_result_pages_link_to_highlighted_diagrams(analysed):
    client = analysed
    index = client.get("/analysis/").get_data(as_text=True)
    assert "Cluster doppelter Schritte" in index and "Auftrag 1" in index
    clusters = client.get("/analysis/clusters").get_data(as_text=True)
    link = re.search(r'href="(/analysis/clusters/[^"]+)">Bescheid erstellen', clusters)
    assert link, clusters[:3000]
    cluster = client.get(link.group(1)).get_data(as_text=True)
    assert "Gewerbeanmeldung" in cluster and "Hundesteuer" in cluster
    diagram_links = re.findall(r'href="(/processes/versions/\d+\?highlight=[^"]+)"', cluster)
    assert len(diagram_links) == 2
    diagram = client.get(diagram_links[0].replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(r'data-element-id="(A3|B3)"[^>]*class="[^"]*pm-duplicate|'
                     r'class="[^"]*pm-duplicate[^"]*"[^>]*data-element-id="(A3|B3)"', diagram)
    for url in ("/analysis/fragments", "/analysis/doppelstrukturen", "/analysis/basisdienste",
                "/analysis/media-breaks"):
        assert client.get(url).status_code == 200, url
    api = client.get("/api/v1/analysis").get_json()
    assert api["result"]["clusters"] and api["run"]["models"] == 2


def test_rejected_member_stays_rejected_on_the_next_run(analysed, app, db_session):
    from inventory import analysis_store, jobs
    from web.database import session_factory
    from web.jobs_worker import run_pending

    client = analysed
    clusters = client.get("/analysis/clusters").get_data(as_text=True)
    url = re.search(r'href="(/analysis/clusters/[^"]+)">Bescheid erstellen', clusters).group(1)
    page = client.get(url).get_data(as_text=True)
    step = re.search(r'name="step" value="([^"]+)"', page).group(1)
    others = re.search(r'name="others" value="([^"]+)"', page).group(1)
    response = client.post("/analysis/decide", data={"step": step, "others": others,
                                                     "verdict": "rejected", "next": url})
    assert response.status_code == 302 and response.headers["Location"] == url
    assert any(d.verdict == "rejected" for d in analysis_store.load_decisions(db_session))
    assert "abgelehnt" in client.get(url).get_data(as_text=True)
    jobs.enqueue(db_session, "analysis", {"kind": "ist"})
    db_session.commit()
    run_pending(session_factory(app))
    again = client.get("/analysis/clusters").get_data(as_text=True)
    assert ">Bescheid erstellen<" not in again


def test_second_run_while_one_is_queued_is_refused_clearly(login, ids):
    client = login("analyst")
    _upload(client, ids["gewerbe"], MODEL_A, "a.bpmn")
    client.post("/analysis/run", data={"kind": "ist"})
    response = client.post("/analysis/run", data={"kind": "ist"}, follow_redirects=True)
    assert "wartet bereits oder läuft gerade" in response.get_data(as_text=True)


def test_job_without_models_fails_with_a_message(login, app):
    from web.database import session_factory
    from web.jobs_worker import run_pending

    client = login("analyst")
    client.post("/analysis/run", data={"kind": "soll"})
    run_pending(session_factory(app))
    html = client.get("/analysis/").get_data(as_text=True)
    assert "fehlgeschlagen" in html and "keine Prozessmodelle" in html


def test_job_table_claim_progress_finish_and_stale_recovery(db_session):
    from datetime import timedelta

    from inventory import jobs
    from inventory.db import utcnow

    first = jobs.enqueue(db_session, "analysis", {"kind": "ist"})
    with pytest.raises(jobs.JobAlreadyQueued):
        jobs.enqueue(db_session, "analysis")
    claimed = jobs.claim_next(db_session, "w1")
    assert claimed.id == first.id and claimed.status == "running"
    assert jobs.claim_next(db_session, "w2") is None
    jobs.report_progress(db_session, first.id, 3, 4, "fast fertig")
    db_session.expire_all()
    assert jobs.get_job(db_session, first.id).percent == 75
    jobs.finish(db_session, first.id, {"ok": True})
    db_session.expire_all()
    done = jobs.get_job(db_session, first.id)
    assert done.status == "done" and done.result == {"ok": True}
    second = jobs.enqueue(db_session, "analysis")
    jobs.claim_next(db_session, "w1")
    assert jobs.recover_stale(db_session, now=utcnow() + timedelta(hours=1)) == 1
    db_session.expire_all()
    assert jobs.get_job(db_session, second.id).status == "failed"
