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
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from procmodel.strategy import Rule, RuleError, parse_rule
from procmodel.strategy.timeline import STATUSES
from web.choices import select_choices

#: Messgrößen offered by the structured target fields (key → German label).
METRIC_CHOICES = select_choices([
    ("anteil_reifegrad", _l("Anteil der Leistungen ab einem Reifegrad (%)")),
    ("anzahl_reifegrad", _l("Anzahl der Leistungen ab einem Reifegrad")),
    ("online_fallzahl", _l("Online-Anteil der Fallzahl (%)")),
    ("anteil_status", _l("Anteil der Leistungen in Umsetzungsstatus (%)")),
    ("anzahl_leistungen", _l("Anzahl der Leistungen")),
    ("mittel_reifegrad", _l("mittlerer Reifegrad")),
    ("doppelstrukturen", _l("Doppelstrukturen zwischen Handlungsfeldern")),
    ("medienbrueche", _l("Medienbrüche")),
])
_LEVELS = select_choices([("konform", _l("OZG-konform (je Reifegradmodell)"))] + [
    (str(n), str(n)) for n in range(1, 8)])
_LEIKA = select_choices([(t, t) for t in ("1", "2/3", "3", "4", "5")])
_OPS = select_choices([("", _l("automatisch (≥, bei Doppelstrukturen und Medienbrüchen ≤)")),
                (">=", "≥"), ("<=", "≤"), ("=", "="), (">", ">"), ("<", "<")])


class MultiCheckboxField(SelectMultipleField):
    """A set of checkboxes (no script needed, keyboard friendly)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _number(text: str) -> float:
    return float(text.strip().replace("%", "").replace(" ", "").replace(",", "."))


class TargetForm(FlaskForm):
    """A target: Handlungsfeld, name and what is measured.

    Coordinators fill in structured fields (Messgröße, Reifegrad, LeiKa-Typen,
    Bereich, Vergleich, Zielwert, Termin) from which the rule is built; experts may
    write the rule in the rule language instead (``mode = "regel"``).
    """

    version = HiddenField()
    mode = RadioField(_l("Eingabe"), default="felder", choices=select_choices([
        ("felder", _l("mit Feldern")), ("regel", _l("als Zielregel (für Fachleute)"))]))
    metric = SelectField(_l("Messgröße"), choices=METRIC_CHOICES, default="anteil_reifegrad")
    level = SelectField(_l("ab Reifegrad"), choices=_LEVELS, default="3")
    metric_statuses = StringField(_l("Umsetzungsstatus (nur für „Anteil in Umsetzungsstatus“)"),
                                  validators=[Optional(), Length(max=500)])
    leika = MultiCheckboxField(_l("nur Leistungen dieser LeiKa-Typen (leer: alle)"),
                               choices=_LEIKA, validators=[Optional()])
    scope = SelectField(_l("Bereich"), default="eigen", choices=select_choices([
        ("eigen", _l("Leistungen des gewählten Handlungsfelds")),
        ("alle", _l("alle Handlungsfelder"))]))
    op = SelectField(_l("Vergleich"), choices=_OPS, default="")
    goal = StringField(_l("Zielwert"), validators=[Optional(), Length(max=20)])
    baseline = DateField(_l("relativ zum Wert vom (Zielwert dann in % dieses Werts)"),
                         validators=[Optional()])
    deadline = DateField(_l("Zieltermin"), validators=[Optional()])
    handlungsfeld = SelectField(_l("Handlungsfeld"), coerce=int, validators=[
        DataRequired(_l("Bitte wählen Sie ein Handlungsfeld."))])
    name = StringField(_l("Bezeichnung"), validators=[
        DataRequired(_l("Bitte geben Sie eine Bezeichnung ein.")), Length(max=300)])
    rule = TextAreaField(_l("Zielregel"), validators=[Optional(), Length(max=2000)])
    start_date = DateField(_l("Zielbeginn (Bezugsdatum für „auf Kurs“)"),
                           validators=[Optional()])
    responsible = StringField(_l("Verantwortlich"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=5000)])
    archived = BooleanField(_l("Ziel archivieren (ausblenden, Verlauf bleibt erhalten)"))
    comment = StringField(_l("Kommentar zur Änderung"), validators=[Optional(),
                                                                    Length(max=500)])

    def validate(self, extra_validators=None) -> bool:
        # a post without the mode (scripts, older clients) that carries a rule means the rule
        posted_rule_only = not self.mode.raw_data and bool((self.rule.data or "").strip())
        if posted_rule_only:
            self.mode.data = "regel"
        if self.mode.data != "regel":
            # build the rule from the fields; its errors are the fields' errors
            try:
                self.rule.data = self.built_rule().text()
            except ValidationError as exc:
                super().validate(extra_validators)
                self.goal.errors = [*self.goal.errors, str(exc)]
                return False
        return super().validate(extra_validators)

    def validate_rule(self, field) -> None:
        if not (field.data or "").strip():
            raise ValidationError(_l("Bitte geben Sie die Zielregel ein."))
        try:
            parse_rule(field.data or "")
        except RuleError as exc:
            raise ValidationError(exc.message_de) from None

    def built_rule(self) -> Rule:
        """The rule the structured fields describe; ``ValidationError`` if incomplete."""
        metric = self.metric.data or "anteil_reifegrad"
        if not (self.goal.data or "").strip():
            raise ValidationError(_l("Bitte geben Sie den Zielwert an."))
        try:
            goal = _number(self.goal.data)
        except ValueError:
            raise ValidationError(_l("Der Zielwert ist keine Zahl (z. B. 80 oder 2,5).")) \
                from None
        is_share = metric.startswith("anteil") or metric == "online_fallzahl"
        if goal < 0 or (is_share and self.baseline.data is None and goal > 100):
            raise ValidationError(_l("Ein Anteil liegt zwischen 0 und 100 %."))
        op = self.op.data or ("<=" if metric in ("doppelstrukturen", "medienbrueche") else ">=")
        statuses = frozenset(p.strip() for p in (self.metric_statuses.data or "").split(",")
                             if p.strip())
        if metric == "anteil_status" and not statuses:
            raise ValidationError(_l("Bitte nennen Sie die Umsetzungsstatus, deren Anteil "
                                     "gemessen wird (kommagetrennt)."))
        level_text = self.level.data or "3"
        rule = Rule(
            metric=metric, goal=goal, op=op,
            level=None if level_text == "konform" else int(level_text),
            conformant=level_text == "konform",
            metric_statuses=statuses if metric == "anteil_status" else frozenset(),
            leika_types=frozenset(self.leika.data) if self.leika.data else None,
            scope="*" if self.scope.data == "alle" else None,
            relative=self.baseline.data is not None, baseline=self.baseline.data,
            deadline=self.deadline.data)
        try:  # the same checks as a written rule (e.g. shares at most 100 %)
            return parse_rule(rule.text())
        except RuleError as exc:
            raise ValidationError(exc.message_de) from None

    def fill_from_rule(self, rule: Rule) -> None:
        """Pre-fill the structured fields; rules they cannot express stay in expert mode."""
        expressible = (rule.statuses is None and rule.reifegrad_model is None
                       and rule.scope in (None, "*"))
        self.mode.data = "felder" if expressible else "regel"
        self.metric.data = rule.metric
        self.level.data = "konform" if rule.conformant else str(rule.level or 3)
        self.metric_statuses.data = ", ".join(sorted(rule.metric_statuses))
        self.leika.data = sorted(rule.leika_types) if rule.leika_types else []
        self.scope.data = "alle" if rule.scope == "*" else "eigen"
        self.op.data = rule.op
        self.goal.data = f"{rule.goal:g}".replace(".", ",")
        self.baseline.data = rule.baseline if rule.relative else None
        self.deadline.data = rule.deadline


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
    kind = SelectField(_l("Art"), choices=select_choices([("projekt", _l("Projekt")),
                                                   ("massnahme", _l("Maßnahme"))]))
    status = SelectField(_l("Status"),
                         choices=select_choices((k, v[0]) for k, v in STATUSES.items()))
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
