"""Validators and fields every feature's forms share."""
from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from wtforms import (
    DateField,
    DateTimeField,
    DecimalField,
    FileField,
    FloatField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectFieldBase
from wtforms.validators import DataRequired, Email, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal import clock
from portal.database import MAX_ID
from portal.i18n import LANGUAGE_NAMES, LANGUAGES, current_language
from portal.listing import FIRST_DAY, LAST_DAY, MAX_INTEGER, MIN_INTEGER, whole_number
from portal.region import commune_options

# The one length limit of a password, in every form that takes one: BaseForm gives it to every PasswordField, so
# that a password accepted when chosen is accepted at sign-in (portal.accounts.rules).
MAX_PASSWORD_LENGTH = 500

REQUIRED = DataRequired(message=_l("This field is required."))
EMAIL = Email(message=_l("Enter a valid email address, like name@example.org."), check_deliverability=False)


def max_length(n: int) -> Length:
    return Length(max=n, message=_l("At most %(max)d characters.", max=n))


class NotAfterToday:
    """A day that cannot be to come (Brussels' today), said with the form's other problems rather than after them."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.data is not None and field.data > clock.today():
            raise ValidationError(str(self.message))


class PasswordLength:
    """The validator BaseForm gives every password field: at most MAX_PASSWORD_LENGTH characters, said only when
    the field's own validators have not already refused the password (for the same reason, in their words)."""

    def __call__(self, form, field):
        if not field.errors and len(field.data or "") > MAX_PASSWORD_LENGTH:
            raise ValidationError(str(_l("At most %(max)d characters.", max=MAX_PASSWORD_LENGTH)))


def language_field(label=None):
    return SelectField(label or _l("Language"), choices=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
                       validators=[REQUIRED])


def strip(value):
    """A text without its surrounding spaces (a filter for fields outside BaseForm, e.g. in a FieldList)."""
    return value.strip() if isinstance(value, str) else value


def optional_id(value):
    """The coercion of a list whose choice is an id: anything else (text, a number no column holds) is no choice."""
    return whole_number(value, minimum=1, maximum=MAX_ID)


def within_columns(data):
    """The filter BaseForm gives every number field: a number a column holds. A whole number beyond what an
    INTEGER column holds reads as the nearest one it holds, so that the field's own rule ("between 1 and 500")
    refuses it in its own words and nothing overflows; a decimal that is no number (NaN, infinity) is refused."""
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        return min(max(data, MIN_INTEGER), MAX_INTEGER)
    if isinstance(data, Decimal | float) and not (
            data.is_finite() if isinstance(data, Decimal) else math.isfinite(data)):
        raise ValueError(str(_l("Enter a number.")))
    return data


def chosen_within_columns(data):
    """The filter BaseForm gives every choice coerced to a number (an id, most often): a number no column holds
    is no choice of ours, refused beside the field."""
    for value in data if isinstance(data, list | tuple) else (data,):
        if isinstance(value, int) and not isinstance(value, bool) and not MIN_INTEGER <= value <= MAX_INTEGER:
            raise ValueError(str(_l("This choice is not one of those offered.")))
    return data


def within_calendar(data):
    """The filter BaseForm gives every date field: a day from 1900 to 2999 (a typing error otherwise, which would
    overflow the arithmetic of deadlines and durations)."""
    day = data.date() if isinstance(data, datetime) else data
    if isinstance(day, date) and not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(str(_l("Enter a date between %(first)d and %(last)d.", first=FIRST_DAY.year,
                                last=LAST_DAY.year)))
    return data


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


def a_file(data):
    """The filter BaseForm gives every file field: an uploaded file, or nothing; a text posted in its place (by
    a script, not a browser) is refused beside the field instead of reaching the code that reads the file."""
    if data is None or isinstance(data, FileStorage) or data == "":
        return data or None
    raise ValueError(str(_l("Choose a file.")))


NUMBER_FIELDS = (IntegerField, DecimalField, FloatField)


class BaseForm(FlaskForm):
    """Every form of the portal: text fields lose their surrounding spaces (passwords keep theirs, within the one
    length limit); numbers and choices coerced to numbers stay within what a column holds, dates within the
    calendar, files are files."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class, own = unbound_field.field_class, tuple(unbound_field.kwargs.get("filters", ()))
            if issubclass(field_class, PasswordField):
                options["validators"] = (*unbound_field.kwargs.get("validators", ()), PasswordLength())
            elif issubclass(field_class, StringField):
                options["filters"] = (*own, strip)
            elif issubclass(field_class, NUMBER_FIELDS):
                options["filters"] = (*own, within_columns)
            elif issubclass(field_class, SelectFieldBase):
                options["filters"] = (*own, chosen_within_columns)
            elif issubclass(field_class, DateField | DateTimeField):
                options["filters"] = (*own, within_calendar)
            elif issubclass(field_class, FileField):
                options["filters"] = (*own, a_file)
            return unbound_field.bind(form=form, **options)


class ActionForm(BaseForm):
    """A button that only needs its CSRF token."""
