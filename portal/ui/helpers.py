"""What thin views share: rendering a form with the right status, safe redirects, flash messages."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request


def render_form(template: str, form, **context):
    """A form page: 422 when the submitted form has errors, so that clients and tests can tell."""
    status = 422 if request.method == "POST" and form.errors else 200
    return render_template(template, form=form, **context), status


def field_error(form, field: str | None, message) -> None:
    """Put a message from a domain rule beside its field (or at the top of the form)."""
    target = form[field] if field and field in form else None
    if target is not None:
        target.errors = list(target.errors) + [str(message)]
    else:
        form.form_errors.append(str(message))


REFUSED = object()


def show_problems(form, error) -> None:
    """An operation's problems, each beside its field (Problems carries several, OperationError one)."""
    for field, message in getattr(error, "problems", {error.field: error.message}).items():
        field_error(form, field, message)


def attempt(form, operation, show=None):
    """The operation behind a form, once the form is valid: committed, and its result returned. Otherwise, or
    refused by a rule, REFUSED: nothing half-saved, each problem beside its field (`show(form, error)`)."""
    from portal.errors import OperationError
    from portal.extensions import db

    if not form.validate_on_submit():
        return REFUSED
    try:
        result = operation()
    except OperationError as error:
        db.session.rollback()
        (show or show_problems)(form, error)
        return REFUSED
    db.session.commit()
    return result


def safe_next(default: str) -> str:
    """Only local paths are followed after sign-in."""
    target = request.values.get("next") or ""
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.scheme and not parts.netloc \
            and "\\" not in target:
        return target
    return default


def done(message, endpoint_url: str, category: str = "success"):
    flash(str(message), category)
    return redirect(endpoint_url, code=303)
