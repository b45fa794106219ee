"""Version diff over every element kind, automatic layout, finding links into diagrams."""

from __future__ import annotations

import io
import re

import bpmn
from tests.web import bpmn_samples as samples
from web.processes.diff import diff_models

GATEWAY_V1 = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
<process id="P" isExecutable="false">
  <startEvent id="S" name="Antrag eingegangen"/>
  <exclusiveGateway id="G1"/>
  <task id="A" name="Antrag pr\xc3\xbcfen"/>
  <task id="B" name="Nachforderung senden"/>
  <task id="C" name="Bescheid erstellen"/>
  <endEvent id="E" name="Erledigt"/>
  <sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
  <sequenceFlow id="f2" sourceRef="A" targetRef="G1"/>
  <sequenceFlow id="f3" sourceRef="G1" targetRef="B" name="unvollst\xc3\xa4ndig"/>
  <sequenceFlow id="f4" sourceRef="G1" targetRef="C"/>
  <sequenceFlow id="f5" sourceRef="B" targetRef="C"/>
  <sequenceFlow id="f6" sourceRef="C" targetRef="E"/>
</process></definitions>"""

#: v2: a merge gateway before "Bescheid erstellen" (the fake-join fix).
GATEWAY_V2 = GATEWAY_V1.replace(
    b'<endEvent id="E"', b'<exclusiveGateway id="G2"/>\n  <endEvent id="E"').replace(
    b'targetRef="B" name', b'targetRef="B" name').replace(
    b'<sequenceFlow id="f4" sourceRef="G1" targetRef="C"/>',
    b'<sequenceFlow id="f4" sourceRef="G1" targetRef="G2"/>').replace(
    b'<sequenceFlow id="f5" sourceRef="B" targetRef="C"/>',
    b'<sequenceFlow id="f5" sourceRef="B" targetRef="G2"/>\n'
    b'  <sequenceFlow id="f7" sourceRef="G2" targetRef="C"/>')


def _renumbered(data: bytes, prefix: str) -> bytes:
    """The same model with every id prefixed (as a different modeller would export it)."""
    text = data.decode()
    for old in re.findall(r'\bid="([^"]+)"', text):
        if old in {"d", "P"}:
            continue
        text = re.sub(rf'"{re.escape(old)}"', f'"{prefix}{old}"', text)
    return text.encode()


def test_added_merge_gateway_and_rewired_flows_are_reported():
    changes = diff_models(bpmn.parse(GATEWAY_V1), bpmn.parse(GATEWAY_V2))
    assert not changes.is_empty
    assert changes.count("added", "gateway") == 1
    assert changes.count("added", "flow") == 1
    assert {c.new.id for c in changes.rewired} == {"f4", "f5"}
    assert changes.count("unchanged", "step") == 3
    assert changes.count("removed", "step") == 0


def test_new_ids_for_the_same_content_count_as_unchanged():
    changes = diff_models(bpmn.parse(GATEWAY_V1), bpmn.parse(_renumbered(GATEWAY_V1, "X_")))
    assert changes.is_empty
    assert changes.count("unchanged", "step") == 3 and changes.new_ids("step") == 3
    assert changes.count("unchanged", "gateway") == 1  # unnamed: matched by neighbours
    assert changes.count("unchanged", "event") == 2
    assert changes.count("unchanged", "flow") == 6
    assert not changes.added and not changes.removed


def _upload(client, service_id: int, body: bytes, name: str, **extra):
    data = {"kind": "ist", "files": [(io.BytesIO(body), name)], **extra}
    response = client.post(f"/processes/upload/{service_id}", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_diff_page_lists_gateways_and_flows(login, ids):
    client = login("analyst")
    v1 = _upload(client, ids["gewerbe"], GATEWAY_V1, "v1.bpmn")
    v2 = _upload(client, ids["gewerbe"], GATEWAY_V2, "v2.bpmn")
    html = client.get(f"/processes/diff?old={v1}&new={v2}").get_data(as_text=True)
    row = html[html.index('data-group="gateway"'):].split("</tr>")[0]
    assert re.findall(r'<td class="num">(\d+)', row)[:2] == ["1", "0"]
    assert 'id="diff-rewired"' in html and 'id="diff-same"' not in html


def test_diff_refuses_versions_of_two_services(login, ids):
    client = login("analyst")
    a = _upload(client, ids["gewerbe"], samples.GOOD, "a.bpmn")
    b = _upload(client, ids["bau"], samples.GOOD_V2, "b.bpmn")
    response = client.get(f"/processes/diff?old={a}&new={b}")
    assert response.status_code == 400
    assert "verschiedenen Leistungen" in response.get_data(as_text=True)


def test_model_without_diagram_is_laid_out_with_findings(login, ids):
    client = login("analyst")
    version = _upload(client, ids["gewerbe"], GATEWAY_V1, "ohne-di.bpmn")
    html = client.get(f"/processes/versions/{version}").get_data(as_text=True)
    assert 'id="auto-layout-note"' in html and "Automatisch angeordnet" in html
    assert 'data-element-id="A"' in html and "keine Diagrammdaten (nur" not in html
    # G1 is an unnamed gateway: a lint warning, outlined in the generated diagram
    assert re.search(r'data-element-id="G1"[^>]*pm-finding|pm-finding[^>]*data-element-id="G1"',
                     html)
    download = client.get(f"/processes/versions/{version}/laid-out.bpmn")
    assert download.status_code == 200
    laid_out = bpmn.parse(download.data)
    assert laid_out.diagrams and {s.element_id for s in laid_out.diagrams[0].shapes} >= {
        "A", "B", "C", "G1"}
    svg = client.get(f"/processes/versions/{version}/diagram.svg")
    assert b'data-element-id="A"' in svg.data
    # a file with its own diagram offers no generated download
    own = _upload(client, ids["gewerbe"], samples.GOOD, "mit-di.bpmn")
    assert client.get(f"/processes/versions/{own}/laid-out.bpmn").status_code == 404


def _two_diagrams_with_finding() -> bytes:
    """WITH_FINDING plus a second diagram that is the only one drawing ``Task_leer``."""
    body = samples.WITH_FINDING.decode()
    start = body.index("<bpmndi:BPMNDiagram")
    end = body.index("</bpmndi:BPMNDiagram>") + len("</bpmndi:BPMNDiagram>")
    first = re.sub(r'<bpmndi:BPMNShape id="Task_leer_di".*?</bpmndi:BPMNShape>\n', "",
                   body[start:end])
    second = body[start:end].replace('id="Diagram_1"', 'id="Diagram_2" name="Detail"')
    second = re.sub(r'id="([^"]+)_di"', r'id="\1_di2"', second).replace(
        'id="Plane_1"', 'id="Plane_2"')
    return (body[:start] + first + second + body[end:]).encode()


def test_finding_link_switches_to_the_diagram_with_the_element(login, ids):
    client = login("analyst")
    version = _upload(client, ids["gewerbe"], _two_diagrams_with_finding(), "zwei.bpmn")
    html = client.get(f"/processes/versions/{version}").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" data-focus-element="Task_leer"', html)
    assert link and "diagram=Diagram_2" in link.group(1) and "focus=Task_leer" in link.group(1)
    target = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert 'data-diagram-id="Diagram_2"' in target
    # without a diagram in the address, focus alone picks the diagram drawing the element
    alone = client.get(f"/processes/versions/{version}?focus=Task_leer").get_data(as_text=True)
    assert 'data-diagram-id="Diagram_2"' in alone


def test_releasing_a_version_with_errors_needs_confirmation_and_reason(login, ids,
                                                                       db_session):
    from inventory import models_store

    client = login("analyst")
    good = _upload(client, ids["bau"], samples.GOOD, "gut.bpmn")
    client.post(f"/processes/versions/{good}/release",
                data={"status": "freigegeben", "make_current": "y"})
    broken = samples.GOOD.replace(b'targetRef="end"', b'targetRef="gibtsnicht"')
    bad = _upload(client, ids["bau"], broken, "kaputt.bpmn")
    db_session.expire_all()
    assert models_store.get_version(db_session, bad).error_count >= 1
    page = client.get(f"/processes/versions/{bad}").get_data(as_text=True)
    assert 'id="release-errors"' in page
    refused = client.post(f"/processes/versions/{bad}/release",
                          data={"status": "freigegeben", "make_current": "y"},
                          follow_redirects=True)
    assert "trotzdem freigeben, und begründen Sie es" in refused.get_data(as_text=True)
    db_session.expire_all()
    version = models_store.get_version(db_session, bad)
    assert version.release_status != "freigegeben" and not version.is_current
    # Confirmed with a reason, but without "make current": released, not current.
    client.post(f"/processes/versions/{bad}/release", data={
        "status": "freigegeben", "confirm_errors": "y", "comment": "Fehler ist bekannt"})
    db_session.expire_all()
    version = models_store.get_version(db_session, bad)
    assert version.release_status == "freigegeben" and not version.is_current
    assert "trotz" in version.comment and "Fehler ist bekannt" in version.comment
    assert models_store.get_version(db_session, good).is_current
