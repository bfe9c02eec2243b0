"""What the agreements' operations share: who is told, with which words and link."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from occupancies.agreements import queries
from portal.errors import OperationError
from portal.i18n import format_day
from portal.notifications import notify
from portal.roles import writers_of


def tell_both(agreement, kind: str, params: dict) -> None:
    """Each side, with a link to the agreement in its own space."""
    for organisation in (agreement.owner, agreement.occupant):
        notify(writers_of(organisation), kind, params=params, link=link_to(agreement, organisation),
               organisation=organisation)


def params_of(agreement) -> dict:
    return {"reference": agreement.reference, "site": agreement.site.name}


def link_to(agreement, organisation=None) -> str:
    """The agreement's page in the recipient's own space (the owner's by default)."""
    return url_for("agreements.agreement", agreement_id=agreement.id,
                   org_slug=(organisation or agreement.owner).slug)


HOLD_MESSAGES = {
    "appeal": _l("An appeal against the decision on this call waits for its answer: the agreement can be sent and "
                 "signed once it is answered."),
    "reopened": _l("The evaluation of this call is reopened after an appeal: the agreement can be sent and signed "
                   "once a new decision selects this application."),
}


def refuse_while_held(agreement) -> None:
    """An agreement from a call is neither sent nor signed while the call's decision may still change: during its
    standstill, while an appeal waits for its answer, and while the evaluation is reopened (calls.appeals)."""
    hold = queries.signature_hold_of(agreement)
    if hold is None:
        return
    if hold.reason in HOLD_MESSAGES:
        raise OperationError(HOLD_MESSAGES[hold.reason])
    raise OperationError(_l("The standstill after the decision on this call runs until %(date)s: the agreement can "
                            "be sent for signature from the next day.", date=format_day(hold.until, "long")))
