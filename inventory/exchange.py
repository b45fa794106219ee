"""Exchanging the city's service list as CSV, XLSX or JSON (export and import).

Both directions use the same columns (:data:`COLUMNS`), so an export can be edited in
a spreadsheet and imported again.  The import checks every row with the same rules as
the web forms (:func:`inventory.service_fields.check_values`, e.g. Reifegrad 9 in model
1.1 is refused) and refuses the whole file, naming row and column, when any row is
wrong; otherwise it creates and updates services in one savepoint, with each steering
change in the history.  Matching (:mod:`inventory.service_matching`): a row with an
``id`` of this register updates that service (its ``version``, when given, must still
be current unless the row changes nothing); other rows match by name, OZG-IDs and
department, or create a new service — so an export of one register imports into another.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from inventory.db import utcnow
from inventory.errors import ImportRejected, InvalidValue, RowMessage
from inventory.service_fields import FIELD_LABELS, check_values
from inventory.service_matching import MATCH_MODES, ServiceMatcher
from inventory.services import create_service, service_values, update_service
from inventory.tables import (
    Handlungsfeld,
    LeikaLeistung,
    OzgLeistung,
    ReifegradModel,
    Service,
    User,
)
from inventory.tabular import XLSX_MAGIC, Sheet, read_table

FORMATS = ("csv", "xlsx", "json")
JSON_FORMAT = "procmodel-services"
JSON_VERSION = 1

#: Columns of the exchange format, in order.  List values are joined with "; " in CSV/XLSX.
COLUMNS: tuple[str, ...] = (
    "id", "name", "description", "handlungsfeld", "department", "contact_role",
    "rechtsgrundlage", "online_url", "efa_status", "basisdienste", "fees", "fallzahl",
    "online_share", "bearbeitungszeit_minutes", "priority", "notes", "reifegrad",
    "reifegrad_model", "umsetzungsstatus", "target_reifegrad", "target_date", "ozg_ids",
    "leika_keys", "version", "updated_at", "reifegrad_name", "ozg_conformant",
)
#: Columns written for information only; the import ignores them.
READ_ONLY_COLUMNS = frozenset({"updated_at", "reifegrad_name", "ozg_conformant"})
#: Text that spreadsheet programs would run as a formula when the file is opened.
_FORMULA_START = ("=", "+", "@", "\t", "\r")

__all__ = ["COLUMNS", "FORMATS", "MATCH_MODES", "ServiceImportReport", "export_services",
           "import_services"]

Progress = Callable[[int, int, str], None]


def _records(session: Session) -> list[dict[str, Any]]:
    models = {m.version: m for m in session.scalars(select(ReifegradModel))}
    fields = {h.id: h.name for h in session.scalars(select(Handlungsfeld))}
    services = session.scalars(select(Service).order_by(Service.id).options(
        selectinload(Service.ozg_leistungen), selectinload(Service.leika_leistungen)))
    records = []
    for service in services:
        values = service_values(service)
        model = models.get(service.reifegrad_model)
        record: dict[str, Any] = {"id": service.id}
        for column in COLUMNS[1:]:
            if column == "handlungsfeld":
                record[column] = fields.get(service.handlungsfeld_id)
            elif column == "version":
                record[column] = service.version
            elif column == "updated_at":
                record[column] = service.updated_at.isoformat()
            elif column == "reifegrad_name":
                record[column] = model.level_name(service.reifegrad) if model else None
            elif column == "ozg_conformant":
                record[column] = bool(model and service.reifegrad is not None
                                      and service.reifegrad >= model.ozg_conformant_level)
            else:
                value = values.get(column)
                record[column] = value.isoformat() if isinstance(value, date) else value
        records.append(record)
    return records


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return value


def _csv_text(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text starting like a formula gets a leading apostrophe (the spreadsheet convention
    for "this is text"); the import removes it again, so the round trip is exact.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _uncsv_text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(
            _FORMULA_START):
        return value[1:]
    return value


def export_services(session: Session, fmt: str) -> bytes:
    """All services as ``csv`` (UTF-8 with BOM for spreadsheet programs, ``;``-separated),
    ``xlsx`` or ``json``."""
    records = _records(session)
    if fmt == "json":
        document = {"format": JSON_FORMAT, "version": JSON_VERSION,
                    "exported_at": utcnow().isoformat(), "columns": list(COLUMNS),
                    "services": records}
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow(["" if record[c] is None else _csv_text(_cell(record[c]))
                             for c in COLUMNS])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Leistungen")
        sheet.append(list(COLUMNS))
        for record in records:
            cells = []
            for column in COLUMNS:
                cell = WriteOnlyCell(sheet, value=_cell(record[column]))
                if cell.data_type == "f":  # openpyxl reads "=…" as a formula: keep it text
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


@dataclass
class ServiceImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[RowMessage] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "warnings": [str(w) for w in self.warnings]}


def _json_sheet(name: str, data: bytes) -> Sheet:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise ImportRejected([RowMessage(name, line, None, f"Kein gültiges JSON: {exc}")],
                             unusable=True) from None
    items = document.get("services") if isinstance(document, dict) else document
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ImportRejected([RowMessage(name, None, None, "Erwartet wird eine Liste von "
                                         "Leistungen oder {\"services\": [...]}.")],
                             unusable=True)
    header: list[str] = []
    for item in items:
        header.extend(k for k in item if k not in header)
    sheet = Sheet(name, header)
    for number, item in enumerate(items, start=1):
        sheet.rows.append((number, {k: item.get(k) for k in header}))  # typed values kept
    return sheet


def _read(name: str, data: bytes, fmt: str | None, encoding: str) -> Sheet:
    fmt = fmt or ("xlsx" if data.startswith(XLSX_MAGIC) else
                  "json" if data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"[") else "csv")
    if fmt == "json":
        return _json_sheet(name, data)
    sheet = read_table((name, data), encoding=encoding)[0]
    if fmt == "csv":
        sheet.rows = [(n, {k: _uncsv_text(v) for k, v in row.items()}) for n, row in sheet.rows]
    return sheet


def import_services(session: Session, data: bytes, *, filename: str, fmt: str | None = None,
                    imported_by: User | int | None = None, encoding: str = "utf-8",
                    progress: Progress | None = None, match_by: str = "auto"
                    ) -> ServiceImportReport:
    """Import the city's service list; refuses the whole file on any row error.

    ``match_by`` (``auto``, ``id``, ``name``) says how rows find the service they
    update (:mod:`inventory.service_matching`); an export of another register imports
    with the default: its ids are unknown here, so its services are created.
    """
    sheet = _read(filename, data, fmt, encoding)
    errors: list[RowMessage] = []
    report = ServiceImportReport()
    known = {c.lower(): c for c in sheet.header}
    for column in sheet.header:
        if column not in COLUMNS:
            errors.append(RowMessage(sheet.source, 1, column, "Unbekannte Spalte (erlaubt: "
                                     + ", ".join(COLUMNS) + ")."))
    if "name" not in known and "id" not in known:
        errors.append(RowMessage(sheet.source, 1, "name", "Pflichtspalte fehlt."))
    if errors:
        raise ImportRejected(errors, unusable=True)
    matcher = ServiceMatcher(session, sheet.source, match_by)
    plans: list[tuple[int, Service | None, dict[str, Any]]] = []
    for row, raw in sheet.rows:
        values = {k: v for k, v in raw.items() if k not in READ_ONLY_COLUMNS}
        matched = matcher.match(row, values)
        if matched is None:
            continue
        service = matched.service
        if service is None and "name" not in values:
            errors.append(RowMessage(sheet.source, row, "name", "Name fehlt."))
            continue
        if "handlungsfeld" in values and values["handlungsfeld"] in (None, ""):
            values.pop("handlungsfeld")
        current = service_values(service) if service is not None else None
        clean, problems = check_values(session, values, current)
        for problem in problems:
            errors.append(RowMessage(sheet.source, row, _column(problem), str(problem)))
        if matched.stale and not problems:
            changed = [FIELD_LABELS.get(k, k) for k, v in clean.items()
                       if current is not None and current.get(k) != v]
            if changed:
                matcher.stale_row(row, matched, changed)
                continue
        errors.extend(_missing_links(session, sheet.source, row, values))
        plans.append((row, service, values))
    errors = [*matcher.finish_errors(), *errors]
    if errors:
        raise ImportRejected(sorted(errors, key=lambda m: (m.row or 0,)))
    report.warnings.extend(matcher.warnings())
    comment = f"Import {Path(filename).name}"
    with session.begin_nested():
        for done, (_row, service, values) in enumerate(plans, start=1):
            if service is None:
                create_service(session, created_by=imported_by, comment=comment, **values)
                report.created += 1
            else:
                before = service.version
                update_service(session, service.id, expected_version=service.version,
                               changes=values, changed_by=imported_by, comment=comment)
                if service.version != before:
                    report.updated += 1
                else:
                    report.unchanged += 1
            if progress is not None and (done % 200 == 0 or done == len(plans)):
                progress(done, len(plans), "Leistungen")
    return report


def _column(problem: InvalidValue) -> str:
    return "handlungsfeld" if problem.field == "handlungsfeld_id" else problem.field


def _missing_links(session: Session, source: str, row: int, values: dict[str, Any]
                   ) -> list[RowMessage]:
    messages = []
    for column, attribute in (("ozg_ids", OzgLeistung.ozg_id),
                              ("leika_keys", LeikaLeistung.schluessel)):
        checked, problems = check_values(session, {column: values.get(column)})
        if column not in values or problems:
            continue
        keys = checked[column]
        found = set(session.scalars(select(attribute).where(attribute.in_(keys))))
        missing = [k for k in keys if k not in found]
        if missing:
            messages.append(RowMessage(source, row, column,
                                       f"{FIELD_LABELS[column]} nicht im Katalog: "
                                       + ", ".join(missing)))
    return messages

