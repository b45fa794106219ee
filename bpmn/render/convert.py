"""SVG to PNG or PDF with whatever converter this machine has.

PDF: WeasyPrint (a dependency of the project), else ``rsvg-convert``.
PNG: ``rsvg-convert`` (Debian package ``librsvg2-bin``), else headless Chromium.
Programs are looked up when a conversion is asked for and called with fixed
argument lists; when none is available, :class:`MissingConverter` names what to
install.  Nothing is fetched: WeasyPrint may only load ``data:`` URLs (the
embedded diagram).
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import RenderError

TIMEOUT = 120
_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


class MissingConverter(RenderError):
    """No program that can produce the requested format is installed."""


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height (px) from the root element of an SVG written by this package."""
    match = _SIZE.search(svg)
    if not match:
        return 800.0, 600.0
    return float(match.group(1)), float(match.group(2))


def _run(args: list[str], *, stdin: bytes | None = None) -> bytes:
    done = subprocess.run(args, input=stdin, capture_output=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise RenderError(
            f"{Path(args[0]).name} ist fehlgeschlagen (failed): "
            + done.stderr.decode(errors="replace")[:500]
        )
    return done.stdout


def _rsvg(svg: str, fmt: str) -> bytes | None:
    program = shutil.which("rsvg-convert")
    if program is None:
        return None
    return _run([program, "--format", fmt], stdin=svg.encode())


def _weasyprint_pdf(svg: str) -> bytes | None:
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError):  # the Pango libraries may be missing
        return None
    width, height = svg_size(svg)
    data_uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    html = (
        f"<!doctype html><html><head><style>@page {{ size: {width}px {height}px; margin: 0 }}"
        f" body {{ margin: 0 }} img {{ display: block; width: {width}px; height: {height}px }}"
        f"</style></head><body><img src=\"{data_uri}\" alt=\"\"></body></html>"
    )

    # Only the embedded image (a data: URL) may be loaded; nothing from disk or network.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _chromium_png(svg: str) -> bytes | None:
    program = find_chromium()
    if program is None:
        return None
    width, height = svg_size(svg)
    with tempfile.TemporaryDirectory(prefix="procmodel-render-") as tmp:
        source = Path(tmp) / "diagram.svg"
        target = Path(tmp) / "diagram.png"
        source.write_text(svg, encoding="utf-8")
        _run([
            program, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--no-first-run", "--hide-scrollbars",
            f"--user-data-dir={tmp}/profile",
            f"--window-size={int(width + 0.999)},{int(height + 0.999)}",
            f"--screenshot={target}", source.as_uri(),
        ])
        if not target.exists():
            raise RenderError("Chromium hat kein Bild erzeugt (chromium wrote no screenshot)")
        return target.read_bytes()


_CONVERTERS: dict[str, tuple[tuple[Callable[[str], bytes | None], ...], str]] = {
    "pdf": (
        (_weasyprint_pdf, lambda svg: _rsvg(svg, "pdf")),
        "Für PDF wird WeasyPrint mit den Pango-Bibliotheken (Debian: libpango-1.0-0 "
        "libpangoft2-1.0-0) oder 'rsvg-convert' (Debian-Paket librsvg2-bin) benötigt "
        "(PDF needs WeasyPrint with Pango, or rsvg-convert from librsvg2-bin)",
    ),
    "png": (
        (lambda svg: _rsvg(svg, "png"), _chromium_png),
        "Für PNG wird 'rsvg-convert' (Debian-Paket librsvg2-bin) oder Chromium (Debian-Paket "
        "chromium) benötigt (PNG needs rsvg-convert from librsvg2-bin, or chromium)",
    ),
}

FORMATS = ("svg", *_CONVERTERS)


def convert(svg: str, fmt: str) -> bytes:
    """``svg`` as ``fmt`` ("svg", "png" or "pdf"); raises :class:`MissingConverter`."""
    if fmt == "svg":
        return svg.encode("utf-8")
    converters, hint = _CONVERTERS[fmt]
    for converter in converters:
        result = converter(svg)
        if result is not None:
            return result
    raise MissingConverter(hint)
