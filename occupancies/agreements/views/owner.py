"""An owner's own clause library, beside the Guichet's: /o/<slug>/agreements/clauses/… (on the agreements
blueprint of member.py: the same space as its agreements)."""
from __future__ import annotations

from flask import abort, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.agreements import operations as ops
from occupancies.agreements import permissions as p
from occupancies.agreements.forms import ClauseForm
from occupancies.agreements.views.common import clause_list, clause_or_404, save_clause
from occupancies.agreements.views.member import bp
from portal.permissions import require
from portal.ui.helpers import REFUSED, act, done


def _owner_library():
    """The library of the organisation whose space this is: owners only."""
    if not g.organisation.is_owner:
        abort(404)
    return g.organisation


@bp.route("/clauses/")
def clauses():
    organisation = _owner_library()
    require(p.can_draft_agreements(current_user, organisation))
    return clause_list(organisation, "agreements")


@bp.route("/clauses/", methods=["POST"])
def add_clause():
    organisation = _owner_library()
    require(p.can_manage_clauses(current_user, organisation))
    form = ClauseForm()
    return save_clause(organisation, "agreements", lambda: ops.add_clause(organisation, form.values(),
                                                                          actor=current_user),
                       form, _("The clause is added to the library."))


@bp.route("/clauses/<int:clause_id>", methods=["POST"])
def update_clause(clause_id: int):
    organisation = _owner_library()
    clause = clause_or_404(organisation, clause_id)
    require(p.can_manage_clauses(current_user, organisation))
    form = ClauseForm(prefix=f"c{clause.id}")
    return save_clause(organisation, "agreements", lambda: ops.update_clause(
        clause, form.values(), actor=current_user, organisation=organisation), form,
        _("The clause is saved. Agreements already drafted keep their copy."), edit_forms={clause.id: form})


@bp.route("/clauses/<int:clause_id>/retire", methods=["POST"])
def retire_clause(clause_id: int):
    organisation = _owner_library()
    clause = clause_or_404(organisation, clause_id)
    require(p.can_manage_clauses(current_user, organisation))
    if act(lambda: ops.retire_clause(clause, actor=current_user, organisation=organisation)) is REFUSED:
        return redirect(url_for("agreements.clauses"), code=303)
    return done(_("The clause is no longer offered to new agreements."), url_for("agreements.clauses"))
