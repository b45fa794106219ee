"""The demo register: ``procmodel demo`` loads a complete, deterministic register.

One demo load (a real SQLite file, through the real command) is shared by the module;
the determinism and refusal tests load again into their own files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

import bpmn
from inventory import history, lists, models_store
from inventory.db import make_engine, make_session_factory
from inventory.tables import ModelVersion, ProcessModel, Service, StatusHistory, User
from procmodel.cli import main

TODAY = date(2026, 11, 26)


def run_demo(url: str, *extra: str) -> int:
    return main(["demo", "--db", url, "--today", TODAY.isoformat(), *extra])


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    assert run_demo(url) == 0
    return url


@pytest.fixture
def demo_session(demo_url: str):
    engine = make_engine(demo_url)
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


def test_demo_has_services_in_every_handlungsfeld(demo_session) -> None:
    services = demo_session.scalars(select(Service)).all()
    assert len(services) >= 40
    by_field: dict[int, int] = defaultdict(int)
    for service in services:
        by_field[service.handlungsfeld_id] += 1
    names = {h.id: h.name for h in lists.handlungsfelder(demo_session)}
    assert {names[i] for i in by_field} == {
        "OZG-Umsetzung", "Verwaltungsdigitalisierung", "IT- und Kommunikationsstrategie",
        "Smart City"}
    assert min(by_field.values()) >= 5


def test_demo_services_are_filled_in_and_linked(demo_session) -> None:
    services = demo_session.scalars(select(Service)).all()
    for service in services:
        assert service.department and service.contact_role and service.description, service.name
        assert service.umsetzungsstatus, service.name
    gewerbe = demo_session.scalars(select(Service).where(
        Service.name == "Gewerbeanmeldung")).one()
    assert [o.ozg_id for o in gewerbe.ozg_leistungen] == ["10294"]
    assert [le.schluessel for le in gewerbe.leika_leistungen] == ["99050012104000"]
    linked = [s for s in services if s.ozg_leistungen]
    assert len(linked) >= 25
    assert {s.reifegrad_model for s in services if s.reifegrad is not None} == {"1.1", "2.0"}
    overdue = [s for s in services if s.target_date and s.target_date < TODAY
               and s.reifegrad is not None and s.reifegrad < s.target_reifegrad]
    assert len(overdue) >= 3


def test_every_service_has_a_current_model_with_a_diagram(demo_session) -> None:
    services = demo_session.scalars(select(Service)).all()
    soll = 0
    for service in services:
        version = models_store.current_version(demo_session, service.id, "ist")
        assert version is not None, service.name
        model = bpmn.parse(version.data, filename=version.filename)
        assert model.diagrams and model.diagrams[0].shapes, version.filename
        assert version.error_count == 0, (version.filename, version.findings)
        if models_store.current_version(demo_session, service.id, "soll"):
            soll += 1
    assert soll >= 5
    gewerbe = demo_session.scalars(select(Service).where(
        Service.name == "Gewerbeanmeldung")).one()
    versions = models_store.versions_of(demo_session, gewerbe.id, "ist")
    assert [v.number for v in versions] == [2, 1]
    assert versions[1].warning_count > 0 and not versions[1].is_current
    assert versions[0].is_current and versions[0].release_status == "freigegeben"
    assert versions[1].uploaded_at < versions[0].uploaded_at


def test_history_spans_two_years_with_changes_in_every_half_year(demo_session) -> None:
    rows = demo_session.scalars(select(StatusHistory)).all()
    stamps = [r.changed_at for r in rows]
    now = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC)
    assert min(stamps) <= now - timedelta(days=700)
    assert max(stamps) >= now - timedelta(days=60)
    assert max(stamps) <= now
    changes = [r for r in rows if r.comment != "In das Prozessregister aufgenommen."]
    for start, end in (("2025-01-01", "2025-07-01"), ("2025-07-01", "2026-01-01"),
                       ("2026-01-01", "2026-07-01"), ("2026-07-01", "2026-11-27")):
        lo = datetime.fromisoformat(start).replace(tzinfo=UTC)
        hi = datetime.fromisoformat(end).replace(tzinfo=UTC)
        in_period = [r for r in changes if lo <= r.changed_at < hi]
        assert len([r for r in in_period if r.field == "umsetzungsstatus"]) >= 5, start
    authors = {r.changed_by_name for r in changes}
    assert len(authors) >= 3


def test_state_a_year_ago_differs_from_today(demo_session) -> None:
    service = demo_session.scalars(select(Service).where(
        Service.name == "Gewerbeanmeldung")).one()
    then = history.service_state_at(demo_session, service.id, TODAY - timedelta(days=600))
    assert then["umsetzungsstatus"] == "Konzeption"
    assert service.umsetzungsstatus == "Roll-out"


SHARED_STEPS = {
    "BundID": re.compile(r"bundid|deutschlandid|\(eid\)|unternehmens ?konto|\bmuk\b",
                         re.IGNORECASE),
    "ePayment": re.compile(r"epay|pmpayment|bezahl", re.IGNORECASE),
    "E-Akte": re.compile(r"\be-akte", re.IGNORECASE),
}


def test_shared_steps_appear_in_varied_wording(demo_session) -> None:
    services: dict[str, set[int]] = defaultdict(set)
    wordings: dict[str, set[str]] = defaultdict(set)
    for version in models_store.current_versions(demo_session):
        model = bpmn.parse(version.data)
        for process in model.processes:
            for node in process.activities:
                label = node.normalised_name
                for name, pattern in SHARED_STEPS.items():
                    if pattern.search(label):
                        services[name].add(version.process_model.service_id)
                        wordings[name].add(label)
    for name in SHARED_STEPS:
        assert len(services[name]) >= 5, name
        assert len(wordings[name]) >= 3, (name, wordings[name])


def test_users_one_per_role(demo_session) -> None:
    accounts = demo_session.scalars(select(User)).all()
    assert {u.role for u in accounts} == {"admin", "analyst", "coordinator", "viewer"}
    limited = [u for u in accounts if u.department]
    assert len(limited) == 1 and limited[0].role == "coordinator"
    assert demo_session.scalars(select(Service).where(
        Service.department == limited[0].department)).first() is not None


def _snapshot(url: str) -> dict[str, list]:
    """What must be equal between two loads on the same day (password hashes are salted)."""
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        services = [(s.id, s.name, s.umsetzungsstatus, s.reifegrad, s.target_date,
                     s.created_at, s.updated_at, s.version, s.fallzahl, s.online_share)
                    for s in session.scalars(select(Service).order_by(Service.id))]
        rows = [(r.service_id, r.field, r.old_value, r.new_value, r.changed_at,
                 r.changed_by_name, r.comment)
                for r in session.scalars(select(StatusHistory).order_by(StatusHistory.id))]
        versions = [(v.process_model.service_id, v.process_model.kind, v.sha256, v.filename,
                     v.uploaded_at, v.release_status, v.step_summary)
                    for v in session.scalars(select(ModelVersion).join(ProcessModel)
                                             .order_by(ModelVersion.id))]
    engine.dispose()
    return {"services": services, "history": rows, "versions": versions}


def test_loading_twice_with_force_is_deterministic(demo_url: str) -> None:
    first = _snapshot(demo_url)
    assert run_demo(demo_url, "--force") == 0
    assert _snapshot(demo_url) == first


def test_refuses_non_empty_register_without_force(demo_url: str, capsys) -> None:
    before = _snapshot(demo_url)
    assert run_demo(demo_url) == 2
    assert "--force" in capsys.readouterr().err
    assert _snapshot(demo_url) == before
    assert run_demo(demo_url, "--if-empty") == 0  # start scripts: keep what is there
    assert _snapshot(demo_url) == before


def test_history_moves_with_the_day_it_is_loaded() -> None:
    from inventory.demo.history import plan_service
    from inventory.demo.services import SERVICES

    later = TODAY + timedelta(days=400)
    for entry in SERVICES:
        plan = plan_service(entry, later)
        stamps = [plan.created_at] + [c.when for c in plan.changes]
        assert min(stamps).date() >= later - timedelta(days=730), entry["slug"]
        assert max(stamps).date() < later, entry["slug"]
        assert plan_service(entry, later) == plan


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_demo_loads_on_postgres_like_on_sqlite(db_url: str, demo_url: str) -> None:
    assert run_demo(db_url) == 0
    assert _snapshot(db_url) == _snapshot(demo_url)
    assert run_demo(db_url) == 2


def test_demo_analysis_runs_see_the_models_of_their_day(demo_session) -> None:
    from inventory.analysis_store import runs
    from inventory.strategy.duplicates import figures_from_result

    stored = sorted(runs(demo_session), key=lambda run: run.started_at)
    dates = [run.started_at.date() for run in stored]
    # baseline before 2025-H2 (the targets' base), end of 2025-H2, end of 2026-H1, now
    assert dates == [date(2025, 6, 24), date(2025, 12, 27), date(2026, 6, 26),
                     TODAY - timedelta(days=3)]
    for run in stored:
        assert run.model_count >= 40
        took = (run.finished_at - run.started_at).total_seconds()
        assert 0 < took < 60
    figures = [figures_from_result(run.result, run.started_at) for run in stored]
    # the paper procedures are revised half-year by half-year: fewer media breaks and
    # duplicate structures across Handlungsfelder each time, and some really resolved
    assert figures[0].media_breaks > figures[1].media_breaks > figures[2].media_breaks \
        > figures[3].media_breaks
    assert figures[0].cross_field > figures[1].cross_field > figures[2].cross_field \
        > figures[3].cross_field
    assert figures[3].cross_field * 2 <= figures[0].cross_field  # the halving target is met
    assert figures[1].media_break_keys - figures[2].media_break_keys
    assert figures[1].structure_keys - figures[2].structure_keys


def test_versions_of_a_model_keep_the_ids_of_shared_steps(demo_session) -> None:
    from inventory.models_store import versions_of

    service = demo_session.scalars(
        select(Service).where(Service.name == "Elterngeld (Antragsannahme)")).one()
    old, new = sorted(versions_of(demo_session, service.id, "ist"), key=lambda v: v.number)
    ids = [set(re.findall(rb'<bpmn:\w+ id="(Elterngeld[^"]*)"', bytes(v.data)))
           for v in (old, new)]
    assert len(ids[0] & ids[1]) >= 0.7 * len(ids[1])  # the same steps, the same ids
    assert ids[0] - ids[1] and ids[1] - ids[0]  # scanning gone, FIT-Connect new
    assert old.uploaded_at < new.uploaded_at


def test_a_failing_load_leaves_no_demo_data(tmp_path, monkeypatch, capsys) -> None:
    import procmodel.cli.demo as demo_command

    real = demo_command.read_model

    def broken_on_the_first(data: bytes, filename: str):
        broken_on_the_first.calls += 1
        return real(b"<bpmn:definitions" if broken_on_the_first.calls == 1 else data,
                    filename)

    broken_on_the_first.calls = 0
    monkeypatch.setattr(demo_command, "read_model", broken_on_the_first)
    url = f"sqlite:///{tmp_path / 'broken.sqlite3'}"
    assert run_demo(url) == 2
    assert "nicht lesbar" in capsys.readouterr().err
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        assert session.scalars(select(Service)).first() is None
        assert session.scalars(select(User)).first() is None
    engine.dispose()


@pytest.mark.postgres
def test_unreachable_database_is_a_clear_error(capsys) -> None:
    import os

    from sqlalchemy.engine import make_url

    server = os.environ.get("PROCMODEL_TEST_POSTGRES_URL",
                            "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    url = make_url(server).set(database="pm_no_such_database_h5")
    assert run_demo(url.render_as_string(hide_password=False)) == 2
    assert "Datenbank nicht erreichbar" in capsys.readouterr().err


def test_demo_in_the_instance_names_the_city_and_always_shows_the_logins(
        tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PROCMODEL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("PROCMODEL_DATABASE_URL", raising=False)
    monkeypatch.delenv("PROCMODEL_ORGANISATION", raising=False)
    (tmp_path / "procmodel.toml").write_text('login_max_failures = 7', encoding="utf-8")
    assert main(["demo", "--today", TODAY.isoformat()]) == 0
    settings = (tmp_path / "procmodel.toml").read_text(encoding="utf-8")
    assert settings == ('login_max_failures = 7\n'
                        'organisation = "Stadt Offenbach am Main (Demo)"\n')
    capsys.readouterr()
    assert main(["demo", "--if-empty"]) == 0  # the second start of scripts/demo.sh
    out = capsys.readouterr().out
    assert "demo-admin" in out and "procmodel serve" in out
    assert (tmp_path / "procmodel.toml").read_text(encoding="utf-8") == settings
    # a city name set elsewhere is left alone
    (tmp_path / "procmodel.toml").unlink()
    monkeypatch.setenv("PROCMODEL_ORGANISATION", "Stadt Musterhausen")
    assert main(["demo", "--if-empty"]) == 0
    assert not (tmp_path / "procmodel.toml").exists()
