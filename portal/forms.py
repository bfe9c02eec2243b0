"""Validators and fields every feature's forms share."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal.database import MAX_ID
from portal.i18n import LANGUAGE_NAMES, LANGUAGES, current_language
from portal.region import commune_options

REQUIRED = DataRequired(message=_l("This field is required."))
EMAIL = Email(message=_l("Enter a valid email address, like name@example.org."), check_deliverability=False)


def max_length(n: int) -> Length:
    return Length(max=n, message=_l("At most %(max)d characters.", max=n))


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
