"""The Sachstandsbericht as PDF, laid out by WeasyPrint from the HTML.

Title page, table of contents with page numbers, "Seite n von m" footers, German
language tag, and a tagged PDF (PDF/UA-1 variant, the accessibility tagging
WeasyPrint supports).  WeasyPrint needs the Pango libraries (Debian: ``libpango-1.0-0``
``libpangoft2-1.0-0``); without them a clear error says what to install.
"""

from __future__ import annotations

from procmodel.errors import ProcmodelError
from procmodel.reporting.data import Report
from procmodel.reporting.html import render_html

PDF_VARIANT = "pdf/ua-1"


class PdfUnavailable(ProcmodelError):
    """WeasyPrint or the system libraries it needs are missing."""


def render_pdf(report: Report) -> bytes:
    """The PDF bytes of ``report``."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango not installed
        raise PdfUnavailable(
            "PDF-Ausgabe nicht möglich: WeasyPrint oder die Pango-Bibliotheken fehlen "
            "(Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0). "
            f"Ursache: {exc}") from exc
    document = HTML(string=render_html(report), base_url=None)
    return document.write_pdf(pdf_variant=PDF_VARIANT, custom_metadata=True)
