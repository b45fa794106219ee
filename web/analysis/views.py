"""Views of the analysis area (the result is read from the register as stored)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.validators import DataRequired

from inventory import analysis_store, jobs
from inventory.errors import InvalidValue
from web.analysis import results
from web.analysis.jobs import KIND
from web.analysis.listing import browse
from web.auth import role_required
from web.auth.views import safe_next
from web.choices import select_choices
from web.database import db

bp = Blueprint("analysis", __name__, url_prefix="/analysis")


#: The kinds of media break the analysis reports, in words.
MEDIA_NAMES = {"print": _l("Ausdruck"), "scan": _l("Scannen"),
               "sign": _l("Unterschrift von Hand"), "post": _l("Postversand"),
               "fax": _l("Fax"), "retype": _l("erneute Erfassung")}


class RunForm(FlaskForm):
    kind = RadioField(_l("Welche Modelle?"), choices=select_choices([
        ("ist", _l("Ist-Modelle")), ("soll", _l("Soll-Modelle")),
        ("all", _l("Ist- und Soll-Modelle"))]), default="ist",
                      validators=[DataRequired()])


class DecisionForm(FlaskForm):
    step = HiddenField(validators=[DataRequired()])
    others = HiddenField(validators=[DataRequired()])
    verdict = HiddenField(validators=[DataRequired()])
    next = HiddenField()


def _latest():
    return results.latest_run_for_pages(db())


@bp.route("/")
def index():
    session = db()
    run, result = _latest()
    active = jobs.active_job(session, KIND)
    session.commit()  # active_job may have failed a stale job
    recent = jobs.recent_jobs(session, KIND, limit=5)
    stale = bool(active and active.status == "queued" and active.created_at and (
        datetime.now(UTC) - _aware(active.created_at)).total_seconds() > STALE_SECONDS)
    return render_template("analysis/index.html", run=run, result=result, active=active,
                           recent=recent, form=RunForm(), stale=stale,
                           overview=results.overview(result) if result else None,
                           may_run=current_user.has_role("analyst"))


#: A job still queued after this many seconds most likely has no worker to run it.
STALE_SECONDS = 15


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@bp.route("/run", methods=["POST"])
@role_required("analyst")
def start():
    session = db()
    form = RunForm()
    if not form.validate_on_submit():
        flash(_("Bitte wählen Sie, welche Modelle analysiert werden sollen."), "error")
        return redirect(url_for(".index"))
    try:
        job = jobs.enqueue(session, KIND, {"kind": form.kind.data, "user_id": current_user.id},
                           requested_by=current_user.id)
        session.commit()
    except jobs.JobAlreadyQueued as exc:
        session.rollback()
        flash(str(exc), "info")
    else:
        flash(_("Die Analyse wurde gestartet (Auftrag %(n)s). Der Fortschritt erscheint "
                "unten.", n=job.id), "success")
    return redirect(url_for(".index"))


def _result_or_redirect():
    run, result = _latest()
    if result is None:
        flash(_("Es liegt noch kein Analyseergebnis vor. Starten Sie die Analyse."), "info")
    return run, result


@bp.route("/clusters")
def clusters():
    run, result = _result_or_redirect()
    if result is None:
        return redirect(url_for(".index"))
    only = request.args.get("doppelstruktur") == "1"
    items = [c for c in result.get("clusters", []) if not only or c.get("doppelstruktur")]
    return render_template("analysis/clusters.html", run=run, clusters=items, only=only)


@bp.route("/clusters/<cluster_id>")
def cluster(cluster_id: str):
    run, result = _result_or_redirect()
    if result is None:
        return redirect(url_for(".index"))
    item = results.find_cluster(result, cluster_id)
    if item is None:
        abort(404)
    members = item["members"]
    keys = [results.step_key(m) for m in members]
    verdicts = analysis_store.decisions_for(db(), keys)
    status = {}
    for key in keys:
        mine = [v for pair, v in verdicts.items() if key in pair]
        status[key] = ("rejected" if mine and all(v == "rejected" for v in mine)
                       else "confirmed" if "confirmed" in mine else None)
    return render_template("analysis/cluster.html", run=run, cluster=item,
                           groups=results.group_by_model(members), keys=keys, status=status,
                           step_key=results.step_key, form=DecisionForm(),
                           may_decide=current_user.has_role("analyst"))


@bp.route("/decide", methods=["POST"])
@role_required("analyst")
def decide():
    session = db()
    form = DecisionForm()
    target = safe_next(form.next.data, url_for(".index"))
    if not form.validate_on_submit() or form.verdict.data not in analysis_store.VERDICTS:
        flash(_("Die Entscheidung war unvollständig."), "error")
        return redirect(target)
    others = [o for o in form.others.data.split("|") if o and o != form.step.data]
    try:
        for other in others:
            analysis_store.record_decision(session, form.step.data, other, form.verdict.data,
                                           user_id=current_user.id)
        session.commit()
    except InvalidValue as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        flash(_("Ihre Entscheidung wurde gespeichert; sie gilt ab dem nächsten "
                "Analyselauf.") if form.verdict.data == "rejected" else
              _("Der Vorschlag wurde bestätigt."), "success")
    return redirect(target)


@bp.route("/fragments")
def fragments():
    run, result = _result_or_redirect()
    if result is None:
        return redirect(url_for(".index"))
    entries = result.get("fragments", [])
    wanted = request.args.get("id")
    if wanted:
        entries = [f for f in entries if str(f.get("id")) == wanted]
    listing = browse(entries, request.args, default_sort="services", sorts={
        "services": lambda f: int(f.get("services") or 0),
        "minutes": lambda f: float(f.get("minutes_per_year") or 0),
        "length": lambda f: len(f.get("steps") or []),
        "handlungsfelder": lambda f: len(f.get("handlungsfelder") or []),
    }, text_fields=("steps", "explanation"))
    for fragment in listing.items:
        for occurrence in fragment["occurrences"]:
            occurrence["url"] = results.diagram_url(occurrence.get("model_id"),
                                                    occurrence["step_ids"])
    return render_template("analysis/fragments.html", run=run, listing=listing,
                           single=wanted)


@bp.route("/doppelstrukturen")
def doppelstrukturen():
    run, result = _result_or_redirect()
    if result is None:
        return redirect(url_for(".index"))
    listing = browse(result.get("doppelstrukturen", []), request.args,
                     default_sort="services", sorts={
                         "name": lambda d: str(d.get("name") or "").casefold(),
                         "services": lambda d: len(d.get("services") or []),
                         "handlungsfelder": lambda d: len(d.get("handlungsfelder") or []),
                         "departments": lambda d: len(d.get("departments") or []),
                     }, text_fields=("name", "services"))
    return render_template("analysis/doppelstrukturen.html", run=run, listing=listing)


@bp.route("/basisdienste")
def basisdienste():
    run, result = _result_or_redirect()
    if result is None:
        return redirect(url_for(".index"))
    items = result.get("basisdienste", [])
    for item in items:
        for ref in item.get("using", []) + item.get("self_built", []):
            ref["url"] = results.diagram_url(ref.get("model_id"), [ref["step_id"]])
    return render_template("analysis/basisdienste.html", run=run, items=items)


@bp.route("/media-breaks")
def media_breaks():
    run, result = _result_or_redirect()
    if result is None:
        return redirect(url_for(".index"))
    items = result.get("media_breaks", [])
    for item in items:
        item["url"] = results.diagram_url(item["step"].get("model_id"), [item["step"]["step_id"]])
    return render_template("analysis/media_breaks.html", run=run, items=items,
                           media_names={k: str(v) for k, v in MEDIA_NAMES.items()},
                           by_field=result.get("media_breaks_by_handlungsfeld", {}))
