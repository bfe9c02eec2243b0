"""Validators and fields every feature's forms share."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.accounts.rules import MIN_PASSWORD_LENGTH, password_problems
from portal.database import MAX_ID
from portal.i18n import LANGUAGE_NAMES, LANGUAGES, current_language
from portal.region import commune_options

REQUIRED = DataRequired(message=_l("This field is required."))
EMAIL = Email(message=_l("Enter a valid email address, like name@example.org."), check_deliverability=False)


def max_length(n: int) -> Length:
    return Length(max=n, message=_l("At most %(max)d characters.", max=n))


class NewPassword:
    """A password acceptable by the policy in portal.accounts.rules."""

    messages = {
        "too_short": _l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
        "personal": _l("Do not use your name or email address in your password."),
        "too_simple": _l("Use more varied characters."),
    }

    def __init__(self, email_field: str | None = None, name_field: str | None = None):
        self.email_field, self.name_field = email_field, name_field

    def __call__(self, form, field):
        email = form[self.email_field].data if self.email_field and self.email_field in form else ""
        name = form[self.name_field].data if self.name_field and self.name_field in form else ""
        problems = password_problems(field.data or "", email=email or "", name=name or "")
        if problems:
            raise ValidationError(str(self.messages[problems[0]]))


class SamePassword:
    def __init__(self, other: str):
        self.other = other

    def __call__(self, form, field):
        if field.data != form[self.other].data:
            raise ValidationError(str(_l("The two passwords are not the same.")))


def new_password_fields(email_field=None, name_field=None):
    password = PasswordField(_l("New password"), validators=[REQUIRED, NewPassword(email_field, name_field)],
                             description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    confirm = PasswordField(_l("Repeat the password"), validators=[REQUIRED, SamePassword("password")])
    return password, confirm


def language_field(label=None):
    return SelectField(label or _l("Language"), choices=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
                       validators=[REQUIRED])


def strip(value):
    """A text without its surrounding spaces (a filter for fields outside BaseForm, e.g. in a FieldList)."""
    return value.strip() if isinstance(value, str) else value


def optional_id(value):
    """The coercion of a list whose choice is an id: anything else (text, a number no column holds) is no choice."""
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is None or 0 < number <= MAX_ID else None


def choices(labels: dict, empty=None) -> list:
    """A select's choices from a workflow's labels ({enum member: label}), with an empty first choice if given."""
    return ([("", empty)] if empty else []) + [(getattr(key, "value", key), label) for key, label in labels.items()]


def commune_choices() -> list:
    """The 19 communes for a select, named in the reader's language, after an empty first choice."""
    return [("", _l("Choose a commune"))] + commune_options(current_language())


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class BaseForm(FlaskForm):
    """Every form of the portal: text fields lose their surrounding spaces (passwords keep theirs)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, StringField) and not issubclass(
                    unbound_field.field_class, PasswordField):
                options["filters"] = (*options.get("filters", ()), strip)
            return unbound_field.bind(form=form, **options)


class ActionForm(BaseForm):
    """A button that only needs its CSRF token."""
