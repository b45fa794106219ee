"""The application factory.

Settings come from :func:`procmodel.settings.load_settings` (defaults, instance file,
``PROCMODEL_*`` environment variables), then from the mapping passed to
:func:`create_app` (tests).  Blueprints are imported and registered here, from
:data:`BLUEPRINTS`; nothing is created at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from bpmn.rules import unknown_rules_message
from procmodel.settings import load_settings

#: Import paths ``"module:attribute"`` of the blueprints, in menu order.
BLUEPRINTS: tuple[str, ...] = (
    "web.auth:bp",
    "web.dashboard:bp",
    "web.services:bp",
    "web.processes:bp",
    "web.analysis:bp",
    "web.admin:bp",
    "web.api:bp",
    "web.strategy:bp",
    "web.reports:bp",
)


class UnknownRules(ValueError):
    """``DISABLED_RULES`` names a rule that does not exist (a typo would silently leave
    the rule switched on for every upload)."""


def _import_blueprint(path: str):
    module_name, _, attribute = path.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute or "bp")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """A new application configured from the settings and ``config``.

    ``config`` may hold any setting name (``DATABASE_URL``, ``SECRET_KEY``, …) and any
    Flask option (``TESTING``, ``WTF_CSRF_ENABLED``, …).  Without a secret key the
    factory refuses to build the app unless ``DEV`` is true, in which case a random
    key is generated once into the instance folder (see :mod:`web.secret`).
    """
    from web import database, errors, i18n, secret, security
    from web.auth import init_login

    settings = load_settings(config)
    instance_path = Path(settings["INSTANCE_PATH"]).resolve()
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        instance_relative_config=False,
    )
    app.config.update(settings)
    app.config.update(
        MAX_CONTENT_LENGTH=_max_request_bytes(settings),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(settings.get("COOKIE_SECURE")),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=bool(settings.get("COOKIE_SECURE")),
        # A form stays valid as long as the session does (no surprise expiry mid-edit).
        WTF_CSRF_TIME_LIMIT=None,
    )
    if config:
        app.config.update(config)
    problem = unknown_rules_message(app.config.get("DISABLED_RULES") or ())
    if problem is not None:
        raise UnknownRules(f"Einstellung DISABLED_RULES: {problem[0]} / "
                           f"setting DISABLED_RULES: {problem[1]}")
    app.config["SECRET_KEY"] = secret.resolve_secret_key(
        app.config.get("SECRET_KEY"), instance_path, dev=bool(app.config.get("DEV"))
    )

    security.init_app(app)
    database.init_app(app)
    i18n.init_app(app)
    init_login(app)
    errors.init_app(app)
    _register_template_helpers(app)

    for path in BLUEPRINTS:
        try:
            blueprint = _import_blueprint(path)
        except ModuleNotFoundError as exc:
            # Optional areas (strategy, reports) are built by other parts; an app
            # without them still works.  Any other import error is a real bug.
            if exc.name == path.partition(":")[0]:
                continue
            raise
        app.register_blueprint(blueprint)
    return app


def _max_request_bytes(settings: Mapping[str, Any]) -> int:
    # Several files may come in one request: allow ten files of the largest size.
    return int(settings.get("MAX_UPLOAD_BYTES") or 20 * 1024 * 1024) * 10 + 1024 * 1024


def _register_template_helpers(app: Flask) -> None:
    from web import navigation

    app.context_processor(navigation.template_globals)
    app.jinja_env.filters["datum"] = navigation.format_date
    app.jinja_env.filters["zeit"] = navigation.format_datetime
    app.jinja_env.filters["zahl"] = navigation.format_number
