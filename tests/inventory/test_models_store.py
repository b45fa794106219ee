"""Process-model versions: bytes kept exactly, hash, findings, step summary, current one."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy.exc import IntegrityError

from inventory.errors import InvalidValue
from inventory.models_store import (
    add_model_version,
    current_version,
    current_versions,
    findings_of,
    make_current,
    set_release_status,
    versions_of,
)
from inventory.services import create_service
from inventory.tables import ModelVersion
from procmodel.findings import Finding, Severity
from procmodel.model import (
    Collaboration,
    Definitions,
    FlowNode,
    Lane,
    NodeKind,
    Participant,
    Process,
)

MODEL = Definitions(
    id="defs",
    processes=(Process(id="p", flow_nodes=(
        FlowNode(id="s", kind=NodeKind.START_EVENT, process_id="p"),
        FlowNode(id="t1", name="Antrag  prüfen", kind=NodeKind.USER_TASK, process_id="p",
                 lane_id="l"),
        FlowNode(id="t2", name="Bescheid\nversenden", kind=NodeKind.SEND_TASK, process_id="p"),
    ), lanes=(Lane(id="l", name="Sachbearbeitung", process_id="p"),)),),
    collaborations=(Collaboration(id="c", participants=(
        Participant(id="pool", name="Bürgeramt", process_ref="p"),)),),
)
# Bytes that a text round trip would change: CRLF, a BOM, a NUL, invalid UTF-8.
DATA = b"\xef\xbb\xbf<?xml version='1.0'?>\r\n<definitions>\x00\xff\xfe</definitions>\r\n"


def test_versions_keep_bytes_hash_findings_and_summary(session) -> None:
    service = create_service(session, name="Gewerbeanmeldung")
    findings = [Finding(Severity.ERROR, "ref-dangling", "Verweis fehlt", "Missing reference",
                        file="g.bpmn", line=7, element_id="f1"),
                Finding(Severity.WARNING, "label-required", "Name fehlt", "No label")]
    first = add_model_version(session, service.id, data=DATA, filename="g.bpmn", model=MODEL,
                              findings=findings, kind="Ist")
    session.commit()
    session.expire_all()
    stored = session.get(ModelVersion, first.id)
    assert stored.data == DATA and stored.size == len(DATA)
    assert stored.sha256 == hashlib.sha256(DATA).hexdigest()
    assert (stored.error_count, stored.warning_count) == (1, 1)
    assert findings_of(stored) == findings
    assert stored.step_summary == [
        {"id": "t1", "name": "Antrag prüfen", "kind": "userTask", "process_id": "p",
         "lane": "Sachbearbeitung", "participant": "Bürgeramt"},
        {"id": "t2", "name": "Bescheid versenden", "kind": "sendTask", "process_id": "p",
         "lane": None, "participant": "Bürgeramt"}]
    assert stored.release_status == "entwurf" and stored.is_current and stored.kind == "ist"

    second = add_model_version(session, service.id, data=b"<v2/>", filename="g2.bpmn",
                               model=MODEL, findings=[], kind="ist")
    soll = add_model_version(session, service.id, data=b"<soll/>", filename="s.bpmn",
                             model=MODEL, findings=[], kind="soll")
    session.commit()
    assert second.number == 2 and current_version(session, service.id, "ist").id == second.id
    assert current_version(session, service.id, "soll").id == soll.id
    assert {v.id for v in current_versions(session)} == {second.id, soll.id}
    make_current(session, first.id)
    session.commit()
    assert current_version(session, service.id, "ist").id == first.id
    assert [v.number for v in versions_of(session, service.id, "ist")] == [2, 1]

    set_release_status(session, first.id, "freigegeben")
    assert first.release_status == "freigegeben" and first.release_changed_at is not None
    assert current_versions(session, released_only=True) == [first]
    with pytest.raises(InvalidValue):
        set_release_status(session, first.id, "fertig")
    with pytest.raises(InvalidValue):
        add_model_version(session, service.id, data=b"<x/>", filename="x", model=MODEL,
                          findings=[], kind="plan")


def test_database_allows_one_current_version_per_model(session) -> None:
    service = create_service(session, name="Wohngeld")
    first = add_model_version(session, service.id, data=b"<a/>", filename="a.bpmn",
                              model=MODEL, findings=[], kind="ist")
    second = add_model_version(session, service.id, data=b"<b/>", filename="b.bpmn",
                               model=MODEL, findings=[], kind="ist", make_current=False)
    session.commit()
    assert first.is_current and not second.is_current
    second.is_current = True  # bypassing make_current must fail in the database
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
