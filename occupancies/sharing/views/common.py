"""What the sharing pages share: how a refused one-button form is said."""
from __future__ import annotations

from flask import flash
from flask_babel import gettext as _


def flash_refusal(form) -> None:
    """The messages of a one-button form (no field to show them beside), as an alert on the page."""
    flash(" ".join(form.form_errors) or _("The form has expired: submit it again."), "danger")
