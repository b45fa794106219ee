"""Forms of the services area: the list filter and the service editor."""

from __future__ import annotations

from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from web.choices import select_choices


class LocalDecimalField(DecimalField):
    """A decimal number in the user's notation: "18,5" in German, "18.5" in English.

    Shown formatted for the page's language (no "18.0" in a German form); read leniently:
    a comma is the decimal separator, a point too when it is the only separator, and
    "1.234,5" is read as German grouping.
    """

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return format_decimal(self.data, format="#0.###", locale=str(get_locale() or "de"))

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            text = (valuelist[0] or "").strip().replace("\u00a0", "").replace(" ", "")
            if "," in text:
                text = text.replace(".", "").replace(",", ".")
            valuelist = [text]
        super().process_formdata(valuelist)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class FilterForm(FlaskForm):
    """The filter bar of the service list (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Suche"), validators=[Optional(), Length(max=200)])
    handlungsfeld = SelectField(_l("Handlungsfeld"), coerce=str, validators=[Optional()])
    themenfeld = SelectField(_l("Themenfeld"), coerce=str, validators=[Optional()])
    reifegrad = SelectField(_l("Reifegrad"), coerce=str, validators=[Optional()])
    status = SelectField(_l("Umsetzungsstatus"), coerce=str, validators=[Optional()])
    department = SelectField(_l("Fachbereich/Amt"), coerce=str, validators=[Optional()])
    overdue = SelectField(_l("Zieltermin"), coerce=str, validators=[Optional()],
                          choices=select_choices([
                              ("", _l("alle")), ("1", _l("nur überfällige Ziele"))]))


class ServiceForm(FlaskForm):
    """Every field of a service; ``version`` detects concurrent edits."""

    version = HiddenField()
    name = StringField(_l("Bezeichnung"), validators=[
        DataRequired(_l("Bitte geben Sie eine Bezeichnung ein.")), Length(max=300)])
    description = TextAreaField(_l("Beschreibung"), validators=[Optional(), Length(max=20000)])
    handlungsfeld = SelectField(_l("Handlungsfeld"), coerce=int, validators=[
        DataRequired(_l("Bitte wählen Sie ein Handlungsfeld."))])
    department = StringField(_l("Fachbereich/Amt"), validators=[Optional(), Length(max=200)])
    contact_role = StringField(_l("Ansprechrolle"), validators=[Optional(), Length(max=200)])
    rechtsgrundlage = TextAreaField(_l("Rechtsgrundlage"), validators=[Optional(),
                                                                      Length(max=5000)])
    online_url = StringField(_l("Adresse des Online-Dienstes"), validators=[
        Optional(), Length(max=1000),
        URL(require_tld=False, message=_l("Bitte geben Sie eine vollständige Adresse an "
                                           "(beginnend mit https://)."))])
    efa_status = SelectField(_l("EfA-Status"), coerce=str, validators=[Optional()])
    basisdienste = MultiCheckboxField(_l("Genutzte Basisdienste"), coerce=str,
                                      validators=[Optional()])
    ozg_ids = StringField(_l("OZG-IDs"), validators=[Optional(), Length(max=2000)])
    leika_keys = StringField(_l("Leistungsschlüssel (LeiKa)"), validators=[
        Optional(), Length(max=5000)])
    fees = StringField(_l("Gebühren"), validators=[Optional(), Length(max=500)])
    fallzahl = IntegerField(_l("Fallzahl pro Jahr"), validators=[
        Optional(), NumberRange(min=0, message=_l("Die Fallzahl darf nicht negativ sein."))])
    online_share = LocalDecimalField(_l("Online-Anteil (%)"), places=None, validators=[
        Optional(), NumberRange(min=0, max=100, message=_l(
            "Der Online-Anteil muss zwischen %(min)s und %(max)s %% liegen."))])
    bearbeitungszeit_minutes = LocalDecimalField(_l("Bearbeitungszeit je Fall (Minuten)"),
                                            places=None, validators=[
        Optional(), NumberRange(min=0, message=_l(
            "Die Bearbeitungszeit darf nicht negativ sein."))])
    priority = SelectField(_l("Priorität"), coerce=str, validators=[Optional()])
    notes = TextAreaField(_l("Notizen"), validators=[Optional(), Length(max=20000)])
    reifegrad_model = SelectField(_l("Reifegradmodell"), coerce=str, validators=[
        DataRequired()])
    reifegrad = SelectField(_l("Reifegrad"), coerce=str, validators=[Optional()])
    umsetzungsstatus = SelectField(_l("Umsetzungsstatus"), coerce=str,
                                   validators=[Optional()])
    target_reifegrad = SelectField(_l("Ziel-Reifegrad"), coerce=str, validators=[Optional()])
    target_date = DateField(_l("Zieltermin"), validators=[Optional()], format="%Y-%m-%d")
    comment = TextAreaField(_l("Kommentar zur Änderung"), validators=[
        Optional(), Length(max=5000)])
    #: Shown only when a service of the same name exists (see the create view).
    confirm_duplicate = BooleanField(_l("Trotzdem als weitere Leistung anlegen"))
