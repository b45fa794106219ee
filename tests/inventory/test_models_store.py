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
    not_current_reason,
    set_release_status,
    versions_of,
)
from inventory.services import create_service
from inventory.tables import ModelVersion
from inventory.users import create_user
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
    # A file with an error finding is stored, but never made current by the rule.
    assert stored.release_status == "entwurf" and not stored.is_current and stored.kind == "ist"
    assert "1 Fehler" in not_current_reason(session, stored)

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

    set_release_status(session, first.id, "freigegeben", despite_errors="bekannter Fehler")
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


ERROR = Finding(Severity.ERROR, "ref-dangling", "Verweis auf „x“ fehlt", "Missing reference",
                file="v.bpmn", line=3, element_id="f")


def _add(session, service_id, name, *, errors=False, kind="ist", **options):
    return add_model_version(session, service_id, data=name.encode(), filename=name,
                             model=MODEL, findings=[ERROR] if errors else [], kind=kind,
                             **options)


def test_upload_beside_a_released_version_stays_a_draft_until_released(session) -> None:
    from datetime import UTC, datetime

    service = create_service(session, name="Bewohnerparkausweis")
    analyst = create_user(session, "analyse", "sehr-geheim-1", role="analyst")
    v1 = _add(session, service.id, "v1.bpmn")
    assert v1.is_current and v1.released_at is None
    released = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    set_release_status(session, v1.id, "freigegeben", changed_by=analyst, when=released)
    assert (v1.released_at, v1.released_by_id) == (released, analyst.id)

    clean = _add(session, service.id, "v2.bpmn")
    broken = _add(session, service.id, "v3.bpmn", errors=True)
    session.commit()
    assert current_version(session, service.id, "ist").id == v1.id
    assert current_versions(session) == [v1]
    assert not clean.is_current and clean.release_status == "entwurf"
    assert "Version 1 ist freigegeben" in not_current_reason(session, clean)
    assert "1 Fehler" in not_current_reason(session, broken)
    assert not_current_reason(session, v1) is None

    set_release_status(session, clean.id, "in Prüfung", changed_by=analyst)
    assert current_version(session, service.id, "ist").id == v1.id
    set_release_status(session, clean.id, "freigegeben", changed_by=analyst)
    session.commit()
    assert current_version(session, service.id, "ist").id == clean.id
    assert clean.released_by_id == analyst.id and clean.released_at is not None
    assert not v1.is_current and v1.release_status == "freigegeben"

    # Withdrawing the release of the current version falls back to the last released one.
    set_release_status(session, clean.id, "Entwurf", changed_by=analyst)
    session.commit()
    assert current_version(session, service.id, "ist").id == v1.id
    assert clean.released_at is None


def test_unreleased_current_version_is_replaced_by_a_clean_upload_only(session) -> None:
    service = create_service(session, name="Hundesteuer")
    v1 = _add(session, service.id, "v1.bpmn")
    set_release_status(session, v1.id, "in Prüfung")
    v2 = _add(session, service.id, "v2.bpmn")
    assert v2.is_current and not v1.is_current
    v3 = _add(session, service.id, "v3.bpmn", errors=True)
    session.commit()
    assert current_version(session, service.id, "ist").id == v2.id and not v3.is_current
    # The other kind is independent: its first clean version becomes current.
    soll = _add(session, service.id, "soll.bpmn", kind="soll")
    assert soll.is_current and current_version(session, service.id, "ist").id == v2.id


def test_a_version_with_errors_becomes_current_only_on_request(session) -> None:
    service = create_service(session, name="Wohngeld")
    first = _add(session, service.id, "v1.bpmn", errors=True)
    session.commit()
    assert current_version(session, service.id, "ist") is None and not first.is_current
    assert "noch keine aktuelle Version" in not_current_reason(session, first)
    asked = _add(session, service.id, "v2.bpmn", errors=True, make_current=True)
    assert asked.is_current
    make_current(session, first.id)
    session.commit()
    assert current_version(session, service.id, "ist").id == first.id


def test_explicit_choices_override_the_rule(session) -> None:
    service = create_service(session, name="Baugenehmigung")
    v1 = _add(session, service.id, "v1.bpmn")
    set_release_status(session, v1.id, "freigegeben")
    v2 = _add(session, service.id, "v2.bpmn", make_current=True)  # "sofort verwenden"
    session.commit()
    assert current_version(session, service.id, "ist").id == v2.id
    v3 = _add(session, service.id, "v3.bpmn")  # v2 is not released: v3 follows
    assert v3.is_current
    v4 = _add(session, service.id, "v4.bpmn", make_current=False)
    set_release_status(session, v4.id, "freigegeben", make_current=False)
    session.commit()
    assert current_version(session, service.id, "ist").id == v3.id
    assert v4.release_status == "freigegeben" and not v4.is_current


def test_a_version_with_errors_is_released_only_with_a_reason(session) -> None:
    from inventory.models_store import ReleaseRefused

    service = create_service(session, name="Bewohnerparkausweis")
    analyst = create_user(session, "analyse", "sehr-geheim-1", role="analyst")
    good = _add(session, service.id, "v1.bpmn")
    set_release_status(session, good.id, "freigegeben", changed_by=analyst)
    broken = _add(session, service.id, "script.bpmn", errors=True, comment="Neu gezeichnet")
    session.commit()
    with pytest.raises(ReleaseRefused, match="enthält 1 Fehler"):
        set_release_status(session, broken.id, "freigegeben", changed_by=analyst)
    session.rollback()
    assert broken.release_status == "entwurf"
    assert current_version(session, service.id, "ist").id == good.id
    set_release_status(session, broken.id, "in Prüfung", changed_by=analyst)  # allowed
    set_release_status(session, broken.id, "freigegeben", changed_by=analyst,
                       despite_errors="Verweis wird im Fachverfahren aufgelöst")
    session.commit()
    assert current_version(session, service.id, "ist").id == broken.id
    assert broken.comment.startswith("Neu gezeichnet\nFreigegeben trotz 1 Fehler am ")
    assert "von analyse: Verweis wird im Fachverfahren aufgelöst" in broken.comment


def test_four_eyes_release_refuses_the_uploader(session) -> None:
    from inventory.models_store import ReleaseRefused

    service = create_service(session, name="Hundesteuer")
    author = create_user(session, "autorin", "sehr-geheim-1", role="analyst")
    reviewer = create_user(session, "pruefer", "sehr-geheim-2", role="analyst")
    version = _add(session, service.id, "v1.bpmn", uploaded_by=author)
    with pytest.raises(ReleaseRefused, match="Vier-Augen"):
        set_release_status(session, version.id, "freigegeben", changed_by=author,
                           four_eyes=True)
    set_release_status(session, version.id, "freigegeben", changed_by=reviewer,
                       four_eyes=True)
    assert version.released_by_id == reviewer.id
