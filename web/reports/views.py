"""Views of the reports area: the Sachstandsbericht for a chosen period."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
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
from markupsafe import Markup
from sqlalchemy import func, select

from inventory.strategy import (
    ReportNarrative,
    StrategyConflict,
    StrategyInvalid,
    narratives_for,
    save_narrative,
)
from inventory.strategy.report_source import RegisterReportSource
from inventory.tables import Handlungsfeld, Service
from procmodel.reporting import (
    FORMATS,
    MEDIA_TYPES,
    PeriodNotStarted,
    assemble_report,
    render,
    render_fragment,
)
from procmodel.reporting import stylesheet as report_stylesheet
from procmodel.reporting.pdf import PdfUnavailable
from procmodel.settings import SETTINGS
from procmodel.strategy import BERLIN, Period, PeriodError
from web.auth import role_required
from web.choices import select_choices
from web.database import db
from web.reports.forms import NarrativeForm, PeriodForm

bp = Blueprint("reports", __name__, url_prefix="/reports")

READERS = ("viewer", "analyst", "coordinator")
EDITORS = ("coordinator",)


def _today() -> date:
    return datetime.now(BERLIN).date()


def _half_years() -> list[Period]:
    """Half-years from the first recorded service to the current one, newest first."""
    first = db().scalar(select(func.min(Service.created_at)))
    today = _today()
    current = Period.half_year_of(today)
    start = Period.half_year_of(first.date()) if first else current.previous_half_year()
    out = [current]
    while out[-1].start > start.start and len(out) < 20:
        out.append(out[-1].previous_half_year())
    return out


def _period_arg() -> Period:
    try:
        return Period.parse(request.args.get("period", ""))
    except PeriodError as exc:
        abort(400, description=exc.message_de)


#: The ORGANISATION setting's default: the report page then asks to set the city's name.
DEFAULT_ORGANISATION = next(s.default for s in SETTINGS if s.name == "ORGANISATION")


def _organisation() -> str:
    return current_app.config.get("ORGANISATION") or DEFAULT_ORGANISATION


def _report(period: Period):
    return assemble_report(RegisterReportSource(db(), _organisation()), period,
                           today=_today(), generated_at=datetime.now(UTC))


@bp.get("/")
@role_required(*READERS)
def index() -> Any:
    """Choose a period; see the report as a preview with download links."""
    custom = (request.args.get("custom") or "").strip()
    if custom and "period" in request.args:
        # one period in the address: a free range replaces the half-year from the list
        try:
            chosen = Period.parse(custom)
        except PeriodError:
            pass  # the form below shows the message
        else:
            return redirect(url_for("reports.index", custom=chosen.key))
    form = PeriodForm(request.args)
    halves = _half_years()
    form.period.choices = select_choices((p.key, p.title_de) for p in halves)
    if not form.period.data:
        # default: the last complete half-year
        form.period.data = halves[1].key if len(halves) > 1 else halves[0].key
    period = form.chosen() if form.validate() else None
    preview = None
    if period is not None:
        try:
            preview = Markup(render_fragment(_report(period)))  # noqa: S704 - autoescaped
        except PeriodNotStarted as exc:
            form.custom.errors = [*form.custom.errors, exc.message_de]
            period = None
    return render_template("reports/index.html", form=form, period=period, preview=preview,
                           formats=FORMATS, may_edit=current_user.has_role(*EDITORS),
                           organisation_unset=_organisation() == DEFAULT_ORGANISATION), \
        400 if form.errors else 200


@bp.get("/report.css")
@role_required(*READERS)
def css() -> Response:
    """The report's stylesheet (the preview links it; no inline style under the CSP)."""
    return Response(report_stylesheet(), mimetype="text/css",
                    headers={"Cache-Control": "max-age=3600"})


@bp.get("/download")
@role_required(*READERS)
def download() -> Response:
    """The report of ``period`` as ``format`` (pdf, html, docx), as an attachment."""
    period = _period_arg()
    fmt = request.args.get("format", "pdf")
    if fmt not in FORMATS:
        abort(400, description=_("Unbekanntes Format %(f)s", f=fmt))
    try:
        content = render(_report(period), fmt)
    except PeriodNotStarted as exc:
        abort(400, description=exc.message_de)
    except PdfUnavailable as exc:
        abort(503, description=str(exc))
    name = f"sachstandsbericht-{period.key.replace('..', '_bis_')}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "html":
        # a standalone document with its own stylesheet: served as a download only
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; " \
            "img-src data:"
    return Response(content, mimetype=MEDIA_TYPES[fmt].split(";")[0], headers=headers)


def _fields() -> list[Handlungsfeld]:
    return list(db().scalars(select(Handlungsfeld).where(Handlungsfeld.active.is_(True))
                             .order_by(Handlungsfeld.position, Handlungsfeld.name)))


@bp.get("/narratives")
@role_required(*READERS)
def narratives() -> str:
    """The narrative sections of a period, with links to write or edit them."""
    period = _period_arg()
    existing = {n.handlungsfeld_id: n for n in narratives_for(db(), period.key)}
    slots = [(None, _("Allgemeiner Teil (Zusammenfassung)"))] + \
        [(f.id, f.name) for f in _fields()]
    return render_template("reports/narratives.html", period=period, slots=slots,
                           existing=existing, may_edit=current_user.has_role(*EDITORS))


@bp.route("/narratives/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def narrative_edit() -> Any:
    """Write or change the narrative section of a period and Handlungsfeld."""
    session = db()
    period = _period_arg()
    raw = request.args.get("hf", "")
    field = None
    if raw:
        try:
            field = session.get(Handlungsfeld, int(raw))
        except ValueError:
            field = None
        if field is None:
            abort(404)
    query = select(ReportNarrative).where(ReportNarrative.period_key == period.key)
    query = query.where(ReportNarrative.handlungsfeld_id.is_(None) if field is None
                        else ReportNarrative.handlungsfeld_id == field.id)
    narrative = session.scalar(query)
    form = NarrativeForm()
    conflict = None
    if request.method == "GET":
        if narrative is not None:
            form.version.data = str(narrative.version)
            form.title.data, form.body.data = narrative.title, narrative.body
        else:
            form.title.data = (_("Stand %(name)s", name=field.name) if field
                               else _("Zusammenfassung"))
    elif form.validate_on_submit():
        try:
            version = int(form.version.data) if form.version.data else None
        except ValueError:
            version = None
        try:
            save_narrative(session, period=period.key, handlungsfeld=field.id if field else None,
                           title=form.title.data, body=form.body.data or "",
                           expected_version=version,
                           changed_by=current_user._get_current_object())
            session.commit()
        except StrategyConflict as exc:
            session.rollback()
            conflict = exc
        except StrategyInvalid as exc:
            session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("Abschnitt gespeichert."), "success")
            return redirect(url_for("reports.narratives", period=period.key))
    status = 409 if conflict else (400 if form.errors else 200)
    return render_template("reports/narrative_form.html", form=form, period=period,
                           field=field, narrative=narrative, conflict=conflict), status
