"""Administration: users and roles, Handlungsfelder, Umsetzungsstatus stages, Reifegrad
thresholds, API tokens."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from inventory import lists, tokens
from inventory import users as register_users
from inventory.errors import InvalidValue, NotFound
from web.admin.forms import (
    ActionForm,
    ConformantForm,
    EditUserForm,
    HandlungsfeldEditForm,
    HandlungsfeldForm,
    NewUserForm,
    StageForm,
    TokenForm,
)
from web.auth import role_required
from web.choices import select_choices
from web.database import db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@role_required("admin")
def _admins_only() -> None:
    return None


def _token_form(session) -> TokenForm:
    form = TokenForm(prefix="token")
    form.user.choices = select_choices((u.id, f"{u.username} ({u.role})")
                                       for u in register_users.list_users(session) if u.active)
    return form


def _conformant_form(session) -> ConformantForm:
    form = ConformantForm(prefix="conf")
    models = lists.reifegrad_models(session)
    form.version.choices = select_choices((m.version, m.version) for m in models)
    if not form.is_submitted() and models:
        # Show the current threshold of the default model, not an empty field.
        chosen = next((m for m in models if m.is_default), models[0])
        form.version.data = chosen.version
        form.level.data = chosen.ozg_conformant_level
    return form


def _page(status: int = 200, **forms):
    session = db()
    context = {
        "users": register_users.list_users(session),
        "handlungsfelder": lists.handlungsfelder(session, include_inactive=True),
        "stages": lists.stages(session, include_inactive=True),
        "stage_form": forms.get("stage_form") or StageForm(prefix="stage"),
        "models": lists.reifegrad_models(session),
        "api_tokens": tokens.list_tokens(session),
        "user_form": forms.get("user_form") or NewUserForm(prefix="user"),
        "hf_form": forms.get("hf_form") or HandlungsfeldForm(prefix="hf"),
        "conformant_form": forms.get("conformant_form") or _conformant_form(session),
        "token_form": forms.get("token_form") or _token_form(session),
        "new_token": forms.get("new_token"),
        "action_form": ActionForm(),
    }
    return render_template("admin/index.html", **context), status


@bp.route("/")
def index():
    return _page()


def _invalid(form, exc: InvalidValue) -> None:
    field = getattr(form, exc.field, None)
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, str(exc)]
    else:
        flash(str(exc), "error")


@bp.route("/users", methods=["POST"])
def create_user():
    session = db()
    form = NewUserForm(prefix="user")
    if form.validate_on_submit():
        department = (form.department.data or "").strip() or None
        try:
            user = register_users.create_user(
                session, form.username.data, form.password.data, role=form.role.data,
                display_name=(form.display_name.data or "").strip() or None,
                email=(form.email.data or "").strip() or None,
                department=department if form.role.data == "coordinator" else None)
            session.commit()
        except InvalidValue as exc:
            session.rollback()
            _invalid(form, exc)
        else:
            flash(_("Das Konto „%(u)s“ wurde angelegt.", u=user.username), "success")
            return redirect(url_for(".index"))
    return _page(400, user_form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    session = db()
    try:
        user = register_users.get_user(session, user_id)
    except NotFound:
        abort(404)
    form = EditUserForm(obj=None if request.method == "POST" else user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            department = (form.department.data or "").strip() or None
            try:
                register_users.set_role(
                    session, user_id, form.role.data,
                    department=department if form.role.data == "coordinator" else None)
                if bool(form.active.data) != bool(user.active):
                    register_users.set_active(session, user_id, bool(form.active.data))
                if form.password.data:
                    register_users.set_password(session, user_id, form.password.data)
                session.commit()
            except InvalidValue as exc:
                session.rollback()
                _invalid(form, exc)
            else:
                flash(_("Das Konto „%(u)s“ wurde geändert.", u=user.username), "success")
                return redirect(url_for(".index"))
    return render_template("admin/user.html", form=form, user=user), status


@bp.route("/stages", methods=["POST"])
def add_stage():
    """Add an Umsetzungsstatus stage (municipalities add their own, e.g. Pilotierung)."""
    session = db()
    form = StageForm(prefix="stage")
    if form.validate_on_submit():
        try:
            lists.add_stage(session, form.name.data, is_online=bool(form.is_online.data),
                            is_closed=bool(form.is_closed.data))
            session.commit()
        except InvalidValue as exc:
            session.rollback()
            form.name.errors = [*form.name.errors, str(exc)]
        else:
            flash(_("Die Stufe wurde hinzugefügt."), "success")
            return redirect(url_for(".index") + "#h-stages")
    return _page(400, stage_form=form)


STAGE_ACTIONS = ("up", "down", "online", "closed", "active")


@bp.route("/stages/<int:stage_id>", methods=["POST"])
def change_stage(stage_id: int):
    """Move a stage up or down, or switch one of its flags.  Names stay: the history
    refers to stages by name."""
    session = db()
    action = request.form.get("action")
    if not ActionForm().validate_on_submit() or action not in STAGE_ACTIONS:
        abort(400)
    ordered = lists.stages(session, include_inactive=True)
    index = next((i for i, s in enumerate(ordered) if s.id == stage_id), None)
    if index is None:
        abort(404)
    stage = ordered[index]
    if action in ("up", "down"):
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
            for position, entry in enumerate(ordered, start=1):
                lists.update_stage(session, entry.id, position=position)
    elif action == "online":
        lists.update_stage(session, stage_id, is_online=not stage.is_online)
    elif action == "closed":
        lists.update_stage(session, stage_id, is_closed=not stage.is_closed)
    else:
        lists.update_stage(session, stage_id, active=not stage.active)
    session.commit()
    flash(_("Die Stufe „%(n)s“ wurde geändert.", n=stage.name), "success")
    return redirect(url_for(".index") + "#h-stages")


@bp.route("/handlungsfelder", methods=["POST"])
def add_handlungsfeld():
    session = db()
    form = HandlungsfeldForm(prefix="hf")
    if form.validate_on_submit():
        try:
            lists.add_handlungsfeld(session, form.name.data,
                                    description=(form.description.data or "").strip() or None)
            session.commit()
        except InvalidValue as exc:
            session.rollback()
            _invalid(form, exc)
        else:
            flash(_("Das Handlungsfeld wurde hinzugefügt."), "success")
            return redirect(url_for(".index"))
    return _page(400, hf_form=form)


@bp.route("/handlungsfelder/<int:hf_id>", methods=["GET", "POST"])
def edit_handlungsfeld(hf_id: int):
    session = db()
    entry = next((h for h in lists.handlungsfelder(session, include_inactive=True)
                  if h.id == hf_id), None)
    if entry is None:
        abort(404)
    form = HandlungsfeldEditForm(obj=None if request.method == "POST" else entry)
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            try:
                lists.update_handlungsfeld(
                    session, hf_id, name=form.name.data,
                    description=(form.description.data or "").strip() or None,
                    active=bool(form.active.data))
                session.commit()
            except InvalidValue as exc:
                session.rollback()
                _invalid(form, exc)
            else:
                flash(_("Das Handlungsfeld wurde geändert."), "success")
                return redirect(url_for(".index"))
    return render_template("admin/handlungsfeld.html", form=form, entry=entry), status


@bp.route("/reifegrad", methods=["POST"])
def set_conformant():
    session = db()
    form = _conformant_form(session)
    if form.validate_on_submit():
        try:
            lists.set_ozg_conformant_level(session, form.version.data, form.level.data)
            session.commit()
        except (InvalidValue, NotFound) as exc:
            session.rollback()
            form.level.errors = [*form.level.errors, str(exc)]
        else:
            flash(_("Die Schwelle für OZG-Konformität wurde geändert."), "success")
            return redirect(url_for(".index"))
    return _page(400, conformant_form=form)


@bp.route("/tokens", methods=["POST"])
def create_token():
    session = db()
    form = _token_form(session)
    if form.validate_on_submit():
        try:
            _token, plain = tokens.create_token(session, form.user.data, form.name.data,
                                                created_by=current_user.id)
            session.commit()
        except (InvalidValue, NotFound) as exc:
            session.rollback()
            form.name.errors = [*form.name.errors, str(exc)]
        else:
            flash(_("Der API-Schlüssel wurde erzeugt. Er wird nur jetzt angezeigt."), "success")
            return _page(201, new_token=plain)
    return _page(400, token_form=form)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    session = db()
    if ActionForm().validate_on_submit():
        try:
            tokens.revoke_token(session, token_id)
        except NotFound:
            abort(404)
        session.commit()
        flash(_("Der API-Schlüssel wurde gesperrt."), "success")
    return redirect(url_for(".index"))
