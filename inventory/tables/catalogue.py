"""The OZG catalogue: Themenfelder, Lagen, OZG-Leistungen and LeiKa-Leistungen.

Catalogue rows come from imports (:mod:`inventory.catalogue_import`) and are shared
by all services; a re-import updates them but never touches services.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inventory.db import Base, UtcDateTime, utcnow

#: Many-to-many: an OZG-Leistung bundles LeiKa-Leistungen; a LeiKa-Leistung may sit in several.
ozg_leika = Table(
    "ozg_leika",
    Base.metadata,
    Column("ozg_leistung_id", ForeignKey("ozg_leistung.id", ondelete="CASCADE"),
           primary_key=True),
    Column("leika_leistung_id", ForeignKey("leika_leistung.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)


class Themenfeld(Base):
    """One of the OZG subject areas (14 in the catalogue)."""

    __tablename__ = "themenfeld"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)

    lagen: Mapped[list[Lage]] = relationship(back_populates="themenfeld")


class Lage(Base):
    """A Lebenslage or Unternehmenslage (life or business situation)."""

    __tablename__ = "lage"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    themenfeld_id: Mapped[int | None] = mapped_column(
        ForeignKey("themenfeld.id", ondelete="SET NULL"), index=True)

    themenfeld: Mapped[Themenfeld | None] = relationship(back_populates="lagen")
    ozg_leistungen: Mapped[list[OzgLeistung]] = relationship(back_populates="lage")


class OzgLeistung(Base):
    """An OZG-Leistung, identified by its 5-digit OZG-ID."""

    __tablename__ = "ozg_leistung"

    id: Mapped[int] = mapped_column(primary_key=True)
    ozg_id: Mapped[str] = mapped_column(String(5), unique=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    lage_id: Mapped[int | None] = mapped_column(ForeignKey("lage.id", ondelete="SET NULL"),
                                                index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    lage: Mapped[Lage | None] = relationship(back_populates="ozg_leistungen")
    leika_leistungen: Mapped[list[LeikaLeistung]] = relationship(
        secondary=ozg_leika, back_populates="ozg_leistungen", order_by="LeikaLeistung.name")


class LeikaLeistung(Base):
    """A LeiKa-Leistung: one administrative service of the national catalogue.

    ``schluessel`` is the 14-digit Leistungsschlüssel, ``None`` for services the
    catalogue lists without one ("nicht im LeiKa").  ``identity`` makes every row
    addressable: ``"k:<schluessel>"`` for keyed rows, ``"n:<ozg-id>:<name>"`` for keyless
    ones (what a re-import matches on).  LeiKa-Typ is a set of codes (table
    :class:`LeikaTyp`); ``typ_raw`` keeps the value exactly as imported.
    ``attributes`` holds further columns of the source (e.g. the federal dashboard's
    ``url``, ``online_status``, ``art_flaechendeckung``).
    """

    __tablename__ = "leika_leistung"

    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(String(700), unique=True)
    schluessel: Mapped[str | None] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(600), index=True)
    typ_raw: Mapped[str | None] = mapped_column(String(100))
    rechtsgrundlage: Mapped[str | None] = mapped_column(Text)
    sdg_anhang1: Mapped[bool] = mapped_column(Boolean, default=False)
    sdg_anhang2: Mapped[bool] = mapped_column(Boolean, default=False)
    attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    typ_entries: Mapped[list[LeikaTyp]] = relationship(
        cascade="all, delete-orphan", order_by="LeikaTyp.code", lazy="selectin")
    ozg_leistungen: Mapped[list[OzgLeistung]] = relationship(
        secondary=ozg_leika, back_populates="leika_leistungen")

    @property
    def typ_codes(self) -> frozenset[str]:
        """The LeiKa-Typ codes as a set, e.g. ``{"1", "2/3"}``."""
        return frozenset(entry.code for entry in self.typ_entries)


class LeikaTyp(Base):
    """One LeiKa-Typ code of a LeiKa-Leistung (``1``, ``2``, ``3``, ``2/3``, ``4``, ``5`` or
    an unknown code kept as given)."""

    __tablename__ = "leika_typ"
    __table_args__ = (Index("ix_leika_typ_code", "code"),)

    leika_leistung_id: Mapped[int] = mapped_column(
        ForeignKey("leika_leistung.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
