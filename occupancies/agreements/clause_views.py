"""The clause library: the Guichet's shared clauses (/guichet/clauses/) and each owner's own
(/o/<slug>/agreements/clauses/), in French and Dutch. Agreements keep a copy of the clauses they chose."""
from __future__ import annotations

from flask import abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from occupancies.agreements import operations as ops
from occupancies.agreements import permissions as p
from occupancies.agreements.forms import ClauseForm
from occupancies.agreements.models import Clause
from portal.extensions import db
from portal.forms import ActionForm
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import REFUSED, done, submit


def _clauses(organisation) -> list[Clause]:
    scope = Clause.organisation_id.is_(None) if organisation is None else Clause.organisation_id == organisation.id
    return list(db.session.scalars(select(Clause).where(scope).order_by(Clause.active.desc(), Clause.position,
                                                                        Clause.id)))


def _clause_or_404(organisation, clause_id) -> Clause:
    clause = db.session.get(Clause, clause_id)
    owner = organisation.id if organisation is not None else None
    if clause is None or clause.organisation_id != owner:
        abort(404)
    return clause


def _list(organisation, endpoint_prefix: str, form=None, edit_forms=None, status=200):
    clauses = _clauses(organisation)
    forms = {c.id: ClauseForm(formdata=None, obj=c, prefix=f"c{c.id}") for c in clauses}
    forms.update(edit_forms or {})
    return render_template("agreements/clauses.html", clauses=clauses, organisation=organisation,
                           form=form or ClauseForm(formdata=None), edit_forms=forms, prefix=endpoint_prefix,
                           may_manage=p.can_manage_clauses(current_user, organisation)), status


def _save(organisation, endpoint_prefix: str, operation, form, message, edit_forms=None):
    if submit(form, operation) is not REFUSED:
        return done(message, url_for(f"{endpoint_prefix}.clauses"))
    return _list(organisation, endpoint_prefix, form=None if edit_forms else form, edit_forms=edit_forms,
                 status=422)


def routes(bp, organisation_of, endpoint_prefix: str) -> None:
    """The four routes of a library on a blueprint; `organisation_of()` gives the library's owner (None for the
    Guichet's)."""

    @bp.route("/clauses/")
    def clauses():
        organisation = organisation_of()
        if organisation is not None:
            require(p.can_draft_agreements(current_user, organisation))
        return _list(organisation, endpoint_prefix)

    @bp.route("/clauses/", methods=["POST"])
    def add_clause():
        organisation = organisation_of()
        require(p.can_manage_clauses(current_user, organisation))
        form = ClauseForm()
        return _save(organisation, endpoint_prefix, lambda: ops.add_clause(organisation, form.values(),
                                                                           actor=current_user),
                     form, _("The clause is added to the library."))

    @bp.route("/clauses/<int:clause_id>", methods=["POST"])
    def update_clause(clause_id: int):
        organisation = organisation_of()
        clause = _clause_or_404(organisation, clause_id)
        require(p.can_manage_clauses(current_user, organisation))
        form = ClauseForm(prefix=f"c{clause.id}")
        return _save(organisation, endpoint_prefix, lambda: ops.update_clause(
            clause, form.values(), actor=current_user, organisation=organisation), form,
            _("The clause is saved. Agreements already drafted keep their copy."), edit_forms={clause.id: form})

    @bp.route("/clauses/<int:clause_id>/retire", methods=["POST"])
    def retire_clause(clause_id: int):
        organisation = organisation_of()
        clause = _clause_or_404(organisation, clause_id)
        require(p.can_manage_clauses(current_user, organisation))
        if not ActionForm().validate_on_submit():
            abort(400)
        ops.retire_clause(clause, actor=current_user, organisation=organisation)
        db.session.commit()
        return done(_("The clause is no longer offered to new agreements."), url_for(f"{endpoint_prefix}.clauses"))


guichet_bp = guichet_blueprint("guichet_clauses", __name__, template_folder="templates")
routes(guichet_bp, lambda: None, "guichet_clauses")
