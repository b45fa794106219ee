"""Forms of the process-model area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from web.choices import select_choices


class UploadForm(FlaskForm):
    files = MultipleFileField(_l("BPMN-Dateien"), validators=[
        DataRequired(_l("Bitte wählen Sie mindestens eine BPMN-Datei aus."))])
    kind = RadioField(_l("Art des Modells"), choices=select_choices([
        ("ist", _l("Ist-Prozess")), ("soll", _l("Soll-Prozess"))]), default="ist",
        validators=[DataRequired(_l("Bitte wählen Sie Ist oder Soll."))])
    comment = TextAreaField(_l("Kommentar"), validators=[Optional(), Length(max=2000)])
    make_current = BooleanField(_l("Sofort als aktuelle Version verwenden (auch wenn die Datei "
                                   "Fehler hat oder eine freigegebene Version aktuell ist)"))


class ReleaseForm(FlaskForm):
    status = SelectField(_l("Freigabestatus"), choices=select_choices([
        ("entwurf", _l("Entwurf")), ("in_pruefung", _l("in Prüfung")),
        ("freigegeben", _l("freigegeben"))]),
        validators=[DataRequired()])
    make_current = BooleanField(_l("beim Freigeben zur aktuellen Version machen"))
    confirm_errors = BooleanField(_l("Ich gebe die Version trotz ihrer Fehler frei"))
    comment = TextAreaField(_l("Begründung"), validators=[Optional(), Length(max=2000)])


class ActionForm(FlaskForm):
    """A button-only form (CSRF token only)."""
