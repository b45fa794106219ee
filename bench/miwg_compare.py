"""Write one HTML page: each MIWG reference model rendered by procmodel beside the
reference PNG shipped with the test suite, for comparison by eye.

Usage:
    .venv/bin/python bench/miwg_compare.py [OUT_DIR_OR_FILE]   (default: bench/out/)

The reference PNGs are linked by their path relative to the page (never copied);
the renderings are inlined as SVG.  Diagrams of files with several diagrams are
shown one by one, beside the PNG of the same number (C.4.0.1.png, …).
"""

from __future__ import annotations

import html
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bpmn  # noqa: E402
from bpmn.render import elements_without_di, render_svg  # noqa: E402

REFERENCE = Path(os.environ.get("PROCMODEL_SHARED_DIR", ROOT.parent / "shared")) / (
    "corpora/miwg/reference"
)
STYLE = """
body { font-family: sans-serif; margin: 1rem; }
section { border-top: 2px solid #888; margin-top: 1.5rem; }
.pair { display: flex; gap: 1rem; align-items: flex-start; }
.pair > figure { margin: 0; flex: 1 1 50%; overflow: auto; border: 1px solid #ccc; }
.pair img, .pair svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; background: #eee; padding: 0.2rem 0.4rem; }
.missing { color: #a00; font-size: 0.85rem; }
"""


def reference_png(test_id: str, index: int, count: int) -> Path | None:
    candidates = [REFERENCE / f"{test_id}.{index + 1}.png"] if count > 1 else []
    candidates.append(REFERENCE / f"{test_id}.png")
    return next((c for c in candidates if c.exists()), None)


def build_page(out_file: Path) -> tuple[int, float]:
    sections = []
    diagrams = 0
    started = time.perf_counter()
    for path in sorted(REFERENCE.glob("*.bpmn")):
        test_id = path.stem
        model = bpmn.parse(path)
        missing = elements_without_di(model)
        for index, diagram in enumerate(model.diagrams):
            svg = render_svg(model, diagram.id)
            png = reference_png(test_id, index, len(model.diagrams))
            if png is not None:
                link = os.path.relpath(png, out_file.parent)
                reference = f'<img src="{html.escape(link)}" alt="Referenz {test_id}">'
            else:
                reference = "<p>keine Referenzgrafik / no reference PNG</p>"
            note = (
                f'<p class="missing">{len(missing)} Element(e) ohne DI: '
                f"{html.escape(', '.join(missing[:8]))}</p>" if missing else ""
            )
            sections.append(
                f'<section id="{html.escape(test_id)}-{index + 1}">'
                f"<h2>{html.escape(test_id)} – Diagramm {index + 1}/{len(model.diagrams)} "
                f"({html.escape(diagram.name or diagram.id or '')})</h2>{note}"
                f'<div class="pair"><figure><figcaption>procmodel</figcaption>{svg}</figure>'
                f"<figure><figcaption>MIWG-Referenz ({html.escape(png.name if png else '-')})"
                f"</figcaption>{reference}</figure></div></section>"
            )
            diagrams += 1
    elapsed = time.perf_counter() - started
    page = (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        "<title>MIWG-Vergleich procmodel</title>"
        f"<style>{STYLE}</style></head><body><h1>MIWG-Referenzmodelle: procmodel "
        f"neben der Referenz</h1><p>{diagrams} Diagramme aus {REFERENCE}</p>"
        + "".join(sections) + "</body></html>"
    )
    out_file.write_text(page, encoding="utf-8")
    return diagrams, elapsed


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else ROOT / "bench" / "out"
    out_file = target if target.suffix == ".html" else target / "miwg_compare.html"
    out_file.parent.mkdir(parents=True, exist_ok=True)
    if not REFERENCE.is_dir():
        print(f"MIWG reference folder not found: {REFERENCE}", file=sys.stderr)
        return 2
    count, elapsed = build_page(out_file)
    print(f"{count} diagrams rendered in {elapsed:.2f} s -> {out_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
