"""Upload (good, hostile, several), findings on the diagram, versions, diff, download."""

from __future__ import annotations

import io
import re

import pytest

from tests.web import bpmn_samples as samples


def _upload(client, service_id: int, files: list[tuple[bytes, str]], kind: str = "ist"):
    data = {"kind": kind, "comment": "Test",
            "files": [(io.BytesIO(body), name) for body, name in files]}
    return client.post(f"/processes/upload/{service_id}", data=data,
                       content_type="multipart/form-data")


def _version_count(db_session) -> int:
    from sqlalchemy import func, select

    from inventory.tables import ModelVersion

    return db_session.scalar(select(func.count()).select_from(ModelVersion))


def test_upload_page_has_drop_zone_and_plain_fallback(login, ids):
    html = login("analyst").get(f"/processes/upload/{ids['gewerbe']}").get_data(as_text=True)
    assert 'type="file"' in html and "multiple" in html
    assert 'enctype="multipart/form-data"' in html
    assert "data-dropzone" in html and "js/upload.js" in html


def test_upload_stores_the_model_with_findings_and_highlights_them(login, ids, db_session):
    client = login("analyst")
    response = _upload(client, ids["gewerbe"], [(samples.WITH_FINDING, "gewerbe.bpmn")])
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "wurde als Version 1 gespeichert" in html
    assert "label-required" in html
    # The finding names its line and element, and the diagram marks that element.
    assert re.search(r'data-focus-element="Task_leer"', html)
    assert re.search(r'class="[^"]*pm-finding-warning[^"]*"[^>]*data-element-id="Task_leer"|'
                     r'data-element-id="Task_leer"[^>]*class="[^"]*pm-finding-warning', html)
    assert "<style" not in html  # moved to the diagram stylesheet (CSP)
    assert "/processes/diagram.css" in html and "js/diagram.js" in html
    assert _version_count(db_session) == 1
    css = client.get("/processes/diagram.css")
    assert css.mimetype == "text/css" and b"pm-finding-warning" in css.data
    assert b"&gt;" not in css.data


@pytest.mark.parametrize(("body", "name", "expected"), [
    (samples.XXE, "xxe.bpmn", None),
    (samples.BOMB, "bomb.bpmn", None),
    (samples.NOT_BPMN, "page.bpmn", None),
    (samples.BINARY, "binary.bpmn", None),
    (b"", "empty.bpmn", "Die Datei ist leer."),
])
def test_hostile_or_unreadable_uploads_are_refused_and_nothing_is_stored(
        login, ids, db_session, body, name, expected):
    client = login("analyst")
    response = _upload(client, ids["gewerbe"], [(body, name)])
    html = response.get_data(as_text=True)
    assert response.status_code in (400, 422)
    assert name in html and "abgelehnt" in html
    if expected:
        assert expected in html
    assert _version_count(db_session) == 0
    assert "/etc/passwd" not in html or "root:" not in html


def test_oversize_upload_is_refused(app_config, ids):
    from tests.web.conftest import PASSWORDS
    from web import create_app

    app = create_app(dict(app_config, MAX_UPLOAD_BYTES=500))
    client = app.test_client()
    client.post("/login", data={"username": "analyst", "password": PASSWORDS["analyst"]})
    response = _upload(client, ids["gewerbe"], [(samples.GOOD, "gross.bpmn")])
    assert response.status_code == 422
    assert "größer als" in response.get_data(as_text=True)


def test_several_files_readable_ones_stored_others_refused(login, ids, db_session):
    client = login("analyst")
    response = _upload(client, ids["bau"], [(samples.GOOD, "a.bpmn"),
                                            (samples.XXE, "boese.bpmn"),
                                            (samples.GOOD_V2, "b.bpmn")], kind="soll")
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "„a.bpmn“ wurde als Version 1 gespeichert" in html
    assert "„b.bpmn“ wurde als Version 2 gespeichert" in html
    assert "„boese.bpmn“ wurde abgelehnt" in html
    assert _version_count(db_session) == 2


def test_labels_with_html_are_shown_as_text(login, ids):
    client = login("analyst")
    response = _upload(client, ids["gewerbe"], [(samples.SCRIPT_LABEL, "x.bpmn")])
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in html and "<b>fett</b>" not in html


def test_versions_diff_download_release_and_current(login, ids, db_session):
    from inventory import models_store

    client = login("analyst")
    _upload(client, ids["gewerbe"], [(samples.GOOD, "v1.bpmn")])
    _upload(client, ids["gewerbe"], [(samples.GOOD_V2, "v2.bpmn")])
    v1, v2 = sorted(models_store.versions_of(db_session, ids["gewerbe"]),
                    key=lambda v: v.number)
    html = client.get(f"/processes/diff?old={v1.id}&new={v2.id}").get_data(as_text=True)
    added = html[html.index('id="diff-added"'):]
    assert "Gebühr bezahlen" in added.split("</ul>")[0]
    removed = html[html.index('id="diff-removed"'):].split("</ul>")[0]
    assert "Bescheid erstellen" in removed
    renamed = html[html.index('id="diff-renamed"'):].split("</ul>")[0]
    assert "„Antrag prüfen“ → „Vollständigkeit prüfen“" in renamed

    download = client.get(f"/processes/versions/{v1.id}/download")
    assert download.data == samples.GOOD
    assert 'filename="v1.bpmn"' in download.headers["Content-Disposition"]

    assert client.post(f"/processes/versions/{v1.id}/release",
                       data={"status": "freigegeben"}).status_code == 302
    assert client.post(f"/processes/versions/{v1.id}/current").status_code == 302
    db_session.expire_all()
    fresh = models_store.get_version(db_session, v1.id)
    assert fresh.release_status == "freigegeben" and fresh.is_current
    page = client.get(f"/services/{ids['gewerbe']}").get_data(as_text=True)
    assert "freigegeben" in page and "v2.bpmn" in page

    svg = client.get(f"/processes/versions/{v1.id}/diagram.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    assert "script-src" not in svg.headers["Content-Security-Policy"]


def test_diff_without_versions_is_a_clear_400(login):
    response = login("viewer").get("/processes/diff?old=x&new=")
    assert response.status_code == 400
    assert "zwei Versionen" in response.get_data(as_text=True)


def test_viewer_and_coordinator_cannot_upload_or_release(login, ids):
    for role in ("viewer", "coordinator"):
        client = login(role)
        assert _upload(client, ids["gewerbe"], [(samples.GOOD, "a.bpmn")]).status_code == 403
        assert client.post("/processes/versions/1/release",
                           data={"status": "entwurf"}).status_code == 403
        client.post("/logout")


def test_upload_without_files_says_what_to_do(login, ids):
    response = login("analyst").post(f"/processes/upload/{ids['gewerbe']}",
                                     data={"kind": "ist"})
    assert response.status_code == 400
    assert "Bitte wählen Sie mindestens eine BPMN-Datei aus." in response.get_data(
        as_text=True)


def test_highlight_from_analysis_link(login, ids):
    client = login("analyst")
    response = _upload(client, ids["gewerbe"], [(samples.GOOD, "v1.bpmn")])
    url = response.headers["Location"] + "?highlight=Task_pruefen,Task_bescheid"
    html = client.get(url).get_data(as_text=True)
    assert html.count("pm-duplicate") >= 2
    assert "Hervorgehoben: 2 Schritt(e)" in html


def test_process_index_lists_current_versions(login, ids):
    client = login("analyst")
    _upload(client, ids["gewerbe"], [(samples.GOOD, "liste.bpmn")])
    html = client.get("/processes/").get_data(as_text=True)
    assert "liste.bpmn" in html and "Gewerbeanmeldung" in html


def test_model_with_several_diagrams_can_show_each(login, ids):
    body = samples.GOOD.decode()
    start = body.index("<bpmndi:BPMNDiagram")
    end = body.index("</bpmndi:BPMNDiagram>") + len("</bpmndi:BPMNDiagram>")
    second = body[start:end].replace('id="Diagram_1"', 'id="Diagram_2" name="Zweite Ansicht"')
    second = re.sub(r'id="([^"]+)_di"', r'id="\1_di2"', second).replace('id="Plane_1"',
                                                                        'id="Plane_2"')
    two = (body[:end] + second + body[end:]).encode()
    client = login("analyst")
    response = _upload(client, ids["gewerbe"], [(two, "zwei.bpmn")])
    url = response.headers["Location"]
    first = client.get(url).get_data(as_text=True)
    assert 'name="diagram"' in first and "Zweite Ansicht" in first
    assert 'data-diagram-id="Diagram_1"' in first
    chosen = client.get(url + "?diagram=Diagram_2").get_data(as_text=True)
    assert 'data-diagram-id="Diagram_2"' in chosen
    unknown = client.get(url + "?diagram=gibtsnicht")
    assert unknown.status_code == 200 and 'data-diagram-id="Diagram_1"' in unknown.get_data(
        as_text=True)


def test_request_larger_than_the_limit_gets_a_413_page(app_config, ids):
    from tests.web.conftest import PASSWORDS
    from web import create_app

    app = create_app(dict(app_config, MAX_UPLOAD_BYTES=1000))
    client = app.test_client()
    client.post("/login", data={"username": "analyst", "password": PASSWORDS["analyst"]})
    big = b"<x>" + b"a" * (2 * 1024 * 1024) + b"</x>"
    response = _upload(client, ids["gewerbe"], [(big, "riesig.bpmn")])
    assert response.status_code == 413
    assert "Datei zu groß" in response.get_data(as_text=True)


def test_upload_can_be_made_current_explicitly(login, ids, db_session):
    from inventory import models_store

    client = login("analyst")
    first = _upload(client, ids["bau"], [(samples.GOOD, "v1.bpmn")])
    v1 = int(first.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/processes/versions/{v1}/release", data={"status": "freigegeben"})
    response = client.post(f"/processes/upload/{ids['bau']}", data={
        "kind": "ist", "make_current": "y",
        "files": [(io.BytesIO(samples.GOOD_V2), "v2.bpmn")]},
        content_type="multipart/form-data")
    v2 = int(response.headers["Location"].rsplit("/", 1)[1])
    db_session.expire_all()
    assert models_store.get_version(db_session, v2).is_current
    assert not models_store.get_version(db_session, v1).is_current
