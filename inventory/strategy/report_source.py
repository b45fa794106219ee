"""The register as a :class:`procmodel.reporting.data.ReportSource`.

Converts rows into the plain records the report is assembled from; every question is
answered "as of" a moment, so past periods are reported from the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cached_property

from sqlalchemy.orm import Session

from inventory.service_fields import FIELD_LABELS
from inventory.strategy.narratives import narratives_for
from inventory.strategy.snapshots import (
    field_names,
    project_revisions_between,
    snapshot_source,
    status_changes_between,
    targets_as_of,
    timeline_as_of,
)
from procmodel.reporting.data import ChangeRecord, Narrative
from procmodel.strategy import Period, Snapshot, TargetDef
from procmodel.strategy.periods import format_date_de, local_day
from procmodel.strategy.timeline import STATUSES, TimelineItem

PROJECT_LABELS = {
    "name": "Name", "kind": "Art", "handlungsfeld": "Handlungsfeld",
    "description": "Beschreibung", "start_date": "Beginn", "end_date": "Ende",
    "responsible": "Verantwortlich", "status": "Status", "outlook": "Ausblick",
    "priority": "Priorität", "finished_on": "Abgeschlossen am", "archived": "Archiviert",
    "milestones": "Meilensteine", "depends_on": "Abhängigkeiten", "services": "Leistungen",
    "rule": "Regel", "position": "Reihenfolge",
}
_SKIP = {"handlungsfeld_id", "position", "description"}


def _value(field: str, text: str | None, fields: dict[int, str]) -> str:
    if text is None or text == "":
        return "–"
    if field == "handlungsfeld_id":
        return fields.get(int(text), text)
    if field == "online_share":
        return f"{float(text):g} %".replace(".", ",")
    if field == "target_date":
        return format_date_de(date.fromisoformat(text))
    return text


def _project_value(field: str, value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if field == "status":
        return STATUSES.get(value, (value,))[0]
    if field in ("start_date", "end_date", "finished_on"):
        return format_date_de(date.fromisoformat(value))
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if field == "milestones":
        return "; ".join(f"{m['name']} ({format_date_de(date.fromisoformat(m['due']))}"
                         + (", erreicht" if m.get("done_on") else "") + ")" for m in value)
    if field == "services":
        return ", ".join(s["name"] for s in value)
    if field == "depends_on":
        return ", ".join(f"Projekt {i}" for i in value)
    return str(value)


def milestone_changes(old, new) -> str:
    """What changed between two milestone lists, in German, milestone by milestone.

    E.g. "Meilenstein „Go-live“: erreicht am 11.05.2026; Meilenstein „Test“ neu
    (fällig 01.09.2026)".  Milestones are matched by name.
    """
    def by_name(values) -> dict[str, dict]:
        return {m["name"]: m for m in values or []}

    def day(text: str | None) -> str:
        return format_date_de(date.fromisoformat(text)) if text else "–"

    before, after = by_name(old), by_name(new)
    parts = []
    for name, m in after.items():
        label = f"Meilenstein „{name}“"
        prior = before.get(name)
        if prior is None:
            parts.append(f"{label} neu (fällig {day(m.get('due'))}"
                         + (f", erreicht am {day(m['done_on'])}" if m.get("done_on") else "")
                         + ")")
            continue
        if prior.get("due") != m.get("due"):
            parts.append(f"{label}: fällig {day(prior.get('due'))} → {day(m.get('due'))}")
        if prior.get("done_on") != m.get("done_on"):
            parts.append(f"{label}: erreicht am {day(m['done_on'])}" if m.get("done_on")
                         else f"{label}: nicht mehr als erreicht markiert")
    parts += [f"Meilenstein „{name}“ entfernt" for name in before if name not in after]
    return "; ".join(parts) or "unverändert"


def project_change(field: str, old, new) -> tuple[str, str]:
    """(old, new) texts of one changed project or target field, for people.

    List fields (milestones, services, dependencies) say what was added, removed or
    reached instead of repeating both whole lists.
    """
    if field == "milestones":
        return "", milestone_changes(old, new)
    if field == "services":
        before = {s["name"] for s in old or []}
        after = {s["name"] for s in new or []}
        added = ", ".join(sorted(after - before))
        removed = ", ".join(sorted(before - after))
        return (f"entfernt: {removed}" if removed else "",
                f"hinzugefügt: {added}" if added else "")
    return _project_value(field, old), _project_value(field, new)


class RegisterReportSource:
    """Answers the report's questions from the register in ``session``."""

    def __init__(self, session: Session, organisation: str = "Stadtverwaltung") -> None:
        self.session = session
        self.organisation = organisation
        self._snapshots = snapshot_source(session, replay=True)

    @cached_property
    def _fields(self) -> dict[int, str]:
        return field_names(self.session)

    def snapshot_at(self, day: date) -> Snapshot:
        return self._snapshots(day)

    def targets_at(self, moment: datetime) -> Sequence[TargetDef]:
        return targets_as_of(self.session, moment)

    def timeline_at(self, moment: datetime) -> Sequence[TimelineItem]:
        return timeline_as_of(self.session, moment)

    def service_changes(self, start: datetime, end: datetime) -> Sequence[ChangeRecord]:
        rows = status_changes_between(self.session, start, end)
        if not rows:
            return []
        snap = self._snapshots(local_day(end))
        where = {s.service_id: (s.handlungsfeld, s.name) for s in snap.services}
        out = []
        for row in rows:
            field_name, name = where.get(row.service_id, (None, f"Leistung {row.service_id}"))
            out.append(ChangeRecord(
                when=row.changed_at, handlungsfeld=field_name, subject=name,
                field=FIELD_LABELS.get(row.field, row.field),
                old=_value(row.field, row.old_value, self._fields),
                new=_value(row.field, row.new_value, self._fields),
                by=row.changed_by_name or "", comment=row.comment or "", key=row.field))
        return out

    def timeline_changes(self, start: datetime, end: datetime) -> Sequence[ChangeRecord]:
        out = []
        for rev in project_revisions_between(self.session, start, end):
            kind = "Ziel" if rev.entity == "target" else "Projekt"
            subject = f"{kind}: {rev.data.get('name')}"
            field_name = rev.data.get("handlungsfeld")
            if rev.action == "created":
                out.append(ChangeRecord(rev.changed_at, field_name, subject, "angelegt", "–",
                                        _project_value("status", rev.data.get("status"))
                                        if rev.entity == "project" else rev.data.get("rule"),
                                        rev.changed_by_name or "", rev.comment or ""))
                continue
            for key, (old, new) in sorted(rev.changes.items()):
                if key in _SKIP:
                    continue
                old_text, new_text = project_change(key, old, new)
                out.append(ChangeRecord(rev.changed_at, field_name, subject,
                                        PROJECT_LABELS.get(key, key), old_text or "–",
                                        new_text or "–", rev.changed_by_name or "",
                                        rev.comment or ""))
        return out

    def narratives(self, period: Period) -> Sequence[Narrative]:
        return [Narrative(n.handlungsfeld.name if n.handlungsfeld else None, n.title, n.body,
                          n.updated_by_name or "", n.updated_at)
                for n in narratives_for(self.session, period.key)]
