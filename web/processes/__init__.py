"""Process models: upload, versions, findings, diagram view, diff and download."""

from web.processes.views import bp

__all__ = ["bp"]
