"""Views of the strategy area (thin: parse input, call ``inventory.strategy``, render)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select

from inventory.errors import NotFound
from inventory.strategy import (
    StrategyConflict,
    StrategyInvalid,
    create_project,
    create_target,
    get_project,
    get_target,
    list_projects,
    list_targets,
    revisions_of,
    snapshot_source,
    timeline_as_of,
    update_project,
    update_target,
)
from inventory.strategy.report_source import PROJECT_LABELS, project_change
from inventory.strategy.snapshots import item_from_data
from inventory.tables import Handlungsfeld, Service
from procmodel.reporting.charts import progress_chart
from procmodel.strategy import BERLIN, TargetDef, assess, parse_rule
from procmodel.strategy.gantt_svg import render_gantt_svg
from procmodel.strategy.periods import day_end
from procmodel.strategy.timeline import STATUSES, build_gantt
from web.auth import role_required
from web.choices import select_choices
from web.database import db
from web.strategy.forms import (
    ProjectForm,
    TargetForm,
    format_milestones,
    format_services,
    parse_milestones,
    parse_service_refs,
)

bp = Blueprint("strategy", __name__, url_prefix="/strategy", static_folder="static",
               static_url_path="/static")

#: Trend words of :class:`~procmodel.strategy.Assessment` in English.
TREND_EN = {"steigend": "rising", "fallend": "falling", "gleich": "unchanged"}


@bp.context_processor
def _vocabulary() -> dict[str, Any]:
    """Status and trend words in the page's language (the core gives both)."""
    def status_word(a) -> str:
        return a.status_en if _is_english() else a.status_de

    def trend_word(a) -> str:
        return (TREND_EN.get(a.trend, a.trend) if _is_english() else a.trend) or "–"

    return {"status_word": status_word, "trend_word": trend_word}


def _is_english() -> bool:
    return str(get_locale() or "de").startswith("en")

READERS = ("viewer", "analyst", "coordinator")
EDITORS = ("coordinator",)
TARGET_FIELD_LABELS = {"name": "Bezeichnung", "handlungsfeld": "Handlungsfeld",
                       "rule": "Zielregel", "start_date": "Zielbeginn",
                       "responsible": "Verantwortlich", "description": "Beschreibung",
                       "archived": "Archiviert", "position": "Reihenfolge"}


def _today() -> date:
    return datetime.now(BERLIN).date()


def _fields() -> list[Handlungsfeld]:
    return list(db().scalars(select(Handlungsfeld).where(Handlungsfeld.active.is_(True))
                             .order_by(Handlungsfeld.position, Handlungsfeld.name)))


def _field_filter() -> int | None:
    try:
        return int(request.args["hf"]) if request.args.get("hf") else None
    except ValueError:
        return None


def _target_def(target) -> TargetDef:
    return TargetDef(target.id, target.name, target.handlungsfeld.name, parse_rule(target.rule),
                     target.start_date, target.description or "", target.responsible or "")


def _series_dates(today: date) -> list[date]:
    return sorted({today - timedelta(days=61 * k) for k in range(7)})


@bp.get("/")
@role_required(*READERS)
def index() -> str:
    """Targets with their current value and the timeline of every Handlungsfeld."""
    session = db()
    today = _today()
    hf = _field_filter()
    at = snapshot_source(session)
    targets = list_targets(session, handlungsfeld_id=hf)
    assessments = [(t, assess(_target_def(t), at, today, trend_from=today - timedelta(days=182)))
                   for t in targets]
    projects = list_projects(session, handlungsfeld_id=hf)
    items = [i for i in timeline_as_of(session, day_end(today))
             if i.id in {p.id for p in projects}]
    fields = _fields()
    gantt = build_gantt(items, today, field_order=[f.name for f in fields])
    svg = Markup(render_gantt_svg(gantt, title=_("Zeitplan"))) if items else None  # noqa: S704 - our own escaped SVG
    rows = {r.item.id: r for r in gantt.rows}
    return render_template("strategy/index.html", fields=fields, hf=hf,
                           assessments=assessments, projects=projects, rows=rows, gantt=svg,
                           statuses=STATUSES, today=today,
                           may_edit=current_user.has_role(*EDITORS))


@bp.get("/gantt.svg")
@role_required(*READERS)
def gantt_svg() -> Response:
    """The Gantt chart as a standalone SVG file."""
    session = db()
    today = _today()
    hf = _field_filter()
    ids = {p.id for p in list_projects(session, handlungsfeld_id=hf)}
    items = [i for i in timeline_as_of(session, day_end(today)) if i.id in ids]
    svg = render_gantt_svg(build_gantt(items, today,
                                       field_order=[f.name for f in _fields()]))
    return Response(svg, mimetype="image/svg+xml", headers={
        "Content-Disposition": f'attachment; filename="zeitplan-{today.isoformat()}.svg"'})


def _target_choices(form: TargetForm | ProjectForm) -> None:
    form.handlungsfeld.choices = select_choices((f.id, f.name) for f in _fields())


def _target_values(form: TargetForm) -> dict[str, Any]:
    return {"handlungsfeld": form.handlungsfeld.data, "name": form.name.data,
            "rule": form.rule.data, "start_date": form.start_date.data,
            "responsible": form.responsible.data, "description": form.description.data}


def _attach(form, exc: StrategyInvalid) -> None:
    target = getattr(form, exc.field, None)
    if target is not None:
        target.errors = [*list(target.errors), exc.message]
    else:
        flash(exc.message, "error")


def _save_new(form, create, values: dict[str, Any], message, endpoint: str,
              id_arg: str) -> Any | None:
    """Create a record from a validated form and redirect to its page; on invalid values
    roll back, attach the message to the form and return ``None``."""
    try:
        record = create(db(), created_by=current_user._get_current_object(),
                        comment=form.comment.data, **values)
        db().commit()
    except StrategyInvalid as exc:
        db().rollback()
        _attach(form, exc)
        return None
    flash(message(record), "success")
    return redirect(url_for(endpoint, **{id_arg: record.id}))


def _save_changes(form, update, record_id: int, changes: dict[str, Any], message: str,
                  next_url: str) -> tuple[Any | None, StrategyConflict | None]:
    """Apply a validated edit form: (redirect, None) when saved; (None, conflict) on a
    stale version; (None, None) when the values were invalid (attached to the form)."""
    session = db()
    try:
        update(session, record_id, expected_version=_version(form), changes=changes,
               changed_by=current_user._get_current_object(), comment=form.comment.data)
        session.commit()
    except StrategyConflict as exc:
        session.rollback()
        return None, exc
    except StrategyInvalid as exc:
        session.rollback()
        _attach(form, exc)
        return None, None
    flash(message, "success")
    return redirect(next_url), None


@bp.route("/targets/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def target_new() -> Any:
    form = TargetForm()
    _target_choices(form)
    if request.method == "GET":
        form.start_date.data = _today()
        if _field_filter():
            form.handlungsfeld.data = _field_filter()
    if form.validate_on_submit():
        done = _save_new(form, create_target, _target_values(form),
                         lambda t: _("Ziel „%(name)s“ angelegt.", name=t.name),
                         "strategy.target_detail", "target_id")
        if done is not None:
            return done
    return render_template("strategy/target_form.html", form=form, target=None), \
        400 if form.errors else 200


@bp.route("/targets/<int:target_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def target_edit(target_id: int) -> Any:
    target = _or_404(get_target, target_id)
    form = TargetForm(obj=None)
    _target_choices(form)
    conflict = None
    if request.method == "GET":
        form.version.data = str(target.version)
        form.handlungsfeld.data = target.handlungsfeld_id
        for name in ("name", "rule", "start_date", "responsible", "description", "archived"):
            getattr(form, name).data = getattr(target, name)
        form.fill_from_rule(parse_rule(target.rule))
    elif form.validate_on_submit():
        done, conflict = _save_changes(
            form, update_target, target.id,
            {**_target_values(form), "archived": form.archived.data},
            _("Ziel gespeichert."), url_for("strategy.target_detail", target_id=target.id))
        if done is not None:
            return done
    status = 409 if conflict else (400 if form.errors else 200)
    return render_template("strategy/target_form.html", form=form, target=target,
                           conflict=conflict), status


def _version(form) -> int | None:
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


def _or_404(getter, record_id: int):
    try:
        return getter(db(), record_id)
    except NotFound:
        abort(404)


@bp.get("/targets/<int:target_id>")
@role_required(*READERS)
def target_detail(target_id: int) -> str:
    """A target: definition, value now and over the last year, change history."""
    session = db()
    target = _or_404(get_target, target_id)
    today = _today()
    at = snapshot_source(session)
    assessment = assess(_target_def(target), at, today,
                        trend_from=today - timedelta(days=182),
                        series_dates=_series_dates(today))
    chart = Markup(progress_chart(assessment.series, goal=assessment.goal,  # noqa: S704 - our own escaped SVG
                                  title=target.name, unit=assessment.current.unit,
                                  deadline=assessment.target.rule.deadline))
    return render_template("strategy/target_detail.html", target=target,
                           assessment=assessment, chart=chart,
                           revisions=revisions_of(session, "target", target.id),
                           labels=TARGET_FIELD_LABELS, may_edit=current_user.has_role(*EDITORS))


def _project_choices(form: ProjectForm, project_id: int | None) -> None:
    _target_choices(form)
    session = db()
    form.depends_on.choices = select_choices((p.id, f"{p.name} ({p.handlungsfeld.name})")
                                      for p in list_projects(session) if p.id != project_id)


def _resolve_services(form: ProjectForm) -> list[int] | None:
    """The service ids named in the services field, or ``None`` with errors on the field.

    Every line must name exactly one service of the register; the messages say which
    line is wrong and why, so a list of hundreds of services can be fixed in place.
    """
    refs = parse_service_refs(form.services.data or "")
    session = db()
    ids = {r.service_id for r in refs if r.service_id is not None}
    names = {r.name for r in refs if r.service_id is None}
    known_ids = set(session.scalars(select(Service.id).where(Service.id.in_(ids)))) \
        if ids else set()
    by_name: dict[str, list[int]] = {}
    if names:
        lowered = {n.casefold() for n in names}
        for sid, name in session.execute(select(Service.id, Service.name).where(
                func.lower(Service.name).in_({n.lower() for n in names})
                | Service.name.in_(names))):
            if name.casefold() in lowered:
                by_name.setdefault(name.casefold(), []).append(sid)
    errors, out = [], []
    for ref in refs:
        if ref.service_id is not None:
            if ref.service_id in known_ids:
                out.append(ref.service_id)
            else:
                errors.append(_("Zeile %(n)s: Eine Leistung Nr. %(id)s gibt es nicht.",
                                n=ref.line, id=ref.service_id))
            continue
        hits = by_name.get(ref.name.casefold(), [])
        if len(hits) == 1:
            out.append(hits[0])
        elif not hits:
            errors.append(_("Zeile %(n)s: Keine Leistung heißt „%(name)s“ (Nummer oder "
                            "genauen Namen angeben).", n=ref.line, name=ref.name))
        else:
            errors.append(_("Zeile %(n)s: „%(name)s“ passt auf mehrere Leistungen (Nr. "
                            "%(ids)s); bitte die Nummer angeben.", n=ref.line, name=ref.name,
                            ids=", ".join(map(str, sorted(hits)))))
    if errors:
        form.services.errors = [*form.services.errors, *errors]
        return None
    return list(dict.fromkeys(out))


def _project_values(form: ProjectForm, service_ids: list[int]) -> dict[str, Any]:
    return {"handlungsfeld": form.handlungsfeld.data, "name": form.name.data,
            "kind": form.kind.data, "status": form.status.data,
            "start_date": form.start_date.data, "end_date": form.end_date.data,
            "finished_on": form.finished_on.data, "responsible": form.responsible.data,
            "priority": form.priority.data, "outlook": form.outlook.data,
            "description": form.description.data,
            "milestones": parse_milestones(form.milestones.data or ""),
            "depends_on": form.depends_on.data or [],
            "services": service_ids}


@bp.route("/projects/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def project_new() -> Any:
    form = ProjectForm()
    _project_choices(form, None)
    if request.method == "GET" and _field_filter():
        form.handlungsfeld.data = _field_filter()
    service_ids = _resolve_services(form) if form.validate_on_submit() else None
    if service_ids is not None:
        done = _save_new(form, create_project, _project_values(form, service_ids),
                         lambda p: _("Projekt „%(name)s“ angelegt.", name=p.name),
                         "strategy.project_detail", "project_id")
        if done is not None:
            return done
    return render_template("strategy/project_form.html", form=form, project=None), \
        400 if form.errors else 200


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def project_edit(project_id: int) -> Any:
    project = _or_404(get_project, project_id)
    form = ProjectForm()
    _project_choices(form, project.id)
    conflict = None
    if request.method == "GET":
        form.version.data = str(project.version)
        form.handlungsfeld.data = project.handlungsfeld_id
        for name in ("name", "kind", "status", "start_date", "end_date", "finished_on",
                     "responsible", "priority", "outlook", "description", "archived"):
            getattr(form, name).data = getattr(project, name)
        form.milestones.data = format_milestones(project.milestones)
        form.depends_on.data = [p.id for p in project.depends_on]
        form.services.data = format_services(project.services)
    elif (service_ids := _resolve_services(form) if form.validate_on_submit() else None) \
            is not None:
        done, conflict = _save_changes(
            form, update_project, project.id,
            {**_project_values(form, service_ids), "archived": form.archived.data},
            _("Projekt gespeichert."), url_for("strategy.project_detail", project_id=project.id))
        if done is not None:
            return done
    status = 409 if conflict else (400 if form.errors else 200)
    return render_template("strategy/project_form.html", form=form, project=project,
                           conflict=conflict), status


@bp.get("/projects/<int:project_id>")
@role_required(*READERS)
def project_detail(project_id: int) -> str:
    """A project with milestones, dependencies, services and its change history."""
    session = db()
    project = _or_404(get_project, project_id)
    revisions = revisions_of(session, "project", project.id)
    today = _today()
    item = item_from_data(project.id, revisions[-1].data) if revisions else None
    return render_template("strategy/project_detail.html", project=project, item=item,
                           revisions=revisions, labels=PROJECT_LABELS, statuses=STATUSES,
                           describe=project_change,
                           today=today, may_edit=current_user.has_role(*EDITORS))
