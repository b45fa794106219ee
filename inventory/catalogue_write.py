"""Second pass of the catalogue import: bring the catalogue tables up to the parsed rows.

Only values that differ are written, so a repeated import changes nothing (not even
``updated_at``).  The OZG↔LeiKa links of every LeiKa-Leistung in the files are set to
exactly what the files say; LeiKa-Leistungen not in the files keep theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, selectinload

from inventory.catalogue_rows import ParsedCatalogue
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


def _themenfelder(session: Session, parsed: ParsedCatalogue, report: ImportReport,
                  tick: Callable[[str], None]) -> dict[str, int]:
    existing = {t.name.lower(): t for t in session.scalars(select(Themenfeld))}
    by_source: dict[str, Themenfeld] = {}
    for row in parsed.themenfelder:
        entry = existing.get(row.name.lower())
        created = entry is None
        if entry is None:
            entry = Themenfeld(name=row.name)
            session.add(entry)
            existing[row.name.lower()] = entry
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
        entry = existing.get(row.name.lower())
        created = entry is None
        if entry is None:
            entry = Lage(name=row.name)
            session.add(entry)
            existing[row.name.lower()] = entry
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


def _leika(session: Session, parsed: ParsedCatalogue, report: ImportReport,
           tick: Callable[[str], None]) -> None:
    existing = {le.identity: le for le in session.scalars(
        select(LeikaLeistung).options(selectinload(LeikaLeistung.typ_entries)))}
    ozg_db_ids = dict(session.execute(select(OzgLeistung.ozg_id, OzgLeistung.id)).all())
    links: dict[int, set[int]] = defaultdict(set)
    for leika_id, ozg_id in session.execute(
            select(ozg_leika.c.leika_leistung_id, ozg_leika.c.ozg_leistung_id)):
        links[leika_id].add(ozg_id)
    status: list[tuple[LeikaLeistung, bool, bool, set[int]]] = []
    for row in parsed.leika.values():
        entry = existing.get(row.identity)
        created = entry is None
        if entry is None:
            entry = LeikaLeistung(identity=row.identity, schluessel=row.schluessel,
                                  name=row.name, sdg_anhang1=False, sdg_anhang2=False)
            session.add(entry)
        values: dict[str, Any] = {"name": row.name, "schluessel": row.schluessel}
        if row.has_rechtsgrundlage:
            values["rechtsgrundlage"] = row.rechtsgrundlage
        if row.sdg_anhang1 is not None:
            values["sdg_anhang1"] = row.sdg_anhang1
        if row.sdg_anhang2 is not None:
            values["sdg_anhang2"] = row.sdg_anhang2
        if row.typ_raw is not None:
            values["typ_raw"] = row.typ_raw or None
        if row.attributes_key:
            attributes = dict(entry.attributes or {})
            attributes[row.attributes_key] = row.attributes
            if attributes != (entry.attributes or {}):
                values["attributes"] = attributes
        changed = _assign(entry, values)
        if row.typ_raw is not None and {t.code for t in entry.typ_entries} != row.typ_codes:
            entry.typ_entries = [LeikaTyp(code=code) for code in sorted(row.typ_codes)]
            changed = True
        if not row.schluessel:
            report.keyless += 1
        if not row.ozg_ids:
            report.without_ozg += 1
        wanted = {ozg_db_ids[o] for o in row.ozg_ids if o in ozg_db_ids}
        status.append((entry, created, changed, wanted))
        tick("LeiKa-Leistungen")
    session.flush()
    add: list[dict[str, int]] = []
    remove: list[tuple[int, int]] = []
    for entry, created, changed, wanted in status:
        have = links.get(entry.id, set())
        add.extend({"ozg_leistung_id": o, "leika_leistung_id": entry.id}
                   for o in sorted(wanted - have))
        remove.extend((o, entry.id) for o in sorted(have - wanted))
        _count(report.leika_leistungen, created, changed or wanted != have)
    if add:
        session.execute(insert(ozg_leika), add)
    for ozg_id, leika_id in remove:
        session.execute(delete(ozg_leika).where(ozg_leika.c.ozg_leistung_id == ozg_id,
                                                ozg_leika.c.leika_leistung_id == leika_id))
    report.links_added += len(add)
    report.links_removed += len(remove)
    session.flush()
