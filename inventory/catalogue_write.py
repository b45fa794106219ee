"""Second pass of the catalogue import: bring the catalogue tables up to the parsed rows.

Only values that differ are written, so a repeated import changes nothing (not even
``updated_at``).  The OZG↔LeiKa links of every LeiKa-Leistung in the files are set to
exactly what the files say; LeiKa-Leistungen not in the files keep theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from inventory.catalogue_rows import ParsedCatalogue
from inventory.db import utcnow
from inventory.tables import Lage, LeikaLeistung, LeikaTyp, OzgLeistung, Themenfeld, ozg_leika

if TYPE_CHECKING:
    from inventory.catalogue_import import EntityCount, ImportReport

Progress = Callable[[int, int, str], None]
_CHUNK = 500


def _assign(obj: object, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _count(counter: EntityCount, created: bool, changed: bool) -> None:
    if created:
        counter.created += 1
    elif changed:
        counter.updated += 1
    else:
        counter.unchanged += 1


def write_catalogue(session: Session, parsed: ParsedCatalogue, report: ImportReport, *,
                    progress: Progress | None = None) -> None:
    """Write ``parsed`` into the catalogue tables, counting into ``report``."""
    total = (len(parsed.themenfelder) + len(parsed.lagen) + len(parsed.ozg)
             + len(parsed.ozg_names) + len(parsed.leika))
    done = 0

    def tick(what: str, step: int = 1) -> None:
        nonlocal done
        done += step
        if progress is not None and (done % _CHUNK == 0 or done == total):
            progress(done, total, what)

    themenfeld_ids = _themenfelder(session, parsed, report, tick)
    lage_ids = _lagen(session, parsed, report, themenfeld_ids, tick)
    _ozg(session, parsed, report, lage_ids, tick)
    _leika(session, parsed, report, tick)
    if progress is not None:
        progress(total, total, "fertig")


def _find_or_add(session: Session, existing: dict[str, Any], table: Any,
                 name: str) -> tuple[Any, bool]:
    """The entry of ``existing`` (keyed by lower-case name) called ``name``, or a new one
    of ``table`` added to the session and to ``existing``; and whether it is new."""
    entry = existing.get(name.lower())
    if entry is not None:
        return entry, False
    entry = table(name=name)
    session.add(entry)
    existing[name.lower()] = entry
    return entry, True


def _themenfelder(session: Session, parsed: ParsedCatalogue, report: ImportReport,
                  tick: Callable[[str], None]) -> dict[str, int]:
    existing = {t.name.lower(): t for t in session.scalars(select(Themenfeld))}
    by_source: dict[str, Themenfeld] = {}
    for row in parsed.themenfelder:
        entry, created = _find_or_add(session, existing, Themenfeld, row.name)
        changed = _assign(entry, {"name": row.name})
        _count(report.themenfelder, created, changed)
        by_source[row.source_id] = entry
        tick("Themenfelder")
    session.flush()
    return {source: entry.id for source, entry in by_source.items()}


def _lagen(session: Session, parsed: ParsedCatalogue, report: ImportReport,
           themenfeld_ids: dict[str, int], tick: Callable[[str], None]) -> dict[str, int]:
    existing = {lage.name.lower(): lage for lage in session.scalars(select(Lage))}
    by_source: dict[str, Lage] = {}
    for row in parsed.lagen:
        entry, created = _find_or_add(session, existing, Lage, row.name)
        values: dict[str, Any] = {"name": row.name}
        if parsed.has_themenfelder:
            values["themenfeld_id"] = themenfeld_ids.get(row.themenfeld_source_id or "")
        changed = _assign(entry, values)
        _count(report.lagen, created, changed)
        by_source[row.source_id] = entry
        tick("Lagen")
    session.flush()
    return {source: entry.id for source, entry in by_source.items()}


def _ozg(session: Session, parsed: ParsedCatalogue, report: ImportReport,
         lage_ids: dict[str, int], tick: Callable[[str], None]) -> None:
    existing = {o.ozg_id: o for o in session.scalars(select(OzgLeistung))}
    for row in parsed.ozg:
        entry = existing.get(row.ozg_id)
        created = entry is None
        if entry is None:
            entry = OzgLeistung(ozg_id=row.ozg_id, name=row.name)
            session.add(entry)
            existing[row.ozg_id] = entry
        values: dict[str, Any] = {"name": row.name, "description": row.description}
        if parsed.has_lagen:
            values["lage_id"] = lage_ids.get(row.lage_source_id or "")
        changed = _assign(entry, values)
        _count(report.ozg_leistungen, created, changed)
        tick("OZG-Leistungen")
    # OZG-Leistungen named only in LeiKa rows (dashboard export: ozgid + ozg_bezeichnung).
    in_files = {row.ozg_id for row in parsed.ozg}
    for ozg_id, name in parsed.ozg_names.items():
        if ozg_id in in_files:
            continue
        entry = existing.get(ozg_id)
        created = entry is None
        if entry is None:
            entry = OzgLeistung(ozg_id=ozg_id, name=name)
            session.add(entry)
            existing[ozg_id] = entry
        _count(report.ozg_leistungen, created, _assign(entry, {"name": name}))
        tick("OZG-Leistungen")
    session.flush()


_LEIKA_COLUMNS = ("name", "schluessel", "typ_raw", "rechtsgrundlage", "sdg_anhang1",
                  "sdg_anhang2", "attributes")


def _leika(session: Session, parsed: ParsedCatalogue, report: ImportReport,
           tick: Callable[[str], None]) -> None:
    """Write the LeiKa rows with Core statements: thousands of rows, few columns each.

    The ORM unit of work would spend seconds on bookkeeping here; plain executemany
    INSERT/UPDATE statements do the same work in a fraction of that time.
    """
    table = LeikaLeistung.__table__
    existing = {row.identity: row for row in session.execute(
        select(table.c.id, table.c.identity, *(table.c[c] for c in _LEIKA_COLUMNS)))}
    codes: dict[int, set[str]] = defaultdict(set)
    for leika_id, code in session.execute(select(LeikaTyp.leika_leistung_id, LeikaTyp.code)):
        codes[leika_id].add(code)
    ozg_db_ids = dict(session.execute(select(OzgLeistung.ozg_id, OzgLeistung.id)).all())
    links: dict[int, set[int]] = defaultdict(set)
    for leika_id, ozg_id in session.execute(
            select(ozg_leika.c.leika_leistung_id, ozg_leika.c.ozg_leistung_id)):
        links[leika_id].add(ozg_id)
    now = utcnow()
    new_rows: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    typ_replace: dict[str, frozenset[str]] = {}  # identity -> codes to store
    wanted_links: dict[str, set[int]] = {}
    created_identities: set[str] = set()
    changed_identities: set[str] = set()
    for row in parsed.leika.values():
        current = existing.get(row.identity)
        values: dict[str, Any] = {"name": row.name, "schluessel": row.schluessel}
        if row.has_rechtsgrundlage:
            values["rechtsgrundlage"] = row.rechtsgrundlage
        if row.sdg_anhang1 is not None:
            values["sdg_anhang1"] = row.sdg_anhang1
        if row.sdg_anhang2 is not None:
            values["sdg_anhang2"] = row.sdg_anhang2
        if row.typ_raw is not None:
            values["typ_raw"] = row.typ_raw or None
        old_attributes = (current.attributes if current is not None else None) or {}
        if row.attributes_key:
            attributes = dict(old_attributes)
            attributes[row.attributes_key] = row.attributes
            if attributes != old_attributes:
                values["attributes"] = attributes
        if current is None:
            created_identities.add(row.identity)
            new_rows.append({"identity": row.identity, "sdg_anhang1": False,
                             "sdg_anhang2": False, "typ_raw": None, "rechtsgrundlage": None,
                             "attributes": None, **values, "updated_at": now})
            typ_replace[row.identity] = row.typ_codes
        else:
            diff = {k: v for k, v in values.items() if getattr(current, k) != v}
            if row.typ_raw is not None and codes.get(current.id, set()) != row.typ_codes:
                typ_replace[row.identity] = row.typ_codes
                changed_identities.add(row.identity)
            if diff:
                updates.append({"b_id": current.id, **diff, "updated_at": now})
                changed_identities.add(row.identity)
        if not row.schluessel:
            report.keyless += 1
        if not row.ozg_ids:
            report.without_ozg += 1
        wanted_links[row.identity] = {ozg_db_ids[o] for o in row.ozg_ids if o in ozg_db_ids}
        tick("LeiKa-Leistungen")
    ids = {identity: row.id for identity, row in existing.items()}
    if new_rows:
        inserted = session.execute(
            insert(table).returning(table.c.id, table.c.identity,
                                    sort_by_parameter_order=True), new_rows)
        ids.update({identity: leika_id for leika_id, identity in inserted})
    for group in _by_columns(updates):
        statement = update(table).where(table.c.id == bindparam("b_id"))
        session.execute(statement.values({k: bindparam(k) for k in group[0] if k != "b_id"}),
                        group)
    if typ_replace:
        replaced = [ids[i] for i in typ_replace if i not in created_identities]
        for chunk in range(0, len(replaced), 500):
            session.execute(delete(LeikaTyp.__table__).where(
                LeikaTyp.__table__.c.leika_leistung_id.in_(replaced[chunk:chunk + 500])))
        typ_rows = [{"leika_leistung_id": ids[i], "code": code}
                    for i, found in typ_replace.items() for code in sorted(found)]
        if typ_rows:
            session.execute(insert(LeikaTyp.__table__), typ_rows)
    add: list[dict[str, int]] = []
    remove: list[tuple[int, int]] = []
    for identity, wanted in wanted_links.items():
        leika_id = ids[identity]
        have = links.get(leika_id, set())
        add.extend({"ozg_leistung_id": o, "leika_leistung_id": leika_id}
                   for o in sorted(wanted - have))
        remove.extend((o, leika_id) for o in sorted(have - wanted))
        changed = identity in changed_identities or wanted != have
        _count(report.leika_leistungen, identity in created_identities, changed)
    if add:
        session.execute(insert(ozg_leika), add)
    for ozg_id, leika_id in remove:
        session.execute(delete(ozg_leika).where(ozg_leika.c.ozg_leistung_id == ozg_id,
                                                ozg_leika.c.leika_leistung_id == leika_id))
    report.links_added += len(add)
    report.links_removed += len(remove)
    # Objects the caller may hold were changed behind the ORM's back: reload them on use.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, LeikaLeistung | LeikaTyp | OzgLeistung):
            session.expire(obj)


def _by_columns(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group UPDATE parameter sets by the columns they set (one executemany per group)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(row))].append(row)
    return list(groups.values())
