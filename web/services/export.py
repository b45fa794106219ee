"""Export of the current service view (filters and sorting applied) as CSV or XLSX.

Cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return) are prefixed with an apostrophe, so a service name
taken from an import can never run as a formula in the recipient's spreadsheet.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask import Response
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from inventory import listing
from procmodel.strategy.periods import today as berlin_today

FORMATS = ("csv", "xlsx")
BATCH = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def columns() -> list[tuple[str, str]]:
    return [
        ("id", _("ID")),
        ("name", _("Bezeichnung")),
        ("handlungsfeld", _("Handlungsfeld")),
        ("department", _("Fachbereich/Amt")),
        ("reifegrad", _("Reifegrad")),
        ("reifegrad_model", _("Reifegradmodell")),
        ("umsetzungsstatus", _("Umsetzungsstatus")),
        ("target_reifegrad", _("Ziel-Reifegrad")),
        ("target_date", _("Zieltermin")),
        ("efa_status", _("EfA-Status")),
        ("fallzahl", _("Fallzahl pro Jahr")),
        ("online_share", _("Online-Anteil (%)")),
    ]


def _value(service: Any, key: str) -> Any:
    if key == "handlungsfeld":
        hf = getattr(service, "handlungsfeld", None)
        return getattr(hf, "name", hf)
    return getattr(service, key, None)


def all_rows(session: Session, filters: listing.ServiceFilter, *, sort: str,
             descending: bool) -> list[list[Any]]:
    keys = [key for key, _label in columns()]
    rows: list[list[Any]] = []
    page_number = 1
    while True:
        page = listing.list_services(session, filters, sort=sort, descending=descending,
                                     page=page_number, per_page=BATCH)
        for service in page.items:
            rows.append([_value(service, key) for key in keys])
        if page_number * BATCH >= page.total or not page.items:
            break
        page_number += 1
    return rows


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([label for _key, label in columns()])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v.isoformat() if isinstance(v, date)
                                                          else v) for v in row])
    # UTF-8 with BOM and semicolons: what German spreadsheet programs open without asking.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Leistungen")[:31]
    sheet.append([label for _key, label in columns()])
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def response(rows: list[list[Any]], fmt: str) -> Response:
    stamp = berlin_today().isoformat()
    if fmt == "xlsx":
        body, mimetype = to_xlsx(rows), XLSX_TYPE
    else:
        body, mimetype = to_csv(rows), "text/csv; charset=utf-8"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="leistungen-{stamp}.{fmt}"'})
