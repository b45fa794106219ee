"""The Sachstandsbericht as HTML (Jinja2 templates inside this package).

:func:`render_html` gives a standalone document with its stylesheet embedded (for
download and for the PDF); :func:`render_fragment` only the ``<article>``, for a web
page that links :func:`stylesheet` itself (no inline style under the CSP).
"""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape

from procmodel.reporting.data import Report

_env = Environment(
    loader=PackageLoader("procmodel.reporting", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=False,
    lstrip_blocks=False,
)


def stylesheet() -> str:
    """The report's CSS (screen and print)."""
    return resources.files("procmodel.reporting").joinpath("templates/report.css").read_text(
        encoding="utf-8")


def render_html(report: Report) -> str:
    """A standalone HTML document of ``report``."""
    return _env.get_template("report.html").render(r=report, css=stylesheet())


def render_fragment(report: Report) -> str:
    """The report's ``<article>`` only (for embedding in a page)."""
    return _env.get_template("report_body.html").render(r=report)
