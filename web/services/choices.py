"""Choices for the service forms, read from the register's configurable lists."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from inventory import catalogue, lists
from inventory import services as register_services
from inventory.tables.services import ReifegradModel, Service
from web.choices import select_choices


def handlungsfelder(session: Session) -> list[tuple[int, str]]:
    return [(h.id, h.name) for h in lists.handlungsfelder(session)]


def stages(session: Session) -> list[str]:
    return [s.name for s in lists.stages(session)]


def departments(session: Session) -> list[str]:
    """Departments named on services (for the filter; free text on the record)."""
    rows = session.scalars(select(Service.department).distinct()
                           .where(Service.department.is_not(None))
                           .order_by(Service.department))
    return [row for row in rows if row]


def themenfelder(session: Session) -> list[tuple[int, str]]:
    return [(t.id, t.name) for t in catalogue.themenfelder(session)]


def reifegrad_models(session: Session) -> list[ReifegradModel]:
    return lists.reifegrad_models(session)


def level_choices(model: ReifegradModel | None, empty: str) -> list[tuple[str, str]]:
    choices = [("", empty)]
    if model is None:
        return choices
    for level in range(model.min_level, model.max_level + 1):
        name = model.level_name(level)
        choices.append((str(level), f"{level} – {name}" if name else str(level)))
    return choices


def level_options(session: Session) -> dict[str, list[tuple[str, str]]]:
    """Every Reifegrad model's levels as (value, label), for the form's script that
    switches the level lists when the model changes."""
    return {m.version: level_choices(m, "")[1:] for m in reifegrad_models(session)}


def fill_service_form(form: Any, session: Session, model_version: str | None) -> ReifegradModel:
    """Set the choices of a :class:`ServiceForm`; returns the Reifegrad model in use."""
    form.handlungsfeld.choices = select_choices(handlungsfelder(session))
    form.efa_status.choices = select_choices([("", _("– nicht angegeben –"))] + [
        (s, s) for s in register_services.EFA_STATUSES])
    form.basisdienste.choices = select_choices([(b, b) for b in register_services.BASISDIENSTE])
    form.priority.choices = select_choices([("", _("– nicht angegeben –"))] + [
        (p, p) for p in register_services.PRIORITIES])
    models = reifegrad_models(session)
    form.reifegrad_model.choices = select_choices(
        (m.version, _("Modell %(v)s", v=m.version)) for m in models)
    chosen = next((m for m in models if m.version == model_version), None) or \
        lists.reifegrad_model(session)
    form.reifegrad.choices = select_choices(level_choices(chosen, _("– nicht bewertet –")))
    form.target_reifegrad.choices = select_choices(level_choices(chosen, _("– kein Ziel –")))
    form.umsetzungsstatus.choices = select_choices([("", _("– nicht angegeben –"))] + [
        (s, s) for s in stages(session)])
    return chosen


def fill_filter_form(form: Any, session: Session) -> None:
    form.handlungsfeld.choices = select_choices([("", _("alle"))] + [
        (str(i), n) for i, n in handlungsfelder(session)])
    form.themenfeld.choices = select_choices([("", _("alle"))] + [
        (str(i), n) for i, n in themenfelder(session)])
    levels = sorted({lvl for m in reifegrad_models(session)
                     for lvl in range(m.min_level, m.max_level + 1)})
    form.reifegrad.choices = select_choices([("", _("alle"))] + [
        (str(lvl), str(lvl)) for lvl in levels])
    form.status.choices = select_choices([("", _("alle"))] + [(s, s) for s in stages(session)])
    form.department.choices = select_choices(
        [("", _("alle"))] + [(d, d) for d in departments(session)])
