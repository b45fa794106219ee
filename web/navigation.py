"""What every template gets: the main menu for the signed-in user's role, the language
switch, and German/English formatting of dates and numbers."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from babel import dates as babel_dates
from flask import current_app, request
from flask_babel import format_date as babel_date
from flask_babel import format_datetime as babel_datetime
from flask_babel import format_decimal, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

#: (endpoint, label, roles allowed or None for every signed-in user)
MENU: tuple[tuple[str, Any, tuple[str, ...] | None], ...] = (
    ("dashboard.index", _l("Übersicht"), None),
    ("services.index", _l("Leistungen"), None),
    ("processes.index", _l("Prozessmodelle"), None),
    ("analysis.index", _l("Analyse"), None),
    ("strategy.index", _l("Ziele und Zeitplan"), None),
    ("reports.index", _l("Berichte"), None),
    ("admin.index", _l("Verwaltung"), ("admin",)),
)


def menu() -> list[dict[str, Any]]:
    if not current_user.is_authenticated:
        return []
    items = []
    endpoint = request.endpoint or ""
    for target, label, roles in MENU:
        if target not in current_app.view_functions:
            continue
        if roles and current_user.role not in roles:
            continue
        area = target.split(".")[0]
        items.append({"endpoint": target, "label": label,
                      "active": endpoint.split(".")[0] == area})
    return items


def template_globals() -> dict[str, Any]:
    from web.auth.access import ROLES

    return {
        "main_menu": menu,
        "current_language": str(get_locale() or "de"),
        "role_label": lambda role: ROLES.get(role, role),
        "release_label": release_label,
    }


RELEASE_LABELS = {
    "entwurf": _l("Entwurf"),
    "in_pruefung": _l("in Prüfung"),
    "freigegeben": _l("freigegeben"),
}


def release_label(status: str) -> Any:
    return RELEASE_LABELS.get(status, status)


def format_date(value: date | datetime | None, style: str = "medium") -> str:
    """A date in the user's language; a timestamp is first moved to Berlin time."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return babel_date(value, style)  # flask-babel converts to the configured zone
    return _plain_date(value, style, str(get_locale() or "de"))


@lru_cache(maxsize=4096)
def _plain_date(value: date, style: str, locale: str) -> str:
    # Lists show many equal dates (target dates); formatting with Babel is the costly part.
    return babel_dates.format_date(value, style, locale=locale)


def format_datetime(value: datetime | None, style: str = "medium") -> str:
    if value is None:
        return "–"
    return babel_datetime(value, style)


def format_number(value: float | int | None, digits: int | None = None) -> str:
    if value is None:
        return "–"
    if digits is not None:
        return format_decimal(round(float(value), digits), format=f"#,##0.{'0' * digits}"
                              if digits else "#,##0")
    return format_decimal(value)
