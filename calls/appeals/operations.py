"""The only writers of appeals: lodging one, answering it, and the evaluation it reopens when upheld."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from calls.appeals import permissions as p
from calls.appeals import queries, rules
from calls.appeals.models import Appeal
from calls.appeals.workflow import AppealStatus, transition
from calls.applications.models import Application
from calls.applications.operations import ATTACHMENT_MESSAGES
from calls.applications.workflow import DECIDED, ApplicationStatus
from calls.applications.workflow import transition as application_transition
from calls.evaluation.models import Decision, Evaluator, ScoreSheet
from calls.operations import titles
from calls.workflow import CallStatus
from calls.workflow import transition as call_transition
from portal import audit, clock, uploads
from portal.errors import Problems
from portal.extensions import db
from portal.i18n import format_day
from portal.jobs import after_rollback
from portal.notifications import notify
from portal.organisations.queries import guichet_staff
from portal.permissions import require
from portal.roles import writers_of

AREA = "appeals"


def _params(appeal: Appeal) -> dict:
    return {"call": titles(appeal.call), "applicant": appeal.applicant.name}


def _link(appeal: Appeal, organisation) -> str:
    return url_for("appeals.appeal", appeal_id=appeal.id, org_slug=organisation.slug)


def lodge_appeal(application: Application, *, reasons: str, document=None, filename: str | None = None,
                 actor) -> Appeal:
    """An applicant contests the decision on its application within the call's delay, with its reasons and perhaps
    one document. Until the owner's admin answers, no agreement of the call can be sent for signature. The owner
    and the Guichet are told; audited."""
    require(p.can_lodge(actor, application))
    call, problems = application.call, {}
    deadline = queries.appeal_deadline(call)
    problem = rules.lodging_problem(deadline, clock.today())
    if problem == "late":
        problems["reasons"] = _l("The delay to contest this decision ended on %(date)s (%(days)d days after the "
                                 "decision): an appeal can no longer be lodged here. You may still write to %(body)s.",
                                 date=format_day(deadline, "long"), days=call.appeal_days, body=call.appeal_body)
    elif problem == "not_offered":
        problems["reasons"] = _l("This call does not say how to contest its decision.")
    text = (reasons or "").strip()
    if not text and "reasons" not in problems:
        problems["reasons"] = _l("Say why you contest the decision: what the evaluation missed or got wrong.")
    elif len(text) > rules.MAX_REASONS:
        problems["reasons"] = _l("At most %(max)d characters.", max=rules.MAX_REASONS)
    if any(appeal.status == AppealStatus.lodged for appeal in queries.appeals_of_application(application)):
        problems["reasons"] = _l("An appeal of this application already waits for the owner's answer.")
    stored = None
    if document is not None and filename and not problems:
        try:
            stored, mimetype, _size, _digest = uploads.store_document(document, uploads.clean_filename(filename),
                                                                      AREA)
        except uploads.UploadError as error:
            problems["document"] = ATTACHMENT_MESSAGES[error.code]
    if problems:
        raise Problems(problems)
    appeal = Appeal(call_id=call.id, application_id=application.id, organisation_id=application.organisation_id,
                    reasons=text, lodged_by_id=actor.id, lodged_at=clock.now())
    if stored:
        appeal.document_file, appeal.document_name, appeal.document_mimetype = \
            stored, uploads.clean_filename(filename), mimetype
        after_rollback(uploads.remove, AREA, stored)      # a file no row refers to is not kept
    db.session.add(appeal)
    db.session.flush()
    audit.record("appeal.lodged", target=appeal, actor=actor, organisation=application.applicant,
                 parties=(call.owner,), changes={"application": [None, application.id],
                                                 "document": [None, appeal.document_name]})
    notify(writers_of(call.owner), "appeal.lodged", params=_params(appeal), link=_link(appeal, call.owner),
           organisation=call.owner)
    notify(guichet_staff(), "appeal.lodged", params=_params(appeal),
           link=url_for("guichet_appeals.appeal", appeal_id=appeal.id))
    return appeal


def answer_appeal(appeal: Appeal, *, outcome: str, answer: str, actor) -> None:
    """The owner's admin answers: rejected with its reasons, or upheld, which reopens the evaluation of the call
    for this application (the call goes back to its evaluation, its decision set aside; a new decision tells every
    applicant again). The applicant and the Guichet are told; audited."""
    require(p.can_answer(actor, appeal))
    problems = {}
    if outcome not in (AppealStatus.rejected, AppealStatus.upheld):
        problems["outcome"] = _l("Choose whether the appeal is rejected or upheld.")
    text = (answer or "").strip()
    if not text:
        problems["answer"] = _l("Give the reasons of your answer: the applicant reads them.")
    elif len(text) > rules.MAX_REASONS:
        problems["answer"] = _l("At most %(max)d characters.", max=rules.MAX_REASONS)
    if problems:
        raise Problems(problems)
    call = appeal.call
    before = transition(appeal, AppealStatus(outcome))
    appeal.answer, appeal.answered_at, appeal.answered_by_id = text, clock.now(), actor.id
    audit.record(f"appeal.{outcome}", target=appeal, actor=actor, organisation=call.owner,
                 parties=(appeal.applicant,), changes={"status": [before, appeal.status]}, reason=text)
    if appeal.status == AppealStatus.upheld:
        _reopen(call, appeal, actor)
    notify(writers_of(appeal.applicant), f"appeal.{outcome}", params=_params(appeal),
           link=_link(appeal, appeal.applicant), organisation=appeal.applicant)
    notify(guichet_staff(), f"appeal.{outcome}", params=_params(appeal),
           link=url_for("guichet_appeals.appeal", appeal_id=appeal.id))


def _reopen(call, appeal: Appeal, actor) -> None:
    """The evaluation of the call is open again: its decision set aside (kept in the history), the applications
    decided back to submitted, the appealed application's score sheets open to revision; the evaluators and the
    owner's writers are told."""
    decision = db.session.scalar(select(Decision).where(Decision.call_id == call.id))
    old = call.status
    applications = []
    if call.status == CallStatus.decided:      # a second appeal upheld while the evaluation is open: its sheets only
        call_transition(call, CallStatus.evaluation)
        if decision is not None:
            db.session.execute(delete(Decision).where(Decision.id == decision.id))
        applications = db.session.scalars(select(Application).where(Application.call_id == call.id,
                                                                    Application.status.in_(list(DECIDED)))).all()
        for application in applications:
            application_transition(application, ApplicationStatus.submitted)
    sheets = db.session.scalars(select(ScoreSheet).where(ScoreSheet.application_id == appeal.application_id)).all()
    for sheet in sheets:
        sheet.submitted_at = None
    audit.record("call.reopened", target=call, actor=actor, organisation=call.owner,
                 changes={"status": [old, call.status], "appeal": [None, appeal.id],
                          "decided_at": [decision.decided_at.isoformat() if decision is not None else None, None]},
                 reason=appeal.answer)
    evaluators = [evaluator.user for evaluator in db.session.scalars(
        select(Evaluator).where(Evaluator.call_id == call.id))]
    people = {person.id: person for person in evaluators + writers_of(call.owner)}
    notify(list(people.values()), "appeal.reopened", params=_params(appeal),
           link=url_for("evaluation.overview", call_id=call.id, org_slug=call.owner.slug), organisation=call.owner)
    for application in applications:        # the others told: the decision they were told is set aside
        if application.id != appeal.application_id:
            notify(writers_of(application.applicant), "appeal.decision_reopened", params=_params(appeal),
                   link=url_for("applications.edit", application_id=application.id,
                                org_slug=application.applicant.slug),
                   organisation=application.applicant)
