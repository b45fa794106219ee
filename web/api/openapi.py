"""The OpenAPI 3.1 description of the JSON API, written as a data structure."""

from __future__ import annotations

from typing import Any

from procmodel import __version__


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _id(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "integer"}}


def _query(name: str, description: str, schema: dict[str, Any] | None = None
           ) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


ERRORS = {
    "401": _json(_ref("Error"), "Nicht angemeldet / kein gültiger Schlüssel"),
    "403": _json(_ref("Error"), "Rolle erlaubt die Aktion nicht"),
    "404": _json(_ref("Error"), "Nicht gefunden"),
}

SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
        "status": {"type": "integer"}, "title": {"type": "string"},
        "detail": {"type": "string"}}, "required": ["status", "detail"]}}},
    "ServiceSummary": {"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"},
        "handlungsfeld": {"type": ["string", "null"]},
        "handlungsfeld_id": {"type": "integer"},
        "department": {"type": ["string", "null"]},
        "reifegrad": {"type": ["integer", "null"]},
        "reifegrad_model": {"type": "string", "examples": ["1.1", "2.0"]},
        "umsetzungsstatus": {"type": ["string", "null"]},
        "target_reifegrad": {"type": ["integer", "null"]},
        "target_date": {"type": ["string", "null"], "format": "date"},
        "version": {"type": "integer", "description": "Versionszähler für Änderungen"}},
        "required": ["id", "name", "version"]},
    "Service": {"allOf": [_ref("ServiceSummary"), {"type": "object", "properties": {
        "description": {"type": ["string", "null"]},
        "contact_role": {"type": ["string", "null"]},
        "rechtsgrundlage": {"type": ["string", "null"]},
        "online_url": {"type": ["string", "null"]},
        "efa_status": {"type": ["string", "null"]},
        "basisdienste": {"type": "array", "items": {"type": "string"}},
        "fees": {"type": ["string", "null"]},
        "fallzahl": {"type": ["integer", "null"]},
        "online_share": {"type": ["number", "null"]},
        "bearbeitungszeit_minutes": {"type": ["number", "null"]},
        "priority": {"type": ["string", "null"]},
        "notes": {"type": ["string", "null"]},
        "ozg_leistungen": {"type": "array", "items": {"type": "object", "properties": {
            "ozg_id": {"type": "string"}, "name": {"type": "string"}}}},
        "leika_leistungen": {"type": "array", "items": {"type": "object", "properties": {
            "schluessel": {"type": ["string", "null"]}, "name": {"type": "string"},
            "typ": {"type": ["string", "null"]}}}},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"}}}]},
    "ServicePage": {"type": "object", "properties": {
        "total": {"type": "integer"}, "page": {"type": "integer"},
        "per_page": {"type": "integer"},
        "items": {"type": "array", "items": _ref("ServiceSummary")}}},
    "ServiceUpdate": {"type": "object", "required": ["version", "changes"], "properties": {
        "version": {"type": "integer", "description": "Die zuletzt gelesene Version; ist "
                    "sie veraltet, antwortet der Server mit 409."},
        "changes": {"type": "object", "description": "Feldname → neuer Wert (Felder wie in "
                    "Service; Handlungsfeld als handlungsfeld_id, Links als ozg_ids/leika_keys)",
                    "additionalProperties": True},
        "comment": {"type": "string", "description": "Pflicht bei Änderungen an Reifegrad, "
                    "Umsetzungsstatus oder Ziel"}}},
    "HistoryEntry": {"type": "object", "properties": {
        "id": {"type": "integer"}, "field": {"type": "string"},
        "old_value": {"type": ["string", "null"]}, "new_value": {"type": ["string", "null"]},
        "changed_at": {"type": "string", "format": "date-time"},
        "changed_by": {"type": ["string", "null"]}, "comment": {"type": ["string", "null"]}}},
    "Finding": {"type": "object", "properties": {
        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
        "rule": {"type": "string"}, "message_de": {"type": "string"},
        "message_en": {"type": "string"}, "file": {"type": ["string", "null"]},
        "line": {"type": ["integer", "null"]}, "element_id": {"type": ["string", "null"]},
        "element_name": {"type": ["string", "null"]}}},
    "ModelVersion": {"type": "object", "properties": {
        "id": {"type": "integer"}, "service_id": {"type": "integer"},
        "kind": {"type": "string", "enum": ["ist", "soll"]}, "number": {"type": "integer"},
        "filename": {"type": "string"}, "sha256": {"type": "string"},
        "size": {"type": "integer"}, "uploaded_at": {"type": "string", "format": "date-time"},
        "release_status": {"type": "string", "enum": ["entwurf", "in_pruefung",
                                                       "freigegeben"]},
        "is_current": {"type": "boolean"}, "error_count": {"type": "integer"},
        "warning_count": {"type": "integer"},
        "steps": {"type": "array", "items": {"type": "object"}},
        "findings": {"type": "array", "items": _ref("Finding")}}},
    "Job": {"type": "object", "properties": {
        "id": {"type": "integer"}, "kind": {"type": "string"},
        "status": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
        "progress_done": {"type": "integer"}, "progress_total": {"type": ["integer", "null"]},
        "percent": {"type": ["integer", "null"]}, "message": {"type": ["string", "null"]},
        "error": {"type": ["string", "null"]}}},
    "Handlungsfeld": {"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"},
        "description": {"type": ["string", "null"]}}},
}


def openapi_document(server: str) -> dict[str, Any]:
    """The OpenAPI document; ``server`` is the base URL of this installation."""
    sid = _id("service_id", "ID der Leistung")
    vid = _id("version_id", "ID der Modellversion")
    paths: dict[str, Any] = {
        "/handlungsfelder": {"get": {"summary": "Handlungsfelder der Digitalstrategie",
                                     "responses": {"200": _json({"type": "array", "items":
                                                   _ref("Handlungsfeld")}), **ERRORS}}},
        "/services": {"get": {
            "summary": "Leistungen (gefiltert, sortiert, seitenweise)",
            "parameters": [
                _query("q", "Volltextsuche"),
                _query("handlungsfeld", "ID des Handlungsfelds", {"type": "integer"}),
                _query("themenfeld", "ID des Themenfelds", {"type": "integer"}),
                _query("reifegrad", "Reifegrad", {"type": "integer"}),
                _query("umsetzungsstatus", "Umsetzungsstatus"),
                _query("department", "Fachbereich/Amt"),
                _query("overdue", "nur überfällige Ziele (1)"),
                _query("sort", "Sortierschlüssel"),
                _query("dir", "asc oder desc"),
                _query("page", "Seite (ab 1)", {"type": "integer"}),
                _query("per_page", "Einträge je Seite (höchstens 500)", {"type": "integer"})],
            "responses": {"200": _json(_ref("ServicePage")), **ERRORS}}},
        "/services/{service_id}": {
            "get": {"summary": "Eine Leistung mit allen Feldern", "parameters": [sid],
                    "responses": {"200": _json(_ref("Service")), **ERRORS}},
            "patch": {"summary": "Leistung ändern (Rolle Koordination)", "parameters": [sid],
                      "requestBody": {"required": True, "content": {"application/json": {
                          "schema": _ref("ServiceUpdate")}}},
                      "responses": {"200": _json(_ref("Service")),
                                    "409": _json(_ref("Error"), "Jemand anderes hat die "
                                                 "Leistung inzwischen gespeichert"),
                                    "422": _json(_ref("Error"), "Ungültige Werte"),
                                    **ERRORS}}},
        "/services/{service_id}/history": {"get": {
            "summary": "Verlauf (Status-Historie, nur anhängend)", "parameters": [sid],
            "responses": {"200": _json({"type": "array", "items": _ref("HistoryEntry")}),
                          **ERRORS}}},
        "/services/{service_id}/models": {
            "get": {"summary": "Alle Modellversionen der Leistung (Schritte nur mit steps=1)",
                    "parameters": [sid, _query("steps", "1: Schrittliste je Version "
                                               "mitliefern")],
                    "responses": {"200": _json({"type": "array",
                                                "items": _ref("ModelVersion")}), **ERRORS}},
            "post": {"summary": "BPMN-Datei hochladen (Rolle Prozessanalyse)",
                     "parameters": [sid, _query("kind", "ist oder soll"),
                                    _query("filename", "Dateiname bei Rohdaten")],
                     "requestBody": {"required": True, "content": {
                         "multipart/form-data": {"schema": {"type": "object", "properties": {
                             "file": {"type": "string", "format": "binary"}}}},
                         "application/xml": {"schema": {"type": "string"}}}},
                     "responses": {"201": _json(_ref("ModelVersion"), "Gespeichert (mit "
                                                "Befunden)"),
                                   "422": _json(_ref("Error"), "Datei ist kein lesbares "
                                                "BPMN; nichts gespeichert"), **ERRORS}}},
        "/models": {"get": {"summary": "Aktuelle Modellversionen aller Leistungen, seitenweise "
                                       "(Schritte nur mit steps=1)",
                            "parameters": [
                                _query("kind", "ist oder soll"),
                                _query("page", "Seite (ab 1)", {"type": "integer"}),
                                _query("per_page", "Einträge je Seite (höchstens 500)",
                                       {"type": "integer"}),
                                _query("steps", "1: Schrittliste je Version mitliefern")],
                            "responses": {"200": _json({"type": "object", "properties": {
                                "total": {"type": "integer"}, "page": {"type": "integer"},
                                "per_page": {"type": "integer"},
                                "items": {"type": "array", "items": _ref("ModelVersion")}}}),
                                **ERRORS}}},
        "/models/{version_id}": {"get": {"summary": "Modellversion mit Befunden",
                                         "parameters": [vid],
                                         "responses": {"200": _json(_ref("ModelVersion")),
                                                       **ERRORS}}},
        "/models/{version_id}/findings": {"get": {
            "summary": "Prüfbefunde einer Modellversion", "parameters": [vid],
            "responses": {"200": _json({"type": "array", "items": _ref("Finding")}),
                          **ERRORS}}},
        "/models/{version_id}/bpmn": {"get": {
            "summary": "Originaldatei (Byte für Byte)", "parameters": [vid],
            "responses": {"200": {"description": "BPMN-XML", "content": {
                "application/xml": {"schema": {"type": "string"}}}}, **ERRORS}}},
        "/analysis": {"get": {
            "summary": "Letztes Ergebnis der Doppelstruktur-Analyse (Cluster, Fragmente, "
                       "Doppelstrukturen, Basisdienste, Medienbrüche)",
            "responses": {"200": _json({"type": "object"}), **ERRORS}}},
        "/jobs/{job_id}": {"get": {"summary": "Stand eines Hintergrundauftrags",
                                   "parameters": [_id("job_id", "ID des Auftrags")],
                                   "responses": {"200": _json(_ref("Job")), **ERRORS}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "procmodel API", "version": __version__,
                 "description": "Prozessregister: Leistungen, Status und Verlauf, "
                                "Prozessmodelle, Befunde und Analyseergebnisse. "
                                "Anmeldung per Sitzung oder API-Schlüssel "
                                "(Authorization: Bearer …)."},
        "servers": [{"url": f"{server}/api/v1"}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "API-Schlüssel aus der Verwaltung oder "
                                          "`procmodel token create`"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"}},
        },
    }
