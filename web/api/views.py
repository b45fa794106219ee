"""Endpoints of the JSON API."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

import bpmn
from inventory import history, jobs, listing, lists, models_store
from inventory import services as register_services
from inventory.errors import ConflictError, InvalidValue, NotFound
from web.api import serialise
from web.api.openapi import openapi_document
from web.auth import may_edit_department, role_required
from web.database import db
from web.processes import queries
from web.processes.reading import read_upload
from web.security import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

MAX_PER_PAGE = 500


def public(view):
    """Mark a view as reachable without signing in."""
    view.public = True
    return view


@bp.before_request
def _csrf_for_sessions() -> None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if not g.get("api_token_user") and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()


def problem(status: int, detail: str, **extra: Any):
    body = {"error": {"status": status, "detail": detail, **extra}}
    return jsonify(body), status


def _int_arg(name: str, default: int, minimum: int = 1, maximum: int | None = None) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        abort(400, f"Parameter „{name}“ muss eine ganze Zahl sein.")
    if value < minimum or (maximum is not None and value > maximum):
        abort(400, f"Parameter „{name}“ muss zwischen {minimum} und {maximum} liegen.")
    return value


@bp.route("/openapi.json")
@public
def openapi():
    return jsonify(openapi_document(request.host_url.rstrip("/")))


@bp.route("/")
@public
def docs():
    return render_template("api/docs.html", spec=openapi_document(""),
                           spec_url=url_for(".openapi"))


@bp.route("/handlungsfelder")
def handlungsfelder():
    return jsonify([{"id": h.id, "name": h.name, "description": h.description}
                    for h in lists.handlungsfelder(db())])


@bp.route("/services")
def services():
    args = request.args
    values: dict[str, Any] = {}
    if args.get("handlungsfeld"):
        values["handlungsfeld_ids"] = (_int_arg("handlungsfeld", 0),)
    if args.get("themenfeld"):
        values["themenfeld_ids"] = (_int_arg("themenfeld", 0),)
    if args.get("reifegrad"):
        values["reifegrad"] = (_int_arg("reifegrad", 0, minimum=0, maximum=7),)
    if args.get("umsetzungsstatus"):
        values["umsetzungsstatus"] = (args["umsetzungsstatus"],)
    if args.get("department"):
        values["departments"] = (args["department"],)
    if args.get("overdue") in ("1", "true"):
        values["overdue"] = True
    if args.get("q"):
        values["text"] = args["q"]
    sort = args.get("sort", "name")
    if sort not in listing.SORT_KEYS:
        abort(400, f"Unbekannte Sortierung „{sort}“ (erlaubt: {', '.join(listing.SORT_KEYS)}).")
    page = listing.list_services(
        db(), listing.ServiceFilter(**values), sort=sort,
        descending=args.get("dir") == "desc", page=_int_arg("page", 1),
        per_page=_int_arg("per_page", 50, maximum=MAX_PER_PAGE))
    return jsonify({"total": page.total, "page": page.page, "per_page": page.per_page,
                    "items": [serialise.service_summary(s) for s in page.items]})


def _service(service_id: int):
    try:
        return register_services.get_service(db(), service_id)
    except NotFound:
        abort(404, _("Leistung %(id)s gibt es nicht.", id=service_id))


@bp.route("/services/<int:service_id>")
def service(service_id: int):
    return jsonify(serialise.service_full(_service(service_id)))


@bp.route("/services/<int:service_id>", methods=["PATCH"])
@role_required("coordinator")
def update_service(service_id: int):
    session = db()
    item = _service(service_id)
    if not may_edit_department(item.department):
        abort(403)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("changes"), dict):
        return problem(400, "Erwartet wird JSON {\"version\": n, \"changes\": {…}, "
                            "\"comment\": \"…\"}.")
    version = body.get("version")
    if not isinstance(version, int):
        return problem(400, "„version“ (die zuletzt gelesene Version) fehlt.")
    changes = body["changes"]
    comment = (body.get("comment") or "").strip() or None
    if any(k in ("reifegrad", "reifegrad_model", "umsetzungsstatus", "target_reifegrad",
                 "target_date") for k in changes) and not comment:
        return problem(422, "Bei einer Statusänderung ist ein Kommentar nötig.",
                       field="comment")
    if "department" in changes and not may_edit_department(changes["department"]):
        abort(403)
    try:
        updated = register_services.update_service(
            session, service_id, expected_version=version, changes=changes,
            changed_by=current_user.id, comment=comment)
        session.commit()
    except ConflictError as exc:
        session.rollback()
        return problem(409, str(exc), current_version=exc.current_version,
                       saved_by=exc.saved_by,
                       saved_at=serialise.iso(exc.saved_at))
    except InvalidValue as exc:
        session.rollback()
        problems = getattr(exc, "problems", None) or [exc]
        return problem(422, str(exc), fields=[{"field": p.field, "detail": str(p)}
                                               for p in problems])
    return jsonify(serialise.service_full(updated))


@bp.route("/services/<int:service_id>/history")
def service_history(service_id: int):
    _service(service_id)
    return jsonify([serialise.history_entry(row)
                    for row in history.history_of(db(), service_id)])


@bp.route("/services/<int:service_id>/models")
def service_models(service_id: int):
    _service(service_id)
    with_steps = request.args.get("steps") in ("1", "true")
    return jsonify([serialise.model_version(v, with_steps=with_steps)
                    for v in queries.versions_of(db(), service_id)])


@bp.route("/services/<int:service_id>/models", methods=["POST"])
@role_required("analyst")
def upload_model(service_id: int):
    session = db()
    _service(service_id)
    kind = request.args.get("kind", "ist")
    upload = request.files.get("file")
    if upload is not None:
        data, filename = upload.read(), upload.filename or "upload.bpmn"
    else:
        data, filename = request.get_data(), request.args.get("filename", "upload.bpmn")
    if not data:
        return problem(400, "Keine Datei übertragen (Feld „file“ oder Anfragerumpf).")
    try:
        result = read_upload(data, filename)
    except bpmn.UnreadableBpmn as exc:
        return problem(422, exc.finding.message_de, finding=exc.finding.to_dict())
    try:
        version = models_store.add_model_version(
            session, service_id, data=data, filename=filename, model=result.model,
            findings=result.findings, kind=kind, uploaded_by=current_user.id)
        session.commit()
    except InvalidValue as exc:
        session.rollback()
        return problem(422, str(exc), field=exc.field)
    return jsonify(serialise.model_version(version, with_findings=True)), 201


def _version(version_id: int):
    try:
        return models_store.get_version(db(), version_id)
    except NotFound:
        abort(404, _("Modellversion %(id)s gibt es nicht.", id=version_id))


@bp.route("/models")
def models():
    kind = request.args.get("kind")
    if kind not in (None, "", "ist", "soll"):
        abort(400, "Parameter „kind“: ist oder soll.")
    page = _int_arg("page", 1)
    per_page = _int_arg("per_page", 50, maximum=MAX_PER_PAGE)
    items, total = queries.current_versions(db(), kind=kind or None, limit=per_page,
                                            offset=(page - 1) * per_page)
    with_steps = request.args.get("steps") in ("1", "true")
    return jsonify({"total": total, "page": page, "per_page": per_page,
                    "items": [serialise.model_version(v, with_steps=with_steps)
                              for v in items]})


@bp.route("/models/<int:version_id>")
def model(version_id: int):
    return jsonify(serialise.model_version(_version(version_id), with_findings=True))


@bp.route("/models/<int:version_id>/findings")
def model_findings(version_id: int):
    return jsonify(list(_version(version_id).findings or []))


@bp.route("/models/<int:version_id>/bpmn")
def model_bpmn(version_id: int):
    version = _version(version_id)
    return Response(version.data, mimetype="application/xml", headers={
        "Content-Disposition": f'attachment; filename="model-{version.id}.bpmn"'})


@bp.route("/jobs/<int:job_id>")
def job(job_id: int):
    try:
        item = jobs.get_job(db(), job_id)
    except NotFound:
        abort(404, _("Auftrag %(id)s gibt es nicht.", id=job_id))
    return jsonify(item.to_dict())


@bp.route("/analysis")
def analysis():
    from web.analysis.results import latest_result_json

    data = latest_result_json(db())
    if data is None:
        return problem(404, "Es liegt noch kein Analyseergebnis vor.")
    return jsonify(data)
