"""Backup and restore of the whole register, generically over every table.

The backup is a zip file (format described in ``docs/data-formats.md``):

- ``manifest.json`` — format name and version, creation time, the schema revisions
  (Alembic heads) the data belongs to, and per table its columns, row count, member
  file and the SHA-256 of that member;
- ``tables/<table>.jsonl`` — one JSON object per row, in primary-key order; binary
  values base64, timestamps ISO 8601 with offset, dates ISO, decimals as text.

Every table of ``Base.metadata`` is written, so tables added by other parts (strategy,
analysis, jobs, tokens) are covered without changes here.  Credentials are written as
stored: password hashes (argon2id) and token hashes, never plain text; the file is
created readable by its owner only.  Restoring requires an empty register (a new
database, or one that holds nothing but what the migrations seed), brings it to the
backup's schema revisions, inserts every row with its original key, resets
PostgreSQL's id sequences and finally migrates to the newest schema.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Numeric,
    Table,
    Time,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql import Select
from sqlalchemy.types import TypeDecorator, TypeEngine

import inventory.schema
from inventory.db import utcnow
from inventory.errors import RestoreRefused
from inventory.migrate import alembic_config, current_revisions

FORMAT = "procmodel-backup"
FORMAT_VERSION = 1
_BATCH = 1000

Progress = Callable[[int, int, str], None]


def _base_type(type_: TypeEngine[Any]) -> TypeEngine[Any]:
    while isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    return type_


def codec_of(column: Column[Any]) -> str:
    """How a column's values are written: binary, datetime, date, time, decimal, json, plain."""
    type_ = _base_type(column.type)
    if isinstance(type_, LargeBinary):
        return "binary"
    if isinstance(type_, DateTime):
        return "datetime"
    if isinstance(type_, Date):
        return "date"
    if isinstance(type_, Time):
        return "time"
    if isinstance(type_, JSON):
        return "json"
    if isinstance(type_, Numeric) and type_.asdecimal and not isinstance(type_, Integer):
        return "decimal"
    return "plain"


def _encode(codec: str, value: Any) -> Any:
    if value is None:
        return None
    if codec == "binary":
        return base64.b64encode(bytes(value)).decode("ascii")
    if codec in ("datetime", "date", "time"):
        return value.isoformat()
    if codec == "decimal":
        return str(value)
    return value


def _decode(codec: str, value: Any) -> Any:
    if value is None:
        return None
    if codec == "binary":
        return base64.b64decode(value)
    if codec == "datetime":
        return datetime.fromisoformat(value)
    if codec == "date":
        return date.fromisoformat(value)
    if codec == "time":
        return time.fromisoformat(value)
    if codec == "decimal":
        return Decimal(value)
    return value


def _tables() -> list[Table]:
    return list(inventory.schema.metadata.sorted_tables)


def _ordered(table: Table) -> Select[Any]:
    keys = list(table.primary_key.columns) or list(table.columns)
    return select(table).order_by(*keys)


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: dict[str, int]
    revisions: list[str]


def write_backup(engine: Engine, path: str | Path, *, progress: Progress | None = None
                 ) -> BackupSummary:
    """Write every table of the register to the zip file ``path`` (replaced atomically)."""
    path = Path(path)
    tables = _tables()
    temporary = path.with_name(f".{path.name}.part")
    counts: dict[str, int] = {}
    entries = []
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" \
        else {}
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw, \
                zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
                engine.connect().execution_options(**options) as connection, \
                connection.begin():
            # One read transaction: a consistent snapshot of all tables.
            revisions = sorted(current_revisions_on(connection))
            existing = set(inspect(connection).get_table_names())
            for index, table in enumerate(tables, start=1):
                if table.name not in existing:
                    continue
                codecs = {c.name: codec_of(c) for c in table.columns}
                member = f"tables/{table.name}.jsonl"
                digest = hashlib.sha256()
                rows = 0
                with archive.open(member, "w", force_zip64=True) as out:
                    result = connection.execution_options(yield_per=_BATCH).execute(
                        _ordered(table))
                    for row in result.mappings():
                        line = json.dumps({k: _encode(codecs[k], v) for k, v in row.items()},
                                          ensure_ascii=False, sort_keys=True).encode() + b"\n"
                        digest.update(line)
                        out.write(line)
                        rows += 1
                counts[table.name] = rows
                entries.append({"name": table.name, "file": member, "rows": rows,
                                "sha256": digest.hexdigest(),
                                "columns": [{"name": c, "codec": k} for c, k in codecs.items()]})
                if progress is not None:
                    progress(index, len(tables), table.name)
            manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                        "created_at": utcnow().isoformat(), "revisions": revisions,
                        "dialect": engine.dialect.name, "tables": entries}
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False,
                                                         indent=2))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return BackupSummary(path, counts, revisions)


def current_revisions_on(connection: Connection) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    return set(MigrationContext.configure(connection).get_current_heads())


def read_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest of a backup file (checked for format and version)."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except (OSError, zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise RestoreRefused(f"{path}: keine procmodel-Sicherung ({exc}).") from None
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(f"{path}: unbekanntes Format {manifest.get('format')!r}.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise RestoreRefused(f"{path}: Formatversion {manifest.get('format_version')} wird "
                             f"nicht unterstützt (erwartet {FORMAT_VERSION}).")
    return manifest


def _seed_counts() -> dict[str, int]:
    """Rows per table that the migrations alone create (the seeded default lists)."""
    from inventory.db import make_engine
    from inventory.migrate import upgrade

    scratch = make_engine("sqlite://", poolclass=StaticPool)
    try:
        upgrade(scratch)
        with scratch.connect() as connection:
            return {t.name: connection.execute(select(func.count()).select_from(t)).scalar()
                    or 0 for t in _tables()}
    finally:
        scratch.dispose()


def is_empty(engine: Engine) -> bool:
    """Whether the database holds no data beyond what the migrations seed.

    Every table counts (also those of other parts): it may hold at most as many rows as
    a freshly migrated database has in it.
    """
    existing = set(inspect(engine).get_table_names())
    if not existing & {t.name for t in _tables()}:
        return True
    seeds = _seed_counts()
    with engine.connect() as connection:
        for table in _tables():
            if table.name in existing:
                rows = connection.execute(select(func.count()).select_from(table)).scalar()
                if (rows or 0) > seeds.get(table.name, 0):
                    return False
    return True


def _rows(archive: zipfile.ZipFile, entry: dict[str, Any]) -> Iterator[dict[str, Any]]:
    codecs = {c["name"]: c["codec"] for c in entry["columns"]}
    digest = hashlib.sha256()
    with archive.open(entry["file"]) as member:
        for line in member:
            digest.update(line)
            row = json.loads(line)
            yield {k: _decode(codecs.get(k, "plain"), v) for k, v in row.items()}
    if digest.hexdigest() != entry["sha256"]:
        raise RestoreRefused(f"{entry['file']}: Prüfsumme stimmt nicht – Sicherung beschädigt.")


def restore_backup(engine: Engine, path: str | Path, *, progress: Progress | None = None
                   ) -> dict[str, int]:
    """Restore a backup into an empty register; returns rows per table.

    Refuses (:class:`RestoreRefused`) a database that already holds register data, a
    backup of a schema revision the code does not know, or a damaged file.  All rows are
    inserted in one transaction: a failure leaves the database as it was.
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    manifest = read_manifest(path)
    revisions = set(manifest["revisions"])
    script = ScriptDirectory.from_config(alembic_config())
    for revision in revisions:
        try:
            script.get_revision(revision)
        except Exception:  # alembic raises several kinds for unknown ids
            raise RestoreRefused(f"Die Sicherung stammt von einer neueren Version "
                                 f"(Schema-Revision {revision} unbekannt).") from None
    if not is_empty(engine):
        raise RestoreRefused("Die Zieldatenbank ist nicht leer; Wiederherstellung nur in eine "
                             "leere Datenbank (neu angelegt oder nur `procmodel init`).")
    current = current_revisions(engine)
    if current and current != revisions:
        raise RestoreRefused(
            f"Die Zieldatenbank hat den Schemastand {sorted(current)}, die Sicherung "
            f"{sorted(revisions)}. Bitte in eine neu angelegte Datenbank wiederherstellen.")
    if not current:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            for revision in sorted(revisions):
                command.upgrade(config, revision)
    tables = {t.name: t for t in _tables()}
    entries = manifest["tables"]
    unknown = [e["name"] for e in entries if e["name"] not in tables]
    if unknown:
        raise RestoreRefused("Unbekannte Tabellen in der Sicherung: " + ", ".join(unknown))
    counts: dict[str, int] = {}
    with zipfile.ZipFile(path) as archive, engine.begin() as connection:
        present = set(inspect(connection).get_table_names())
        # Seed rows of the migrations are replaced by the backup's own rows.
        for table in reversed(_tables()):
            if table.name in present:
                connection.execute(delete(table))
        for index, entry in enumerate(entries, start=1):
            table = tables[entry["name"]]
            batch: list[dict[str, Any]] = []
            count = 0
            for row in _rows(archive, entry):
                batch.append(row)
                if len(batch) >= _BATCH:
                    connection.execute(insert(table), batch)
                    count += len(batch)
                    batch = []
            if batch:
                connection.execute(insert(table), batch)
                count += len(batch)
            if count != entry["rows"]:
                raise RestoreRefused(f"{entry['file']}: {count} Zeilen statt {entry['rows']}.")
            counts[table.name] = count
            if progress is not None:
                progress(index, len(entries), table.name)
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, [tables[e["name"]] for e in entries])
    from inventory.migrate import upgrade

    upgrade(engine)
    return counts


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """Move each serial/identity sequence past the restored ids (PostgreSQL)."""
    for table in tables:
        for column in table.primary_key.columns:
            if not isinstance(_base_type(column.type), Integer) or \
                    column.autoincrement is False:
                continue
            sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                          {"t": table.name, "c": column.name}).scalar()
            if sequence is None:
                continue
            highest = connection.execute(select(func.max(column))).scalar()
            connection.execute(text("SELECT setval(:s, :v, :called)"),
                               {"s": sequence, "v": highest or 1,
                                "called": highest is not None})
