"""Projects and measures of the timeline with milestones, dependencies and services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
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
    StrategyMilestone,
    StrategyProject,
    project_dependency,
)
from inventory.tables import Service
from procmodel.strategy.periods import local_day
from procmodel.strategy.timeline import STATUSES

PROJECT_FIELDS = ("name", "kind", "handlungsfeld", "description", "start_date", "end_date",
                  "responsible", "status", "outlook", "priority", "finished_on", "archived",
                  "milestones", "depends_on", "services")
PROJECT_KINDS = {"projekt": "Projekt", "massnahme": "Maßnahme"}


def project_data(project: StrategyProject) -> dict[str, Any]:
    """The state of a project as stored in its revisions."""
    return {
        "name": project.name, "kind": project.kind, "handlungsfeld": project.handlungsfeld.name,
        "handlungsfeld_id": project.handlungsfeld_id, "description": project.description,
        "start_date": iso_day(project.start_date), "end_date": iso_day(project.end_date),
        "responsible": project.responsible, "status": project.status,
        "outlook": project.outlook, "priority": project.priority,
        "finished_on": iso_day(project.finished_on), "archived": project.archived,
        "milestones": [{"name": m.name, "due": iso_day(m.due), "done_on": iso_day(m.done_on)}
                       for m in sorted(project.milestones, key=lambda m: (m.due, m.name))],
        "depends_on": sorted(p.id for p in project.depends_on),
        "services": [{"id": s.id, "name": s.name}
                     for s in sorted(project.services, key=lambda s: s.id)],
    }


def _milestones(values: Iterable[Any]) -> list[StrategyMilestone]:
    out = []
    for n, raw in enumerate(values, start=1):
        item = dict(raw) if isinstance(raw, Mapping) else {
            "name": raw.name, "due": raw.due, "done_on": raw.done_on}
        name = clean_text("milestones", item.get("name"))
        if not name:
            raise StrategyInvalid("milestones", f"Meilenstein {n}: Name fehlt")
        try:
            due = as_date("milestones", item.get("due"))
            done = as_date("milestones", item.get("done_on"), required=False)
        except StrategyInvalid as exc:
            raise StrategyInvalid("milestones", f"Meilenstein {n} ({name}): "
                                  f"{exc.message}") from None
        out.append(StrategyMilestone(name=name, due=due, done_on=done))
    return out


def _check_cycle(session: Session, project_id: int | None, depends: Sequence[int]) -> None:
    if project_id is None:
        return
    seen: set[int] = set()
    stack = list(depends)
    while stack:
        current = stack.pop()
        if current == project_id:
            raise StrategyInvalid("depends_on", "Abhängigkeiten: das ergäbe einen Kreis")
        if current in seen:
            continue
        seen.add(current)
        stack.extend(session.scalars(select(project_dependency.c.depends_on_id).where(
            project_dependency.c.project_id == current)))


def _apply_project(session: Session, project: StrategyProject, values: Mapping[str, Any],
                   today: date) -> None:
    unknown = set(values) - set(PROJECT_FIELDS)
    if unknown:
        raise StrategyInvalid(sorted(unknown)[0], f"Unbekanntes Feld {sorted(unknown)[0]!r}")
    if "name" in values:
        project.name = clean_text("name", values["name"], required=True)
    if "kind" in values:
        kind = values["kind"] or "projekt"
        if kind not in PROJECT_KINDS:
            raise StrategyInvalid("kind", f"Art {kind!r} unbekannt (projekt, massnahme)")
        project.kind = kind
    if "handlungsfeld" in values:
        field = resolve_handlungsfeld(session, values["handlungsfeld"])
        project.handlungsfeld_id, project.handlungsfeld = field.id, field
    if "description" in values:
        project.description = clean_text("description", values["description"], limit=5000)
    for key in ("start_date", "end_date"):
        if key in values:
            setattr(project, key, as_date(key, values[key]))
    if project.end_date < project.start_date:
        raise StrategyInvalid("end_date", "Ende: liegt vor dem Beginn")
    if "responsible" in values:
        project.responsible = clean_text("responsible", values["responsible"], limit=200)
    if "status" in values:
        status = values["status"] or "geplant"
        if status not in STATUSES:
            raise StrategyInvalid("status", f"Status {status!r} unbekannt "
                                  f"({', '.join(STATUSES)})")
        project.status = status
    if "outlook" in values:
        project.outlook = bool(values["outlook"])
    if "priority" in values:
        prio = values["priority"]
        if prio in (None, ""):
            project.priority = None
        else:
            try:
                project.priority = int(prio)
            except (TypeError, ValueError):
                raise StrategyInvalid("priority", "Priorität: eine Zahl 1–5") from None
            if not 1 <= project.priority <= 5:
                raise StrategyInvalid("priority", "Priorität: eine Zahl 1–5")
    if "finished_on" in values:
        project.finished_on = as_date("finished_on", values["finished_on"], required=False)
    if project.status == "abgeschlossen" and project.finished_on is None:
        project.finished_on = today
    if project.status != "abgeschlossen":
        project.finished_on = None
    if "archived" in values:
        project.archived = bool(values["archived"])
    if "milestones" in values:
        project.milestones = _milestones(values["milestones"] or [])
    if "depends_on" in values:
        ids = sorted({int(i) for i in values["depends_on"] or []})
        if project.id is not None and project.id in ids:
            raise StrategyInvalid("depends_on", "Abhängigkeiten: ein Projekt kann nicht von "
                                  "sich selbst abhängen")
        found = list(session.scalars(select(StrategyProject).where(StrategyProject.id.in_(ids))))
        if len(found) != len(ids):
            missing = sorted(set(ids) - {p.id for p in found})
            raise StrategyInvalid("depends_on", f"Abhängigkeiten: Projekt {missing} unbekannt")
        _check_cycle(session, project.id, ids)
        project.depends_on = found
    if "services" in values:
        ids = sorted({int(i) for i in values["services"] or []})
        found_s = list(session.scalars(select(Service).where(Service.id.in_(ids))))
        if len(found_s) != len(ids):
            missing = sorted(set(ids) - {s.id for s in found_s})
            raise StrategyInvalid("services", f"Leistungen: {missing} unbekannt")
        project.services = found_s


def create_project(session: Session, *, handlungsfeld: Any, name: str, start_date: Any,
                   end_date: Any, status: str = "geplant", kind: str = "projekt",
                   responsible: str | None = None, description: str | None = None,
                   outlook: bool = False, priority: int | None = None,
                   finished_on: Any = None, milestones: Iterable[Any] = (),
                   depends_on: Iterable[int] = (), services: Iterable[int] = (),
                   created_by: Any = None, comment: str | None = None,
                   when: datetime | None = None) -> StrategyProject:
    """Create a project or measure of the timeline; appends its first revision."""
    when = moment(when)
    project = StrategyProject()
    project.milestones = []
    project.depends_on = []
    project.services = []
    _apply_project(session, project, {
        "handlungsfeld": handlungsfeld, "name": name, "start_date": start_date,
        "end_date": end_date, "status": status, "kind": kind, "responsible": responsible,
        "description": description, "outlook": outlook, "priority": priority,
        "finished_on": finished_on, "milestones": list(milestones),
        "depends_on": list(depends_on), "services": list(services), "archived": False},
        local_day(when))
    store_created(session, "project", project, project_data, created_by, when, comment)
    return project


def update_project(session: Session, project_id: int, *, expected_version: int | None,
                   changes: Mapping[str, Any], changed_by: Any = None,
                   comment: str | None = None, when: datetime | None = None) -> StrategyProject:
    """Change fields of a project (milestones, dependencies and services are replaced
    as a whole when given); appends a revision with what changed."""
    when = moment(when)
    project = get_project(session, project_id)
    apply_changes(session, "project", project, expected_version=expected_version,
                  what=f"Projekt „{project.name}“", state=project_data, apply=_apply_project,
                  changes=changes, changed_by=changed_by, when=when, comment=comment)
    return project


def get_project(session: Session, project_id: int) -> StrategyProject:
    project = session.get(StrategyProject, project_id)
    if project is None:
        raise NotFound(f"Projekt {project_id} gibt es nicht")
    return project


def list_projects(session: Session, *, handlungsfeld_id: int | None = None,
                  include_archived: bool = False) -> list[StrategyProject]:
    return list_by_field(session, StrategyProject, StrategyProject.start_date,
                         StrategyProject.id,
                         handlungsfeld_id=handlungsfeld_id, include_archived=include_archived)


