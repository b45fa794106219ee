"""The signed-in user, the login manager and the role checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, g, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin, current_user

F = TypeVar("F", bound=Callable[..., Any])

ROLES: dict[str, Any] = {
    "admin": _l("Administration"),
    "analyst": _l("Prozessanalyse"),
    "coordinator": _l("OZG-Koordination"),
    "viewer": _l("Lesezugriff"),
}

#: Endpoints reachable without signing in.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "auth.language", "static", "api.openapi"})


@dataclass(frozen=True)
class SignedInUser(UserMixin):
    """The signed-in user as the web layer sees it (built from the register's row)."""

    id: int
    username: str
    display_name: str
    role: str
    departments: tuple[str, ...] = ()
    active: bool = True

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def get_id(self) -> str:
        return str(self.id)

    def has_role(self, *roles: str) -> bool:
        """True when the user has one of ``roles``; admins have every role."""
        return self.role == "admin" or self.role in roles


def may_edit_department(department: str | None) -> bool:
    """Whether the current user may edit a service of ``department``.

    Admins always may; coordinators may when no departments are set for them, or when
    the service's department is one of theirs.
    """
    if not current_user.is_authenticated:
        return False
    if current_user.role == "admin":
        return True
    if current_user.role != "coordinator":
        return False
    if not current_user.departments:
        return True
    return (department or "") in current_user.departments


def role_required(*roles: str) -> Callable[[F], F]:
    """Allow the view only to signed-in users with one of ``roles`` (admins always).

    Anonymous users are sent to the sign-in page (HTML) or get 401 (API); users without
    the role get 403.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = current_user
            if not user.is_authenticated:
                return login_manager.unauthorized()
            if not user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Bitte melden Sie sich an, um diese Seite zu sehen.")
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"


def _load_user(user_id: str) -> SignedInUser | None:
    from web.auth.users import load_user

    try:
        return load_user(int(user_id))
    except ValueError:
        return None


def _unauthorized() -> Any:
    if request.path.startswith("/api/"):
        from web.errors import error_response

        return error_response(401)
    from flask import flash, redirect, url_for

    flash(str(login_manager.login_message), "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)

    @app.before_request
    def _require_sign_in() -> Any:
        if _bearer_token(request) is not None:
            # A script with a token: the token alone decides, never a session cookie.
            user = _load_token_user(request)
            if user is None:
                from web.errors import error_response

                return error_response(401, _("Der API-Schlüssel ist ungültig, abgelaufen "
                                             "oder widerrufen."))
            g._login_user = user  # Flask-Login's per-request user
            return None
        if request.endpoint is None or request.endpoint in PUBLIC_ENDPOINTS:
            return None
        view = app.view_functions.get(request.endpoint)
        if getattr(view, "public", False):
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return None


def _bearer_token(req) -> str | None:
    """The token of ``Authorization: Bearer <token>`` on an API request, else ``None``."""
    if not req.path.startswith("/api/"):
        return None
    header = req.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    return header[7:].strip()


def _load_token_user(req) -> SignedInUser | None:
    """Scripts authenticate at ``/api/`` with ``Authorization: Bearer <token>``."""
    from web.auth.users import user_for_token

    token = _bearer_token(req)
    user = user_for_token(token) if token else None
    if user is not None:
        g.api_token_user = True
    return user
