"""Forms of the administration area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from web.choices import select_choices

ROLE_CHOICES = select_choices([
    ("viewer", _l("Lesezugriff")), ("coordinator", _l("OZG-Koordination")),
    ("analyst", _l("Prozessanalyse")), ("admin", _l("Administration"))])
PASSWORD_HINT = _l("Mindestens 10 Zeichen.")


class NewUserForm(FlaskForm):
    username = StringField(_l("Benutzername"), validators=[
        DataRequired(_l("Bitte geben Sie einen Benutzernamen ein.")), Length(max=100)])
    display_name = StringField(_l("Anzeigename"), validators=[Optional(), Length(max=200)])
    email = StringField(_l("E-Mail"), validators=[
        Optional(), Email(_l("Bitte geben Sie eine gültige E-Mail-Adresse ein.")),
        Length(max=300)])
    role = SelectField(_l("Rolle"), choices=ROLE_CHOICES, validators=[DataRequired()])
    department = StringField(_l("Nur Fachbereich (für Koordination)"),
                             validators=[Optional(), Length(max=200)])
    password = PasswordField(_l("Passwort"), validators=[
        DataRequired(_l("Bitte vergeben Sie ein Passwort.")),
        Length(min=10, max=1000, message=_l("Das Passwort muss mindestens 10 Zeichen haben."))])
    password2 = PasswordField(_l("Passwort wiederholen"), validators=[
        EqualTo("password", _l("Die Passwörter stimmen nicht überein."))])


class EditUserForm(FlaskForm):
    role = SelectField(_l("Rolle"), choices=ROLE_CHOICES, validators=[DataRequired()])
    department = StringField(_l("Nur Fachbereich (für Koordination)"),
                             validators=[Optional(), Length(max=200)])
    active = BooleanField(_l("Konto aktiv"))
    password = PasswordField(_l("Neues Passwort (leer lassen: unverändert)"), validators=[
        Optional(), Length(min=10, max=1000,
                           message=_l("Das Passwort muss mindestens 10 Zeichen haben."))])


class HandlungsfeldForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(_l("Bitte geben Sie einen Namen ein.")), Length(max=200)])
    description = StringField(_l("Beschreibung"), validators=[Optional(), Length(max=2000)])


class HandlungsfeldEditForm(HandlungsfeldForm):
    active = BooleanField(_l("aktiv (für neue Zuordnungen wählbar)"))


class ConformantForm(FlaskForm):
    version = SelectField(_l("Reifegradmodell"), validators=[DataRequired()])
    level = IntegerField(_l("OZG-konform ab Reifegrad"), validators=[
        InputRequired(_l("Bitte geben Sie eine Stufe an.")), NumberRange(min=0, max=7)])


class TokenForm(FlaskForm):
    user = SelectField(_l("Benutzerkonto"), coerce=int, validators=[DataRequired()])
    name = StringField(_l("Verwendungszweck"), validators=[
        DataRequired(_l("Bitte beschreiben Sie, wofür der Schlüssel verwendet wird.")),
        Length(max=200)])


class ActionForm(FlaskForm):
    """A button-only form (CSRF token only)."""


class StageForm(FlaskForm):
    """A new Umsetzungsstatus stage."""

    name = StringField(_l("Bezeichnung der Stufe"), validators=[
        DataRequired(_l("Bitte geben Sie eine Bezeichnung ein.")), Length(max=100)])
    is_online = BooleanField(_l("Leistung ist in dieser Stufe online verfügbar"))
    is_closed = BooleanField(_l("abgeschlossen (Ziele gelten nicht mehr als überfällig)"))
