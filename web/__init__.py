"""The Flask web application of procmodel.

``create_app`` builds a fresh application; importing this package creates nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Mapping

    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application (see :func:`web.app.create_app`)."""
    from web.app import create_app as _create_app

    return _create_app(config)


__all__ = ["create_app"]
