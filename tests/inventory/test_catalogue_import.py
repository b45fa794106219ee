"""Catalogue import: the real ../shared/data/ozg files, presets, and refused bad files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from inventory.catalogue import catalogue_counts, leika_by_key, leika_of_ozg, ozg_by_id
from inventory.catalogue_import import import_catalogue
from inventory.errors import ImportRejected
from inventory.services import create_service
from inventory.tables import LeikaLeistung, Service, StatusHistory

OZG_FILES = ("themenfelder.csv", "lagen.csv", "ozg_leistungen.csv", "leika_leistungen.csv")


@pytest.fixture
def ozg_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "ozg"


@pytest.mark.shared
def test_full_catalogue_imports_with_expected_counts_and_is_idempotent(session, ozg_dir):
    files = [ozg_dir / name for name in OZG_FILES]
    report = import_catalogue(session, files)
    session.commit()
    assert (report.themenfelder.created, report.lagen.created,
            report.ozg_leistungen.created) == (14, 55, 557)
    # 5,249 rows: 4,813 keyed + 436 keyless, of which one repeats name and OZG-ID.
    assert report.leika_leistungen.created == 5248
    assert report.keyless == 435 and report.keyless_repeated == 1
    assert report.without_ozg == 26
    assert (report.unknown_typ, report.empty_typ) == (5, 8)
    assert report.links_added == 5249 - 26 - 1
    assert len(report.warnings) == 14
    assert catalogue_counts(session) == {
        "themenfelder": 14, "lagen": 55, "ozg_leistungen": 557, "leika_leistungen": 5248,
        "leika_ohne_schluessel": 435, "zuordnungen": 5222}
    # Multi-valued and unknown LeiKa-Typ codes are kept as a set / as given.
    assert leika_by_key(session, "99022001000000").typ_codes == {"1", "2"}
    assert leika_by_key(session, "99019003016000").typ_codes == {"6"}
    assert leika_by_key(session, "99010012000000").typ_codes == frozenset()
    assert len(leika_of_ozg(session, "10069")) == 318
    assert ozg_by_id(session, "10513").lage.themenfeld.name == "Bauen & Wohnen"

    service = create_service(session, name="Abbruchgenehmigung", reifegrad=2,
                             ozg_ids=["10513"], leika_keys=["99012001000000"])
    session.commit()
    history_before = session.scalar(select(func.count()).select_from(StatusHistory))

    again = import_catalogue(session, files)
    session.commit()
    assert not again.changed
    assert again.leika_leistungen.unchanged == 5248 and again.ozg_leistungen.unchanged == 557
    assert catalogue_counts(session)["leika_leistungen"] == 5248
    session.expire_all()
    reloaded = session.get(Service, service.id)
    assert reloaded.version == 1 and reloaded.reifegrad == 2
    assert [o.ozg_id for o in reloaded.ozg_leistungen] == ["10513"]
    assert session.scalar(select(func.count()).select_from(StatusHistory)) == history_before


def _csv(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


LEIKA_HEADER = "leika_schluessel,name,leika_typ,ozg_id,rechtsgrundlage,sdg_anhang1,sdg_anhang2\n"


def test_reimport_updates_catalogue_entries(session) -> None:
    ozg = ("ozg.csv", _csv("ozg_id,name,lage_id,beschreibung\n10001,Alt,,\n10002,Zwei,,\n"))
    leika = ("leika.csv", _csv(LEIKA_HEADER + "99000000000001,Eins,2/3,10001,,0,0\n"))
    import_catalogue(session, [ozg, leika])
    session.commit()
    ozg2 = ("ozg.csv", _csv("ozg_id,name,lage_id,beschreibung\n10001,Neu,,\n10002,Zwei,,\n"))
    leika2 = ("leika.csv", _csv(LEIKA_HEADER + "99000000000001,Eins,\"1, 2/3\",10002,,1,0\n"))
    report = import_catalogue(session, [ozg2, leika2])
    session.commit()
    assert report.ozg_leistungen.updated == 1 and report.leika_leistungen.updated == 1
    assert (report.links_added, report.links_removed) == (1, 1)
    entry = leika_by_key(session, "99000000000001")
    assert entry.typ_codes == {"1", "2/3"} and entry.sdg_anhang1 is True
    assert [o.ozg_id for o in entry.ozg_leistungen] == ["10002"]
    assert ozg_by_id(session, "10001").name == "Neu"


def test_bad_file_is_refused_whole_with_row_messages(session) -> None:
    good = ("ozg.csv", _csv("ozg_id,name,lage_id,beschreibung\n10001,Gut,,\n"))
    bad = ("leika.csv", _csv(
        LEIKA_HEADER
        + "99000000000001,Gültig,1,10001,,0,0\n"
        + "9900000000001,Zu kurz,1,10001,,0,0\n"       # row 3: 13 digits
        + "99000000000002,Falsche OZG,1,1000A,,0,0\n"  # row 4: malformed OZG-ID
        + "99000000000001,Doppelt,1,10001,,0,0\n"      # row 5: duplicate key
        + "99000000000003,,1,10001,,0,0\n"             # row 6: no name
        + "99000000000004,SDG,1,10001,,vielleicht,0\n"  # row 7: not a flag
    ))
    with pytest.raises(ImportRejected) as caught:
        import_catalogue(session, [good, bad])
    where = {(m.file, m.row, m.column) for m in caught.value.messages}
    assert where == {("leika.csv", 3, "leika_schluessel"), ("leika.csv", 4, "ozg_id"),
                     ("leika.csv", 5, "leika_schluessel"), ("leika.csv", 6, "name"),
                     ("leika.csv", 7, "sdg_anhang1")}
    assert "Zeile 3" in str(caught.value) and "14 Ziffern" in str(caught.value)
    session.rollback()
    assert catalogue_counts(session)["ozg_leistungen"] == 0  # the good file was not stored


def test_missing_column_wrong_encoding_and_ragged_rows_are_refused(session) -> None:
    missing = ("leika.csv", _csv("name,leika_typ\nEins,1\n"))
    with pytest.raises(ImportRejected, match="Pflichtspalte") as caught:
        import_catalogue(session, [missing])
    assert [(m.row, m.column) for m in caught.value.messages] == [(1, "leika_schluessel")]
    latin1 = ("ozg.csv", "ozg_id,name\n10001,Gebühr\n".encode("latin-1"))
    with pytest.raises(ImportRejected) as caught:
        import_catalogue(session, [latin1])
    assert caught.value.messages[0].row == 2 and "UTF-8" in str(caught.value)
    # The same file with the encoding named loads.
    report = import_catalogue(session, [latin1], encoding="cp1252")
    assert ozg_by_id(session, "10001").name == "Gebühr" and report.ozg_leistungen.created == 1
    ragged = ("ozg.csv", _csv("ozg_id,name\n10002,Zwei,zu viel\n"))
    with pytest.raises(ImportRejected, match="Zeile 2"):
        import_catalogue(session, [ragged])


def test_dashboard_preset_csv_semicolon_and_xlsx(session) -> None:
    csv_bytes = _csv(
        "leika_key;leika_name;ars;ars_name;ozgid;ozg_bezeichnung;url;online_status;aktiv;"
        "art_flaechendeckung;datenstand_pvog_import\n"
        "99041006017000;Hundehaltung anmelden;064130000000;Offenbach am Main;10224;"
        "Hundehaltung;https://example.org/hund;ok;ja;landesweit flächendeckend;2026-09-29\n"
        "99041006017000;Hundehaltung anmelden;064130000000;Offenbach am Main;10225;"
        "Hundesteuer;https://example.org/hund;ok;ja;landesweit flächendeckend;2026-09-29\n")
    report = import_catalogue(session, [("pvog.csv", csv_bytes)], preset="dashboard")
    assert report.leika_leistungen.created == 1 and report.ozg_leistungen.created == 2
    entry = leika_by_key(session, "99041006017000")
    assert sorted(o.ozg_id for o in entry.ozg_leistungen) == ["10224", "10225"]
    assert entry.attributes["dashboard"]["art_flaechendeckung"] == "landesweit flächendeckend"

    book = Workbook()
    sheet = book.active
    sheet.append(["leika_key", "leika_name", "ozgid", "ozg_bezeichnung", "online_status"])
    sheet.append([99041006017000, "Hundehaltung anmelden", 10224, "Hundehaltung", "ok"])
    sheet.append([99050012000000, "Sondernutzung", 10371, "Sondernutzung", "nicht ok"])
    sheet.append(["12345", "Kaputt", 10371, "Sondernutzung", "ok"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRejected) as caught:
        import_catalogue(session, [("pvog.xlsx", buffer.getvalue())], preset="dashboard")
    assert [(m.row, m.column) for m in caught.value.messages] == [(4, "leika_key")]
    sheet.delete_rows(4)
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_catalogue(session, [("pvog.xlsx", buffer.getvalue())], preset="dashboard")
    assert report.leika_leistungen.created == 1 and report.leika_leistungen.updated == 1
    assert session.scalar(select(func.count()).select_from(LeikaLeistung)) == 2


@pytest.mark.shared
def test_catalogue_as_one_workbook_with_four_sheets(sqlite_engine, ozg_dir) -> None:
    """The same catalogue saved as XLSX (one sheet per table) loads with the same counts."""
    import csv

    from inventory.db import make_session_factory

    book = Workbook()
    book.remove(book.active)
    for name in OZG_FILES:
        sheet = book.create_sheet(name.removesuffix(".csv"))
        with (ozg_dir / name).open(encoding="utf-8", newline="") as handle:
            for record in csv.reader(handle):
                sheet.append(record)
    buffer = io.BytesIO()
    book.save(buffer)
    with make_session_factory(sqlite_engine)() as session:
        report = import_catalogue(session, [("katalog.xlsx", buffer.getvalue())])
        session.commit()
        assert [kind for _source, kind, _rows in report.files] == [
            "themenfeld", "lage", "ozg", "leika"]
        assert catalogue_counts(session) == {
            "themenfelder": 14, "lagen": 55, "ozg_leistungen": 557,
            "leika_leistungen": 5248, "leika_ohne_schluessel": 435, "zuordnungen": 5222}


def test_own_column_mapping(session) -> None:
    import_catalogue(session, [("o.csv", _csv("ozg_id,name\n10224,Hundehaltung\n"))])
    data = _csv("Schlüssel;Bezeichnung;Typ;OZG;Bemerkung\n"
                "99041006017000;Hundehaltung anmelden;5;10224;intern\n")
    mapping = {"schluessel": "Schlüssel", "name": "Bezeichnung", "typ": "Typ",
               "ozg_id": "OZG"}
    report = import_catalogue(session, [("eigen.csv", data)], column_map=mapping)
    assert report.leika_leistungen.created == 1 and report.links_added == 1
    entry = leika_by_key(session, "99041006017000")
    assert entry.typ_codes == {"5"} and entry.attributes == {"import": {"Bemerkung": "intern"}}
    with pytest.raises(ImportRejected, match="Unbekanntes Zielfeld"):
        import_catalogue(session, [("eigen.csv", data)], column_map={"farbe": "Typ"})
