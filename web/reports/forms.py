"""Forms of the reports area: period selection (GET) and a narrative section."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from procmodel.strategy import Period, PeriodError


class PeriodForm(FlaskForm):
    """Which period to report on: a half-year from the list or a free date range."""

    class Meta:
        csrf = False

    period = SelectField(_l("Halbjahr"), coerce=str, validators=[Optional()])
    custom = StringField(_l("oder Zeitraum"), validators=[Optional(), Length(max=40)])

    def validate_custom(self, field) -> None:
        if field.data and field.data.strip():
            try:
                Period.parse(field.data)
            except PeriodError as exc:
                raise ValidationError(exc.message_de) from None

    def chosen(self) -> Period | None:
        text = (self.custom.data or "").strip() or (self.period.data or "")
        try:
            return Period.parse(text) if text else None
        except PeriodError:
            return None


class NarrativeForm(FlaskForm):
    """A narrative section of the report for one period and Handlungsfeld."""

    version = HiddenField()
    title = StringField(_l("Überschrift"), validators=[
        DataRequired(_l("Bitte geben Sie eine Überschrift ein.")), Length(max=300)])
    body = TextAreaField(_l("Text"), validators=[Optional(), Length(max=50000)])
