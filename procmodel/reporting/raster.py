"""SVG charts as PNG for formats that cannot show SVG (DOCX).

Word and LibreOffice show embedded SVG unreliably, so the DOCX report embeds PNG
images.  They are drawn by ``rsvg-convert`` (Debian package ``librsvg2-bin``, installed
by ``scripts/setup.sh``), called lazily; without it the DOCX keeps its tables and says
that the charts are missing (:func:`svg_to_png` returns ``None``).
"""

from __future__ import annotations

import shutil
import subprocess

#: Raster scale: the charts are drawn at 96 dpi nominal size; 3× gives 288 dpi in print.
ZOOM = 3.0

#: What to install when the converter is missing (shown in the document and on stderr).
INSTALL_HINT = "apt-get install librsvg2-bin (Programm rsvg-convert)"


def converter_available() -> bool:
    """Whether ``rsvg-convert`` is on the PATH."""
    return shutil.which("rsvg-convert") is not None


def svg_to_png(svg: str, *, zoom: float = ZOOM, timeout: float = 60.0) -> bytes | None:
    """The PNG bytes of a standalone SVG document, or ``None`` without a converter.

    The SVG is our own (texts escaped, no external references), so handing it to
    the converter on standard input is safe.  A failing conversion raises
    :class:`RuntimeError` with the converter's message.
    """
    program = shutil.which("rsvg-convert")
    if program is None:
        return None
    done = subprocess.run(
        [program, "--format", "png", "--zoom", str(zoom), "--background-color", "white"],
        input=svg.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
    if done.returncode != 0 or not done.stdout.startswith(b"\x89PNG"):
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"rsvg-convert konnte ein Diagramm nicht umwandeln: {message}")
    return done.stdout
