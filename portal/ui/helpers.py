"""What thin views share: the one write path, rendering a form with the right status, safe redirects, flashes.

Every POST that changes something goes through `submit` (a form with fields) or `act` (a button that carries only
its CSRF token). Both run one operation, then commit once; when a rule refuses (an OperationError), they roll the
whole transaction back, so that nothing is half-saved, and put each problem beside its field (submit) or in a
message at the top of the next page (act). No view commits or rolls back by itself (tests/unit/test_house.py).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request

from portal.errors import OperationError
from portal.extensions import db
from portal.forms import ActionForm

# What submit and act return when nothing was saved: the form is invalid, or a rule refused the change.
REFUSED = object()


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


def show_problems(form, error: OperationError) -> None:
    """An operation's problems, each beside its field (Problems carries several, OperationError one)."""
    for field, message in error.problems.items():
        field_error(form, field, message)


def _commit_or_refuse(operation, refused):
    try:
        result = operation()
    except OperationError as error:
        db.session.rollback()
        refused(error)
        return REFUSED
    db.session.commit()
    return result


def submit(form, operation, show=None):
    """A form's POST: once the form is valid, the operation, committed, and its result returned. Otherwise, or
    refused by a rule, REFUSED: nothing saved, each problem beside its field (`show(form, error)` to place them
    otherwise)."""
    if not form.validate_on_submit():
        return REFUSED
    return _commit_or_refuse(operation, lambda error: (show or show_problems)(form, error))


def commit(operation):
    """An operation that follows a refusal (which rolled back), committed on its own: the record of a refused
    sign-in, say. Its own refusal is dropped: it records, it does not decide."""
    return _commit_or_refuse(operation, lambda error: None)


def act(operation, refused=None):
    """A one-button POST: its CSRF token checked (400 if missing or stale), the operation committed and its result
    returned. Refused by a rule: REFUSED, nothing saved, the reason flashed for the next page (or given to
    `refused(error)`)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return _commit_or_refuse(operation, refused or (lambda error: flash(str(error.message), "danger")))


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
