"""First pass of the catalogue import: recognise each sheet and check every row.

Nothing is written here.  Problems that make a row meaningless are collected as errors
(the import is refused with all of them); quirks that leave a row usable become warnings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from inventory.errors import ImportRejected, RowMessage
from inventory.tables import OzgLeistung
from inventory.tabular import Sheet

if TYPE_CHECKING:
    from inventory.catalogue_import import ImportReport, Preset, TableLayout

OZG_ID = re.compile(r"^\d{5}$")
LEIKA_KEY = re.compile(r"^\d{14}$")
#: The LeiKa-Typ codes of the OZG catalogue; others are kept as given, with a warning.
KNOWN_TYP_CODES = frozenset({"1", "2", "3", "2/3", "4", "5"})
_TRUE = {"1", "ja", "j", "yes", "y", "true", "wahr", "x"}
_FALSE = {"0", "nein", "n", "no", "false", "falsch", ""}


@dataclass
class ThemenfeldRow:
    source_id: str
    name: str


@dataclass
class LageRow:
    source_id: str
    name: str
    themenfeld_source_id: str | None


@dataclass
class OzgRow:
    ozg_id: str
    name: str
    lage_source_id: str | None
    description: str | None


@dataclass
class LeikaRow:
    identity: str
    schluessel: str | None
    name: str
    typ_raw: str | None  # None: the file has no type column (leave the stored one)
    typ_codes: frozenset[str]
    ozg_ids: list[str]
    rechtsgrundlage: str | None
    has_rechtsgrundlage: bool
    sdg_anhang1: bool | None
    sdg_anhang2: bool | None
    attributes_key: str | None
    attributes: dict[str, str]
    where: tuple[str, int]


@dataclass
class ParsedCatalogue:
    themenfelder: list[ThemenfeldRow] = field(default_factory=list)
    lagen: list[LageRow] = field(default_factory=list)
    ozg: list[OzgRow] = field(default_factory=list)
    leika: dict[str, LeikaRow] = field(default_factory=dict)
    ozg_names: dict[str, str] = field(default_factory=dict)  # OZG-ID -> name from LeiKa rows
    has_themenfelder: bool = False
    has_lagen: bool = False


def identity_of(schluessel: str | None, name: str, ozg_id: str | None) -> str:
    """The row identity: the key, or for keyless rows name and OZG-ID together."""
    if schluessel:
        return f"k:{schluessel}"
    return f"n:{ozg_id or ''}:{name}"


def parse_typ(raw: str) -> frozenset[str]:
    """LeiKa-Typ text such as ``"1, 2/3"`` as a set of codes (``{"1", "2/3"}``)."""
    codes = set()
    for part in raw.replace(";", ",").split(","):
        code = re.sub(r"\s+", "", part)
        if code:
            codes.add(code)
    return frozenset(codes)


def _match(sheet: Sheet, presets: Sequence[Preset]) -> tuple[TableLayout | None,
                                                                dict[str, str], list[str]]:
    best: tuple[int, TableLayout | None, dict[str, str]] = (-1, None, {})
    best_partial: tuple[int, TableLayout | None, list[str]] = (-1, None, [])
    for preset in presets:
        for layout in preset.layouts:
            found = {f: col for f, names in layout.columns.items()
                     if (col := sheet.column(*names)) is not None}
            missing = [layout.columns[f][0] for f in layout.required if f not in found]
            if not missing and len(found) > best[0]:
                best = (len(found), layout, found)
            elif missing and len(found) > best_partial[0]:
                best_partial = (len(found), layout, missing)
    if best[1] is not None:
        return best[1], best[2], []
    return None, {}, best_partial[2]


class _Checker:
    """Collects errors and warnings of the first pass."""

    def __init__(self, report: ImportReport) -> None:
        self.errors: list[RowMessage] = []
        self.unusable = False  # a sheet's columns could not be used at all
        self.report = report

    def error(self, sheet: Sheet, row: int | None, column: str | None, message: str) -> None:
        self.errors.append(RowMessage(sheet.source, row, column, message))

    def warn(self, sheet: Sheet, row: int | None, column: str | None, message: str) -> None:
        self.report.warnings.append(RowMessage(sheet.source, row, column, message, "warning"))


def parse_sheets(session: Session, sheets: Sequence[Sheet], presets: Sequence[Preset],
                 report: ImportReport) -> ParsedCatalogue:
    """Recognise and check every sheet; raises :class:`ImportRejected` on any error."""
    check = _Checker(report)
    parsed = ParsedCatalogue()
    matched: list[tuple[Sheet, TableLayout, dict[str, str]]] = []
    for sheet in sheets:
        layout, columns, missing = _match(sheet, presets)
        if layout is None:
            check.unusable = True
            if missing:
                for column in missing:
                    check.error(sheet, 1, column, "Pflichtspalte fehlt.")
            else:
                check.error(sheet, 1, None, "Spalten nicht erkannt: "
                            + ", ".join(sheet.header))
            continue
        matched.append((sheet, layout, columns))
        report.files.append((sheet.source, layout.kind, len(sheet.rows)))
        if layout.attributes_key is None:
            used = set(columns.values())
            for column in sheet.header:
                if column not in used:
                    check.warn(sheet, 1, column, "Unbekannte Spalte, wird nicht übernommen.")
    # Order matters for references: Themenfelder before Lagen before OZG before LeiKa.
    order = {"themenfeld": 0, "lage": 1, "ozg": 2, "leika": 3}
    matched.sort(key=lambda item: order[item[1].kind])
    for sheet, layout, columns in matched:
        {"themenfeld": _themenfelder, "lage": _lagen, "ozg": _ozg, "leika": _leika}[
            layout.kind](sheet, layout, columns, parsed, check, session)
    if check.errors:
        raise ImportRejected(check.errors, unusable=check.unusable)
    return parsed


def _check_id_and_name(sheet: Sheet, row: int, columns: dict[str, str], check: _Checker,
                       source_id: str, name: str, ids: dict[str, int],
                       names: dict[str, int]) -> None:
    """Check a Themenfeld's or Lage's id (a number, once) and name (present, once
    ignoring case); ``ids`` and ``names`` remember the first row of each."""
    if not source_id.isdigit():
        check.error(sheet, row, columns["id"], f"Id „{source_id}“ ist keine Zahl.")
    elif source_id in ids:
        check.error(sheet, row, columns["id"], f"Id {source_id} doppelt (schon in Zeile "
                    f"{ids[source_id]}).")
    if not name:
        check.error(sheet, row, columns["name"], "Name fehlt.")
    elif name.lower() in names:
        check.error(sheet, row, columns["name"], f"Name doppelt (schon in Zeile "
                    f"{names[name.lower()]}).")
    ids.setdefault(source_id, row)
    names.setdefault(name.lower(), row)


def _themenfelder(sheet: Sheet, _layout: TableLayout, columns: dict[str, str],
                  parsed: ParsedCatalogue, check: _Checker, _session: Session) -> None:
    parsed.has_themenfelder = True
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    for row, values in sheet.rows:
        source_id, name = values[columns["id"]], values[columns["name"]]
        _check_id_and_name(sheet, row, columns, check, source_id, name, ids, names)
        parsed.themenfelder.append(ThemenfeldRow(source_id, name))


def _lagen(sheet: Sheet, _layout: TableLayout, columns: dict[str, str],
           parsed: ParsedCatalogue, check: _Checker, _session: Session) -> None:
    parsed.has_lagen = True
    known = {t.source_id for t in parsed.themenfelder}
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    for row, values in sheet.rows:
        source_id, name = values[columns["id"]], values[columns["name"]]
        themenfeld = values[columns["themenfeld_id"]] or None
        _check_id_and_name(sheet, row, columns, check, source_id, name, ids, names)
        if themenfeld and parsed.has_themenfelder and themenfeld not in known:
            check.error(sheet, row, columns["themenfeld_id"],
                        f"Themenfeld {themenfeld} gibt es in den Themenfeldern nicht.")
        elif themenfeld and not parsed.has_themenfelder:
            check.warn(sheet, row, columns["themenfeld_id"],
                       "Themenfelder nicht mit importiert: Zuordnung bleibt unverändert.")
        parsed.lagen.append(LageRow(source_id, name, themenfeld))


def _ozg(sheet: Sheet, _layout: TableLayout, columns: dict[str, str],
         parsed: ParsedCatalogue, check: _Checker, _session: Session) -> None:
    known = {lage.source_id for lage in parsed.lagen}
    seen: dict[str, int] = {}
    lage_column = columns.get("lage_id")
    for row, values in sheet.rows:
        ozg_id, name = values[columns["ozg_id"]], values[columns["name"]]
        lage = values[lage_column] if lage_column else ""
        if not OZG_ID.match(ozg_id):
            check.error(sheet, row, columns["ozg_id"],
                        f"OZG-ID „{ozg_id}“ hat nicht genau 5 Ziffern.")
        elif ozg_id in seen:
            check.error(sheet, row, columns["ozg_id"], f"OZG-ID {ozg_id} doppelt (schon in "
                        f"Zeile {seen[ozg_id]}).")
        if not name:
            check.error(sheet, row, columns["name"], "Name fehlt.")
        if lage and parsed.has_lagen and lage not in known:
            check.error(sheet, row, lage_column, f"Lage {lage} gibt es in den Lagen nicht.")
        elif lage and not parsed.has_lagen:
            check.warn(sheet, row, lage_column,
                       "Lagen nicht mit importiert: Zuordnung bleibt unverändert.")
        seen.setdefault(ozg_id, row)
        description = values.get(columns["description"]) if "description" in columns else None
        parsed.ozg.append(OzgRow(ozg_id, name, lage or None, description or None))


def _flag(sheet: Sheet, row: int, column: str | None, values: dict[str, str],
          check: _Checker) -> bool | None:
    if column is None:
        return None
    text = values[column].strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    check.error(sheet, row, column, f"„{values[column]}“ ist kein Ja/Nein-Wert (0/1).")
    return None


def _leika(sheet: Sheet, layout: TableLayout, columns: dict[str, str],
           parsed: ParsedCatalogue, check: _Checker, session: Session) -> None:
    known_ozg = {o.ozg_id for o in parsed.ozg} | set(session.scalars(select(OzgLeistung.ozg_id)))
    pairs: dict[tuple[str, str], int] = {}
    used = set(columns.values())
    extra = [c for c in sheet.header if c not in used] if layout.attributes_key else []
    col = columns.get
    for row, values in sheet.rows:
        key = values[columns["schluessel"]] if "schluessel" in columns else ""
        name = values[columns["name"]]
        ozg_id = values[col("ozg_id")] if col("ozg_id") else ""
        ok = True
        if key and not LEIKA_KEY.match(key):
            check.error(sheet, row, columns["schluessel"],
                        f"Leistungsschlüssel „{key}“ hat nicht genau 14 Ziffern.")
            ok = False
        if not name:
            check.error(sheet, row, columns["name"], "Name fehlt.")
            ok = False
        if ozg_id and not OZG_ID.match(ozg_id):
            check.error(sheet, row, col("ozg_id"),
                        f"OZG-ID „{ozg_id}“ hat nicht genau 5 Ziffern.")
            ok = False
        sdg1 = _flag(sheet, row, col("sdg_anhang1"), values, check)
        sdg2 = _flag(sheet, row, col("sdg_anhang2"), values, check)
        if not ok:
            continue
        identity = identity_of(key or None, name, ozg_id or None)
        pair = (identity, ozg_id)
        if key and pair in pairs:
            check.error(sheet, row, columns["schluessel"], f"Leistungsschlüssel {key} doppelt "
                        f"(schon in Zeile {pairs[pair]}).")
            continue
        pairs.setdefault(pair, row)
        typ_raw = values[col("typ")] if col("typ") else None
        typ_codes = parse_typ(typ_raw) if typ_raw else frozenset()
        if typ_raw is not None:
            if not typ_codes:
                check.report.empty_typ += 1
                check.warn(sheet, row, col("typ"), "LeiKa-Typ leer.")
            unknown = sorted(typ_codes - KNOWN_TYP_CODES)
            if unknown:
                check.report.unknown_typ += 1
                check.warn(sheet, row, col("typ"), f"LeiKa-Typ „{', '.join(unknown)}“ "
                           "unbekannt – wie angegeben übernommen.")
        if ozg_id and col("ozg_name") and values[col("ozg_name")]:
            parsed.ozg_names.setdefault(ozg_id, values[col("ozg_name")])
        elif ozg_id and ozg_id not in known_ozg:
            check.warn(sheet, row, col("ozg_id"), f"OZG-Leistung {ozg_id} ist nicht im "
                       "Katalog: Zuordnung wird nicht angelegt.")
            ozg_id = ""
        rechtsgrundlage = values[col("rechtsgrundlage")] if col("rechtsgrundlage") else None
        attributes = {c: values[c] for c in extra if values[c]}
        entry = parsed.leika.get(identity)
        if entry is None:
            parsed.leika[identity] = LeikaRow(
                identity, key or None, name, typ_raw, typ_codes, [ozg_id] if ozg_id else [],
                rechtsgrundlage or None, col("rechtsgrundlage") is not None, sdg1, sdg2,
                layout.attributes_key, attributes, (sheet.source, row))
            continue
        # Same identity again: a keyless row repeated, or a keyed one in another OZG-Leistung.
        if ozg_id and ozg_id not in entry.ozg_ids:
            entry.ozg_ids.append(ozg_id)
        if key and name != entry.name:
            check.warn(sheet, row, columns["name"], f"Leistungsschlüssel {key} heißt in Zeile "
                       f"{entry.where[1]} „{entry.name}“; der erste Name gilt.")
        if not key:
            check.report.keyless_repeated += 1
            differing = [label for label, a, b in (
                ("leika_typ", entry.typ_raw, typ_raw), ("rechtsgrundlage",
                                                        entry.rechtsgrundlage,
                                                        rechtsgrundlage or None),
                ("sdg_anhang1", entry.sdg_anhang1, sdg1),
                ("sdg_anhang2", entry.sdg_anhang2, sdg2)) if a != b]
            detail = (" mit abweichenden Werten in " + ", ".join(differing)
                      + " (die erste Zeile gilt)") if differing else ""
            check.warn(sheet, row, columns["name"],
                       f"Wiederholt Zeile {entry.where[1]} (ohne Leistungsschlüssel, gleicher "
                       f"Name und gleiche OZG-ID){detail}; zusammengeführt.")
