"""Exchange of the service list as CSV, XLSX and JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from inventory.catalogue_import import import_catalogue
from inventory.errors import ImportRejected
from inventory.exchange import export_services, import_services
from inventory.services import create_service
from inventory.tables import Service, StatusHistory

CATALOGUE = [
    ("o.csv", b"ozg_id,name\n10513,Abbruchgenehmigung\n10094,Parkausweis\n"),
    ("k.csv", b"leika_schluessel,name,leika_typ,ozg_id\n99012001000000,Abbruch,4,10513\n"),
]


def _seed(session) -> None:
    import_catalogue(session, CATALOGUE)
    create_service(session, name="Abbruchgenehmigung", reifegrad=2, target_reifegrad=3,
                   target_date=date(2026, 6, 30), department="Bauaufsicht",
                   basisdienste=["BundID", "ePayment"], online_share=12.5, fallzahl=1200,
                   ozg_ids=["10513"], leika_keys=["99012001000000"],
                   efa_status="Nachnutzung sicher", umsetzungsstatus="in Umsetzung")
    create_service(session, name="Anwohnerparkausweis", handlungsfeld="Smart City",
                   reifegrad=5, reifegrad_model="2.0", ozg_ids=["10094"],
                   notes='=HYPERLINK("http://example.org";"Notiz mit Semikolon")',
                   contact_role="+49 69 8065-0")
    session.commit()


def _rows(session) -> list[tuple]:
    return [(s.name, s.handlungsfeld.name, s.department, s.reifegrad, s.reifegrad_model,
             s.target_reifegrad, s.target_date, s.basisdienste, s.online_share, s.fallzahl,
             s.notes, s.contact_role, s.efa_status, [o.ozg_id for o in s.ozg_leistungen],
             [le.schluessel for le in s.leika_leistungen])
            for s in session.scalars(select(Service).order_by(Service.name))]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_then_import_round_trips(engine, fmt, tmp_path) -> None:
    from inventory.db import make_engine, make_session_factory
    from inventory.migrate import upgrade

    with make_session_factory(engine)() as session:
        _seed(session)
        data = export_services(session, fmt)
        expected = _rows(session)
        if fmt == "xlsx":
            _assert_no_formulas(data)
        if fmt == "csv":  # shown as text by spreadsheets, restored on import
            assert b"'=HYPERLINK" in data and b"'+49 69" in data
        # Re-importing one's own export changes nothing.
        report = import_services(session, data, filename=f"leistungen.{fmt}")
        assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
        assert all(s.version == 1 for s in session.scalars(select(Service)))
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    upgrade(other)
    with make_session_factory(other)() as target:
        import_catalogue(target, CATALOGUE)
        # Ids of another register mean nothing here: import as new services.
        if fmt == "json":
            document = json.loads(data)
            for item in document["services"]:
                del item["id"], item["version"]
            data = json.dumps(document).encode()
            report = import_services(target, data, filename="leistungen.json")
        else:
            report = import_services(target, _without_ids(data, fmt), filename=f"x.{fmt}")
        target.commit()
        assert report.created == 2
        assert _rows(target) == expected
        assert target.scalar(select(func.count()).select_from(StatusHistory)) > 0
    other.dispose()


def _assert_no_formulas(data: bytes) -> None:
    """Text that looks like a formula is stored as text, never as a formula."""
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(str(c.value).startswith("=HYPERLINK") for c in cells)
    assert all(c.data_type != "f" for c in cells)


def _without_ids(data: bytes, fmt: str) -> bytes:
    import io

    if fmt == "csv":
        lines = data.decode("utf-8-sig").split("\r\n")
        return "\r\n".join(";".join(["", *line.split(";", 1)[1:]]) if i else line
                           for i, line in enumerate(lines)).encode()
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    for row in book.active.iter_rows(min_row=2):
        row[0].value = None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_invalid_rows_refuse_the_whole_file(session) -> None:
    _seed(session)
    csv_text = ("name;reifegrad;reifegrad_model;ozg_ids;target_date;online_share\n"
                "Neue Leistung;3;1.1;10513;2027-01-01;50\n"
                "Wohngeld;9;1.1;;;\n"                      # row 3: Reifegrad 9 in 1.1
                "Kita-Platz;2;1.1;99999;31.02.2026;150\n")  # row 4: three problems
    with pytest.raises(ImportRejected) as caught:
        import_services(session, csv_text.encode(), filename="liste.csv")
    where = {(m.row, m.column) for m in caught.value.messages}
    assert where == {(3, "reifegrad"), (4, "ozg_ids"), (4, "target_date"),
                     (4, "online_share")}
    assert "Reifegrad 9" in str(caught.value)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Service)) == 2

    with pytest.raises(ImportRejected, match="Unbekannte Spalte") as caught:
        import_services(session, b"name;farbe\nX;blau\n", filename="liste.csv")
    assert caught.value.messages[0].column == "farbe"


def test_stale_version_in_file_is_refused(session) -> None:
    _seed(session)
    data = export_services(session, "json")
    service = session.scalars(select(Service).order_by(Service.id)).first()
    from inventory.services import update_service

    update_service(session, service.id, expected_version=1, changes={"reifegrad": 3})
    session.commit()
    with pytest.raises(ImportRejected, match="seit dem Export geändert"):
        import_services(session, data, filename="alt.json")
