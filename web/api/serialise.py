"""Register rows → JSON-able dicts for the API (converted here, at the edge)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def service_summary(service: Any) -> dict[str, Any]:
    return {
        "id": service.id,
        "name": service.name,
        "handlungsfeld": service.handlungsfeld.name if service.handlungsfeld else None,
        "handlungsfeld_id": service.handlungsfeld_id,
        "department": service.department,
        "reifegrad": service.reifegrad,
        "reifegrad_model": service.reifegrad_model,
        "umsetzungsstatus": service.umsetzungsstatus,
        "target_reifegrad": service.target_reifegrad,
        "target_date": iso(service.target_date),
        "version": service.version,
    }


def service_full(service: Any) -> dict[str, Any]:
    data = service_summary(service)
    data.update({
        "description": service.description,
        "contact_role": service.contact_role,
        "rechtsgrundlage": service.rechtsgrundlage,
        "online_url": service.online_url,
        "efa_status": service.efa_status,
        "basisdienste": list(service.basisdienste or []),
        "fees": service.fees,
        "fallzahl": service.fallzahl,
        "online_share": service.online_share,
        "bearbeitungszeit_minutes": service.bearbeitungszeit_minutes,
        "priority": service.priority,
        "notes": service.notes,
        "ozg_leistungen": [{"ozg_id": o.ozg_id, "name": o.name}
                           for o in service.ozg_leistungen],
        "leika_leistungen": [{"schluessel": le.schluessel, "name": le.name,
                              "typ": le.typ_raw} for le in service.leika_leistungen],
        "created_at": iso(service.created_at),
        "updated_at": iso(service.updated_at),
    })
    return data


def history_entry(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "field": row.field,
        "old_value": row.old_value,
        "new_value": row.new_value,
        "changed_at": iso(row.changed_at),
        "changed_by": row.changed_by_name,
        "comment": row.comment,
    }


def model_version(version: Any, *, with_findings: bool = False,
                  with_steps: bool = True) -> dict[str, Any]:
    data = {
        "id": version.id,
        "service_id": version.process_model.service_id,
        "kind": version.process_model.kind,
        "number": version.number,
        "filename": version.filename,
        "sha256": version.sha256,
        "size": version.size,
        "uploaded_at": iso(version.uploaded_at),
        "release_status": version.release_status,
        "is_current": version.is_current,
        "error_count": version.error_count,
        "warning_count": version.warning_count,
    }
    if with_steps:
        data["steps"] = list(version.step_summary or [])
    if with_findings:
        data["findings"] = list(version.findings or [])
    return data
