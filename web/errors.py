"""Error pages (HTML) and error bodies (JSON under ``/api/``), translated once here.

Domain errors that reach this edge unhandled (``inventory.errors.NotFound``) become a
404; everything else the views translate themselves, with a message that says what to fix.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from inventory.errors import NotFound as DomainNotFound

TITLES = {
    400: _l("Ungültige Anfrage"),
    401: _l("Anmeldung erforderlich"),
    403: _l("Zugriff verweigert"),
    404: _l("Seite nicht gefunden"),
    405: _l("Methode nicht erlaubt"),
    409: _l("Konflikt"),
    413: _l("Datei zu groß"),
    429: _l("Zu viele Anfragen"),
    500: _l("Interner Fehler"),
}

EXPLANATIONS = {
    400: _l("Die Anfrage konnte nicht verarbeitet werden."),
    401: _l("Bitte melden Sie sich an."),
    403: _l("Ihre Rolle erlaubt diese Aktion nicht. Wenden Sie sich an die Administration, "
            "wenn Sie den Zugriff brauchen."),
    404: _l("Die angeforderte Seite gibt es nicht (mehr). Prüfen Sie die Adresse oder gehen "
            "Sie zur Startseite."),
    405: _l("Diese Adresse unterstützt die verwendete Methode nicht."),
    409: _l("Der Datensatz wurde inzwischen geändert."),
    413: _l("Die hochgeladenen Daten überschreiten die erlaubte Größe."),
    429: _l("Bitte warten Sie einen Moment und versuchen Sie es erneut."),
    500: _l("Beim Verarbeiten ist ein Fehler aufgetreten. Die Administration kann im "
            "Protokoll nachsehen, was passiert ist."),
}


#: What a script at /api/ is told (not the texts of the web pages).
API_EXPLANATIONS = {
    401: _l("Nicht angemeldet: Senden Sie einen gültigen API-Schlüssel im Kopf "
            "„Authorization: Bearer <Schlüssel>“ (Schlüssel erstellt die Administration)."),
    403: _l("Die Rolle des API-Schlüssels erlaubt diese Aktion nicht."),
    404: _l("Diese Ressource gibt es nicht; die verfügbaren Pfade stehen in "
            "/api/v1/openapi.json."),
    405: _l("Dieser Pfad unterstützt die verwendete HTTP-Methode nicht."),
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(code: int, detail: str | None = None):
    title = str(TITLES.get(code) or _("Fehler"))
    if wants_json():
        text = detail or str(API_EXPLANATIONS.get(code) or EXPLANATIONS.get(code) or "")
        return jsonify({"error": {"status": code, "title": title, "detail": text}}), code
    text = detail or str(EXPLANATIONS.get(code) or "")
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
        # A message of our own (abort(code, "…")) is shown; Werkzeug's English defaults
        # ("The requested URL …") are replaced by the German explanations.
        if code in (400, 404, 409) and exc.description and \
                not exc.description.startswith("The "):
            detail = exc.description
        return error_response(code, detail)

    @app.errorhandler(DomainNotFound)
    def _domain_not_found(exc: DomainNotFound):
        # A record asked for by its id does not exist: the register's message names it.
        return error_response(404, str(exc) or None)
