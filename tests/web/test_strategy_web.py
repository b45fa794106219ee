"""Strategy and report pages through the test client, for each role."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from inventory.strategy import create_project, create_target, list_projects, list_targets

RULE = "anteil(reifegrad >= 2) ziel >= 50 % bis 2027-06-30"


@pytest.fixture
def strategy(app, db_session):
    """One target, two overlapping projects (one overdue) and a narrative."""
    when = datetime(2025, 3, 2, 9, tzinfo=UTC)
    field = "OZG-Umsetzung"
    target = create_target(db_session, handlungsfeld=field, name="Ziel <b>fett</b>", rule=RULE,
                           start_date=date(2025, 3, 1), when=when)
    late = create_project(db_session, handlungsfeld=field, name="Portal <script>x</script>",
                          start_date=date(2025, 1, 1), end_date=date(2025, 6, 30),
                          status="in_arbeit", responsible="Amt 12",
                          milestones=[{"name": "Go-live", "due": date(2025, 6, 1)}], when=when)
    other = create_project(db_session, handlungsfeld=field, name="Formularserver",
                           start_date=date(2025, 5, 1), end_date=date(2030, 1, 1),
                           status="in_arbeit", responsible="Amt 12", when=when)
    db_session.commit()
    return {"target": target.id, "late": late.id, "other": other.id}


@pytest.mark.parametrize("role", ["viewer", "analyst", "coordinator", "admin"])
def test_everyone_signed_in_reads_targets_and_timeline(login, strategy, role):
    client = login(role)
    page = client.get("/strategy/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Ziel &lt;b&gt;fett&lt;/b&gt;" in html and "<b>fett" not in html
    assert "<script>x" not in html and "gantt-overdue" in html and "gantt-overlap" in html
    assert ("Neues Ziel" in html) == (role in ("coordinator", "admin"))
    detail = client.get(f"/strategy/targets/{strategy['target']}")
    assert detail.status_code == 200 and "chart-progress" in detail.get_data(as_text=True)
    assert client.get(f"/strategy/projects/{strategy['late']}").status_code == 200
    svg = client.get("/strategy/gantt.svg")
    assert svg.mimetype == "image/svg+xml" and b"gantt-today" in svg.data


def test_anonymous_is_sent_to_sign_in(client, strategy):
    assert client.get("/strategy/").status_code == 302
    assert client.get("/reports/").status_code == 302
    assert client.get("/reports/download?period=2025-H1&format=pdf").status_code == 302


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_readers_cannot_edit(login, strategy, role):
    client = login(role)
    assert client.get("/strategy/targets/new").status_code == 403
    assert client.post("/strategy/targets/new", data={"name": "x"}).status_code == 403
    assert client.get(f"/strategy/projects/{strategy['late']}/edit").status_code == 403
    assert client.get("/reports/narratives/edit?period=2025-H1").status_code == 403


def test_coordinator_creates_and_edits_a_target_with_history(login, strategy, db_session, ids):
    client = login("coordinator")
    bad = client.post("/strategy/targets/new", data={
        "handlungsfeld": "1", "name": "Kaputt", "rule": "anteil(reifegrad >= 3) ziel"})
    assert bad.status_code == 400 and "Regel endet zu früh" in bad.get_data(as_text=True)
    made = client.post("/strategy/targets/new", data={
        "handlungsfeld": "1", "name": "Online-Anteil", "rule": "online_fallzahl ziel 50 %",
        "start_date": "2025-01-01", "comment": "Beschluss"})
    assert made.status_code == 302
    target = next(t for t in list_targets(db_session) if t.name == "Online-Anteil")
    assert target.rule == "online_fallzahl ziel >= 50 %"
    edit = client.post(f"/strategy/targets/{target.id}/edit", data={
        "version": str(target.version), "handlungsfeld": "1", "name": "Online-Anteil",
        "rule": "online_fallzahl ziel >= 60 %", "start_date": "2025-01-01",
        "comment": "angehoben"})
    assert edit.status_code == 302
    stale = client.post(f"/strategy/targets/{target.id}/edit", data={
        "version": str(target.version), "handlungsfeld": "1", "name": "Alt",
        "rule": "online_fallzahl ziel >= 10 %"})
    assert stale.status_code == 409 and "inzwischen" in stale.get_data(as_text=True)
    history = client.get(f"/strategy/targets/{target.id}").get_data(as_text=True)
    assert "angehoben" in history and "ziel &gt;= 60 %" in history


def test_coordinator_edits_a_project(login, strategy, db_session):
    client = login("coordinator")
    project_id = strategy["late"]
    page = client.get(f"/strategy/projects/{project_id}/edit")
    assert page.status_code == 200 and "Go-live | 2025-06-01" in page.get_data(as_text=True)
    bad = client.post(f"/strategy/projects/{project_id}/edit", data={
        "version": "1", "handlungsfeld": "1", "name": "Portal", "kind": "projekt",
        "status": "in_arbeit", "start_date": "2025-01-01", "end_date": "2025-06-30",
        "milestones": "Go-live | morgen"})
    assert bad.status_code == 400 and "Zeile 1" in bad.get_data(as_text=True)
    done = client.post(f"/strategy/projects/{project_id}/edit", data={
        "version": "1", "handlungsfeld": "1", "name": "Portal", "kind": "projekt",
        "status": "abgeschlossen", "start_date": "2025-01-01", "end_date": "2025-06-30",
        "finished_on": "2025-07-10", "milestones": "Go-live | 2025-06-01 | 2025-06-20",
        "depends_on": str(strategy["other"]), "comment": "fertig"})
    assert done.status_code == 302
    db_session.expire_all()
    project = next(p for p in list_projects(db_session) if p.id == project_id)
    assert project.status == "abgeschlossen" and project.milestones[0].done_on == date(2025, 6, 20)
    assert [d.id for d in project.depends_on] == [strategy["other"]]
    detail = client.get(f"/strategy/projects/{project_id}").get_data(as_text=True)
    assert "fertig" in detail and "abgeschlossen" in detail


def test_report_page_preview_and_downloads(login, strategy):
    client = login("viewer")
    page = client.get("/reports/?custom=2025-H1")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Handlungsfeld OZG-Umsetzung" in html
    assert "<style" not in html  # the preview links report.css (CSP)
    assert client.get("/reports/?custom=2025-H7").status_code == 400
    # German dates; a free range replaces the list's half-year in the address
    moved = client.get("/reports/?period=2025-H2&custom=01.01.2025..30.06.2025")
    assert moved.status_code == 302
    assert moved.headers["Location"].endswith("/reports/?custom=2025-01-01..2025-06-30")
    assert client.get("/reports/?custom=01.01.2025..30.06.2025").status_code == 200
    future = client.get("/reports/?custom=2099-H1")
    assert future.status_code == 400 and "beginnt erst am" in future.get_data(as_text=True)
    assert client.get("/reports/download?period=2099-H1&format=pdf").status_code == 400
    pdf = client.get("/reports/download?period=2025-H1&format=pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "sachstandsbericht-2025-H1.pdf" in pdf.headers["Content-Disposition"]
    docx = client.get("/reports/download?period=2025-01-01..2025-06-30&format=docx")
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    assert client.get("/reports/download?period=2025-H1&format=exe").status_code == 400
    assert client.get("/reports/download?period=bald&format=pdf").status_code == 400


def test_narrative_sections_are_written_and_shown(login, strategy):
    client = login("coordinator")
    listing = client.get("/reports/narratives?period=2025-H1").get_data(as_text=True)
    assert "noch nicht geschrieben" in listing
    saved = client.post("/reports/narratives/edit?period=2025-H1&hf=1", data={
        "title": "Stand OZG", "body": "Erster Absatz.\n\nZweiter <i>Absatz</i>."})
    assert saved.status_code == 302
    preview = client.get("/reports/?custom=2025-H1").get_data(as_text=True)
    assert "Stand OZG" in preview and "Zweiter &lt;i&gt;Absatz&lt;/i&gt;." in preview
    again = client.post("/reports/narratives/edit?period=2025-H1&hf=1", data={
        "title": "Stand OZG", "body": "überschreiben"})  # no version: someone saved first
    assert again.status_code == 409
    assert client.get("/reports/narratives/edit?period=2025-H1&hf=999").status_code == 404


def test_project_services_are_named_by_number_or_name(login, strategy, db_session):
    from sqlalchemy import select

    from inventory.tables import Handlungsfeld, Service

    field_id = db_session.scalar(select(Handlungsfeld.id).where(
        Handlungsfeld.name == "OZG-Umsetzung"))
    made = [Service(name=n, handlungsfeld_id=field_id, reifegrad_model="1.1", basisdienste=[],
                    version=1)
            for n in ("Test-Wohngeld", "Test-Gewerbeanmeldung", "Test-Hundesteuer",
                      "Test-Hundesteuer")]
    db_session.add_all(made)
    db_session.commit()
    wohngeld, gewerbe, dog1, _dog2 = (s.id for s in made)
    client = login("coordinator")
    form = {"handlungsfeld": str(field_id), "name": "Portal", "kind": "projekt",
            "status": "in_arbeit", "start_date": "2025-01-01", "end_date": "2025-06-30",
            "milestones": "Go-live | 2025-06-01"}
    bad = client.post(f"/strategy/projects/{strategy['late']}/edit", data={
        **form, "version": "1", "services": f"{wohngeld}\nKfz-Zulassung\nTest-Hundesteuer\n99999"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Zeile 2: Keine Leistung heißt „Kfz-Zulassung“" in html
    assert "Zeile 3: „Test-Hundesteuer“ passt auf mehrere Leistungen" in html
    assert "Zeile 4: Eine Leistung Nr. 99999 gibt es nicht." in html
    ok = client.post(f"/strategy/projects/{strategy['late']}/edit", data={
        **form, "version": "1",
        "services": f"test-gewerbeanmeldung\n{wohngeld} – Test-Wohngeld\nNr. {dog1}; {wohngeld}"})
    assert ok.status_code == 302
    db_session.expire_all()
    project = next(p for p in list_projects(db_session) if p.id == strategy["late"])
    assert sorted(s.id for s in project.services) == sorted([gewerbe, wohngeld, dog1])
    page = client.get(f"/strategy/projects/{strategy['late']}/edit").get_data(as_text=True)
    assert f"{gewerbe} – Test-Gewerbeanmeldung" in page and "<select multiple" not in page.split(
        'name="services"')[0][-200:]


def test_target_from_structured_fields(login, strategy, db_session):
    client = login("coordinator")
    base = {"mode": "felder", "handlungsfeld": "1", "name": "Kommunale Leistungen konform",
            "metric": "anteil_reifegrad", "level": "konform", "scope": "eigen", "op": ""}
    page = client.get("/strategy/targets/new").get_data(as_text=True)
    assert 'name="metric"' in page and 'type="checkbox"' in page and "ab Reifegrad" in page
    missing = client.post("/strategy/targets/new", data={**base, "goal": ""})
    assert missing.status_code == 400
    assert "Bitte geben Sie den Zielwert an." in missing.get_data(as_text=True)
    too_much = client.post("/strategy/targets/new", data={**base, "goal": "120"})
    assert too_much.status_code == 400
    made = client.post("/strategy/targets/new", data={
        **base, "goal": "80", "leika": ["2/3", "3", "5"], "deadline": "2027-06-30"})
    assert made.status_code == 302
    target = next(t for t in list_targets(db_session) if t.name == base["name"])
    assert target.rule == ("anteil(reifegrad >= konform) wo leika_typ in {2/3, 3, 5} "
                           "ziel >= 80 % bis 2027-06-30")
    # the edit form shows the fields again, filled from the stored rule
    edit = client.get(f"/strategy/targets/{target.id}/edit").get_data(as_text=True)
    assert 'value="80"' in edit
    checked = re.findall(r'<input checked[^>]*name="leika"[^>]*value="([^"]+)"', edit)
    assert checked == ["2/3", "3", "5"]
    halve = client.post("/strategy/targets/new", data={
        **base, "name": "Halbieren", "metric": "doppelstrukturen", "scope": "alle",
        "goal": "50", "baseline": "2026-06-30"})
    assert halve.status_code == 302
    rule = next(t for t in list_targets(db_session) if t.name == "Halbieren").rule
    assert rule == "doppelstrukturen wo handlungsfeld = alle ziel <= 50 % der basis 2026-06-30"


def test_status_and_trend_words_follow_the_language(login, strategy):
    from procmodel.strategy.targets import STATUS_LABELS

    client = login("viewer")
    pattern = r'target-status--(\w+)">([^<]+)<'
    german = re.findall(pattern, client.get("/strategy/").get_data(as_text=True))
    english = re.findall(pattern, client.get(
        "/strategy/", headers={"Accept-Language": "en"}).get_data(as_text=True))
    assert german and [(k, STATUS_LABELS[k][0]) for k, _ in german] == german
    assert [(k, STATUS_LABELS[k][1]) for k, _ in english] == english
