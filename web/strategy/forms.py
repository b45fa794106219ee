"""Forms of the strategy area: target, project (with milestones as lines of text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from procmodel.strategy import RuleError, parse_rule
from procmodel.strategy.timeline import STATUSES


class TargetForm(FlaskForm):
    """A target: Handlungsfeld, name and its rule in the rule language."""

    version = HiddenField()
    handlungsfeld = SelectField(_l("Handlungsfeld"), coerce=int, validators=[
        DataRequired(_l("Bitte wählen Sie ein Handlungsfeld."))])
    name = StringField(_l("Bezeichnung"), validators=[
        DataRequired(_l("Bitte geben Sie eine Bezeichnung ein.")), Length(max=300)])
    rule = TextAreaField(_l("Zielregel"), validators=[
        DataRequired(_l("Bitte geben Sie die Zielregel ein.")), Length(max=2000)])
    start_date = DateField(_l("Zielbeginn (Bezugsdatum für „auf Kurs“)"),
                           validators=[Optional()])
    responsible = StringField(_l("Verantwortlich"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=5000)])
    archived = BooleanField(_l("Ziel archivieren (ausblenden, Verlauf bleibt erhalten)"))
    comment = StringField(_l("Kommentar zur Änderung"), validators=[Optional(),
                                                                    Length(max=500)])

    def validate_rule(self, field) -> None:
        try:
            parse_rule(field.data or "")
        except RuleError as exc:
            raise ValidationError(exc.message_de) from None


def parse_milestones(text: str) -> list[dict]:
    """Milestones from lines ``Name | fällig JJJJ-MM-TT | erreicht JJJJ-MM-TT``.

    The third part is optional; empty lines are ignored.  Raises ``ValueError`` with
    a German message naming the line.
    """
    out = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise ValueError(f"Zeile {number}: erwartet „Name | JJJJ-MM-TT“ oder "
                             "„Name | JJJJ-MM-TT | JJJJ-MM-TT“")
        try:
            due = date.fromisoformat(parts[1])
            done = date.fromisoformat(parts[2]) if len(parts) == 3 and parts[2] else None
        except ValueError:
            raise ValueError(f"Zeile {number}: Datum nicht lesbar (JJJJ-MM-TT)") from None
        out.append({"name": parts[0], "due": due, "done_on": done})
    return out


@dataclass(frozen=True)
class ServiceRef:
    """One line of the services field: a service number or a service name."""

    line: int
    service_id: int | None
    name: str


#: "12", "Nr. 12", "12 – Gewerbeanmeldung" (the form's own format): a service number.
_SERVICE_NUMBER = re.compile(r"^(?:nr\.?\s*)?(\d+)(?:\s+[–-]\s+.*)?$", re.IGNORECASE)


def parse_service_refs(text: str) -> list[ServiceRef]:
    """Service references, one per line (also separated by ";"); empty lines ignored.

    A line is a service number (``12``, ``Nr. 12``, ``12 – Gewerbeanmeldung``) or the
    exact name of a service.  Names are resolved against the register by the view.
    """
    refs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        for part in line.split(";"):
            part = part.strip()
            if not part:
                continue
            match = _SERVICE_NUMBER.match(part)
            refs.append(ServiceRef(number, int(match.group(1)) if match else None, part))
    return refs


def format_services(services) -> str:
    """The services field's text for ``services`` (objects with ``id`` and ``name``)."""
    return "\n".join(f"{s.id} – {s.name}" for s in sorted(services, key=lambda s: s.name))


def format_milestones(milestones) -> str:
    return "\n".join(f"{m.name} | {m.due.isoformat()}"
                     + (f" | {m.done_on.isoformat()}" if m.done_on else "")
                     for m in milestones)


class ProjectForm(FlaskForm):
    """A project or measure of the timeline."""

    version = HiddenField()
    handlungsfeld = SelectField(_l("Handlungsfeld"), coerce=int, validators=[
        DataRequired(_l("Bitte wählen Sie ein Handlungsfeld."))])
    name = StringField(_l("Bezeichnung"), validators=[
        DataRequired(_l("Bitte geben Sie eine Bezeichnung ein.")), Length(max=300)])
    kind = SelectField(_l("Art"), choices=[("projekt", _l("Projekt")),
                                           ("massnahme", _l("Maßnahme"))])
    status = SelectField(_l("Status"), choices=[(k, v[0]) for k, v in STATUSES.items()])
    start_date = DateField(_l("Beginn"), validators=[
        DataRequired(_l("Bitte geben Sie den Beginn an (JJJJ-MM-TT)."))])
    end_date = DateField(_l("Geplantes Ende"), validators=[
        DataRequired(_l("Bitte geben Sie das geplante Ende an (JJJJ-MM-TT)."))])
    finished_on = DateField(_l("Abgeschlossen am"), validators=[Optional()])
    responsible = StringField(_l("Verantwortliche Stelle"), validators=[Optional(),
                                                                        Length(max=200)])
    priority = IntegerField(_l("Priorität (1 = höchste)"), validators=[
        Optional(), NumberRange(1, 5, _l("Bitte eine Zahl von 1 bis 5."))])
    outlook = BooleanField(_l("Ausblick: geplantes künftiges Vorhaben"))
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=5000)])
    milestones = TextAreaField(_l("Meilensteine"), validators=[Optional(), Length(max=10000)])
    depends_on = SelectMultipleField(_l("Hängt ab von"), coerce=int, validators=[Optional()])
    # a text field, not a <select multiple>: a register has thousands of services
    services = TextAreaField(_l("Betroffene Leistungen"), validators=[Optional(),
                                                                      Length(max=200_000)])
    archived = BooleanField(_l("Projekt archivieren (ausblenden, Verlauf bleibt erhalten)"))
    comment = StringField(_l("Kommentar zur Änderung"), validators=[Optional(),
                                                                    Length(max=500)])

    def validate_milestones(self, field) -> None:
        try:
            parse_milestones(field.data or "")
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def validate_end_date(self, field) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("Das Ende liegt vor dem Beginn."))
