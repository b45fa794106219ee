"""The register commands end to end on real databases, with their exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import text

from inventory.db import make_engine
from procmodel.cli import cli


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def test_register_commands_on_sqlite(sqlite_url, tmp_path) -> None:
    db = ("--db", sqlite_url)
    assert run("export", "-o", str(tmp_path / "x.json"), *db).exit_code == 2  # not initialised
    result = run("init", *db)
    assert result.exit_code == 0 and "Leeres Register angelegt" in result.output
    result = run("user", "add", "admin", "--role", "admin", "--password-stdin", *db,
                 input="ein-langes-passwort\n")
    assert result.exit_code == 0, result.output
    assert run("user", "add", "kurz", "--role", "viewer", "--password-stdin", *db,
               input="kurz\n").exit_code == 1
    users = json.loads(run("user", "list", "--format", "json", *db).output)
    assert [u["username"] for u in users] == ["admin"]

    (tmp_path / "ozg.csv").write_text("ozg_id,name\n10513,Abbruchgenehmigung\n10094,Park\n",
                                      encoding="utf-8")
    result = run("import-catalogue", str(tmp_path / "ozg.csv"), "--format", "json", *db)
    assert result.exit_code == 0
    assert json.loads(result.output)["ozg_leistungen"]["created"] == 2
    (tmp_path / "bad.csv").write_text("ozg_id,name\n1051,Kaputt\n", encoding="utf-8")
    result = run("import-catalogue", str(tmp_path / "bad.csv"), *db)
    assert result.exit_code == 1 and "Zeile 2" in result.output and "ozg_id" in result.output
    (tmp_path / "cols.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert run("import-catalogue", str(tmp_path / "cols.csv"), *db).exit_code == 2

    (tmp_path / "liste.csv").write_text(
        "name;reifegrad;ozg_ids;department\nAbbruchgenehmigung;2;10513;Bauaufsicht\n"
        "Parkausweis;3;10094;Straßenverkehr\n", encoding="utf-8")
    result = run("import-services", str(tmp_path / "liste.csv"), "--user", "admin", *db)
    assert result.exit_code == 0 and "2 neu" in result.output
    (tmp_path / "falsch.csv").write_text("name;reifegrad\nWohngeld;9\n", encoding="utf-8")
    result = run("import-services", str(tmp_path / "falsch.csv"), *db)
    assert result.exit_code == 1 and "Zeile 2" in result.output and "Reifegrad 9" in result.output

    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"export.{fmt}"
        assert run("export", "-o", str(out), *db).exit_code == 0
        assert out.stat().st_size > 0
    exported = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in exported["services"]] == ["Abbruchgenehmigung", "Parkausweis"]

    backup = tmp_path / "sicherung.zip"
    assert run("backup", "-o", str(backup), *db).exit_code == 0
    copy_url = f"sqlite:///{tmp_path / 'kopie.sqlite3'}"
    result = run("restore", str(backup), "--db", copy_url)
    assert result.exit_code == 0, result.output
    assert run("restore", str(backup), "--db", copy_url).exit_code == 2  # not empty any more
    engine = make_engine(copy_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM service")).scalar() == 2
    engine.dispose()


def test_db_upgrade_keeps_data(db_url) -> None:
    assert run("init", "--db", db_url).exit_code == 0
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO themenfeld (name) VALUES ('Bildung')"))
    engine.dispose()
    result = run("db", "upgrade", "--db", db_url)
    assert result.exit_code == 0 and "aktuell" in result.output
    assert run("db", "status", "--db", db_url).exit_code == 0
    assert "bereits" in run("init", "--db", db_url).output
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM themenfeld")).scalar() == "Bildung"
    engine.dispose()


def test_export_imports_into_another_register(tmp_path) -> None:
    """`procmodel export` then `import-services` into a fresh register works as it is."""
    source, target = (("--db", f"sqlite:///{tmp_path / name}.sqlite3")
                      for name in ("quelle", "ziel"))
    catalogue = tmp_path / "ozg.csv"
    catalogue.write_text("ozg_id,name\n10513,Abbruchgenehmigung\n10094,Park\n",
                         encoding="utf-8")
    (tmp_path / "liste.csv").write_text(
        "name;reifegrad;ozg_ids;department\nAbbruchgenehmigung;2;10513;Bauaufsicht\n"
        "Parkausweis;3;10094;Straßenverkehr\nHundesteuer;1;;Steueramt\n", encoding="utf-8")
    for db in (source, target):
        assert run("init", *db).exit_code == 0
        assert run("import-catalogue", str(catalogue), *db).exit_code == 0
    assert run("import-services", str(tmp_path / "liste.csv"), *source).exit_code == 0
    assert run("import-services", str(tmp_path / "liste.csv"), *target).exit_code == 0
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"svc.{fmt}"
        assert run("export", "-o", str(out), *source).exit_code == 0
        # The target holds the same services under the same ids: matched, unchanged.
        result = run("import-services", str(out), *target)
        assert result.exit_code == 0, result.output
        assert "0 neu, 0 geändert, 3 unverändert" in result.output

    fresh = ("--db", f"sqlite:///{tmp_path / 'frisch.sqlite3'}")
    assert run("init", *fresh).exit_code == 0
    assert run("import-catalogue", str(catalogue), *fresh).exit_code == 0
    result = run("import-services", str(tmp_path / "svc.csv"), "--match-by", "id", *fresh)
    assert result.exit_code == 1
    assert result.output.count("gibt es in diesem Register nicht") == 1
    assert "Zeilen 2–4 (3×), Spalte „id“" in result.output
    result = run("import-services", str(tmp_path / "svc.csv"), *fresh)
    assert result.exit_code == 0 and "3 neu" in result.output, result.output
    exported = json.loads((tmp_path / "svc.json").read_text(encoding="utf-8"))
    out = tmp_path / "wieder.json"
    assert run("export", "-o", str(out), *fresh).exit_code == 0
    again = json.loads(out.read_text(encoding="utf-8"))
    columns = ("name", "department", "reifegrad", "ozg_ids", "handlungsfeld")
    assert [[s[c] for c in columns] for s in again["services"]] == \
        [[s[c] for c in columns] for s in exported["services"]]


def test_mistyped_database_is_refused_not_created(tmp_path) -> None:
    missing = tmp_path / "tippfehler" / "register.sqlite3"
    for args in (("db", "upgrade"), ("db", "status"), ("export", "-o", str(tmp_path / "x.csv"))):
        result = run(*args, "--db", f"sqlite:///{missing}")
        assert result.exit_code == 2 and "Datenbank nicht gefunden" in result.output
        assert "procmodel init" in result.output
    assert not missing.parent.exists()
    empty = tmp_path / "leer.sqlite3"
    empty.touch()
    result = run("db", "upgrade", "--db", f"sqlite:///{empty}")
    assert result.exit_code == 2 and "leer" in result.output
    # Nothing listens on port 1: one line naming host, port and database, no SQLAlchemy text.
    refused = "postgresql+psycopg://postgres:geheim@127.0.0.1:1/register"
    for args in (("db", "upgrade"), ("init",), ("export", "-o", str(tmp_path / "x.csv"))):
        result = run(*args, "--db", refused)
        assert result.exit_code == 2
        assert "Datenbank nicht erreichbar" in result.output and "127.0.0.1:1" in result.output
        assert "„register“" in result.output and "geheim" not in result.output
        assert "sqlalche.me" not in result.output
