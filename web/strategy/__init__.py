"""Targets (Ziele) and timeline (Zeitplan): lists, Gantt chart, editing, history."""

from web.strategy.views import bp

__all__ = ["bp"]
