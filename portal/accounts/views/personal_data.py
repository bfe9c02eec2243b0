"""One's own personal data, at /account/data: read it, download it (JSON), erase one's account."""
from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, logout_user

from portal import clock
from portal.accounts import operations as ops
from portal.accounts import personal_data, queries
from portal.accounts.forms import EraseForm
from portal.ui.helpers import REFUSED, act, done, submit

data = Blueprint("personal_data", __name__, url_prefix="/account", template_folder="../templates")

# How the readable page names the tables; any other is named as it is stored.
TABLE_LABELS = {
    "users": _l("Your account"), "memberships": _l("Your organisations and roles"),
    "invitations": _l("Invitations sent to you or by you"), "sign_ups": _l("Registrations waiting for confirmation"),
    "notifications": _l("Your notifications"), "notification_preferences": _l("Your notification preferences"),
    "outbox_mails": _l("E-mails sent to you"), "saved_searches": _l("Your saved searches"),
    "recovery_codes": _l("Your recovery codes (digests only)"),
    "audit_events": _l("History: what you did, and what was done to your account"),
    "calls": _l("Calls you approved"), "call_evaluators": _l("Calls you evaluate"),
    "evaluation_decisions": _l("Decisions you recorded"), "evaluation_consensus": _l("Consensus marks you recorded"),
    "evaluation_eligibility": _l("Eligibility you checked"), "agreements": _l("Agreements ended by your notice"),
    "agreement_signatures": _l("Your signatures"), "agreement_checklist": _l("Agreement steps you completed"),
    "reports": _l("Reports you submitted or reviewed"), "sharing_sessions": _l("Sharing sessions you created"),
    "session_registrations": _l("Your registrations to sharing sessions"),
    "shared_resources": _l("Resources you shared"), "vacancy_signals": _l("Vacant places you reported"),
    "dgp_steps": _l("Public management steps you recorded"),
    "dgp_entries": _l("Public management ledger lines you recorded"),
    "dgp_documents": _l("Public management documents you added"), "need_proposals": _l("Proposals you sent"),
    "need_proposal_messages": _l("Your messages about proposals"),
}
SHOWN_ROWS = 20


@data.route("/data")
@login_required
def page():
    return _page(EraseForm(formdata=None))


def _readable(tables: dict) -> list:
    """(label, rows) of each table, the account's own first, each value as text (JSON as it reads, accents kept)."""
    order = list(TABLE_LABELS)
    named = sorted(tables, key=lambda name: (order.index(name) if name in order else len(order), name))
    return [(name, TABLE_LABELS.get(name, name), [
        {key: value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
         for key, value in row.items() if value not in (None, "", [], {})} for row in tables[name]])
        for name in named]


def _page(erase_form, status: int = 200):
    found = personal_data.export(current_user, clock.now())
    return render_template("accounts/personal_data.html", tables=_readable(found["tables"]), shown=SHOWN_ROWS,
                           alone=queries.organisations_only_administered_by(current_user),
                           erase_form=erase_form), status


@data.route("/data.json", methods=["POST"])
@login_required
def download():
    """The whole export as a file; a POST, since it is recorded (the Guichet's security record lists exports)."""
    body = act(lambda: ops.record_export(current_user, actor=current_user))
    if body is REFUSED:
        return done(_("The download could not be prepared: try again."), url_for("personal_data.page"), "danger")
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": "attachment; filename=entretemps-my-data.json", "Cache-Control": "no-store"})


@data.route("/erase", methods=["POST"])
@login_required
def erase():
    form = EraseForm()
    pseudonym = submit(form, lambda: ops.erase_account(current_user, password=form.password.data,
                                                       confirmation=form.confirmation.data, actor=current_user))
    if pseudonym is REFUSED:
        return _page(form, 422)
    logout_user()
    session.clear()
    return done(_("Your account is erased. Where a record must be kept (a signed agreement, a decision, the history "
                  "of a dossier), you now appear as %(pseudonym)s.", pseudonym=pseudonym), url_for("public.landing"))
