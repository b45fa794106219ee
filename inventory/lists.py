"""Configurable lists: Handlungsfelder, Umsetzungsstatus stages and Reifegrad models.

Admins edit these lists; the migration ``0001_register`` seeds the defaults (the four
Handlungsfelder of DESIGN.md, the federal dashboard's stages plus the municipal ones,
Reifegrad models 1.1 and 2.0).  Entries in use are deactivated rather than deleted so
that the history stays readable.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inventory.errors import InvalidValue, NotFound
from inventory.tables import Handlungsfeld, ReifegradModel, Service, UmsetzungsStage

# --- Handlungsfelder --------------------------------------------------------------------

def handlungsfelder(session: Session, *, include_inactive: bool = False) -> list[Handlungsfeld]:
    """The Handlungsfelder in display order."""
    query = select(Handlungsfeld).order_by(Handlungsfeld.position, Handlungsfeld.id)
    if not include_inactive:
        query = query.where(Handlungsfeld.active.is_(True))
    return list(session.scalars(query))


def resolve_handlungsfeld(session: Session, value: int | str | Handlungsfeld | None
                          ) -> Handlungsfeld:
    """A Handlungsfeld by id, by name (case-insensitive) or, for ``None``, the first one."""
    if isinstance(value, Handlungsfeld):
        return value
    if value is None:
        first = session.scalars(select(Handlungsfeld).where(Handlungsfeld.active.is_(True))
                                .order_by(Handlungsfeld.position, Handlungsfeld.id)).first()
        if first is None:
            raise NotFound("Es ist kein Handlungsfeld angelegt.")
        return first
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        found = session.get(Handlungsfeld, int(value))
    else:
        found = session.scalars(select(Handlungsfeld).where(
            func.lower(Handlungsfeld.name) == value.strip().lower())).first()
    if found is None:
        raise InvalidValue("handlungsfeld", value, f"Unbekanntes Handlungsfeld „{value}“.")
    return found


def add_handlungsfeld(session: Session, name: str, *, description: str | None = None
                      ) -> Handlungsfeld:
    """Append a Handlungsfeld at the end of the list."""
    name = name.strip()
    if not name:
        raise InvalidValue("name", name, "Der Name des Handlungsfelds darf nicht leer sein.")
    if session.scalars(select(Handlungsfeld).where(Handlungsfeld.name == name)).first():
        raise InvalidValue("name", name, f"Das Handlungsfeld „{name}“ gibt es schon.")
    position = (session.scalar(select(func.max(Handlungsfeld.position))) or 0) + 1
    entry = Handlungsfeld(name=name, description=description, position=position, active=True)
    session.add(entry)
    session.flush()
    return entry


def update_handlungsfeld(session: Session, handlungsfeld_id: int, *, name: str | None = None,
                         description: str | None = None, position: int | None = None,
                         active: bool | None = None) -> Handlungsfeld:
    """Rename, describe, move or (de)activate a Handlungsfeld (services keep their link)."""
    entry = session.get(Handlungsfeld, handlungsfeld_id)
    if entry is None:
        raise NotFound(f"Handlungsfeld {handlungsfeld_id} gibt es nicht.")
    if name is not None:
        name = name.strip()
        clash = session.scalars(select(Handlungsfeld).where(
            Handlungsfeld.name == name, Handlungsfeld.id != handlungsfeld_id)).first()
        if not name or clash:
            raise InvalidValue("name", name, f"Der Name „{name}“ ist leer oder schon vergeben.")
        entry.name = name
    if description is not None:
        entry.description = description
    if position is not None:
        entry.position = position
    if active is not None:
        entry.active = active
    session.flush()
    return entry


def delete_handlungsfeld(session: Session, handlungsfeld_id: int) -> None:
    """Delete an unused Handlungsfeld; one in use must be deactivated instead."""
    entry = session.get(Handlungsfeld, handlungsfeld_id)
    if entry is None:
        raise NotFound(f"Handlungsfeld {handlungsfeld_id} gibt es nicht.")
    used = session.scalar(select(func.count()).select_from(Service).where(
        Service.handlungsfeld_id == handlungsfeld_id))
    if used:
        raise InvalidValue("handlungsfeld", entry.name,
                           f"„{entry.name}“ ist {used} Leistungen zugeordnet; "
                           "bitte deaktivieren statt löschen.")
    session.delete(entry)
    session.flush()


# --- Umsetzungsstatus stages ------------------------------------------------------------

def stages(session: Session, *, include_inactive: bool = False) -> list[UmsetzungsStage]:
    """The Umsetzungsstatus stages in order."""
    query = select(UmsetzungsStage).order_by(UmsetzungsStage.position, UmsetzungsStage.id)
    if not include_inactive:
        query = query.where(UmsetzungsStage.active.is_(True))
    return list(session.scalars(query))


def stage_by_name(session: Session, name: str) -> UmsetzungsStage | None:
    return session.scalars(select(UmsetzungsStage).where(
        func.lower(UmsetzungsStage.name) == name.strip().lower())).first()


def add_stage(session: Session, name: str, *, position: int | None = None,
              is_online: bool = False, is_closed: bool = False) -> UmsetzungsStage:
    """Add an Umsetzungsstatus stage (at the end unless ``position`` is given)."""
    name = name.strip()
    if not name or stage_by_name(session, name):
        raise InvalidValue("name", name, f"Die Stufe „{name}“ ist leer oder gibt es schon.")
    if position is None:
        position = (session.scalar(select(func.max(UmsetzungsStage.position))) or 0) + 1
    entry = UmsetzungsStage(name=name, position=position, is_online=is_online,
                            is_closed=is_closed, active=True)
    session.add(entry)
    session.flush()
    return entry


def update_stage(session: Session, stage_id: int, *, position: int | None = None,
                 is_online: bool | None = None, is_closed: bool | None = None,
                 active: bool | None = None) -> UmsetzungsStage:
    """Move, flag or (de)activate a stage.  Names are not changed: the history refers to
    them by name."""
    entry = session.get(UmsetzungsStage, stage_id)
    if entry is None:
        raise NotFound(f"Umsetzungsstufe {stage_id} gibt es nicht.")
    for attr, value in (("position", position), ("is_online", is_online),
                        ("is_closed", is_closed), ("active", active)):
        if value is not None:
            setattr(entry, attr, value)
    session.flush()
    return entry


# --- Reifegrad models -------------------------------------------------------------------

def reifegrad_models(session: Session) -> list[ReifegradModel]:
    return list(session.scalars(select(ReifegradModel).order_by(ReifegradModel.version)))


def reifegrad_model(session: Session, version: str | None = None) -> ReifegradModel:
    """The Reifegrad model ``version``, or the default one (1.1 unless reconfigured)."""
    if version is None:
        found = session.scalars(select(ReifegradModel).where(
            ReifegradModel.is_default.is_(True))).first()
    else:
        found = session.get(ReifegradModel, str(version).strip())
    if found is None:
        known = ", ".join(m.version for m in reifegrad_models(session))
        raise InvalidValue("reifegrad_model", version,
                           f"Unbekanntes Reifegradmodell „{version}“ (bekannt: {known}).")
    return found


def validate_reifegrad(session: Session, level: object, version: str | None = None,
                       *, field: str = "reifegrad") -> int | None:
    """``level`` as an int checked against the model's levels; ``None`` stays ``None``."""
    if level is None or (isinstance(level, str) and not level.strip()):
        return None
    model = reifegrad_model(session, version)
    try:
        value = int(str(level).strip()) if not isinstance(level, int) else level
    except ValueError:
        raise InvalidValue(field, level, f"Reifegrad „{level}“ ist keine ganze Zahl.") from None
    if isinstance(level, bool) or not model.min_level <= value <= model.max_level:
        raise InvalidValue(
            field, level,
            f"Reifegrad {level} gibt es im Reifegradmodell {model.version} nicht "
            f"(erlaubt: {model.min_level}–{model.max_level}).")
    return value


def is_ozg_conformant(session: Session, level: int | None, version: str | None = None) -> bool:
    """Whether ``level`` reaches the OZG-conformant level of its model."""
    if level is None:
        return False
    return level >= reifegrad_model(session, version).ozg_conformant_level


def set_ozg_conformant_level(session: Session, version: str, level: int) -> ReifegradModel:
    """Configure which level counts as OZG-conformant in model ``version``."""
    model = reifegrad_model(session, version)
    model.ozg_conformant_level = validate_reifegrad(session, level, version,
                                                    field="ozg_conformant_level")
    session.flush()
    return model
