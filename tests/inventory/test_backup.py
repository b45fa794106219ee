"""Backup → restore into an empty database gives identical content (every table)."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime

import pytest

from inventory.backup import _ordered, read_manifest, restore_backup, write_backup
from inventory.catalogue_import import import_catalogue
from inventory.db import make_engine, make_session_factory
from inventory.errors import RestoreRefused
from inventory.models_store import add_model_version, set_release_status
from inventory.schema import metadata
from inventory.services import create_service, update_service
from inventory.users import create_user
from procmodel.findings import Finding, Severity
from procmodel.model import Definitions, FlowNode, NodeKind, Process

BPMN = ("<?xml version='1.0' encoding='UTF-8'?>\r\n<definitions id='d'>\u00e4\x00"
        "</definitions>").encode("utf-8") + bytes(range(256))


def _fill(engine) -> None:
    with make_session_factory(engine)() as session:
        import_catalogue(session, [
            ("o.csv", b"ozg_id,name\n10513,Abbruchgenehmigung\n"),
            ("k.csv", "leika_schluessel,name,leika_typ,ozg_id,rechtsgrundlage\n"
                      "99012001000000,Abbruch,\"1, 2/3\",10513,\"§ 1 \"\"BauO\"\"\"\n"
                      ",Ohne Schlüssel,6,10513,\n".encode())])
        admin = create_user(session, "admin", "sehr-geheim-1", role="admin")
        create_user(session, "koord", "sehr-geheim-2", role="coordinator",
                    department="Bauaufsicht")
        service = create_service(session, name="Abbruchgenehmigung", reifegrad=1,
                                 online_share=33.333333333333336, ozg_ids=["10513"],
                                 basisdienste=["BundID"], target_date=date(2026, 12, 31),
                                 when=datetime(2024, 1, 1, 12, 30, 15, 123456, tzinfo=UTC))
        update_service(session, service.id, expected_version=1, changed_by=admin,
                       changes={"reifegrad": 3}, comment="Umlaute äöü")
        model = Definitions(id="d", processes=(Process(id="p", flow_nodes=(
            FlowNode(id="t", name="Antrag\nprüfen", kind=NodeKind.USER_TASK, process_id="p"),
        )),))
        finding = Finding(Severity.WARNING, "label-required", "Bezeichnung fehlt", "Label missing",
                          file="a.bpmn", line=3, element_id="t")
        version = add_model_version(session, service.id, data=BPMN, filename="a.bpmn",
                                    model=model, findings=[finding], kind="ist",
                                    uploaded_by=admin)
        set_release_status(session, version.id, "in Prüfung", changed_by=admin)
        add_model_version(session, service.id, data=b"<x/>", filename="b.bpmn", model=model,
                          findings=[], kind="soll")
        session.commit()


def _content(engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {t.name: [tuple(r) for r in connection.execute(_ordered(t))]
                for t in metadata.sorted_tables}


def test_backup_restore_identical(engine, db_url, tmp_path) -> None:
    """Runs for every pair of source and target database (also SQLite → PostgreSQL)."""
    _fill(engine)
    target_file = tmp_path / "sicherung.zip"
    summary = write_backup(engine, target_file)
    assert summary.tables["model_version"] == 2 and summary.tables["leika_leistung"] == 2
    assert target_file.stat().st_mode & 0o077 == 0  # readable by the owner only
    manifest = read_manifest(target_file)
    assert {t["name"] for t in manifest["tables"]} == {t.name for t in metadata.sorted_tables}
    target = make_engine(db_url)
    try:
        restore_backup(target, target_file)
        before, after = _content(engine), _content(target)
        for table in before:
            assert after[table] == before[table], table
        with make_session_factory(target)() as session:
            # Ids continue after the restored ones (sequences reset on PostgreSQL).
            created = create_service(session, name="Neu")
            assert created.id == 2
            session.commit()
        with pytest.raises(RestoreRefused, match="nicht leer"):
            restore_backup(target, target_file)
    finally:
        target.dispose()


def test_damaged_or_foreign_files_are_refused(sqlite_engine, tmp_path) -> None:
    _fill(sqlite_engine)
    good = tmp_path / "b.zip"
    write_backup(sqlite_engine, good)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "tables/service.jsonl":
                data = data.replace(b"Abbruch", b"Abriss!")
            dst.writestr(item, data)
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        with pytest.raises(RestoreRefused, match="Prüfsumme"):
            restore_backup(empty, damaged)
        with make_session_factory(empty)() as session:
            from sqlalchemy import func, select

            from inventory.tables import Service
            assert session.scalar(select(func.count()).select_from(Service)) == 0
        (tmp_path / "x.zip").write_bytes(b"not a zip")
        with pytest.raises(RestoreRefused, match="keine procmodel-Sicherung"):
            restore_backup(empty, tmp_path / "x.zip")
    finally:
        empty.dispose()


@pytest.mark.slow
def test_demo_register_with_every_part_restores_identically(sqlite_url, db_url, tmp_path):
    """The demo fills the tables of every part (strategy, analysis, …): all come back."""
    from click.testing import CliRunner

    from procmodel.cli import cli

    result = CliRunner().invoke(cli, ["demo", "--db", sqlite_url, "--today", "2026-11-01"])
    assert result.exit_code == 0, result.output
    source = make_engine(sqlite_url)
    target = make_engine(db_url)
    try:
        summary = write_backup(source, tmp_path / "demo.zip")
        filled = {name for name, rows in summary.tables.items() if rows}
        assert {"service", "status_history", "model_version", "app_user"} <= filled
        restore_backup(target, tmp_path / "demo.zip")
        before, after = _content(source), _content(target)
        for table in before:
            assert after[table] == before[table], table
    finally:
        source.dispose()
        target.dispose()
