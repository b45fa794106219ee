"""Importing the OZG catalogue from CSV and XLSX files with a column mapping.

Presets map the columns of common exports (see :data:`PRESETS`); each file (or sheet)
is recognised by its header.  The import runs in two passes: first every row of every
file is read and checked — a row that is meaningless (malformed OZG-ID or
Leistungsschlüssel, missing required value, duplicate key) refuses the whole import with
:class:`~inventory.errors.ImportRejected` and row/column messages, before anything is
written — then the catalogue is updated in one savepoint.  Quirks that leave a row
meaningful (unknown or empty LeiKa-Typ, repeated keyless rows, services without
OZG-Leistung) are kept as given and reported as warnings.  Re-importing the same
files changes nothing; services and their status are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from inventory.catalogue_rows import (
    KNOWN_TYP_CODES,
    LageRow,
    LeikaRow,
    OzgRow,
    ParsedCatalogue,
    ThemenfeldRow,
    parse_sheets,
)
from inventory.catalogue_write import write_catalogue
from inventory.errors import ImportRejected, RowMessage
from inventory.tabular import read_tables

__all__ = [
    "KNOWN_TYP_CODES",
    "PRESETS",
    "EntityCount",
    "ImportReport",
    "LageRow",
    "LeikaRow",
    "OzgRow",
    "Preset",
    "TableLayout",
    "ThemenfeldRow",
    "import_catalogue",
]

#: ``progress(done, total, what)``: called while writing, for progress bars.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class TableLayout:
    """How the columns of one kind of table map onto catalogue fields.

    ``kind`` is ``themenfeld``, ``lage``, ``ozg`` or ``leika``; ``columns`` maps each
    field to the column names that may hold it (the first present wins); ``required``
    fields must have a column.  With ``attributes_key`` the remaining columns are kept in
    ``LeikaLeistung.attributes[attributes_key]``.
    """

    kind: str
    columns: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    attributes_key: str | None = None


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    layouts: tuple[TableLayout, ...]


OZG_KATALOG = Preset(
    "ozg-katalog",
    "OZG-Umsetzungskatalog in vier Tabellen (themenfelder, lagen, ozg_leistungen, "
    "leika_leistungen), wie ../shared/data/ozg",
    (
        TableLayout("themenfeld", {"id": ("id",), "name": ("name",)}, ("id", "name")),
        TableLayout("lage", {"id": ("id",), "themenfeld_id": ("themenfeld_id",),
                             "name": ("name",)}, ("id", "themenfeld_id", "name")),
        TableLayout("ozg", {"ozg_id": ("ozg_id",), "name": ("name",),
                            "lage_id": ("lage_id",), "description": ("beschreibung",)},
                    ("ozg_id", "name")),
        TableLayout("leika", {
            "schluessel": ("leika_schluessel",), "name": ("name",), "typ": ("leika_typ",),
            "ozg_id": ("ozg_id",), "rechtsgrundlage": ("rechtsgrundlage",),
            "sdg_anhang1": ("sdg_anhang1",), "sdg_anhang2": ("sdg_anhang2",)},
            ("schluessel", "name")),
    ),
)

DASHBOARD = Preset(
    "dashboard",
    "OZG-Dashboard, Daten-API-Export (CSV/XLSX: leika_key, leika_name, ozgid, "
    "ozg_bezeichnung, url, online_status, art_flaechendeckung, …)",
    (
        TableLayout("leika", {
            "schluessel": ("leika_key",), "name": ("leika_name", "leika_bezeichnung"),
            "typ": ("leika_typ", "typisierung"), "ozg_id": ("ozgid", "ozg_id"),
            "ozg_name": ("ozg_bezeichnung",)},
            ("schluessel", "name"), attributes_key="dashboard"),
    ),
)

PRESETS: dict[str, Preset] = {p.name: p for p in (OZG_KATALOG, DASHBOARD)}

#: Fields a custom column mapping (``column_map``) may name.
MAPPABLE_FIELDS = ("schluessel", "name", "typ", "ozg_id", "ozg_name", "rechtsgrundlage",
                   "sdg_anhang1", "sdg_anhang2")


@dataclass
class EntityCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportReport:
    """What an import read, wrote and noticed."""

    files: list[tuple[str, str, int]] = field(default_factory=list)  # (source, kind, rows)
    themenfelder: EntityCount = field(default_factory=EntityCount)
    lagen: EntityCount = field(default_factory=EntityCount)
    ozg_leistungen: EntityCount = field(default_factory=EntityCount)
    leika_leistungen: EntityCount = field(default_factory=EntityCount)
    links_added: int = 0
    links_removed: int = 0
    keyless: int = 0  # LeiKa-Leistungen without Leistungsschlüssel (distinct)
    keyless_repeated: int = 0  # rows merged into an earlier keyless row
    without_ozg: int = 0  # LeiKa-Leistungen with no OZG-Leistung in the file
    unknown_typ: int = 0
    empty_typ: int = 0
    warnings: list[RowMessage] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        counts = (self.themenfelder, self.lagen, self.ozg_leistungen, self.leika_leistungen)
        return any(c.created or c.updated for c in counts) or bool(
            self.links_added or self.links_removed)

    def as_dict(self) -> dict[str, object]:
        def count(c: EntityCount) -> dict[str, int]:
            return {"created": c.created, "updated": c.updated, "unchanged": c.unchanged,
                    "total": c.total}

        return {
            "files": [{"source": s, "kind": k, "rows": r} for s, k, r in self.files],
            "themenfelder": count(self.themenfelder), "lagen": count(self.lagen),
            "ozg_leistungen": count(self.ozg_leistungen),
            "leika_leistungen": count(self.leika_leistungen),
            "links_added": self.links_added, "links_removed": self.links_removed,
            "keyless": self.keyless, "keyless_repeated": self.keyless_repeated,
            "without_ozg": self.without_ozg, "unknown_typ": self.unknown_typ,
            "empty_typ": self.empty_typ, "changed": self.changed,
            "warnings": [str(w) for w in self.warnings],
        }

    def summary_lines(self) -> list[str]:
        """A German summary, one line per entity."""
        def line(label: str, c: EntityCount) -> str:
            return (f"{label}: {c.total} ({c.created} neu, {c.updated} geändert, "
                    f"{c.unchanged} unverändert)")

        return [
            line("Themenfelder", self.themenfelder),
            line("Lagen", self.lagen),
            line("OZG-Leistungen", self.ozg_leistungen),
            line("LeiKa-Leistungen", self.leika_leistungen),
            f"Zuordnungen OZG↔LeiKa: {self.links_added} neu, {self.links_removed} entfernt",
            f"ohne Leistungsschlüssel: {self.keyless} (wiederholte Zeilen zusammengeführt: "
            f"{self.keyless_repeated}); ohne OZG-Leistung: {self.without_ozg}",
            f"LeiKa-Typ unbekannt: {self.unknown_typ}, leer: {self.empty_typ}; "
            f"Warnungen: {len(self.warnings)}",
        ]


def _custom_preset(column_map: Mapping[str, str]) -> Preset:
    unknown = [k for k in column_map if k not in MAPPABLE_FIELDS]
    if unknown:
        raise ImportRejected([RowMessage("--map", None, k, "Unbekanntes Zielfeld (erlaubt: "
                                         + ", ".join(MAPPABLE_FIELDS) + ").")
                              for k in unknown])
    columns = {k: (v,) for k, v in column_map.items()}
    return Preset("eigene-zuordnung", "eigene Spaltenzuordnung", (
        TableLayout("leika", columns, tuple(f for f in ("schluessel", "name")
                                            if f in columns) or ("name",),
                    attributes_key="import"),))


def import_catalogue(session: Session, sources: Sequence[str | Path | tuple[str, bytes]], *,
                     preset: str | None = None, column_map: Mapping[str, str] | None = None,
                     encoding: str = "utf-8", progress: Progress | None = None
                     ) -> ImportReport:
    """Import catalogue files into the register (the caller commits).

    ``sources`` are paths or ``(name, bytes)`` pairs of CSV or XLSX files; ``preset`` is a
    key of :data:`PRESETS` (default: recognised from the headers), ``column_map`` a
    custom mapping ``{field: column}`` for LeiKa rows (fields: :data:`MAPPABLE_FIELDS`).
    Raises :class:`ImportRejected` listing every problem; nothing is stored then.
    """
    if column_map:
        presets: list[Preset] = [_custom_preset(column_map)]
    elif preset is not None:
        if preset not in PRESETS:
            raise ImportRejected([RowMessage("--preset", None, None, f"Unbekannte Vorlage "
                                             f"„{preset}“ (bekannt: {', '.join(PRESETS)}).")])
        presets = [PRESETS[preset]]
    else:
        presets = list(PRESETS.values())
    sheets = read_tables(sources, encoding=encoding)
    report = ImportReport()
    parsed: ParsedCatalogue = parse_sheets(session, sheets, presets, report)
    with session.begin_nested():
        write_catalogue(session, parsed, report, progress=progress)
    return report
