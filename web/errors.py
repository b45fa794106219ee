"""Error pages (HTML) and error bodies (JSON under ``/api/``), translated once here.

Domain errors that reach this edge unhandled (``inventory.errors.NotFound``) become a
404; everything else the views translate themselves, with a message that says what to fix.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, NotFound

TITLES = {
    400: "Ungültige Anfrage",
    401: "Anmeldung erforderlich",
    403: "Zugriff verweigert",
    404: "Seite nicht gefunden",
    405: "Methode nicht erlaubt",
    409: "Konflikt",
    413: "Datei zu groß",
    429: "Zu viele Anfragen",
    500: "Interner Fehler",
}

EXPLANATIONS = {
    400: "Die Anfrage konnte nicht verarbeitet werden.",
    401: "Bitte melden Sie sich an.",
    403: "Ihre Rolle erlaubt diese Aktion nicht. Wenden Sie sich an die Administration, "
    "wenn Sie den Zugriff brauchen.",
    404: "Die angeforderte Seite gibt es nicht (mehr). Prüfen Sie die Adresse oder gehen Sie "
    "zur Startseite.",
    405: "Diese Adresse unterstützt die verwendete Methode nicht.",
    409: "Der Datensatz wurde inzwischen geändert.",
    413: "Die hochgeladenen Daten überschreiten die erlaubte Größe.",
    429: "Bitte warten Sie einen Moment und versuchen Sie es erneut.",
    500: "Beim Verarbeiten ist ein Fehler aufgetreten. Die Administration kann im Protokoll "
    "nachsehen, was passiert ist.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(code: int, detail: str | None = None):
    title = _(TITLES.get(code, "Fehler"))
    text = detail or _(EXPLANATIONS.get(code, ""))
    if wants_json():
        return jsonify({"error": {"status": code, "title": title, "detail": text}}), code
    return render_template("errors/error.html", code=code, title=title, detail=text), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        return error_response(
            400,
            _("Das Formular ist abgelaufen oder unvollständig (Sicherheitstoken fehlt). "
              "Laden Sie die Seite neu und senden Sie es erneut."),
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = exc.code or 500
        detail = None
        if code in (400, 409) and exc.description and not exc.description.startswith("The "):
            detail = exc.description
        return error_response(code, detail)

    try:
        from inventory.errors import NotFound as DomainNotFound
    except ImportError:  # pragma: no cover - the register is always installed
        return

    @app.errorhandler(DomainNotFound)
    def _domain_not_found(exc: Exception):
        return error_response(404, str(exc) or None) if str(exc) else error_response(
            NotFound.code
        )
