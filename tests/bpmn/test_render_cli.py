"""``procmodel render``: SVG, PNG and PDF output, diagram choice, automatic layout, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree
from test_layout import model_without_di  # tests/bpmn is on sys.path (rootdir-less tests)

import bpmn
from bpmn.render import elements_without_di
from bpmn.writer import write_bpmn
from procmodel.cli import main

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> Path:
    return shared_dir / "corpora" / "miwg" / "reference"


@pytest.fixture
def no_di_file(tmp_path: Path) -> Path:
    path = tmp_path / "ohne-layout.bpmn"
    path.write_bytes(write_bpmn(model_without_di()))
    assert bpmn.parse(path).diagrams == ()
    return path


def test_svg_output(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.svg"
    assert main(["render", str(reference / "A.2.0.bpmn"), "-o", str(out)]) == 0
    root = etree.parse(str(out)).getroot()
    model = bpmn.parse(reference / "A.2.0.bpmn")
    groups = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-di-id")]
    assert len(groups) == len(model.diagrams[0].shapes) + len(model.diagrams[0].edges)


def test_second_diagram_by_id(reference: Path, tmp_path: Path) -> None:
    model = bpmn.parse(reference / "C.5.0.bpmn")
    second = model.diagrams[1].id
    out = tmp_path / "c.svg"
    assert main(["render", str(reference / "C.5.0.bpmn"), "-o", str(out), "--diagram",
                 second]) == 0
    assert etree.parse(str(out)).getroot().get("data-diagram-id") == second


def test_unknown_diagram_exits_2_listing_the_ids(
    reference: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["render", str(reference / "C.5.0.bpmn"), "-o", str(tmp_path / "x.svg"),
                 "--diagram", "nope"])
    assert code == 2
    err = capsys.readouterr().err
    for diagram in bpmn.parse(reference / "C.5.0.bpmn").diagrams:
        assert diagram.id in err
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.skipif(shutil.which("rsvg-convert") is None and shutil.which("chromium") is None,
                    reason="needs rsvg-convert (librsvg2-bin) or chromium, see scripts/setup.sh")
def test_png_output(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.png"
    assert main(["render", str(reference / "A.1.0.bpmn"), "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_pdf_output(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    assert main(["render", str(reference / "A.1.0.bpmn"), "-o", str(out)]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"


def test_png_without_converter_names_what_to_install(
    reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code = main(["render", str(reference / "A.1.0.bpmn"), "-o", str(tmp_path / "a.png")])
    assert code == 2
    err = capsys.readouterr().err
    assert "librsvg2-bin" in err and "chromium" in err


def test_unknown_suffix_is_misuse(reference: Path, tmp_path: Path) -> None:
    assert main(["render", str(reference / "A.1.0.bpmn"), "-o", str(tmp_path / "a.gif")]) == 2


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "kaputt.bpmn"
    bad.write_text("<definitions><unclosed>")
    assert main(["render", str(bad), "-o", str(tmp_path / "x.svg")]) == 2
    assert "kaputt.bpmn" in capsys.readouterr().err
    assert main(["render", str(tmp_path / "fehlt.bpmn"), "-o", str(tmp_path / "x.svg")]) == 2


def test_missing_di_is_reported_on_stderr(
    reference: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(reference / "B.1.0.bpmn"), "-o", str(tmp_path / "b.svg")]) == 0
    err = capsys.readouterr().err
    assert "ohne Diagramminformation" in err
    assert "_18770c5c-c117-4570-aaf2-8c7a6910c34d" in err


def test_model_without_di_is_laid_out_and_saved_as_bpmn(
    no_di_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, saved = tmp_path / "auto.svg", tmp_path / "auto.bpmn"
    assert main(["render", str(no_di_file), "-o", str(out), "--save-bpmn", str(saved),
                 "--lang", "en"]) == 0
    assert "laying it out automatically" in capsys.readouterr().err
    assert 'data-element-id="s_task"' in out.read_text()
    again = bpmn.parse(saved)
    assert len(again.diagrams) == 1 and elements_without_di(again) == []


def test_model_without_di_and_without_graphviz(
    no_di_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PATH", "")
    assert main(["render", str(no_di_file), "-o", str(tmp_path / "x.svg")]) == 2
    assert "graphviz" in capsys.readouterr().err


def test_force_layout(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "forced.svg"
    assert main(["render", str(reference / "A.1.0.bpmn"), "-o", str(out), "--layout"]) == 0
    assert etree.parse(str(out)).getroot().get("data-diagram-id") == "BPMNDiagram_auto"
