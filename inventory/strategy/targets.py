"""Targets (Ziele): create, change, archive, list; each change appends a revision."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from inventory.errors import NotFound
from inventory.strategy.errors import StrategyInvalid
from inventory.strategy.revisions import (
    apply_changes,
    as_date,
    clean_text,
    iso_day,
    list_by_field,
    moment,
    resolve_handlungsfeld,
    store_created,
)
from inventory.strategy.tables import (
    StrategyTarget,
)
from procmodel.strategy import RuleError, parse_rule
from procmodel.strategy.periods import local_day

TARGET_FIELDS = ("name", "handlungsfeld", "description", "rule", "start_date", "responsible",
                 "position", "archived")


def target_data(target: StrategyTarget) -> dict[str, Any]:
    """The state of a target as stored in its revisions."""
    return {
        "name": target.name, "handlungsfeld": target.handlungsfeld.name,
        "handlungsfeld_id": target.handlungsfeld_id, "description": target.description,
        "rule": target.rule, "start_date": iso_day(target.start_date),
        "responsible": target.responsible, "position": target.position,
        "archived": target.archived,
    }


def _apply_target(session: Session, target: StrategyTarget, values: Mapping[str, Any],
                  today: date) -> None:
    unknown = set(values) - set(TARGET_FIELDS)
    if unknown:
        raise StrategyInvalid(sorted(unknown)[0], f"Unbekanntes Feld {sorted(unknown)[0]!r}")
    if "name" in values:
        target.name = clean_text("name", values["name"], required=True)
    if "handlungsfeld" in values:
        field = resolve_handlungsfeld(session, values["handlungsfeld"])
        target.handlungsfeld_id, target.handlungsfeld = field.id, field
    if "description" in values:
        target.description = clean_text("description", values["description"], limit=5000)
    if "rule" in values:
        try:
            target.rule = parse_rule(str(values["rule"] or "")).text()
        except RuleError as exc:
            raise StrategyInvalid("rule", f"Regel: {exc.message_de}") from None
    if "start_date" in values:
        target.start_date = as_date("start_date", values["start_date"], required=False) or today
    if "responsible" in values:
        target.responsible = clean_text("responsible", values["responsible"], limit=200)
    if "position" in values:
        target.position = int(values["position"] or 0)
    if "archived" in values:
        target.archived = bool(values["archived"])


def create_target(session: Session, *, handlungsfeld: Any, name: str, rule: str,
                  start_date: date | str | None = None, description: str | None = None,
                  responsible: str | None = None, position: int = 0, created_by: Any = None,
                  comment: str | None = None, when: datetime | None = None) -> StrategyTarget:
    """Create a target; the rule is validated and stored in canonical form."""
    when = moment(when)
    target = StrategyTarget()
    _apply_target(session, target, {
        "handlungsfeld": handlungsfeld, "name": name, "rule": rule, "start_date": start_date,
        "description": description, "responsible": responsible, "position": position,
        "archived": False}, local_day(when))
    store_created(session, "target", target, target_data, created_by, when, comment)
    return target


def update_target(session: Session, target_id: int, *, expected_version: int | None,
                  changes: Mapping[str, Any], changed_by: Any = None,
                  comment: str | None = None, when: datetime | None = None) -> StrategyTarget:
    """Change fields of a target (``archived=True`` archives it); appends a revision."""
    when = moment(when)
    target = get_target(session, target_id)
    apply_changes(session, "target", target, expected_version=expected_version,
                  what=f"Ziel „{target.name}“", state=target_data, apply=_apply_target,
                  changes=changes, changed_by=changed_by, when=when, comment=comment)
    return target


def get_target(session: Session, target_id: int) -> StrategyTarget:
    target = session.get(StrategyTarget, target_id)
    if target is None:
        raise NotFound(f"Ziel {target_id} gibt es nicht")
    return target


def list_targets(session: Session, *, handlungsfeld_id: int | None = None,
                 include_archived: bool = False) -> list[StrategyTarget]:
    return list_by_field(session, StrategyTarget, StrategyTarget.position, StrategyTarget.id,
                         handlungsfeld_id=handlungsfeld_id, include_archived=include_archived)


