"""Views of the process-model area (thin: read at the edge, store via the register)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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
from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

import bpmn
from inventory import models_store
from inventory import services as register_services
from inventory.errors import InvalidValue, NotFound
from inventory.tables import Service
from procmodel.findings import Severity
from web.auth import role_required
from web.database import db
from web.processes import diagram, queries
from web.processes.diff import GROUPS, diff_models
from web.processes.forms import ActionForm, ReleaseForm, UploadForm
from web.processes.reading import read_upload

bp = Blueprint("processes", __name__, url_prefix="/processes")

HIGHLIGHT_CLASSES = {Severity.ERROR: "pm-finding-error", Severity.WARNING: "pm-finding-warning"}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
#: "(Einstellung MAX_XML_DEPTH)" in the reader's messages is for administrators (CLI,
#: logs); a web user cannot change a server setting.
_SETTING_HINT = re.compile(r"\s*\((?:Einstellung|setting) [A-Z_]+\)")


def cache() -> diagram.DiagramCache:
    return current_app.extensions.setdefault("procmodel.diagrams", diagram.DiagramCache())


def language() -> str:
    return str(get_locale() or "de")


def _version_or_404(version_id: int):
    try:
        return models_store.get_version(db(), version_id)
    except NotFound:
        abort(404)


PER_PAGE = 100


@bp.route("/")
def index():
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    listing = current_versions_page(db(), page, PER_PAGE)
    return render_template("processes/index.html", page=listing, query={})


@bp.route("/upload/<int:service_id>", methods=["GET", "POST"])
@role_required("analyst")
def upload(service_id: int):
    session = db()
    try:
        service = register_services.get_service(session, service_id)
    except NotFound:
        abort(404)
    form = UploadForm()
    refused: list[tuple[str, str]] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            files = [f for f in request.files.getlist(form.files.name) if f and f.filename]
            if not files:
                form.files.errors = [_("Bitte wählen Sie mindestens eine BPMN-Datei aus.")]
            stored = []
            limit = int(current_app.config["MAX_UPLOAD_BYTES"])
            for upload_file in files:
                filename = upload_file.filename or "upload.bpmn"
                data = upload_file.read(limit + 1)
                if len(data) > limit:
                    refused.append((filename, _("Die Datei ist größer als %(mb)s MB.",
                                                mb=format_decimal(limit / 1024 / 1024,
                                                                  format="#,##0.#"))))
                    continue
                if not data:
                    refused.append((filename, _("Die Datei ist leer.")))
                    continue
                try:
                    result = read_upload(data, filename)
                except bpmn.UnreadableBpmn as exc:
                    refused.append((filename, _SETTING_HINT.sub(
                        "", exc.finding.message(language()))))
                    continue
                stored.append((filename, data, result))
            if stored:
                # Without the explicit choice the register's rule decides whether a new
                # version becomes the current one (inventory.models_store).
                explicit = {"make_current": True} if form.make_current.data else {}
                try:
                    versions = [models_store.add_model_version(
                        session, service_id, data=data, filename=filename,
                        model=result.model, findings=result.findings, kind=form.kind.data,
                        uploaded_by=current_user.id,
                        comment=(form.comment.data or "").strip() or None, **explicit)
                        for filename, data, result in stored]
                    reasons = [_not_current_reason(session, v) for v in versions]
                    session.commit()
                except InvalidValue as exc:
                    session.rollback()
                    flash(str(exc), "error")
                    versions, reasons = [], []
                for version, reason in zip(versions, reasons, strict=True):
                    flash(_("„%(f)s“ wurde als Version %(n)s gespeichert (%(e)s, %(w)s).",
                            f=version.filename, n=version.number,
                            e=ngettext("%(num)s Fehler", "%(num)s Fehler", version.error_count),
                            w=ngettext("%(num)s Warnung", "%(num)s Warnungen",
                                       version.warning_count)), "success")
                    if reason:
                        flash(reason, "warning")
                for filename, message in refused:
                    flash(_("„%(f)s“ wurde abgelehnt: %(m)s", f=filename, m=message), "error")
                if len(versions) == 1:
                    return redirect(url_for(".version", version_id=versions[0].id))
                if versions:
                    return redirect(url_for("services.detail", service_id=service_id))
            elif files:
                status = 422
    return render_template("processes/upload.html", form=form, service=service,
                           refused=refused), status


def _not_current_reason(session, version) -> str | None:
    """Why a new version did not become the current one (the register says), else None."""
    if version.is_current:
        return None
    return models_store.not_current_reason(session, version) or _(
        "Version %(n)s ist nicht die aktuelle Version; Sie können sie auf ihrer Seite "
        "freigeben oder zur aktuellen machen.", n=version.number)


def _highlights(findings, extra: list[str]) -> dict[str, str]:
    """Element id → CSS class: findings by severity, then steps asked for in the URL."""
    highlight: dict[str, str] = {}
    for finding in findings:
        css = HIGHLIGHT_CLASSES.get(finding.severity)
        if css and finding.element_id and highlight.get(finding.element_id) != \
                HIGHLIGHT_CLASSES[Severity.ERROR]:
            highlight[finding.element_id] = css
    for element_id in extra:
        highlight[element_id] = "pm-duplicate"
    return highlight


def _highlight_arg() -> list[str]:
    raw = request.args.get("highlight", "")
    return [part for part in (p.strip() for p in raw.split(",")) if part][:200]


@bp.route("/versions/<int:version_id>")
def version(version_id: int):
    session = db()
    item = _version_or_404(version_id)
    service = register_services.get_service(session, item.process_model.service_id)
    findings = models_store.findings_of(item)
    findings.sort(key=lambda f: (-f.severity.rank, f.line or 0))
    extra = _highlight_arg()
    svg = None
    render_error = None
    generated = False
    diagrams: list[tuple[str, str]] = []
    located: dict[str, str] = {}
    chosen = request.args.get("diagram") or None
    try:
        diagrams = diagram.diagrams_of(cache(), item.sha256, item.data)
        located = diagram.element_diagrams(cache(), item.sha256, item.data)
        if chosen not in {d for d, _name in diagrams}:
            chosen = None
        focus = request.args.get("focus")
        if chosen is None and focus in located and len(diagrams) > 1:
            chosen = located[focus]
        generated = diagram.laid_out(cache(), item.sha256, item.data)[1]
        svg = diagram.render_version(
            cache(), item.sha256, item.data, language=language(), diagram_id=chosen,
            highlight=_highlights(findings, extra))
    except Exception as exc:  # a stored model the renderer cannot draw still shows its data
        current_app.logger.exception("rendering version %s failed", version_id)
        render_error = str(exc)
    shown = chosen or (diagrams[0][0] if diagrams else None)
    siblings = queries.versions_of(session, service.id, item.process_model.kind)
    release_form = ReleaseForm(status=item.release_status,
                               make_current=not item.error_count)
    return render_template(
        "processes/version.html", version=item, service=service, findings=findings,
        svg=svg, render_error=render_error, siblings=siblings, release_form=release_form,
        diagrams=diagrams, chosen_diagram=chosen, shown_diagram=shown, located=located,
        generated=generated, action_form=ActionForm(), highlighted=extra, language=language(),
        may_review=current_user.has_role("analyst"))


@bp.route("/versions/<int:version_id>/release", methods=["POST"])
@role_required("analyst")
def release(version_id: int):
    """Change the release status.  Releasing a version with validation errors needs an
    explicit confirmation and a reason (the register keeps it in the version's comment);
    whether the released version becomes the current one is asked, not implied."""
    session = db()
    item = _version_or_404(version_id)
    form = ReleaseForm()
    if not form.validate_on_submit():
        flash(_("Bitte wählen Sie einen gültigen Freigabestatus."), "error")
        return redirect(url_for(".version", version_id=version_id))
    releasing = form.status.data == "freigegeben" and item.release_status != "freigegeben"
    reason = (form.comment.data or "").strip()
    if releasing and item.error_count and not (form.confirm_errors.data and reason):
        flash(ngettext(
            "Version %(n)s hat %(num)d Fehler. Zum Freigeben bestätigen Sie bitte, dass Sie "
            "sie trotzdem freigeben, und begründen Sie es.",
            "Version %(n)s hat %(num)d Fehler. Zum Freigeben bestätigen Sie bitte, dass Sie "
            "sie trotzdem freigeben, und begründen Sie es.", item.error_count,
            n=item.number), "error")
        return redirect(url_for(".version", version_id=version_id) + "#release")
    try:
        models_store.set_release_status(
            session, version_id, form.status.data, changed_by=current_user.id,
            make_current=bool(form.make_current.data),
            despite_errors=reason if releasing and item.error_count else None)
    except InvalidValue as exc:  # e.g. ReleaseRefused: the register's own rule
        session.rollback()
        flash(str(exc), "error")
        return redirect(url_for(".version", version_id=version_id) + "#release")
    session.commit()
    flash(_("Der Freigabestatus wurde geändert."), "success")
    if releasing and not item.is_current:
        flash(_("Die Version ist freigegeben, aber nicht die aktuelle; „Zur aktuellen Version "
                "machen“ ändert das."), "info")
    return redirect(url_for(".version", version_id=version_id))


@bp.route("/versions/<int:version_id>/current", methods=["POST"])
@role_required("analyst")
def make_current(version_id: int):
    session = db()
    _version_or_404(version_id)
    if ActionForm().validate_on_submit():
        models_store.make_current(session, version_id)
        session.commit()
        flash(_("Diese Version ist jetzt die aktuelle."), "success")
    return redirect(url_for(".version", version_id=version_id))


@dataclass
class VersionPage:
    """One page of the register's current model versions (without their bytes)."""

    items: list[Any]
    services: dict[int, str]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def current_versions_page(session, page: int, per_page: int) -> VersionPage:
    items, total = queries.current_versions(session, limit=per_page,
                                            offset=(page - 1) * per_page)
    ids = {v.process_model.service_id for v in items}
    names = dict(session.execute(select(Service.id, Service.name).where(Service.id.in_(ids)))
                 .all()) if ids else {}
    return VersionPage(items, names, total, page, per_page)


def safe_filename(name: str, default: str = "modell.bpmn") -> str:
    normalised = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = _SAFE_NAME.sub("_", normalised).strip("._")
    return cleaned[:120] or default


@bp.route("/versions/<int:version_id>/download")
def download(version_id: int):
    item = _version_or_404(version_id)
    return Response(item.data, mimetype="application/octet-stream", headers={
        "Content-Disposition": f'attachment; filename="{safe_filename(item.filename)}"',
        "X-Content-Type-Options": "nosniff"})


@bp.route("/versions/<int:version_id>/laid-out.bpmn")
def download_laid_out(version_id: int):
    """The model with its automatically generated diagram layer, as BPMN XML."""
    item = _version_or_404(version_id)
    _model, generated = diagram.laid_out(cache(), item.sha256, item.data)
    if not generated:
        abort(404, _("Die Datei hat eigene Diagrammdaten; laden Sie die Originaldatei."))
    data = diagram.with_generated_diagram(cache(), item.sha256, item.data)
    stem = safe_filename(item.filename).rsplit(".", 1)[0]
    return Response(data, mimetype="application/octet-stream", headers={
        "Content-Disposition": f'attachment; filename="{stem}.layout.bpmn"',
        "X-Content-Type-Options": "nosniff"})


@bp.route("/versions/<int:version_id>/diagram.svg")
def diagram_svg(version_id: int):
    item = _version_or_404(version_id)
    findings = models_store.findings_of(item)
    chosen = request.args.get("diagram") or None
    try:
        svg = diagram.standalone_svg(cache(), item.sha256, item.data,
                                     highlight=_highlights(findings, []),
                                     language=language(), diagram_id=chosen)
    except Exception as exc:  # an unknown diagram id, or graphviz missing
        abort(404, str(exc))
    response = Response(svg, mimetype="image/svg+xml")
    # The file is shown on its own: its embedded style is allowed, scripts are not.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    response.headers["Content-Disposition"] = (
        f'inline; filename="{safe_filename(item.filename)}.svg"')
    return response


@bp.route("/diagram.css")
def diagram_css():
    response = Response(diagram.diagram_css(cache(), language()), mimetype="text/css")
    response.cache_control.max_age = 300
    return response


@bp.route("/diff")
def diff():
    session = db()
    try:
        old_id = int(request.args.get("old", ""))
        new_id = int(request.args.get("new", ""))
    except ValueError:
        abort(400, _("Bitte wählen Sie zwei Versionen zum Vergleichen aus."))
    old = _version_or_404(old_id)
    new = _version_or_404(new_id)
    if old.process_model.service_id != new.process_model.service_id:
        abort(400, _("Die Versionen gehören zu verschiedenen Leistungen; verglichen werden "
                     "nur Versionen derselben Leistung."))
    service = register_services.get_service(session, new.process_model.service_id)
    changes = diff_models(diagram.parsed(cache(), old.sha256, old.data),
                          diagram.parsed(cache(), new.sha256, new.data))
    return render_template("processes/diff.html", old=old, new=new, service=service,
                           changes=changes, groups=GROUPS)
