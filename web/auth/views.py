"""Sign-in, sign-out and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from web.auth.throttle import SignInThrottle
from web.i18n import LANGUAGE_COOKIE, LANGUAGES

bp = Blueprint("auth", __name__)


class SignInForm(FlaskForm):
    username = StringField(_l("Benutzername"), validators=[
        DataRequired(_l("Bitte geben Sie Ihren Benutzernamen ein.")), Length(max=120)])
    password = PasswordField(_l("Passwort"), validators=[
        DataRequired(_l("Bitte geben Sie Ihr Passwort ein.")), Length(max=1000)])
    next = HiddenField()


class LanguageForm(FlaskForm):
    lang = HiddenField()
    next = HiddenField()


def safe_next(target: str | None, default: str) -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirects)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def throttle() -> SignInThrottle:
    ext = current_app.extensions.setdefault("procmodel.throttle", SignInThrottle(
        max_failures_user=int(current_app.config.get("LOGIN_MAX_FAILURES", 5)),
        max_failures_address=int(current_app.config.get("LOGIN_MAX_FAILURES_ADDRESS", 50)),
        window=float(current_app.config.get("LOGIN_WINDOW_SECONDS", 15 * 60)),
    ))
    return ext


@bp.route("/login", methods=["GET", "POST"])
def login():
    from web.auth.users import authenticate

    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = SignInForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    status = 200
    if form.validate_on_submit():
        username = form.username.data.strip()
        address = request.remote_addr or "?"
        wait = throttle().wait_seconds(username, address)
        if wait:
            if wait < 60:
                flash(ngettext("Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie "
                               "%(num)d Sekunde und versuchen Sie es dann erneut.",
                               "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie "
                               "%(num)d Sekunden und versuchen Sie es dann erneut.", wait),
                      "error")
            else:
                minutes = (wait + 59) // 60
                flash(ngettext("Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie "
                               "%(num)d Minute und versuchen Sie es dann erneut.",
                               "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie "
                               "%(num)d Minuten und versuchen Sie es dann erneut.", minutes),
                      "error")
            status = 429
        else:
            user = authenticate(username, form.password.data)
            if user is None:
                throttle().failed(username, address)
                flash(_("Benutzername oder Passwort ist falsch."), "error")
                status = 401
            else:
                throttle().succeeded(username)
                session.clear()
                login_user(user)
                flash(_("Willkommen, %(name)s.", name=user.display_name), "success")
                return redirect(safe_next(form.next.data, url_for("dashboard.index")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    form = LanguageForm()  # only for its CSRF token
    if form.validate_on_submit():
        logout_user()
        session.clear()
        flash(_("Sie wurden abgemeldet."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def language():
    form = LanguageForm()
    response = redirect(safe_next(form.next.data, url_for("dashboard.index")))
    if form.validate_on_submit() and form.lang.data in LANGUAGES:
        # A cookie of its own, not the session: the choice survives signing out and
        # leaves the (protected) session untouched.
        response.set_cookie(LANGUAGE_COOKIE, form.lang.data, max_age=365 * 24 * 3600,
                            httponly=True, samesite="Lax",
                            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response
