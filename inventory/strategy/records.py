"""Writing targets, projects and narrative sections, each change with a revision.

Every function takes a ``Session`` (the caller commits), validates everything before
writing anything, checks the version counter of the record it changes (a stale edit
raises :class:`StrategyConflict`) and appends a :class:`StrategyRevision` with the full
state after the change.  ``when`` backdates a change (demo data, imports); it must be
an aware datetime.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inventory.db import utcnow
from inventory.errors import NotFound
from inventory.strategy.errors import StrategyConflict, StrategyInvalid
from inventory.strategy.tables import (
    ReportNarrative,
    StrategyMilestone,
    StrategyProject,
    StrategyRevision,
    StrategyTarget,
    project_dependency,
)
from inventory.tables import Handlungsfeld, Service
from procmodel.strategy import Period, PeriodError, RuleError, parse_rule
from procmodel.strategy.periods import local_day
from procmodel.strategy.timeline import STATUSES

TARGET_FIELDS = ("name", "handlungsfeld", "description", "rule", "start_date", "responsible",
                 "position", "archived")
PROJECT_FIELDS = ("name", "kind", "handlungsfeld", "description", "start_date", "end_date",
                  "responsible", "status", "outlook", "priority", "finished_on", "archived",
                  "milestones", "depends_on", "services")
PROJECT_KINDS = {"projekt": "Projekt", "massnahme": "Maßnahme"}


# --- helpers ---------------------------------------------------------------------------

def _who(user: Any) -> tuple[int | None, str | None]:
    if user is None:
        return None, None
    if isinstance(user, str):
        return None, user
    return getattr(user, "id", None), (getattr(user, "display_name", None)
                                       or getattr(user, "username", None))


def _when(when: datetime | None) -> datetime:
    if when is None:
        return utcnow()
    if when.tzinfo is None:
        raise ValueError("when must be timezone-aware")
    return when


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(field: str, value: Any, *, required: bool = True) -> date | None:
    if value in (None, ""):
        if required:
            raise StrategyInvalid(field, f"{_LABELS.get(field, field)}: bitte ein Datum angeben")
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise StrategyInvalid(field, f"{_LABELS.get(field, field)}: {value!r} ist kein Datum "
                                     "(JJJJ-MM-TT)") from None


def _text(field: str, value: Any, *, required: bool = False, limit: int = 300) -> str | None:
    text = (str(value) if value is not None else "").strip()
    if required and not text:
        raise StrategyInvalid(field, f"{_LABELS.get(field, field)}: bitte ausfüllen")
    if len(text) > limit:
        raise StrategyInvalid(field, f"{_LABELS.get(field, field)}: höchstens {limit} Zeichen")
    return text or None


_LABELS = {
    "name": "Name", "handlungsfeld": "Handlungsfeld", "rule": "Regel", "start_date": "Beginn",
    "end_date": "Ende", "responsible": "Verantwortlich", "status": "Status",
    "priority": "Priorität", "milestones": "Meilensteine", "depends_on": "Abhängigkeiten",
    "services": "Leistungen", "finished_on": "Abgeschlossen am", "kind": "Art",
    "period_key": "Zeitraum", "title": "Titel", "body": "Text", "description": "Beschreibung",
}


def resolve_handlungsfeld(session: Session, value: Any) -> Handlungsfeld:
    """The Handlungsfeld given by id, name or object; :class:`StrategyInvalid` if unknown."""
    if isinstance(value, Handlungsfeld):
        return value
    found = None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        found = session.get(Handlungsfeld, int(value))
    elif isinstance(value, str) and value.strip():
        found = session.scalar(select(Handlungsfeld).where(Handlungsfeld.name == value.strip()))
    if found is None:
        raise StrategyInvalid("handlungsfeld", f"Handlungsfeld {value!r} ist unbekannt")
    return found


def _append(session: Session, entity: str, entity_id: int, action: str, data: dict,
            changes: dict, by: Any, when: datetime, comment: str | None) -> StrategyRevision:
    number = (session.scalar(select(func.max(StrategyRevision.number)).where(
        StrategyRevision.entity == entity, StrategyRevision.entity_id == entity_id)) or 0) + 1
    by_id, by_name = _who(by)
    rev = StrategyRevision(entity=entity, entity_id=entity_id, number=number, action=action,
                           changed_at=when, changed_by_id=by_id, changed_by_name=by_name,
                           comment=(comment or "").strip() or None, data=data, changes=changes)
    session.add(rev)
    return rev


def _diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {k: [old.get(k), new.get(k)] for k in new if old.get(k) != new.get(k)}


def _check_version(session: Session, entity: str, record: Any, expected: int | None,
                   what: str) -> None:
    if expected is not None and record.version != expected:
        last = session.scalar(select(StrategyRevision).where(
            StrategyRevision.entity == entity, StrategyRevision.entity_id == record.id)
            .order_by(StrategyRevision.number.desc()).limit(1))
        raise StrategyConflict(what, last.changed_by_name if last else None,
                               last.changed_at if last else None)


def revisions_of(session: Session, entity: str, entity_id: int) -> list[StrategyRevision]:
    """The history of one record, oldest first."""
    return list(session.scalars(select(StrategyRevision).where(
        StrategyRevision.entity == entity, StrategyRevision.entity_id == entity_id)
        .order_by(StrategyRevision.number)))


# --- targets -----------------------------------------------------------------------------

def target_data(target: StrategyTarget) -> dict[str, Any]:
    """The state of a target as stored in its revisions."""
    return {
        "name": target.name, "handlungsfeld": target.handlungsfeld.name,
        "handlungsfeld_id": target.handlungsfeld_id, "description": target.description,
        "rule": target.rule, "start_date": _iso(target.start_date),
        "responsible": target.responsible, "position": target.position,
        "archived": target.archived,
    }


def _apply_target(session: Session, target: StrategyTarget, values: Mapping[str, Any],
                  today: date) -> None:
    unknown = set(values) - set(TARGET_FIELDS)
    if unknown:
        raise StrategyInvalid(sorted(unknown)[0], f"Unbekanntes Feld {sorted(unknown)[0]!r}")
    if "name" in values:
        target.name = _text("name", values["name"], required=True)
    if "handlungsfeld" in values:
        field = resolve_handlungsfeld(session, values["handlungsfeld"])
        target.handlungsfeld_id, target.handlungsfeld = field.id, field
    if "description" in values:
        target.description = _text("description", values["description"], limit=5000)
    if "rule" in values:
        try:
            target.rule = parse_rule(str(values["rule"] or "")).text()
        except RuleError as exc:
            raise StrategyInvalid("rule", f"Regel: {exc.message_de}") from None
    if "start_date" in values:
        target.start_date = _date("start_date", values["start_date"], required=False) or today
    if "responsible" in values:
        target.responsible = _text("responsible", values["responsible"], limit=200)
    if "position" in values:
        target.position = int(values["position"] or 0)
    if "archived" in values:
        target.archived = bool(values["archived"])


def create_target(session: Session, *, handlungsfeld: Any, name: str, rule: str,
                  start_date: date | str | None = None, description: str | None = None,
                  responsible: str | None = None, position: int = 0, created_by: Any = None,
                  comment: str | None = None, when: datetime | None = None) -> StrategyTarget:
    """Create a target; the rule is validated and stored in canonical form."""
    when = _when(when)
    target = StrategyTarget()
    _apply_target(session, target, {
        "handlungsfeld": handlungsfeld, "name": name, "rule": rule, "start_date": start_date,
        "description": description, "responsible": responsible, "position": position,
        "archived": False}, local_day(when))
    target.created_at = target.updated_at = when
    session.add(target)
    session.flush()
    data = target_data(target)
    _append(session, "target", target.id, "created", data, _diff({}, data), created_by, when,
            comment)
    return target


def update_target(session: Session, target_id: int, *, expected_version: int | None,
                  changes: Mapping[str, Any], changed_by: Any = None,
                  comment: str | None = None, when: datetime | None = None) -> StrategyTarget:
    """Change fields of a target (``archived=True`` archives it); appends a revision."""
    when = _when(when)
    target = get_target(session, target_id)
    _check_version(session, "target", target, expected_version, f"Ziel „{target.name}“")
    before = target_data(target)
    _apply_target(session, target, changes, local_day(when))
    after = target_data(target)
    diff = _diff(before, after)
    if not diff:
        return target
    target.updated_at = when
    session.flush()
    action = "archived" if diff.get("archived", [None, False])[1] else "updated"
    _append(session, "target", target.id, action, after, diff, changed_by, when, comment)
    return target


def get_target(session: Session, target_id: int) -> StrategyTarget:
    target = session.get(StrategyTarget, target_id)
    if target is None:
        raise NotFound(f"Ziel {target_id} gibt es nicht")
    return target


def list_targets(session: Session, *, handlungsfeld_id: int | None = None,
                 include_archived: bool = False) -> list[StrategyTarget]:
    query = select(StrategyTarget).join(StrategyTarget.handlungsfeld).order_by(
        Handlungsfeld.position, Handlungsfeld.name, StrategyTarget.position, StrategyTarget.id)
    if handlungsfeld_id is not None:
        query = query.where(StrategyTarget.handlungsfeld_id == handlungsfeld_id)
    if not include_archived:
        query = query.where(StrategyTarget.archived.is_(False))
    return list(session.scalars(query).unique())


# --- projects ----------------------------------------------------------------------------

def project_data(project: StrategyProject) -> dict[str, Any]:
    """The state of a project as stored in its revisions."""
    return {
        "name": project.name, "kind": project.kind, "handlungsfeld": project.handlungsfeld.name,
        "handlungsfeld_id": project.handlungsfeld_id, "description": project.description,
        "start_date": _iso(project.start_date), "end_date": _iso(project.end_date),
        "responsible": project.responsible, "status": project.status,
        "outlook": project.outlook, "priority": project.priority,
        "finished_on": _iso(project.finished_on), "archived": project.archived,
        "milestones": [{"name": m.name, "due": _iso(m.due), "done_on": _iso(m.done_on)}
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
        name = _text("milestones", item.get("name"))
        if not name:
            raise StrategyInvalid("milestones", f"Meilenstein {n}: Name fehlt")
        try:
            due = _date("milestones", item.get("due"))
            done = _date("milestones", item.get("done_on"), required=False)
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
        project.name = _text("name", values["name"], required=True)
    if "kind" in values:
        kind = values["kind"] or "projekt"
        if kind not in PROJECT_KINDS:
            raise StrategyInvalid("kind", f"Art {kind!r} unbekannt (projekt, massnahme)")
        project.kind = kind
    if "handlungsfeld" in values:
        field = resolve_handlungsfeld(session, values["handlungsfeld"])
        project.handlungsfeld_id, project.handlungsfeld = field.id, field
    if "description" in values:
        project.description = _text("description", values["description"], limit=5000)
    for key in ("start_date", "end_date"):
        if key in values:
            setattr(project, key, _date(key, values[key]))
    if project.end_date < project.start_date:
        raise StrategyInvalid("end_date", "Ende: liegt vor dem Beginn")
    if "responsible" in values:
        project.responsible = _text("responsible", values["responsible"], limit=200)
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
        project.finished_on = _date("finished_on", values["finished_on"], required=False)
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
    when = _when(when)
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
    project.created_at = project.updated_at = when
    session.add(project)
    session.flush()
    data = project_data(project)
    _append(session, "project", project.id, "created", data, _diff({}, data), created_by, when,
            comment)
    return project


def update_project(session: Session, project_id: int, *, expected_version: int | None,
                   changes: Mapping[str, Any], changed_by: Any = None,
                   comment: str | None = None, when: datetime | None = None) -> StrategyProject:
    """Change fields of a project (milestones, dependencies and services are replaced
    as a whole when given); appends a revision with what changed."""
    when = _when(when)
    project = get_project(session, project_id)
    _check_version(session, "project", project, expected_version,
                   f"Projekt „{project.name}“")
    before = project_data(project)
    _apply_project(session, project, changes, local_day(when))
    after = project_data(project)
    diff = _diff(before, after)
    if not diff:
        return project
    project.updated_at = when
    session.flush()
    action = "archived" if diff.get("archived", [None, False])[1] else "updated"
    _append(session, "project", project.id, action, after, diff, changed_by, when, comment)
    return project


def get_project(session: Session, project_id: int) -> StrategyProject:
    project = session.get(StrategyProject, project_id)
    if project is None:
        raise NotFound(f"Projekt {project_id} gibt es nicht")
    return project


def list_projects(session: Session, *, handlungsfeld_id: int | None = None,
                  include_archived: bool = False) -> list[StrategyProject]:
    query = select(StrategyProject).join(StrategyProject.handlungsfeld).order_by(
        Handlungsfeld.position, Handlungsfeld.name, StrategyProject.start_date,
        StrategyProject.id)
    if handlungsfeld_id is not None:
        query = query.where(StrategyProject.handlungsfeld_id == handlungsfeld_id)
    if not include_archived:
        query = query.where(StrategyProject.archived.is_(False))
    return list(session.scalars(query).unique())


# --- narrative sections ------------------------------------------------------------------

def narrative_data(narrative: ReportNarrative) -> dict[str, Any]:
    return {"period_key": narrative.period_key,
            "handlungsfeld": narrative.handlungsfeld.name if narrative.handlungsfeld else None,
            "handlungsfeld_id": narrative.handlungsfeld_id, "title": narrative.title,
            "body": narrative.body}


def save_narrative(session: Session, *, period: str, handlungsfeld: Any, title: str,
                   body: str, expected_version: int | None = None, changed_by: Any = None,
                   when: datetime | None = None) -> ReportNarrative:
    """Create or change the narrative section of ``period`` and ``handlungsfeld``
    (``None``: the general part).  ``expected_version`` guards against overwriting
    someone else's newer text (``None`` only when creating)."""
    when = _when(when)
    try:
        key = Period.parse(period).key
    except PeriodError as exc:
        raise StrategyInvalid("period_key", exc.message_de) from None
    field = None if handlungsfeld in (None, "") else resolve_handlungsfeld(session, handlungsfeld)
    title_text = _text("title", title, required=True)
    body_text = (body or "").replace("\r\n", "\n").strip()
    if len(body_text) > 50_000:
        raise StrategyInvalid("body", "Text: höchstens 50 000 Zeichen")
    query = select(ReportNarrative).where(ReportNarrative.period_key == key)
    query = query.where(ReportNarrative.handlungsfeld_id.is_(None) if field is None
                        else ReportNarrative.handlungsfeld_id == field.id)
    narrative = session.scalar(query)
    _, by_name = _who(changed_by)
    if narrative is None:
        narrative = ReportNarrative(period_key=key, handlungsfeld_id=field.id if field else None,
                                    handlungsfeld=field, title=title_text, body=body_text,
                                    updated_at=when, updated_by_name=by_name)
        session.add(narrative)
        session.flush()
        data = narrative_data(narrative)
        _append(session, "narrative", narrative.id, "created", data, _diff({}, data),
                changed_by, when, None)
        return narrative
    if expected_version is None or narrative.version != expected_version:
        raise StrategyConflict(f"Der Abschnitt „{narrative.title}“", narrative.updated_by_name,
                               narrative.updated_at)
    before = narrative_data(narrative)
    narrative.title, narrative.body = title_text, body_text
    after = narrative_data(narrative)
    diff = _diff(before, after)
    if diff:
        narrative.updated_at, narrative.updated_by_name = when, by_name
        session.flush()
        _append(session, "narrative", narrative.id, "updated", after, diff, changed_by, when,
                None)
    return narrative


def narratives_for(session: Session, period_key: str) -> list[ReportNarrative]:
    """The narrative sections of a period: the general part first, then by field."""
    rows = session.scalars(select(ReportNarrative).where(
        ReportNarrative.period_key == period_key)).unique()
    return sorted(rows, key=lambda n: (n.handlungsfeld is not None,
                                       n.handlungsfeld.position if n.handlungsfeld else 0,
                                       n.handlungsfeld.name if n.handlungsfeld else ""))
