"""The Guichet's clause library, shared by every owner: /guichet/clauses/…"""
from __future__ import annotations

from flask import redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.agreements import operations as ops
from occupancies.agreements import permissions as p
from occupancies.agreements.forms import ClauseForm
from occupancies.agreements.views.common import clause_list, clause_or_404, save_clause
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import REFUSED, act, done

bp = guichet_blueprint("guichet_clauses", __name__, template_folder="../templates")

# The Guichet's library belongs to no organisation.
LIBRARY = None


@bp.route("/clauses/")
def clauses():
    return clause_list(LIBRARY, "guichet_clauses")


@bp.route("/clauses/", methods=["POST"])
def add_clause():
    require(p.can_manage_clauses(current_user, LIBRARY))
    form = ClauseForm()
    return save_clause(LIBRARY, "guichet_clauses", lambda: ops.add_clause(LIBRARY, form.values(), actor=current_user),
                       form, _("The clause is added to the library."))


@bp.route("/clauses/<int:clause_id>", methods=["POST"])
def update_clause(clause_id: int):
    clause = clause_or_404(LIBRARY, clause_id)
    require(p.can_manage_clauses(current_user, LIBRARY))
    form = ClauseForm(prefix=f"c{clause.id}")
    return save_clause(LIBRARY, "guichet_clauses", lambda: ops.update_clause(
        clause, form.values(), actor=current_user, organisation=LIBRARY), form,
        _("The clause is saved. Agreements already drafted keep their copy."), edit_forms={clause.id: form})


@bp.route("/clauses/<int:clause_id>/retire", methods=["POST"])
def retire_clause(clause_id: int):
    clause = clause_or_404(LIBRARY, clause_id)
    require(p.can_manage_clauses(current_user, LIBRARY))
    if act(lambda: ops.retire_clause(clause, actor=current_user, organisation=LIBRARY)) is REFUSED:
        return redirect(url_for("guichet_clauses.clauses"), code=303)
    return done(_("The clause is no longer offered to new agreements."), url_for("guichet_clauses.clauses"))
