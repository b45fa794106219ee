"""The Sachstandsbericht from a register with a known history: figures, reproducibility
after later edits, and the PDF/DOCX/HTML outputs read back."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from strategy_register import OZG, VD, fill_known_register

from inventory.strategy import list_projects, list_targets, update_project, update_target
from inventory.strategy.report_source import RegisterReportSource
from inventory.tables import Service, StatusHistory
from procmodel.reporting import assemble_report, render
from procmodel.reporting.raster import converter_available
from procmodel.strategy import Period

GENERATED = datetime(2027, 1, 20, 10, tzinfo=UTC)


def _report(session, period="2026-H2", today=date(2027, 1, 20)):
    return assemble_report(RegisterReportSource(session, "Stadt Musterstadt"),
                           Period.parse(period), today=today, generated_at=GENERATED)


def _section(report, name):
    return next(s for s in report.sections if s.name == name)


def test_report_figures_for_the_second_half_of_2026(session):
    fill_known_register(session)
    report = _report(session)
    assert report.complete and report.as_of == date(2026, 12, 31)
    ozg = _section(report, OZG)
    # Gewerbeanmeldung, Personalausweis and Wohngeld (changed 23:30 on 31.12.) at 3
    assert (ozg.figures.conformant.numerator, ozg.figures.conformant.denominator) == (3, 4)
    assert ozg.figures.conformant_start.numerator == 2
    (target,) = ozg.targets
    assert target.current.display() == "66,7 %" and target.previous.display() == "33,3 %"
    assert target.trend == "steigend"
    # the Wohngeld change on the last day belongs to the period; Hundesteuer's does not
    changed = {(c.subject, c.field, c.new) for c in ozg.service_changes}
    assert ("Wohngeld", "Reifegrad", "3") in changed
    assert not any(c.subject == "Hundesteuer" for c in ozg.service_changes)
    # other fields are counted, not listed
    assert ("Gewerbeanmeldung", "Online-Anteil (%)", "40 %") not in changed
    assert ozg.service_change_counts == {"Reifegrad": 1, "Online-Anteil (%)": 1}
    assert ozg.service_changes_omitted == 0
    vd = _section(report, VD)
    assert [i.name for i in vd.overdue_projects] == ["Einführung E-Akte"]
    assert [e.milestone.name for e in vd.late_milestones] == ["Roll-out alle Ämter"]
    assert [i.name for i in _section(report, OZG).finished_projects] == ["Portal-Relaunch"]
    assert [i.name for i in _section(report, "Smart City").outlook] == ["Parkraumsensorik"]
    assert report.general.paragraphs == ["Die Stadt kommt voran.", "Zweiter Absatz."]
    vd_changes = _section(report, VD).service_changes
    assert [(c.field, c.old, c.new) for c in vd_changes] == [
        ("Reifegrad", "2", "4"), ("Umsetzungsstatus", "in Umsetzung", "online verfügbar")]
    first_half = _report(session, "2026-H1")
    assert [e.milestone.name for e in _section(first_half, VD).finished_milestones] == [
        "Pilotamt"]
    assert _section(first_half, VD).finished_milestones[0].milestone.late


def test_past_report_is_unchanged_after_later_edits(session):
    ids = fill_known_register(session)
    before = _report(session, "2026-H2").figures()
    later = datetime(2027, 1, 10, 9, tzinfo=UTC)
    service = session.get(Service, ids["Rechnungseingang"])
    session.add(StatusHistory(service_id=service.id, field="reifegrad", old_value="4",
                              new_value="1", changed_at=later, changed_by_name="X"))
    service.reifegrad = 1
    target = list_targets(session)[0]
    update_target(session, target.id, expected_version=target.version,
                  changes={"rule": "anteil(reifegrad >= 4) ziel >= 10 %", "name": "Anders"},
                  when=later)
    project = next(p for p in list_projects(session) if p.name == "Einführung E-Akte")
    update_project(session, project.id, expected_version=project.version,
                   changes={"status": "abgeschlossen", "name": "E-Akte (umbenannt)"}, when=later)
    session.flush()
    assert _report(session, "2026-H2").figures() == before
    now = _report(session, "2027-H1", today=date(2027, 1, 20))
    assert not now.complete and now.as_of == date(2027, 1, 20)
    assert any(a.target.name == "Anders" for a in now.all_targets)


@pytest.fixture
def sqlite_session(sqlite_engine):
    from inventory.db import make_session_factory

    with make_session_factory(sqlite_engine)() as sess:
        fill_known_register(sess)
        yield sess


def test_pdf_text_has_sections_and_figures(sqlite_session):
    from pypdf import PdfReader

    data = render(_report(sqlite_session), "pdf")
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")
    for expected in ("Sachstandsbericht Digitalstrategie", "2. Halbjahr 2026", "Inhalt",
                     "Zusammenfassung", "Handlungsfeld OZG-Umsetzung",
                     "Handlungsfeld Verwaltungsdigitalisierung", "Zeitplan", "Ausblick",
                     "Kommunale Leistungen OZG-konform", "66,7 %", "75 % (3 von 4)",
                     "Roll-out alle Ämter", "Parkraumsensorik", "Die Stadt kommt voran.",
                     f"Seite 2 von {len(reader.pages)}"):
        assert expected in text, expected
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])  # tagged PDF
    assert reader.trailer["/Root"].get("/Lang") == "de"
    titles = [item.title for item in _flatten(reader.outline)]  # bookmarks for navigation
    assert "Handlungsfeld OZG-Umsetzung" in titles and "Zeitplan" in titles


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_docx_has_headings_and_tables(sqlite_session):
    from docx import Document

    doc = Document(io.BytesIO(render(_report(sqlite_session), "docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Zusammenfassung" in headings and "Handlungsfeld OZG-Umsetzung" in headings
    assert "Statusänderungen im Zeitraum" in headings
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "75 % (3 von 4)" in cells and "66,7 %" in cells and "Wohngeld" in cells
    assert doc.core_properties.language == "de-DE"


@pytest.mark.skipif(not converter_available(), reason="rsvg-convert (librsvg2-bin) fehlt")
def test_docx_embeds_the_charts_as_png(sqlite_session):
    from docx import Document

    report = _report(sqlite_session)
    doc = Document(io.BytesIO(render(report, "docx")))
    # overview, per field Reifegrad + one chart per target, the Gantt chart
    expected = 2 + sum(1 + len(s.target_charts) for s in report.sections)
    assert len(doc.inline_shapes) == expected
    descriptions = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert any("Handlungsfeld" in (d or "") for d in descriptions)
    assert not any("Diagramme fehlen" in p.text for p in doc.paragraphs)
    # A4, and the Gantt chart on a landscape page of its own
    sizes = [(round(s.page_width.cm, 1), round(s.page_height.cm, 1)) for s in doc.sections]
    assert sizes == [(21.0, 29.7), (29.7, 21.0), (21.0, 29.7)]


def test_docx_without_converter_says_charts_are_missing(sqlite_session, monkeypatch):
    from docx import Document

    # an environment without rsvg-convert: nothing on the PATH
    monkeypatch.setenv("PATH", "/nonexistent")
    doc = Document(io.BytesIO(render(_report(sqlite_session), "docx")))
    assert len(doc.inline_shapes) == 0
    assert any("Diagramme fehlen" in p.text and "librsvg2-bin" in p.text
               for p in doc.paragraphs)


def test_html_is_standalone_and_escapes_register_text(sqlite_session):
    service = sqlite_session.query(Service).filter_by(name="Wohngeld").one()
    service.name = "Wohngeld <script>alert(1)</script>"
    sqlite_session.flush()
    html = render(_report(sqlite_session), "html").decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="de">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'id="zeitplan"' in html and "gantt-overdue" in html


def _run(session, when, structures, breaks):
    from inventory.analysis_store import AnalysisRun

    def ds(name, fields, services):
        return {"kind": "cluster", "ref": name, "name": name, "handlungsfelder": fields,
                "departments": [], "services": services, "reason": "x"}

    def mb(service, step, field):
        return {"step": {"service_id": service, "step_id": step, "handlungsfeld": field},
                "kind": "print", "evidence": "drucken"}

    session.add(AnalysisRun(started_at=when, finished_at=when, source="register",
                            model_count=5, statistics={}, result={
                                "doppelstrukturen": [ds(*s) for s in structures],
                                "media_breaks": [mb(*b) for b in breaks]}))
    session.flush()


def test_duplicates_found_and_resolved_from_stored_runs(session):
    fill_known_register(session)
    both = [OZG, VD]
    _run(session, datetime(2026, 6, 1, tzinfo=UTC),
         [("Identifizierung", both, ["1", "5"]), ("Bescheid", both, ["1", "2"]),
          ("Zahlung", [OZG], ["1", "2"])],
         [("1", "t1", OZG), ("5", "t9", VD)])
    _run(session, datetime(2026, 12, 31, 22, 0, tzinfo=UTC),  # 23:00 Berlin: still 2026-H2
         [("Identifizierung", both, ["1", "5"]), ("Aktenablage", both, ["2", "5"])],
         [("5", "t9", VD)])
    _run(session, datetime(2027, 2, 1, tzinfo=UTC), [], [])  # later: must not count
    target_id = list_targets(session)[0].id
    from inventory.strategy import create_target

    create_target(session, handlungsfeld=OZG, name="Doppelstrukturen halbieren",
                  rule="doppelstrukturen wo handlungsfeld = alle ziel <= 50 % der basis "
                       "2026-06-30 bis 2027-12-31", start_date=date(2026, 6, 30),
                  when=datetime(2026, 7, 1, tzinfo=UTC))
    report = _report(session)
    assert target_id
    d0, d1 = report.duplicates_start, report.duplicates_end
    assert (d0.total, d0.cross_field, d0.media_breaks) == (3, 2, 2)
    assert (d1.total, d1.cross_field, d1.media_breaks) == (2, 2, 1)
    changes = report.duplicate_changes
    assert (changes.structures_found, changes.structures_resolved) == (1, 2)
    assert (changes.media_found, changes.media_resolved) == (0, 1)
    ozg = _section(report, OZG)
    assert (ozg.duplicates.cross_start, ozg.duplicates.cross_end) == (2, 2)
    assert (ozg.duplicates.media_start, ozg.duplicates.media_end) == (1, 0)
    halve = next(a for a in ozg.targets if a.target.name == "Doppelstrukturen halbieren")
    assert halve.goal == 1.0 and halve.current.value == 2.0 and halve.status == "gefaehrdet"
    html = render(report, "html").decode()
    assert "aufgelöst: 2 Doppelstrukturen und 1 Medienbrüche" in html
