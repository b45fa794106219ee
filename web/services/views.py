"""Views of the services area (thin: parse input, call the register, render)."""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from inventory import history, listing, lists
from inventory import services as register_services
from inventory.errors import ConflictError, InvalidValue, NotFound
from inventory.tables.services import Service
from procmodel.strategy.periods import today as berlin_today
from web.analysis.results import ServiceIndex
from web.auth import may_edit_department, role_required
from web.choices import SelectChoice, choice_values
from web.database import db
from web.processes import queries
from web.services import export
from web.services.choices import (
    departments,
    fill_filter_form,
    fill_service_form,
    level_options,
)
from web.services.forms import FilterForm, ServiceForm
from web.services.labels import field_label, group_history, history_value

bp = Blueprint("services", __name__, url_prefix="/services")

PER_PAGE = 50
#: Fields whose change is a status change and needs a comment.
STATUS_FIELDS = ("reifegrad", "reifegrad_model", "umsetzungsstatus", "target_reifegrad",
                 "target_date")
#: Form fields that map one to one onto fields of the service.
FORM_FIELDS = ("name", "description", "department", "contact_role", "rechtsgrundlage",
                "online_url", "efa_status", "basisdienste", "fees", "fallzahl",
                "online_share", "bearbeitungszeit_minutes", "priority", "notes",
                "reifegrad_model", "reifegrad", "umsetzungsstatus", "target_reifegrad",
                "target_date")


def filter_from_form(form: FilterForm) -> listing.ServiceFilter:
    """The register's filter for the values of the filter bar (unknown values ignored)."""
    def as_int(value: str | None) -> int | None:
        try:
            return int(value) if value not in (None, "") else None
        except ValueError:
            return None

    values: dict[str, Any] = {}
    if as_int(form.handlungsfeld.data) is not None:
        values["handlungsfeld_ids"] = (as_int(form.handlungsfeld.data),)
    if as_int(form.themenfeld.data) is not None:
        values["themenfeld_ids"] = (as_int(form.themenfeld.data),)
    if as_int(form.reifegrad.data) is not None:
        values["reifegrad"] = (as_int(form.reifegrad.data),)
    if form.status.data:
        values["umsetzungsstatus"] = (form.status.data,)
    if form.department.data:
        values["departments"] = (form.department.data,)
    if form.overdue.data == "1":
        values["overdue"] = True
        values["today"] = berlin_today()
    if form.q.data and form.q.data.strip():
        values["text"] = form.q.data.strip()
    return listing.ServiceFilter(**values)


def _sort_args() -> tuple[str, bool]:
    sort = request.args.get("sort", "name")
    if sort not in listing.SORT_KEYS:
        sort = "name"
    return sort, request.args.get("dir") == "desc"


def _page_arg() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


@bp.route("/")
def index():
    session = db()
    form = FilterForm(request.args)
    fill_filter_form(form, session)
    filters = filter_from_form(form)
    sort, descending = _sort_args()
    fmt = request.args.get("format")
    if fmt in export.FORMATS:
        rows = export.all_rows(session, filters, sort=sort, descending=descending)
        return export.response(rows, fmt)
    page = listing.list_services(session, filters, sort=sort, descending=descending,
                                 page=_page_arg(), per_page=PER_PAGE)
    query = {k: v for k, v in request.args.items() if k not in ("page", "format") and v}
    if page.total and page.page > page.pages:
        # A page beyond the end (an old link, a narrower filter): show the last one.
        return redirect(url_for(".index", **dict(query, page=page.pages)))
    suggestions = similar_names(session, filters.text) if not page.total and filters.text \
        else []
    return render_template("services/index.html", form=form, page=page, sort=sort,
                           descending=descending, query=query,
                           sort_keys=listing.SORT_KEYS, suggestions=suggestions,
                           overdue=overdue_ids(session, [s.id for s in page.items]))


def similar_names(session, text: str, limit: int = 3) -> list[str]:
    """Service names close to a search that found nothing ("Gewerbeanmeldng" →
    "Gewerbeanmeldung"), compared word by word so one typo in a long name still matches."""
    wanted = text.casefold().strip()
    names = list(session.scalars(select(Service.name).distinct()))
    scored = []
    matcher = difflib.SequenceMatcher(None, "", wanted)  # caches the search side
    for name in names:
        best = 0.0
        for word in (name.casefold(), *name.casefold().split()):
            matcher.set_seq1(word)
            # The cheap upper bounds skip most names of a large register.
            if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8:
                best = max(best, matcher.ratio())
        if best >= 0.8:
            scored.append((best, name))
    return [name for _score, name in sorted(scored, key=lambda x: (-x[0], x[1]))[:limit]]


def overdue_ids(session, ids: list[int]) -> set[int]:
    """Which of ``ids`` have an overdue target — by the register's own filter rule, so
    the marker, the "nur überfällige Ziele" filter and the dashboard always agree."""
    if not ids:
        return set()
    query = select(Service.id)
    for condition in listing.conditions(listing.ServiceFilter(
            overdue=True, service_ids=ids, today=berlin_today())):
        query = query.where(condition)
    return set(session.scalars(query))


def _service_or_404(service_id: int):
    try:
        return register_services.get_service(db(), service_id)
    except NotFound:
        abort(404)


@bp.route("/<int:service_id>")
def detail(service_id: int):
    session = db()
    service = _service_or_404(service_id)
    entries = history.history_of(session, service_id)
    versions = queries.versions_of(session, service_id)
    analysis_index = current_app.extensions.setdefault("procmodel.analysis_index",
                                                       ServiceIndex())
    run, found = analysis_index.get(session, service_id)
    return render_template(
        "services/detail.html", service=service, events=group_history(entries),
        analysis_run=run, analysis=found,
        versions=versions, field_label=field_label, history_value=history_value,
        handlungsfeld_names={h.id: h.name for h in lists.handlungsfelder(
            session, include_inactive=True)},
        may_edit=may_edit_department(service.department),
        may_upload=current_user.has_role("analyst"),
    )


def _split_keys(text: str | None) -> list[str]:
    return [part for part in (text or "").replace(";", ",").replace(" ", ",").split(",")
            if part]


def _form_values(form: ServiceForm) -> dict[str, Any]:
    """The form's values in the register's terms (field name → value)."""
    values: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value = getattr(form, name).data
        if isinstance(value, str):
            value = value.strip() or None
        if isinstance(value, Decimal):
            value = float(value)
        if name in ("reifegrad", "target_reifegrad") and value is not None:
            value = int(value)
        if name == "basisdienste":
            value = list(value or [])
        values[name] = value
    values["handlungsfeld_id"] = form.handlungsfeld.data
    values["ozg_ids"] = _split_keys(form.ozg_ids.data)
    values["leika_keys"] = _split_keys(form.leika_keys.data)
    return values


def _load_form(form: ServiceForm, service) -> None:
    values = register_services.service_values(service)
    for name in FORM_FIELDS:
        value = values.get(name)
        if name in ("reifegrad", "target_reifegrad"):
            value = "" if value is None else str(value)
        getattr(form, name).data = value
    form.basisdienste.data = list(values.get("basisdienste") or [])
    form.handlungsfeld.data = service.handlungsfeld_id
    form.ozg_ids.data = ", ".join(values.get("ozg_ids") or [])
    form.leika_keys.data = ", ".join(values.get("leika_keys") or [])
    form.version.data = str(service.version)


def _changes(service, new: dict[str, Any]) -> dict[str, Any]:
    old = register_services.service_values(service)
    changes = {}
    for key, value in new.items():
        before = old.get(key)
        if key in ("basisdienste", "ozg_ids", "leika_keys"):
            if list(value or []) != list(before or []):
                changes[key] = value
        elif value != before:
            changes[key] = value
    return changes


def _show_invalid(form: ServiceForm, exc: InvalidValue) -> None:
    """Attach each problem to its form field (or flash it when no field matches)."""
    for problem in getattr(exc, "problems", None) or [exc]:
        name = "handlungsfeld" if problem.field in ("handlungsfeld", "handlungsfeld_id") \
            else problem.field
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, str(problem)]
        else:
            flash(str(problem), "error")


@bp.route("/<int:service_id>/edit", methods=["GET", "POST"])
@role_required("coordinator")
def edit(service_id: int):
    session = db()
    service = _service_or_404(service_id)
    if not may_edit_department(service.department):
        abort(403)
    form = ServiceForm()
    model_version = request.form.get("reifegrad_model") or service.reifegrad_model
    fill_service_form(form, session, model_version)
    if service.handlungsfeld and service.handlungsfeld_id not in choice_values(
            form.handlungsfeld.choices):
        # A deactivated Handlungsfeld stays selectable for the services that still have it.
        form.handlungsfeld.choices.append(
            SelectChoice(service.handlungsfeld_id, service.handlungsfeld.name))
    if request.method == "GET":
        _load_form(form, service)
    conflict = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate():
            changes = _changes(service, _form_values(form))
            comment = (form.comment.data or "").strip() or None
            try:
                expected = int(form.version.data or "")
            except ValueError:
                expected = -1
            if "department" in changes and not may_edit_department(changes["department"]):
                form.department.errors = [_("Sie dürfen nur Leistungen Ihres Fachbereichs "
                                            "bearbeiten.")]
            elif any(k in STATUS_FIELDS for k in changes) and not comment:
                form.comment.errors = [_("Bei einer Statusänderung ist ein Kommentar nötig: "
                                         "Was hat sich geändert und warum?")]
            elif not changes:
                flash(_("Es gab keine Änderungen."), "info")
                return redirect(url_for(".detail", service_id=service_id))
            else:
                try:
                    register_services.update_service(
                        session, service_id, expected_version=expected, changes=changes,
                        changed_by=current_user.id, comment=comment)
                    session.commit()
                except ConflictError as exc:
                    session.rollback()
                    conflict = exc
                    status = 409
                    service = _service_or_404(service_id)
                    form.version.data = str(service.version)
                except InvalidValue as exc:
                    session.rollback()
                    _show_invalid(form, exc)
                else:
                    flash(_("Die Änderungen wurden gespeichert."), "success")
                    return redirect(url_for(".detail", service_id=service_id))
    _explain_level_errors(form)
    return render_template("services/edit.html", form=form, service=service,
                           conflict=conflict, level_options=level_options(session),
                           known_departments=departments(session)), status


@bp.route("/new", methods=["GET", "POST"])
@role_required("coordinator")
def create():
    session = db()
    form = ServiceForm()
    fill_service_form(form, session, request.form.get("reifegrad_model"))
    status = 200
    duplicates: list = []
    if request.method == "GET":
        form.reifegrad_model.data = form.reifegrad_model.choices[0].value \
            if form.reifegrad_model.choices else "1.1"
        if current_user.departments:
            form.department.data = current_user.departments[0]
    if request.method == "POST":
        status = 400
        if form.validate():
            values = _form_values(form)
            if not may_edit_department(values.get("department")):
                form.department.errors = [_("Sie dürfen nur Leistungen Ihres Fachbereichs "
                                            "anlegen.")]
            elif (duplicates := register_services.services_named(session, values["name"])) \
                    and not form.confirm_duplicate.data:
                status = 409
            else:
                duplicates = []
                name = values.pop("name")
                handlungsfeld = values.pop("handlungsfeld_id")
                try:
                    service = register_services.create_service(
                        session, name=name, handlungsfeld=handlungsfeld,
                        created_by=current_user.id,
                        comment=(form.comment.data or "").strip() or None,
                        **{k: v for k, v in values.items() if v not in (None, [], "")})
                    session.commit()
                except InvalidValue as exc:
                    session.rollback()
                    _show_invalid(form, exc)
                else:
                    flash(_("Die Leistung wurde angelegt."), "success")
                    return redirect(url_for(".detail", service_id=service.id))
    _explain_level_errors(form)
    return render_template("services/edit.html", form=form, service=None, conflict=None,
                           duplicates=duplicates, level_options=level_options(session),
                           known_departments=departments(session)), status


def _explain_level_errors(form) -> None:
    """A level the chosen Reifegrad model does not have gets a message naming the model
    (instead of WTForms' "Not a valid choice")."""
    for f in (form.reifegrad, form.target_reifegrad):
        if f.errors and f.data not in choice_values(f.choices):
            f.errors = [_("Reifegrad %(l)s gibt es im Modell %(m)s nicht – bitte wählen Sie "
                          "die Stufe neu.", l=f.data, m=form.reifegrad_model.data)]

