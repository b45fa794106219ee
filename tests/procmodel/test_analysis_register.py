"""The analysis over the register: models with context, stored decisions, stored runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from inventory.analysis_store import (
    AnalysisRun,
    latest_run,
    load_decisions,
    record_decision,
    register_models,
    store_run,
)
from inventory.errors import InvalidValue
from inventory.models_store import add_model_version
from inventory.services import create_service
from procmodel.analysis import ModelEntry, analyse, step_key

sys.path.insert(0, str(Path(__file__).parent))
from analysis_models import linear_model


def _add(session, name: str, labels: list[str], **fields):
    from bpmn.writer import write_bpmn

    service = create_service(session, name=name, **fields)
    model = linear_model(name, labels)
    add_model_version(session, service.id, data=write_bpmn(model), filename=f"{name}.bpmn",
                      model=model, findings=[], kind="ist")
    return service


def _entries(session) -> list[ModelEntry]:
    import bpmn

    return [ModelEntry(model=bpmn.parse(m.data, filename=m.filename),
                       service_id=str(m.service_id), service_name=m.service_name,
                       handlungsfeld=m.handlungsfeld, department=m.department,
                       fallzahl=m.fallzahl, bearbeitungszeit=m.bearbeitungszeit,
                       model_id=str(m.version_id)) for m in register_models(session)]


def test_rejected_pair_stays_rejected_in_the_register(session) -> None:
    a = _add(session, "Wohngeld", ["Antrag prüfen", "Bescheid zustellen"], department="Amt 50",
             fallzahl=900, bearbeitungszeit_minutes=45)
    b = _add(session, "Elterngeld", ["Antrag prüfen", "Bescheid versenden"], department="Amt 51")
    session.commit()
    models = register_models(session)
    assert {(m.service_name, m.department, m.fallzahl) for m in models} == {
        ("Wohngeld", "Amt 50", 900), ("Elterngeld", "Amt 51", None)}
    assert all(m.handlungsfeld for m in models)

    first = analyse(_entries(session), decisions=load_decisions(session))
    delivery = next(c for c in first.clusters if "Bescheid zustellen" in
                    {m.label for m in c.members})
    assert len(delivery.members) == 2

    key_a, key_b = step_key(str(a.id), "t2"), step_key(str(b.id), "t2")
    record_decision(session, key_b, key_a, "rejected", label_a="Bescheid versenden",
                    label_b="Bescheid zustellen", comment="andere Zustellart")
    session.commit()
    # A later verdict on the same pair replaces the earlier one (no duplicate row).
    record_decision(session, key_a, key_b, "rejected")
    session.commit()
    assert len(load_decisions(session)) == 1

    for _ in range(2):  # the next runs, and the ones after
        later = analyse(_entries(session), decisions=load_decisions(session))
        assert not any({key_a, key_b} <= {m.key for m in c.members} for c in later.clusters)
        assert any({m.label for m in c.members} == {"Antrag prüfen"} for c in later.clusters)

    run = store_run(session, later, source="register")
    session.commit()
    assert latest_run(session).id == run.id
    stored = session.get(AnalysisRun, run.id)
    assert stored.model_count == 2
    assert stored.result["suppressed_pairs"] == [sorted([key_a, key_b])]


def test_decision_needs_two_steps_and_a_known_verdict(session) -> None:
    with pytest.raises(InvalidValue):
        record_decision(session, "1#t1", "1#t1", "rejected")
    with pytest.raises(InvalidValue):
        record_decision(session, "1#t1", "2#t1", "vielleicht")


def test_cli_analyse_register_and_decide(sqlite_url: str, sqlite_engine, tmp_path: Path) -> None:
    from inventory.db import make_session_factory
    from procmodel.cli import main

    with make_session_factory(sqlite_engine)() as session:
        a = _add(session, "Wohngeld", ["Bescheid zustellen"])
        b = _add(session, "Elterngeld", ["Bescheid versenden"])
        session.commit()
        ids = (a.id, b.id)
    out = tmp_path / "r.json"
    assert main(["analyse", "--db", sqlite_url, "--format", "json", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["clusters"]) == 1
    assert main(["decide", f"{ids[0]}#t1", f"{ids[1]}#t1", "rejected", "--db", sqlite_url]) == 0
    assert main(["analyse", "--db", sqlite_url, "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["clusters"] == []
    with make_session_factory(sqlite_engine)() as session:
        assert latest_run(session).result["clusters"] == []
