"""Reading tabular files (CSV and XLSX) into rows with spreadsheet row numbers.

Shared by the catalogue import and the service-list import.  Problems that make a file
unusable (wrong encoding, no header, unreadable workbook) are reported as
:class:`~inventory.errors.RowMessage` with the row where they occur.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from inventory.errors import ImportRejected, RowMessage

XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Sheet:
    """One table of a file: its header and data rows.

    ``rows`` are ``(row_number, {column: text})`` with spreadsheet numbering (the header
    is row 1).  Column names are trimmed; cell values are text (``""`` for empty).
    """

    source: str  # file name, plus "[sheet]" for workbooks with several sheets
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def column(self, *names: str) -> str | None:
        """The first of ``names`` present in the header (case-insensitive)."""
        lower = {h.lower(): h for h in self.header}
        for name in names:
            if name.lower() in lower:
                return lower[name.lower()]
        return None


def source_bytes(source: str | Path | tuple[str, bytes]) -> tuple[str, bytes]:
    """``(display name, content)`` of a path or an already-read ``(name, bytes)`` pair."""
    if isinstance(source, tuple):
        return source
    path = Path(source)
    return path.name, path.read_bytes()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # XLSX stores 10513 as 10513.0
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else \
            value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_csv(name: str, data: bytes, *, encoding: str = "utf-8") -> Sheet:
    """Parse CSV bytes (comma, semicolon or tab separated; header row required)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportRejected([RowMessage(
            name, _line_of_offset(data, exc.start), None,
            f"Die Datei ist nicht in {encoding.upper()} kodiert (Byte {exc.start}: "
            f"{data[exc.start:exc.start + 1]!r}). Bitte als UTF-8 speichern oder die "
            "Kodierung angeben (z. B. --encoding cp1252).")], unusable=True) from None
    except LookupError:
        raise ImportRejected([RowMessage(name, None, None, f"Unbekannte Kodierung „{encoding}“.")],
                             unusable=True) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportRejected([RowMessage(name, None, None, "Die Datei ist leer.")],
                             unusable=True)
    first_line = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
        sheet = Sheet(name, header)
        problems: list[RowMessage] = []
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(RowMessage(
                    name, number, None, f"{len(record)} Spalten statt {len(header)} wie in "
                    "der Kopfzeile (Trennzeichen oder Anführungszeichen prüfen)."))
                continue
            sheet.rows.append((number, {h: c.strip() for h, c in zip(header, record,
                                                                    strict=True)}))
    except csv.Error as exc:
        raise ImportRejected([RowMessage(name, reader.line_num, None,
                                         f"CSV nicht lesbar: {exc}")], unusable=True) from None
    if problems:
        raise ImportRejected(problems)  # read, but some rows are broken: exit 1
    _check_header(sheet)
    return sheet


def read_xlsx(name: str, data: bytes) -> list[Sheet]:
    """Every non-empty worksheet of an XLSX workbook (first row = header)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken zip or XML
        raise ImportRejected([RowMessage(name, None, None, f"XLSX-Datei nicht lesbar: {exc}")],
                             unusable=True) from None
    sheets: list[Sheet] = []
    try:
        for worksheet in workbook.worksheets:
            rows: Iterator[tuple[object, ...]] = worksheet.iter_rows(values_only=True)
            header_row = next(rows, None)
            if header_row is None:
                continue
            header = [_cell_text(v) for v in header_row]
            while header and not header[-1]:
                header.pop()
            label = name if len(workbook.worksheets) == 1 else f"{name}[{worksheet.title}]"
            sheet = Sheet(label, header)
            for number, values in enumerate(rows, start=2):
                cells = [_cell_text(v) for v in values[:len(header)]]
                if not any(cells):
                    continue
                cells += [""] * (len(header) - len(cells))
                sheet.rows.append((number, dict(zip(header, cells, strict=True))))
            _check_header(sheet)
            sheets.append(sheet)
    finally:
        workbook.close()
    if not sheets:
        raise ImportRejected([RowMessage(name, None, None, "Die Arbeitsmappe ist leer.")],
                             unusable=True)
    return sheets


def _check_header(sheet: Sheet) -> None:
    problems = []
    seen: set[str] = set()
    for index, name in enumerate(sheet.header, start=1):
        if not name:
            problems.append(RowMessage(sheet.source, 1, f"#{index}",
                                       "Spalte ohne Überschrift."))
        elif name.lower() in seen:
            problems.append(RowMessage(sheet.source, 1, name, "Spalte kommt doppelt vor."))
        seen.add(name.lower())
    if problems:
        raise ImportRejected(problems, unusable=True)


def read_table(source: str | Path | tuple[str, bytes], *, encoding: str = "utf-8"
               ) -> list[Sheet]:
    """The sheets of a CSV or XLSX file (recognised by content, not by file name)."""
    name, data = source_bytes(source)
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(name, data)
    return [read_csv(name, data, encoding=encoding)]


def read_tables(sources: Sequence[str | Path | tuple[str, bytes]], *,
                encoding: str = "utf-8") -> list[Sheet]:
    """All sheets of several files; every file's problems are collected before refusing."""
    sheets: list[Sheet] = []
    problems: list[RowMessage] = []
    unusable = False
    for source in sources:
        try:
            sheets.extend(read_table(source, encoding=encoding))
        except ImportRejected as exc:
            problems.extend(exc.messages)
            unusable = unusable or exc.unusable
        except OSError as exc:
            problems.append(RowMessage(str(source), None, None,
                                       f"Datei nicht lesbar: {exc.strerror or exc}"))
            unusable = True
    if problems:
        raise ImportRejected(problems, unusable=unusable)
    return sheets
