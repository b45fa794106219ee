"""Exchange of the service list as CSV, XLSX and JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from inventory.catalogue_import import import_catalogue
from inventory.errors import ImportRejected
from inventory.exchange import export_services, import_services
from inventory.services import create_service, services_named
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
        # The export as it is: its ids are unknown in the fresh register → new services.
        report = import_services(target, data, filename=f"leistungen.{fmt}")
        target.commit()
        assert (report.created, report.updated) == (2, 0)
        assert "(2×): diese Ids gibt es" in str(report.warnings[0])
        assert _rows(target) == expected
        assert target.scalar(select(func.count()).select_from(StatusHistory)) > 0
        # Importing it again matches the services by name and OZG-IDs: nothing changes.
        again = import_services(target, data, filename=f"leistungen.{fmt}")
        assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    other.dispose()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_of_another_register_imports_into_a_fresh_one(engine, fmt, tmp_path) -> None:
    """Source: a SQLite register; target: a fresh register on SQLite and PostgreSQL."""
    from inventory.db import make_engine, make_session_factory
    from inventory.migrate import upgrade

    source = make_engine(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    upgrade(source)
    with make_session_factory(source)() as session:
        _seed(session)
        data = export_services(session, fmt)
        expected = _rows(session)
    source.dispose()
    with make_session_factory(engine)() as target:
        import_catalogue(target, CATALOGUE)
        target.commit()
        # Ids must exist when the file is matched by id only: one summary line, not one per row.
        with pytest.raises(ImportRejected) as caught:
            import_services(target, data, filename=f"x.{fmt}", match_by="id")
        assert len(caught.value.messages) == 2
        assert str(caught.value).count("gibt es in diesem Register nicht") == 1
        assert "(2×), Spalte „id“" in str(caught.value)
        target.rollback()
        report = import_services(target, data, filename=f"x.{fmt}")
        target.commit()
        assert report.created == 2 and _rows(target) == expected


def test_ids_naming_other_services_are_refused_unless_matched_by_name(session) -> None:
    """A register whose ids mean other services: never overwrite them silently."""
    _seed(session)
    data = export_services(session, "json")
    document = json.loads(data)
    first, second = document["services"]
    first["name"], second["name"] = "Hundesteuer", "Wohngeld"  # same ids, other services
    first["version"] = second["version"] = 7
    foreign = json.dumps(document).encode()
    with pytest.raises(ImportRejected) as caught:
        import_services(session, foreign, filename="fremd.json")
    text = str(caught.value)
    assert "anderen Register" in text and "--match-by name" in text
    assert "ist in diesem Register „Abbruchgenehmigung“, die Zeile nennt „Hundesteuer“" in text
    session.rollback()
    report = import_services(session, foreign, filename="fremd.json", match_by="name")
    assert (report.created, report.updated) == (2, 0)
    names = sorted(s.name for s in session.scalars(select(Service)))
    assert names == ["Abbruchgenehmigung", "Anwohnerparkausweis", "Hundesteuer", "Wohngeld"]


def test_rows_without_id_match_by_name_ozg_ids_and_department(session) -> None:
    _seed(session)
    create_service(session, name="Abbruchgenehmigung", department="Bauordnung Süd")
    session.commit()
    csv_text = ("name;department;ozg_ids;reifegrad\n"
                "  Anwohnerparkausweis ;;10094;4\n"              # one service of that name
                "Abbruchgenehmigung;Bauaufsicht;;3\n"            # department decides
                "Abbruchgenehmigung;;;1\n"                       # two fit: ambiguous
                "Kita-Platz;Jugendamt;;\n")
    with pytest.raises(ImportRejected) as caught:
        import_services(session, csv_text.encode(), filename="liste.csv")
    assert [(m.row, m.column) for m in caught.value.messages] == [(4, "name")]
    assert "Mehrdeutig" in str(caught.value)
    session.rollback()
    fixed = csv_text.replace("Abbruchgenehmigung;;;1\n", "")
    fixed += "Anwohnerparkausweis;Ordnungsamt;10513;\n"  # same name, other service
    report = import_services(session, fixed.encode(), filename="liste.csv")
    assert (report.created, report.updated) == (2, 2)
    assert [(w.row, w.severity) for w in report.warnings] == [(5, "warning")]
    assert "Es gibt bereits „Anwohnerparkausweis“ (Leistung " in str(report.warnings[0])
    by_name = {(s.name, s.department): s for s in session.scalars(select(Service))}
    assert by_name[("Abbruchgenehmigung", "Bauaufsicht")].reifegrad == 3
    assert by_name[("Anwohnerparkausweis", None)].reifegrad == 4
    assert by_name[("Abbruchgenehmigung", "Bauordnung Süd")].reifegrad is None
    assert [s.department for s in services_named(session, " anwohnerPARKausweis")] == \
        [None, "Ordnungsamt"]
    bau = by_name[("Abbruchgenehmigung", "Bauaufsicht")]
    assert [s.department for s in services_named(session, "Abbruchgenehmigung",
                                                 exclude_id=bau.id)] == ["Bauordnung Süd"]


def _assert_no_formulas(data: bytes) -> None:
    """Text that looks like a formula is stored as text, never as a formula."""
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(str(c.value).startswith("=HYPERLINK") for c in cells)
    assert all(c.data_type != "f" for c in cells)


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


def test_outdated_export_is_refused_only_where_it_would_overwrite(session) -> None:
    _seed(session)
    data = json.loads(export_services(session, "json"))
    for service in session.scalars(select(Service)):
        service.version += 4  # saved several times since (or another register's counters)
    session.commit()
    same = json.dumps(data).encode()
    report = import_services(session, same, filename="alt.json")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    data["services"][1]["reifegrad"] = 6
    with pytest.raises(ImportRejected) as caught:
        import_services(session, json.dumps(data).encode(), filename="alt.json")
    assert [(m.row, m.column) for m in caught.value.messages] == [(None, "version"),
                                                                   (2, "version")]
    assert "würde Reifegrad überschreiben" in str(caught.value)
    assert "--match-by name" in str(caught.value)


def test_services_of_the_same_name_from_another_register_stay_apart(session) -> None:
    """A register with two services of one name: its export imports as two, and again."""
    rows = ("id;name;department;ozg_ids\n1;Gewerbeanmeldung;Ordnungsamt;\n"
            "48;Gewerbeanmeldung;Ordnungsamt;\n").replace("\n", "\r\n").encode()
    first = import_services(session, rows, filename="s4.csv")
    assert first.created == 2
    session.commit()
    again = import_services(session, rows, filename="s4.csv")
    assert (again.created, again.unchanged) == (0, 2)
    # The same rows without ids are one service written twice: refused.
    with pytest.raises(ImportRejected, match="Leistung doppelt"):
        import_services(session, rows.replace(b"\r\n1;", b"\r\n;").replace(b"\r\n48;", b"\r\n;"),
                        filename="hand.csv")
