"""Register commands: init, db upgrade, catalogue and service exchange, backup, users.

Each command opens the register with :func:`procmodel.cli.context.open_register` (one
transaction; nothing is stored when it fails) and translates the register's errors
into messages and exit codes: 0 success, 1 the file was read but has errors (row-level
messages), 2 the input or database cannot be used at all.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from procmodel.cli import InputHasErrors, UnusableInput
from procmodel.cli.context import (
    database_problem,
    db_option,
    open_register,
    progress_reporter,
    register_engine,
    register_errors,
    resolve_db_url,
)


def _echo_warnings(warnings: list, limit: int = 20) -> None:
    from inventory.errors import summarise

    lines = summarise(list(warnings))  # the same warning for many rows is shown once
    for line in lines[:limit]:
        click.echo(f"  Warnung: {line}", err=True)
    if len(lines) > limit:
        click.echo(f"  … und {len(lines) - limit} weitere Warnungen "
                   "(alle mit --format json)", err=True)


@click.command("init")
@db_option
def init(db: str | None) -> None:
    """Leeres Register anlegen (Datenbank erstellen und auf den neuesten Stand bringen).

    Creates an empty register; an existing one is only migrated, never emptied.
    """
    from sqlalchemy.exc import OperationalError

    from inventory.migrate import current_revisions, upgrade

    engine = register_engine(db)
    try:
        existed = bool(current_revisions(engine))
        upgrade(engine)
    except OperationalError as exc:
        raise UnusableInput(database_problem(exc, resolve_db_url(db))) from exc
    except Exception as exc:
        raise UnusableInput(f"Datenbank nicht verwendbar / unusable database: {exc}") from exc
    finally:
        engine.dispose()
    url = resolve_db_url(db)
    if existed:
        click.echo(f"Register besteht bereits und ist aktuell: {url}")
    else:
        click.echo(f"Leeres Register angelegt: {url}")
        click.echo("Ersten Benutzer anlegen: procmodel user add NAME --role admin")


def _has_tables(engine) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(engine).get_table_names())


@click.group("db")
def db_group() -> None:
    """Datenbankschema verwalten / manage the database schema."""


@db_group.command("upgrade")
@db_option
def db_upgrade(db: str | None) -> None:
    """Schema auf den neuesten Stand bringen; vorhandene Daten bleiben erhalten.

    Migrates an existing register to the newest schema without losing data.
    """
    from sqlalchemy.exc import OperationalError

    from inventory.migrate import current_revisions, upgrade

    engine = register_engine(db, require_existing=True)
    try:
        before = current_revisions(engine)
        if not before and _has_tables(engine):
            raise UnusableInput("Die Datenbank enthält Tabellen, aber keine Migrationsangaben "
                                "des Registers – sie gehört nicht zu procmodel. / Not a "
                                "procmodel database.")
        if not before:
            raise UnusableInput("Die Datenbank ist leer – für ein neues Register `procmodel "
                                "init` ausführen. / The database is empty; run `procmodel "
                                "init`.")
        upgrade(engine)
        after = current_revisions(engine)
    except UnusableInput:
        raise
    except OperationalError as exc:
        raise UnusableInput(database_problem(exc, resolve_db_url(db))) from exc
    except Exception as exc:
        raise UnusableInput(f"Migration fehlgeschlagen / migration failed: {exc}") from exc
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"Schema ist aktuell ({', '.join(sorted(after))}).")
    else:
        click.echo(f"Schema migriert: {', '.join(sorted(before)) or 'leer'} → "
                   f"{', '.join(sorted(after))}.")


@db_group.command("status")
@db_option
def db_status(db: str | None) -> None:
    """Schemastand anzeigen (exit 1, wenn Migrationen fehlen) / show the schema state."""
    from sqlalchemy.exc import OperationalError

    from inventory.migrate import current_revisions, head_revisions

    engine = register_engine(db, require_existing=True)
    try:
        current = current_revisions(engine)
    except OperationalError as exc:
        raise UnusableInput(database_problem(exc, resolve_db_url(db))) from exc
    finally:
        engine.dispose()
    heads = head_revisions()
    click.echo(f"Datenbank: {', '.join(sorted(current)) or 'leer'}")
    click.echo(f"Programm:  {', '.join(sorted(heads))}")
    if current != heads:
        raise InputHasErrors("Migrationen fehlen: procmodel db upgrade")


def _parse_map(items: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for item in items:
        target, sep, column = item.partition("=")
        if not sep or not target.strip() or not column.strip():
            raise click.BadParameter(f"„{item}“: erwartet FELD=SPALTE", param_hint="--map")
        mapping[target.strip()] = column.strip()
    return mapping


@click.command("import-catalogue")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--preset", type=click.Choice(["ozg-katalog", "dashboard"]), default=None,
              help="Spaltenvorlage (Standard: an den Spaltenköpfen erkannt) / column preset")
@click.option("--map", "mapping", multiple=True, metavar="FELD=SPALTE",
              help="Eigene Spaltenzuordnung für LeiKa-Zeilen, z. B. schluessel=Schlüssel "
              "(Felder: schluessel, name, typ, ozg_id, ozg_name, rechtsgrundlage, "
              "sdg_anhang1, sdg_anhang2)")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Kodierung von CSV-Dateien / CSV encoding")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
def import_catalogue_cmd(files: tuple[Path, ...], preset: str | None,
                         mapping: tuple[str, ...], encoding: str, fmt: str,
                         db: str | None) -> None:
    """OZG-Katalog aus CSV/XLSX importieren (idempotent; Leistungen bleiben unberührt).

    Imports catalogue files; a file with a malformed OZG-ID or Leistungsschlüssel, a
    missing column or duplicate keys is refused whole with row-level messages.
    """
    from inventory.catalogue_import import import_catalogue

    column_map = _parse_map(mapping) or None
    with register_errors(), open_register(db) as session, \
            progress_reporter("Katalog", enabled=fmt == "text") as progress:
        report = import_catalogue(session, list(files), preset=preset, column_map=column_map,
                                  encoding=encoding, progress=progress)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    for source, kind, rows in report.files:
        click.echo(f"{source}: {rows} Zeilen ({kind})")
    for line in report.summary_lines():
        click.echo(line)
    _echo_warnings(report.warnings)


@click.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="Zieldatei / output file")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default=None,
              help="Format (Standard: nach der Dateiendung) / format (default: by suffix)")
@db_option
def export_cmd(output: Path, fmt: str | None, db: str | None) -> None:
    """Leistungen mit Status, Zielen und Katalogbezügen exportieren (CSV, XLSX, JSON)."""
    from inventory.exchange import export_services

    fmt = fmt or output.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx", "json"):
        raise click.BadParameter("Format aus der Endung nicht erkennbar; --format angeben",
                                 param_hint="--format")
    with register_errors(), open_register(db) as session:
        data = export_services(session, fmt)
    output.write_bytes(data)
    click.echo(f"Exportiert nach {output} ({fmt}, {len(data)} Bytes).")


@click.command("import-services")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default=None,
              help="Format (Standard: am Inhalt erkannt)")
@click.option("--encoding", default="utf-8", show_default=True)
@click.option("--user", "username", default=None,
              help="Benutzer, dem die Änderungen im Verlauf zugeschrieben werden")
@click.option("--match-by", "match_by", type=click.Choice(["auto", "id", "name"]),
              default="auto", show_default=True,
              help="Zuordnung der Zeilen: auto = Id dieses Registers, sonst Name + OZG-IDs + "
                   "Amt; id = nur bekannte Ids; name = Ids der Datei ignorieren (Export "
                   "eines anderen Registers)")
@db_option
def import_services_cmd(file: Path, fmt: str | None, encoding: str, username: str | None,
                        match_by: str, db: str | None) -> None:
    """Die eigene Leistungsliste importieren (gleiche Prüfungen wie im Web-Formular).

    Imports the city's service list (also the export of another register: unknown ids
    are matched by name or created); any invalid row refuses the whole file.
    """
    from inventory.exchange import import_services
    from inventory.users import user_by_name

    with register_errors(), open_register(db) as session, \
            progress_reporter("Leistungen") as progress:
        user = None
        if username:
            user = user_by_name(session, username)
            if user is None:
                raise click.BadParameter(f"Benutzer „{username}“ unbekannt",
                                         param_hint="--user")
        report = import_services(session, file.read_bytes(), filename=file.name, fmt=fmt,
                                 imported_by=user, encoding=encoding, progress=progress,
                                 match_by=match_by)
    click.echo(f"{report.created} neu, {report.updated} geändert, "
               f"{report.unchanged} unverändert.")
    _echo_warnings(report.warnings)


@click.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="Sicherungsdatei (.zip) / backup file")
@db_option
def backup_cmd(output: Path, db: str | None) -> None:
    """Das ganze Register sichern (alle Tabellen, Modelle bytegenau, Zugangsdaten als Hash).

    Writes every table to a zip file (format: docs/data-formats.md).
    """
    from inventory.backup import write_backup

    with open_register(db):
        pass  # refuses an unmigrated database before anything is written
    engine = register_engine(db)
    try:
        with register_errors(), progress_reporter("Sicherung") as progress:
            summary = write_backup(engine, output, progress=progress)
    except OSError as exc:
        raise UnusableInput(f"{output}: {exc.strerror or exc}") from None
    finally:
        engine.dispose()
    rows = sum(summary.tables.values())
    click.echo(f"Gesichert: {len(summary.tables)} Tabellen, {rows} Zeilen → {output}")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def restore_cmd(file: Path, db: str | None) -> None:
    """Sicherung in ein leeres Register zurückspielen (ergibt identischen Inhalt).

    Restores a backup into an empty database only.
    """
    from inventory.backup import restore_backup

    engine = register_engine(db)
    try:
        with register_errors(), progress_reporter("Wiederherstellung") as progress:
            counts = restore_backup(engine, file, progress=progress)
    finally:
        engine.dispose()
    click.echo(f"Wiederhergestellt: {len(counts)} Tabellen, {sum(counts.values())} Zeilen "
               f"in {resolve_db_url(db)}")


@click.group("user")
def user_group() -> None:
    """Benutzer verwalten / manage users."""


@user_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "analyst", "coordinator", "viewer"]),
              required=True)
@click.option("--name", "display_name", default=None, help="Anzeigename")
@click.option("--email", default=None)
@click.option("--department", default=None,
              help="Nur für Koordinatoren: auf diesen Fachbereich beschränken")
@click.option("--password-stdin", is_flag=True,
              help="Passwort von der Standardeingabe lesen (für Skripte)")
@db_option
def user_add(username: str, role: str, display_name: str | None, email: str | None,
             department: str | None, password_stdin: bool, db: str | None) -> None:
    """Benutzer anlegen (so entsteht auch der erste Administrator).

    Creates a user; the password is asked for (or read from stdin) and stored only as
    an argon2id hash.
    """
    from inventory.users import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Passwort", hide_input=True, confirmation_prompt=True)
    with register_errors(), open_register(db) as session:
        user = create_user(session, username, password, role=role,
                           display_name=display_name, email=email, department=department)
        user_id = user.id
    click.echo(f"Benutzer „{username}“ ({role}) angelegt, Id {user_id}.")


@user_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@db_option
def user_list(fmt: str, db: str | None) -> None:
    """Benutzer auflisten (ohne Passwort-Hashes) / list users."""
    from inventory.users import list_users

    with register_errors(), open_register(db) as session:
        rows = [{"id": u.id, "username": u.username, "display_name": u.display_name,
                 "role": u.role, "department": u.department, "active": u.active}
                for u in list_users(session)]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        scope = f" ({row['department']})" if row["department"] else ""
        state = "" if row["active"] else " [deaktiviert]"
        click.echo(f"{row['id']:>4}  {row['username']:<20} {row['role']}{scope}{state}")


def register(group: click.Group) -> None:
    """Add the register commands to the main ``procmodel`` group."""
    for command in (init, db_group, import_catalogue_cmd, export_cmd, import_services_cmd,
                    backup_cmd, restore_cmd, user_group):
        group.add_command(command)

