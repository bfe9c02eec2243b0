"""The clause library: the Guichet's shared clauses and each owner's own."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from occupancies.agreements import permissions as p
from occupancies.agreements.models import Clause
from portal import audit
from portal.errors import Problems
from portal.extensions import db
from portal.permissions import require

CLAUSE_FIELDS = ("title_fr", "title_nl", "text_fr", "text_nl")


def _check_clause(values: dict) -> None:
    missing = {k: _l("Write it in French and in Dutch: every agreement may use it.") for k in CLAUSE_FIELDS
               if not (values.get(k) or "").strip()}
    if missing:
        raise Problems(missing)


def add_clause(organisation, values: dict, *, actor) -> Clause:
    """A clause of the Guichet's shared library (organisation None) or of an owner's own."""
    require(p.can_manage_clauses(actor, organisation))
    _check_clause(values)
    position = db.session.scalar(select(func.count(Clause.id)).where(
        Clause.organisation_id.is_(None) if organisation is None else Clause.organisation_id == organisation.id))
    clause = Clause(organisation_id=organisation.id if organisation is not None else None, position=position or 0,
                    **{k: values[k].strip() for k in CLAUSE_FIELDS})
    db.session.add(clause)
    db.session.flush()
    audit.record("agreement.clause_added", target=clause, actor=actor, organisation=organisation,
                 changes={"title_fr": [None, clause.title_fr]})
    return clause


def update_clause(clause: Clause, values: dict, *, actor, organisation) -> None:
    """An edit reaches the agreements drafted from now on; those drafted keep their copy."""
    require(p.can_manage_clauses(actor, organisation) and clause.organisation_id == (
        organisation.id if organisation is not None else None))
    _check_clause(values)
    changes = {k: [getattr(clause, k), values[k].strip()] for k in CLAUSE_FIELDS
               if getattr(clause, k) != values[k].strip()}
    for key in CLAUSE_FIELDS:
        setattr(clause, key, values[key].strip())
    audit.record("agreement.clause_updated", target=clause, actor=actor, organisation=organisation, changes=changes)


def retire_clause(clause: Clause, *, actor, organisation) -> None:
    """No longer offered to new agreements (those that chose it keep it)."""
    require(p.can_manage_clauses(actor, organisation) and clause.organisation_id == (
        organisation.id if organisation is not None else None))
    clause.active = False
    audit.record("agreement.clause_retired", target=clause, actor=actor, organisation=organisation)
