"""``procmodel report`` on a register file, and the demo strategy data."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

from strategy_register import fill_known_register

from inventory.db import make_session_factory
from inventory.strategy import list_projects, list_targets, narratives_for, revisions_of
from inventory.strategy.report_source import RegisterReportSource
from procmodel.cli import main
from procmodel.reporting import assemble_report
from procmodel.strategy import Period


def _filled(sqlite_engine):
    with make_session_factory(sqlite_engine)() as session:
        fill_known_register(session)
        session.commit()


def test_report_command_writes_each_format(sqlite_engine, sqlite_url, tmp_path, capsys):
    from docx import Document
    from pypdf import PdfReader

    _filled(sqlite_engine)
    out = tmp_path / "bericht.pdf"
    code = main(["report", "--period", "2026-H2", "-o", str(out), "--db", sqlite_url,
                 "--today", "2027-01-15", "--organisation", "Stadt Musterstadt"])
    assert code == 0 and "2. Halbjahr 2026" in capsys.readouterr().err
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace("\xa0", " ")
    assert "Stadt Musterstadt" in text and "75 % (3 von 4)" in text
    docx_out = tmp_path / "bericht.docx"
    assert main(["report", "-p", "2026-07-01..2026-12-31", "-o", str(docx_out),
                 "--db", sqlite_url, "--today", "2027-01-15"]) == 0
    # without a city name the command says how to set one
    assert "PROCMODEL_ORGANISATION" in capsys.readouterr().err
    assert any(p.text == "Handlungsfeld OZG-Umsetzung"
               for p in Document(io.BytesIO(docx_out.read_bytes())).paragraphs)
    html_out = tmp_path / "bericht.html"
    assert main(["report", "-p", "2026-H2", "--format", "html", "-o", str(html_out),
                 "--db", sqlite_url]) == 0
    assert "<!DOCTYPE html>" in html_out.read_text(encoding="utf-8")
    json_out = tmp_path / "bericht.json"
    assert main(["report", "-p", "2026-H2", "-o", str(json_out), "--db", sqlite_url,
                 "--today", "2027-01-15"]) == 0
    data = json.loads(json_out.read_text(encoding="utf-8"))
    ozg = next(s for s in data["sections"] if s["name"] == "OZG-Umsetzung")
    assert ozg["figures"]["conformant"] == {"value": 75.0, "numerator": 3, "denominator": 4,
                                            "unit": "%"}
    assert ozg["targets"][0]["status_label"] == "gefährdet"
    assert "svg" not in json_out.read_text(encoding="utf-8")


def test_report_command_refuses_bad_input(sqlite_engine, sqlite_url, tmp_path, capsys):
    _filled(sqlite_engine)
    assert main(["report", "-p", "2026-H3", "-o", str(tmp_path / "x.pdf"),
                 "--db", sqlite_url]) == 2
    assert "2026-H3" in capsys.readouterr().err
    assert main(["report", "-p", "2026-H2", "-o", str(tmp_path / "x.txt"),
                 "--db", sqlite_url]) == 2
    assert main(["report", "-p", "2026-H2", "-o", str(tmp_path / "x.pdf"),
                 "--db", f"sqlite:///{tmp_path / 'leer.sqlite3'}"]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_demo_strategy_data_is_relative_to_today_and_deterministic(sqlite_engine):
    from inventory.demo.strategy import load

    today = date(2026, 11, 26)
    dumps = []
    for _ in range(2):
        with make_session_factory(sqlite_engine)() as session:
            summary = load(session, today)
            targets = list_targets(session)
            projects = list_projects(session)
            dumps.append(([(t.name, t.rule, t.start_date) for t in targets],
                          [(p.name, p.status, p.start_date, p.end_date, p.finished_on,
                            [(m.name, m.due, m.done_on) for m in p.milestones])
                           for p in projects]))
            assert "9 Ziele" in summary and "2026-H1" in summary and "2026-H2" in summary
            fields = {t.handlungsfeld.name for t in targets}
            assert len(fields) == 4 and len({p.handlungsfeld.name for p in projects}) == 4
            assert any(p.outlook for p in projects)
            assert any(p.status == "abgeschlossen" for p in projects)
            assert len(narratives_for(session, "2026-H1")) == 5
            assert len(narratives_for(session, "2026-H2")) == 5
            eakte = next(p for p in projects if p.name == "Einführung der E-Akte")
            assert len(revisions_of(session, "project", eakte.id)) >= 3
            report = assemble_report(RegisterReportSource(session), Period.parse("2026-H1"),
                                     today=today, generated_at=datetime.now(UTC))
            late = [e for s in report.sections for e in s.late_milestones]
            finished = [e for s in report.sections for e in s.finished_milestones]
            assert late and finished
            session.rollback()
    assert dumps[0] == dumps[1]


def test_a_period_that_has_not_started_is_refused(sqlite_engine, sqlite_url, tmp_path, capsys):
    _filled(sqlite_engine)
    out = tmp_path / "zukunft.pdf"
    assert main(["report", "-p", "2027-H2", "-o", str(out), "--db", sqlite_url,
                 "--today", "2027-01-15"]) == 2
    assert "beginnt erst am 01.07.2027" in capsys.readouterr().err and not out.exists()
