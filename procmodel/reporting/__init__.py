"""The Sachstandsbericht (half-yearly status report): data assembly and its formats.

:func:`~procmodel.reporting.data.assemble_report` computes every figure once;
:func:`render_html`, :func:`render_pdf` and :func:`render_docx` lay the same
:class:`~procmodel.reporting.data.Report` out as HTML, PDF (WeasyPrint) and DOCX.
"""

from procmodel.reporting.data import (
    ChangeRecord,
    Narrative,
    PeriodNotStarted,
    Report,
    ReportSource,
    assemble_report,
)
from procmodel.reporting.html import render_fragment, render_html, stylesheet

#: Document formats (web downloads); ``json`` (figures only) is offered by the CLI.
FORMATS = ("pdf", "html", "docx")
MEDIA_TYPES = {
    "json": "application/json",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(report: Report, fmt: str) -> bytes:
    """``report`` in format ``fmt`` (one of :data:`FORMATS`, or ``json``) as bytes."""
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "json":
        from procmodel.reporting.json_export import render_json

        return render_json(report)
    if fmt == "pdf":
        from procmodel.reporting.pdf import render_pdf

        return render_pdf(report)
    if fmt == "docx":
        from procmodel.reporting.docx import render_docx

        return render_docx(report)
    raise ValueError(f"unknown report format {fmt!r}; expected pdf, html, docx or json")


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "ChangeRecord",
    "Narrative",
    "PeriodNotStarted",
    "Report",
    "ReportSource",
    "assemble_report",
    "render",
    "render_fragment",
    "render_html",
    "stylesheet",
]
