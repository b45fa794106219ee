"""The Sachstandsbericht: period selection, preview, downloads, narrative sections."""

from web.reports.views import bp

__all__ = ["bp"]
