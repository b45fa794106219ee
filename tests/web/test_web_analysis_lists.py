"""Long analysis lists (filter, sort, pages), the overview's top findings and Basisdienste,
Berlin time for the run, and the hint when a queued analysis has no worker."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from web.analysis.listing import browse
from web.analysis.results import overview

ENTRIES = [
    {"kind": "cluster" if n % 2 else "fragment", "ref": f"C{n}", "name": f"Schritt {n:02d}",
     "handlungsfelder": ["OZG-Umsetzung"] + (["Smart City"] if n % 3 == 0 else []),
     "departments": [f"Amt {n % 4}"], "services": [f"L{i}" for i in range(n % 7 + 2)],
     "reason": "r"} for n in range(60)]
SORTS = {"name": lambda d: d["name"], "services": lambda d: len(d["services"])}


def test_browse_filters_sorts_and_pages():
    listing = browse(ENTRIES, {}, sorts=SORTS, default_sort="services", text_fields=("name",))
    assert listing.total == 60 and listing.pages == 3 and len(listing.items) == 25
    assert [len(d["services"]) for d in listing.items[:3]] == [8, 8, 8]
    smart = browse(ENTRIES, {"handlungsfeld": "Smart City", "kind": "cluster"}, sorts=SORTS,
                   default_sort="services", text_fields=("name",))
    assert smart.total == 10 and all(n["kind"] == "cluster" for n in smart.items)
    by_name = browse(ENTRIES, {"sort": "name", "page": "3"}, sorts=SORTS,
                     default_sort="services", text_fields=("name",))
    assert by_name.page == 3 and by_name.items[0]["name"] == "Schritt 50"
    assert by_name.query == {"sort": "name"}
    beyond = browse(ENTRIES, {"page": "99", "department": "Amt 1"}, sorts=SORTS,
                    default_sort="services", text_fields=("name",))
    assert beyond.page == beyond.pages == 1 and beyond.total == 15
    found = browse(ENTRIES, {"q": "schritt 07"}, sorts=SORTS, default_sort="services",
                   text_fields=("name",))
    assert [d["ref"] for d in found.items] == ["C7"]
    assert "Smart City" in listing.options["handlungsfeld"]


def test_overview_counts_basisdienste_and_largest_findings():
    result = {
        "doppelstrukturen": ENTRIES,
        "fragments": [{"id": "F1", "steps": ["a", "b"], "minutes_per_year": 60.0},
                      {"id": "F2", "steps": ["c", "d"], "minutes_per_year": 600.0}],
        "basisdienste": [{"component": "epayment", "name": "Bezahlen", "using": [
            {"service_id": "1"}, {"service_id": "1"}], "self_built": [
            {"service_id": "2"}, {"service_id": "3"}, {"service_id": "1"}]}],
        "media_breaks": [{"step": {"service_id": "4", "service_name": "Wohngeld"}}] * 3
        + [{"step": {"service_id": "5", "service_name": "Hundesteuer"}}],
    }
    data = overview(result)
    assert data["basisdienste"] == [{"component": "epayment", "name": "Bezahlen",
                                     "name_en": None, "using": 1, "self_built": 2}]
    assert [f["id"] for f in data["fragments"]] == ["F2", "F1"]
    assert len(data["doppelstrukturen"]) == 5
    assert len(data["doppelstrukturen"][0]["services"]) == 8
    assert data["media_breaks"][0] == {"service_id": "4", "service_name": "Wohngeld",
                                       "count": 3}


def _store_run(db_session, result: dict) -> None:
    from inventory.analysis_store import AnalysisRun

    when = datetime(2026, 11, 23, 6, 30, 11, tzinfo=UTC)
    db_session.add(AnalysisRun(started_at=when, finished_at=when, source="register",
                               model_count=2, statistics={"models": 2}, result=result))
    db_session.commit()


RESULT = {"clusters": [], "fragments": [
    {"id": f"F{n}", "steps": [f"Schritt {n}", "Bescheid"], "services": n % 5 + 2,
     "handlungsfelder": ["OZG-Umsetzung"], "departments": ["Amt 32"], "kind": "chain",
     "minutes_per_year": n * 60.0, "explanation": "Kette", "doppelstruktur": n % 2 == 0,
     "occurrences": []} for n in range(40)],
    "doppelstrukturen": ENTRIES, "media_breaks": [], "basisdienste": [
        {"component": "epayment", "name": "Bezahlen (ePayBL)", "reason": "x",
         "using": [], "self_built": []}]}


def test_doppelstrukturen_and_fragment_pages_are_paged_and_filtered(login, db_session):
    _store_run(db_session, RESULT)
    client = login("viewer")
    page = client.get("/analysis/doppelstrukturen").get_data(as_text=True)
    assert "25 von 60" not in page and "60 von 60 Einträgen" in page
    assert page.count("<tr>") == 1 + 25 and 'rel="next"' in page  # header + one page
    smart = client.get("/analysis/doppelstrukturen?handlungsfeld=Smart+City&kind=fragment")
    html = smart.get_data(as_text=True)
    assert "10 von 60 Einträgen" in html and ">Schritt 01<" not in html
    assert 'aria-sort="descending"' in html  # sorted by number of services
    fragments = client.get("/analysis/fragments?doppelstruktur=1&sort=minutes")
    text = fragments.get_data(as_text=True)
    assert "20 von 40 Einträgen" in text
    assert text.index("Schritt 38 → Bescheid") < text.index("Schritt 36 → Bescheid")
    one = client.get("/analysis/fragments?id=F7").get_data(as_text=True)
    assert "Schritt 7 → Bescheid" in one and "Schritt 8 → Bescheid" not in one


def test_overview_shows_berlin_time_basisdienste_and_top_findings(login, db_session):
    _store_run(db_session, RESULT)
    html = login("viewer").get("/analysis/").get_data(as_text=True)
    assert "23.11.2026, 07:30" in html and "2026-11-23T" not in html
    assert 'id="overview-basisdienste"' in html and "Bezahlen (ePayBL)" in html
    top = html[html.index('id="top-fragments"'):].split("</ol>")[0]
    assert top.index("Schritt 39") < top.index("Schritt 38")
    assert 'id="top-doppelstrukturen"' in html


def test_queued_analysis_without_worker_says_so(login, db_session):
    from inventory import jobs

    job = jobs.enqueue(db_session, "analysis", {"kind": "ist"})
    db_session.commit()
    client = login("analyst")
    fresh = client.get("/analysis/").get_data(as_text=True)
    assert re.search(r'data-job-stale hidden', fresh)
    job.created_at = datetime.now(UTC) - timedelta(minutes=2)
    db_session.commit()
    old = client.get("/analysis/").get_data(as_text=True)
    assert "data-job-stale>" in old and "procmodel worker" in old


def test_service_page_shows_what_the_analysis_found_for_it(login, ids, db_session):
    gid = str(ids["gewerbe"])
    result = dict(RESULT, clusters=[{
        "id": "C9", "canonical_name": "Identität prüfen", "services": 2,
        "doppelstruktur": True, "members": [
            {"service_id": gid, "service_name": "Gewerbeanmeldung", "step_id": "s1"},
            {"service_id": gid, "service_name": "Gewerbeanmeldung", "step_id": "s2"},
            {"service_id": "77", "service_name": "Andere", "step_id": "x"}]}],
        doppelstrukturen=[{"kind": "cluster", "ref": "C9", "name": "Identität prüfen",
                           "services": ["Gewerbeanmeldung", "Andere"]}],
        media_breaks=[{"kind": "print", "step": {"service_id": gid,
                                                 "label": "Bescheid ausdrucken"}}],
        basisdienste=[{"component": "epayment", "name": "Bezahlen (ePayBL)", "using": [],
                       "self_built": [{"service_id": gid}]}])
    client = login("viewer")
    before = client.get(f"/services/{ids['gewerbe']}").get_data(as_text=True)
    assert "Es liegt noch kein Analyseergebnis vor." in before
    _store_run(db_session, result)
    html = client.get(f"/services/{ids['gewerbe']}").get_data(as_text=True)
    card = html[html.index('id="analysis"'):html.index('id="h-history"')]
    assert re.findall(r'kpi__value">(\d+)<', card) == ["1", "1", "0", "1"]
    assert "(2 Schritte)" in card
    assert "/analysis/clusters/C9" in card and "Bescheid ausdrucken" in card
    assert "baut selbst" in card and "Bezahlen (ePayBL)" in card
    other = client.get(f"/services/{ids['hund']}").get_data(as_text=True)
    assert "keine doppelten Schritte" in other


def test_media_breaks_in_words_and_english_explanations(login, client, db_session):
    result = dict(RESULT, media_breaks=[{"kind": "retype", "evidence": "abtippen", "step": {
        "service_id": "1", "service_name": "Wohngeld", "label": "Daten abtippen",
        "step_id": "T1", "model_id": None}}],
        media_breaks_by_handlungsfeld={"OZG-Umsetzung": {"retype": 1}},
        clusters=[{"id": "C1", "canonical_name": "Antrag prüfen", "services": 2,
                   "members": [], "explanation": {"text": "gemeinsame Handlung: prüfen",
                                                  "text_en": "shared action: prüfen"}}])
    _store_run(db_session, result)
    viewer = login("viewer")
    html = viewer.get("/analysis/media-breaks").get_data(as_text=True)
    assert "erneute Erfassung" in html and ">retype<" not in html
    viewer.post("/language", data={"lang": "en"})
    english = viewer.get("/analysis/clusters").get_data(as_text=True)
    assert 'lang="en"' in english
    assert "shared action: prüfen" in english and "gemeinsame Handlung" not in english


def test_upload_refusal_does_not_name_server_settings(login, ids):
    import io

    deep = b'<?xml version="1.0"?>' + b"<a>" * 400 + b"</a>" * 400
    client = login("analyst")
    response = client.post(f"/processes/upload/{ids['gewerbe']}", data={
        "kind": "ist", "files": [(io.BytesIO(deep), "tief.bpmn")]},
        content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "tief.bpmn" in html and "Einstellung MAX_" not in html
