"""What the two clause libraries share, the Guichet's (guichet.py) and each owner's (owner.py), in French and Dutch:
the list of clauses with a form for each, and the save of one. Agreements keep a copy of the clauses they chose."""
from __future__ import annotations

from flask import abort, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from occupancies.agreements import permissions as p
from occupancies.agreements.forms import ClauseForm
from occupancies.agreements.models import Clause
from portal.extensions import db
from portal.ui.helpers import REFUSED, done, submit


def clauses_of(organisation) -> list[Clause]:
    """A library's clauses, the active ones first (the Guichet's when organisation is None)."""
    scope = Clause.organisation_id.is_(None) if organisation is None else Clause.organisation_id == organisation.id
    return list(db.session.scalars(select(Clause).where(scope).order_by(Clause.active.desc(), Clause.position,
                                                                        Clause.id)))


def clause_or_404(organisation, clause_id) -> Clause:
    """A clause of this library (the Guichet's when organisation is None); any other is not found."""
    clause = db.session.get(Clause, clause_id)
    owner = organisation.id if organisation is not None else None
    if clause is None or clause.organisation_id != owner:
        abort(404)
    return clause


def clause_list(organisation, endpoint_prefix: str, form=None, edit_forms=None, status=200):
    """The library's page: its clauses, each with its form, and the form of a new one."""
    clauses = clauses_of(organisation)
    forms = {c.id: ClauseForm(formdata=None, obj=c, prefix=f"c{c.id}") for c in clauses}
    forms.update(edit_forms or {})
    return render_template("agreements/clauses.html", clauses=clauses, organisation=organisation,
                           form=form or ClauseForm(formdata=None), edit_forms=forms, prefix=endpoint_prefix,
                           may_manage=p.can_manage_clauses(current_user, organisation)), status


def save_clause(organisation, endpoint_prefix: str, operation, form, message, edit_forms=None):
    """A clause added or saved: back to the library; refused, the library again with the form's messages (422)."""
    if submit(form, operation) is not REFUSED:
        return done(message, url_for(f"{endpoint_prefix}.clauses"))
    return clause_list(organisation, endpoint_prefix, form=None if edit_forms else form, edit_forms=edit_forms,
                       status=422)
