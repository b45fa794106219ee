"""Hostile and oversized inputs are rejected before anything is read or fetched."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

import bpmn
from bpmn import ReadLimits, UnreadableBpmn, native
from procmodel.settings import load_settings

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SECRET = "TOPSECRET-procmodel-7f3a"


@pytest.fixture(autouse=True, params=["compiled", "python"])
def reader(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every check runs with the compiled reader and with the pure-Python one."""
    if request.param == "python":
        with native.pure_python():
            yield request.param
        return
    if native.module is None:
        pytest.skip(native.status())
    yield request.param


def minimal(body: str = "", prolog: str = "", extra_ns: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<definitions xmlns="{MODEL}"{extra_ns} id="d" targetNamespace="t">{body}</definitions>'
    ).encode()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = f'<!ENTITY leak "{SECRET}">'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every request it receives."""
    requests: list[str] = []
    handler = type("Recorder", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def rejected(data: bytes | str | Path, **kwargs: object) -> UnreadableBpmn:
    with pytest.raises(UnreadableBpmn) as info:
        bpmn.read(data, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(UnreadableBpmn):
        bpmn.parse(data, **{k: v for k, v in kwargs.items() if k in ("filename", "limits")})  # type: ignore[arg-type]
    exc = info.value
    assert exc.finding.rule in bpmn.READER_RULES
    assert exc.finding.message_de and exc.finding.message_en
    assert exc.finding.message_de != exc.finding.message_en
    return exc


def assert_no_leak(exc: UnreadableBpmn) -> None:
    text = " ".join([str(exc), exc.finding.message_de, exc.finding.message_en, repr(exc.finding)])
    assert SECRET not in text


@pytest.mark.parametrize("where", ["attribute", "text"])
def test_external_entity_to_a_local_file_is_rejected_unread(secret_file, where):
    ref = '<process id="p" name="&xxe;"/>' if where == "attribute" else (
        "<documentation>&xxe;</documentation>")
    data = minimal(ref, f'<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>')
    exc = rejected(data, filename="xxe.bpmn")
    assert exc.finding.rule == "xml-entity"
    assert exc.finding.file == "xxe.bpmn"
    assert exc.finding.line == 1
    assert_no_leak(exc)


def test_billion_laughs_is_rejected():
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    data = minimal('<process id="p" name="&lol9;"/>', f"<!DOCTYPE definitions [{entities}]>")
    exc = rejected(data)
    assert exc.finding.rule == "xml-entity"
    assert "Entit" in exc.finding.message_de


def test_external_dtd_is_rejected_without_any_request(http_server):
    url, requests = http_server
    doctype = f'<!DOCTYPE definitions SYSTEM "{url}/evil.dtd">'
    data = minimal('<process id="p" name="&leak;"/>', doctype)
    exc = rejected(data)
    assert exc.finding.rule in {"xml-external-dtd", "xml-entity"}
    assert_no_leak(exc)
    data = minimal("", f'<!DOCTYPE definitions SYSTEM "{url}/evil.dtd">')
    assert rejected(data).finding.rule == "xml-external-dtd"
    assert requests == []


def test_external_parameter_entity_is_rejected_without_any_request(http_server):
    url, requests = http_server
    data = minimal(
        '<process id="p" name="&leak;"/>',
        f'<!DOCTYPE definitions [<!ENTITY % ext SYSTEM "{url}/x.dtd"> %ext;]>',
    )
    exc = rejected(data)
    assert exc.finding.rule == "xml-entity"
    assert_no_leak(exc)
    assert requests == []


def test_xinclude_is_rejected_and_not_processed(secret_file):
    data = minimal(
        f'<documentation><xi:include href="{secret_file.as_uri()}" parse="text"/></documentation>',
        extra_ns=' xmlns:xi="http://www.w3.org/2001/XInclude"',
    )
    exc = rejected(data)
    assert exc.finding.rule == "xml-xinclude"
    assert_no_leak(exc)


@pytest.mark.parametrize("uri", [
    "http://www.w3.org/2001/&#88;Include",  # "X" as a character reference
    "http://www.w3.org/2003/X&#x49;nclude",
])
def test_xinclude_namespace_spelled_with_character_references_is_rejected(secret_file, uri):
    data = minimal(
        f'<documentation><xi:include href="{secret_file.as_uri()}" parse="text"/></documentation>',
        extra_ns=f' xmlns:xi="{uri}"',
    )
    assert b"XInclude" not in data
    exc = rejected(data)
    assert exc.finding.rule == "xml-xinclude"
    assert_no_leak(exc)


def test_plain_doctype_without_entities_is_accepted():
    model = bpmn.parse(minimal('<process id="p" name="Antrag"/>', "<!DOCTYPE definitions>"))
    assert model.processes[0].name == "Antrag"


def test_oversize_bytes_and_file_are_rejected(tmp_path):
    body = '<process id="p">' + "".join(
        f'<task id="t{i}" name="Schritt {i}"/>' for i in range(200)) + "</process>"
    data = minimal(body)
    limits = ReadLimits(max_bytes=len(data) - 1)
    exc = rejected(data, limits=limits)
    assert exc.finding.rule == "too-large"
    assert "MAX_UPLOAD_BYTES" in exc.finding.message_de
    path = tmp_path / "big.bpmn"
    path.write_bytes(data)
    exc = rejected(path, limits=limits)
    assert exc.finding.rule == "too-large"
    assert exc.finding.file == str(path)
    model = bpmn.parse(path, limits=ReadLimits(max_bytes=len(data)))
    assert len(model.processes[0].flow_nodes) == 200


def test_default_size_limit_is_twenty_megabytes():
    assert ReadLimits().max_bytes == 20 * 1024 * 1024
    data = b" " * (20 * 1024 * 1024 - 200) + minimal()  # just under, leading blanks are not XML
    exc = rejected(data + b" " * 400)
    assert exc.finding.rule == "too-large"


def test_limits_come_from_the_settings():
    settings = load_settings({"MAX_UPLOAD_BYTES": 100, "MAX_XML_DEPTH": 5}, environ={})
    limits = ReadLimits.from_settings(settings)
    assert limits == ReadLimits(max_bytes=100, max_depth=5)
    assert rejected(minimal("<process id='p'/>" * 10), limits=limits).finding.rule == "too-large"


def test_nesting_deeper_than_libxml2_allows_is_rejected():
    depth = 400
    nested = "<x:a xmlns:x='urn:x'>" * depth + "</x:a>" * depth
    body = f"<documentation>{nested}</documentation>"
    exc = rejected(minimal(body))
    assert exc.finding.rule == "too-deep"
    assert "MAX_XML_DEPTH" in exc.finding.message_de


def test_configured_depth_limit_is_enforced_with_the_line():
    nested = "\n".join([f"<subProcess id='s{i}'>" for i in range(12)]) + "</subProcess>" * 12
    data = minimal(f"<process id='p'>\n{nested}</process>")
    exc = rejected(data, limits=ReadLimits(max_depth=8))
    assert exc.finding.rule == "too-deep"
    assert exc.finding.line == 8  # the first element at depth 9
    model = bpmn.parse(data, limits=ReadLimits(max_depth=20))
    assert len(model.processes[0].flow_nodes) == 12


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"", "xml-malformed"),
        (b"not xml at all", "xml-malformed"),
        (b"<definitions><unclosed></definitions>", "xml-malformed"),
        (b'<definitions xmlns="http://not-bpmn" id="x"/>', "not-bpmn"),
        (b"<html><body/></html>", "not-bpmn"),
    ],
)
def test_malformed_and_foreign_documents_are_unreadable(data, rule):
    exc = rejected(data, filename="upload.bpmn")
    assert exc.finding.rule == rule
    assert exc.message().startswith("upload.bpmn")
    # str() is German and leaves the file name to the caller, who names it once.
    assert "upload.bpmn" not in str(exc) and str(exc) == (
        f"Zeile {exc.finding.line}: {exc.finding.message_de}" if exc.finding.line
        else exc.finding.message_de)


def test_missing_file_is_unreadable(tmp_path):
    exc = rejected(tmp_path / "nope.bpmn")
    assert exc.finding.rule == "file-unreadable"
