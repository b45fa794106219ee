"""Queries on the OZG catalogue (Themenfelder, Lagen, OZG- and LeiKa-Leistungen)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from inventory.db import casefold
from inventory.tables import Lage, LeikaLeistung, LeikaTyp, OzgLeistung, Themenfeld, ozg_leika

#: LeiKa-Typ codes in a municipality's scope (executed by the Kommune).
MUNICIPAL_TYP_CODES: frozenset[str] = frozenset({"2/3", "3", "4", "5"})


def themenfelder(session: Session) -> list[Themenfeld]:
    return list(session.scalars(select(Themenfeld).order_by(Themenfeld.name)))


def lagen(session: Session, *, themenfeld_id: int | None = None) -> list[Lage]:
    query = select(Lage).order_by(Lage.name)
    if themenfeld_id is not None:
        query = query.where(Lage.themenfeld_id == themenfeld_id)
    return list(session.scalars(query))


def ozg_by_id(session: Session, ozg_id: str) -> OzgLeistung | None:
    """The OZG-Leistung with this 5-digit OZG-ID."""
    return session.scalars(select(OzgLeistung).where(OzgLeistung.ozg_id == ozg_id.strip())
                           ).first()


def leika_by_key(session: Session, schluessel: str) -> LeikaLeistung | None:
    """The LeiKa-Leistung with this 14-digit Leistungsschlüssel."""
    return session.scalars(select(LeikaLeistung).where(
        LeikaLeistung.schluessel == schluessel.strip())).first()


def ozg_leistungen(session: Session, *, themenfeld_id: int | None = None,
                   lage_id: int | None = None) -> list[OzgLeistung]:
    """OZG-Leistungen ordered by OZG-ID, optionally of one Themenfeld or Lage."""
    query = select(OzgLeistung).order_by(OzgLeistung.ozg_id)
    if lage_id is not None:
        query = query.where(OzgLeistung.lage_id == lage_id)
    if themenfeld_id is not None:
        query = query.join(Lage).where(Lage.themenfeld_id == themenfeld_id)
    return list(session.scalars(query))


def leika_of_ozg(session: Session, ozg_id: str, *, typ_codes: frozenset[str] | None = None
                 ) -> list[LeikaLeistung]:
    """The LeiKa-Leistungen of one OZG-Leistung (optionally only those with a type among
    ``typ_codes``, e.g. :data:`MUNICIPAL_TYP_CODES`)."""
    query = (select(LeikaLeistung).join(ozg_leika).join(OzgLeistung)
             .where(OzgLeistung.ozg_id == ozg_id).order_by(LeikaLeistung.name))
    if typ_codes is not None:
        query = query.where(LeikaLeistung.id.in_(
            select(LeikaTyp.leika_leistung_id).where(LeikaTyp.code.in_(sorted(typ_codes)))))
    return list(session.scalars(query))


@dataclass(frozen=True)
class CatalogueHit:
    """One search result: ``kind`` ``"ozg"`` or ``"leika"``, the key and the name."""

    kind: str
    key: str | None
    name: str
    id: int


def search_catalogue(session: Session, text: str, *, limit: int = 20) -> list[CatalogueHit]:
    """OZG- and LeiKa-Leistungen whose name, OZG-ID or Leistungsschlüssel contain ``text``."""
    needle = text.strip()
    if not needle:
        return []
    pattern = casefold(literal(f"%{needle}%"))
    hits = [CatalogueHit("ozg", o.ozg_id, o.name, o.id) for o in session.scalars(
        select(OzgLeistung).where(or_(casefold(OzgLeistung.name).like(pattern),
                                      OzgLeistung.ozg_id.like(f"{needle}%")))
        .order_by(OzgLeistung.ozg_id).limit(limit))]
    hits += [CatalogueHit("leika", le.schluessel, le.name, le.id) for le in session.scalars(
        select(LeikaLeistung).where(or_(casefold(LeikaLeistung.name).like(pattern),
                                        LeikaLeistung.schluessel.like(f"{needle}%")))
        .options(selectinload(LeikaLeistung.typ_entries))
        .order_by(LeikaLeistung.name).limit(limit))]
    return hits[:limit]


def catalogue_counts(session: Session) -> dict[str, int]:
    """How many entries each catalogue table holds."""
    def count(table: type) -> int:
        return session.scalar(select(func.count()).select_from(table)) or 0

    return {
        "themenfelder": count(Themenfeld),
        "lagen": count(Lage),
        "ozg_leistungen": count(OzgLeistung),
        "leika_leistungen": count(LeikaLeistung),
        "leika_ohne_schluessel": session.scalar(select(func.count()).select_from(
            LeikaLeistung).where(LeikaLeistung.schluessel.is_(None))) or 0,
        "zuordnungen": session.scalar(select(func.count()).select_from(ozg_leika)) or 0,
    }
