"""What the organisations' and the Guichet's pages of the register share: the list, the report form, a signal's
page with the commune's decision and the outcome."""
from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.vacancies import operations as ops
from occupancies.vacancies import permissions as p
from occupancies.vacancies import queries
from occupancies.vacancies.forms import DecisionForm, OutcomeForm, SignalForm
from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.workflow import STATUS_LABELS, SignalStatus
from portal.audit.queries import history_of
from portal.ui.helpers import REFUSED, done, render_form, submit


def chosen_status(value) -> SignalStatus | None:
    return SignalStatus(value) if value in STATUS_LABELS and value != SignalStatus.unconfirmed else None


def list_page(page, prefix: str, **context):
    return render_template("vacancies/index.html", page=page, prefix=prefix,
                           statuses=[s for s in SignalStatus if s != SignalStatus.unconfirmed], **context)


def report(organisation, prefix: str):
    """The report form of a member (organisation) or of the Guichet (None)."""
    form = SignalForm().prepare()
    signal = submit(form, lambda: ops.report_signal(organisation, form.values(), photo=form.photo.data,
                                                    actor=current_user))
    if signal is REFUSED:
        return render_form("vacancies/report.html", form, action=url_for(prefix + ".new"), public=False,
                           cancel=url_for(prefix + ".index"))
    message = _("The vacant place is on the register.") if signal.status == SignalStatus.accepted else \
        _("Your report is received: the commune checks it, and you will be told what it decides.")
    return done(message, url_for(prefix + ".signal", signal_id=signal.id))


def signal_page(signal: VacancySignal, prefix: str, *, sites=(), decision_form=None, outcome_form=None,
                status=200):
    commune_on_portal = queries.commune_organisation(signal.commune) is not None
    duplicates = queries.duplicates_of(signal) if signal.status == SignalStatus.pending else []
    may_moderate = p.can_moderate(current_user, signal, commune_on_portal)
    may_record = p.can_record_outcome(current_user, signal) and prefix == "vacancies"
    return render_template(
        "vacancies/signal.html", signal=signal, prefix=prefix, history=history_of(signal),
        duplicates=duplicates, merged=queries.merged_into_this(signal), may_moderate=may_moderate,
        may_record=may_record, may_read_owner=p.can_read_owner(current_user, signal),
        commune_on_portal=commune_on_portal,
        decision_form=decision_form or DecisionForm(formdata=None).prepare(duplicates),
        outcome_form=outcome_form or OutcomeForm(formdata=None).prepare(sites),
    ), status


def decide(signal: VacancySignal, prefix: str):
    duplicates = queries.duplicates_of(signal)
    form = DecisionForm().prepare(duplicates)

    def operation():
        if form.decision.data == "accept":
            return ops.accept_signal(signal, actor=current_user)
        if form.decision.data == "merge":
            into = next((d for d in duplicates if d.id == form.merge_into.data), None)
            return ops.merge_signal(signal, into, actor=current_user)
        return ops.reject_signal(signal, reason=form.reason.data, actor=current_user)

    if submit(form, operation) is REFUSED:
        return signal_page(signal, prefix, decision_form=form, status=422)
    return done(_("The decision is recorded, and the person who reported it told."),
                url_for(prefix + ".signal", signal_id=signal.id))
