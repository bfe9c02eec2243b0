"""Reads about applications: the applicant's own (tenant-scoped), and the one accessor an application shares with
the call's owner and the Guichet (its receipt), each page at a constant number of queries."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import abort
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from calls import rules as call_rules
from calls.applications.models import Application, Attachment
from calls.applications.permissions import can_read_application
from calls.applications.workflow import DECIDED, RECEIVED, ApplicationStatus, opening
from calls.models import Call
from calls.workflow import CallStatus, effective_status
from occupancies.models import Unit
from portal import clock
from portal.extensions import db
from portal.roles import is_guichet_staff, role_in
from portal.tenancy import current_organisation, get_in_tenant_or_404, tenant_select

# A deadline this close is shown as approaching on the applicant's dashboard.
APPROACHING = timedelta(days=7)


def _id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        abort(404)


@dataclass(frozen=True)
class ApplicationRow:
    """One line of the applicant's dashboard: the application, its call, and where the deadline stands."""

    application: Application
    call_status: CallStatus          # as people read it: a published call past its deadline is closed
    deadline: datetime
    time_left: timedelta | None      # None once the deadline has passed
    approaching: bool                # open, and closing within APPROACHING
    answered: int                    # criteria and conditions answered
    questions: int                   # criteria and conditions asked

    @property
    def call(self) -> Call:
        return self.application.call


def _row(application: Application, now: datetime) -> ApplicationRow:
    call = application.call
    deadline = clock.as_utc(call.submission_deadline)
    is_open = call_rules.submissions_open(deadline, now)
    asked = [str(c.id) for c in call.criteria], [str(c.id) for c in call.conditions]
    answered = sum(1 for key in asked[0] if (application.answers or {}).get(key, "").strip()) \
        + sum(1 for key in asked[1] if (application.statements or {}).get(key, "").strip())
    return ApplicationRow(application=application, call_status=effective_status(call, now), deadline=deadline,
                          time_left=deadline - now if is_open else None,
                          approaching=is_open and deadline - now <= APPROACHING,
                          answered=answered, questions=len(asked[0]) + len(asked[1]))


def occupant_applications(organisation, now: datetime) -> dict[ApplicationStatus, list[ApplicationRow]]:
    """The organisation's applications by status (drafts, submitted, withdrawn), the nearest deadline first;
    three queries whatever their number (applications with calls, sites and owners; criteria; conditions)."""
    applications = db.session.scalars(
        tenant_select(Application, organisation)
        .options(joinedload(Application.call).selectinload(Call.criteria),
                 joinedload(Application.call).selectinload(Call.conditions))
    ).unique().all()
    groups: dict[str, list[ApplicationRow]] = {key: [] for key in ("draft", "submitted", "withdrawn", "decided")}
    for application in applications:
        key = "decided" if application.status in DECIDED else application.status.value
        groups[key].append(_row(application, now))
    for rows in groups.values():
        rows.sort(key=lambda row: (row.time_left is None, row.deadline, row.application.id))
    return groups


def application_in_tenant_or_404(application_id) -> Application:
    """One of the acting organisation's own applications (another tenant's is simply not found)."""
    return get_in_tenant_or_404(Application, application_id)


def closed_to(user, call, applications) -> set[int]:
    """The ids, among these received applications of the call, that this member of the owner may not open, as
    the features above say (the evaluation: an evaluator only after declaring their conflicts, never one they
    declared a conflict with, an evaluator not assigned to the call none)."""
    found: set[int] = set()
    for _receiver, ids in opening.send(call, user=user, applications=list(applications)):
        found |= set(ids or ())
    return found


def may_read(user, application: Application, now: datetime) -> bool:
    """can_read_application, and on the owner's side the rules of the features above (closed_to)."""
    if not can_read_application(user, application, now):
        return False
    if role_in(user, application.applicant) is not None or is_guichet_staff(user):
        return True
    return application.id not in closed_to(user, application.call, [application])


def readable_application_or_404(application_id, user, now: datetime) -> Application:
    """An application as the organisation the user acts for may read it: its applicant always; the call's owner
    and the Guichet once the deadline has passed, never a draft (calls.applications.permissions). Anyone
    else, or too early, finds nothing."""
    application = db.session.get(Application, _id(application_id))
    if application is None:
        abort(404)
    organisation = current_organisation()
    within_reach = organisation.id in (application.organisation_id, application.call.organisation_id) \
        or organisation.is_guichet
    if not within_reach or not may_read(user, application, now):
        abort(404)
    return application


def attachment_of_or_404(application: Application, attachment_id) -> Attachment:
    attachment = db.session.get(Attachment, _id(attachment_id))
    if attachment is None or attachment.application_id != application.id:
        abort(404)
    return attachment


def attachment_or_404(attachment_id) -> Attachment:
    """An attachment by id, with its application; the view decides who may read it."""
    attachment = db.session.scalar(select(Attachment).where(Attachment.id == _id(attachment_id))
                                   .options(joinedload(Attachment.application)))
    if attachment is None:
        abort(404)
    return attachment


def published_call_or_404(call_id) -> Call:
    """A call one may apply to: published (the deadline is the permission's to check)."""
    call = db.session.get(Call, _id(call_id))
    if call is None or call.status != CallStatus.published:
        abort(404)
    return call


def offered_units(call: Call) -> list[Unit]:
    """The units a call offers: those it names, or all the site's units when it names none."""
    query = select(Unit).where(Unit.site_id == call.site_id)
    if call.units:
        query = query.where(Unit.id.in_([u.unit_id for u in call.units]))
    return list(db.session.scalars(query.order_by(Unit.position, Unit.id)))


def application_of(call, organisation) -> Application | None:
    """The organisation's one application to the call, if it has started one (for the call's public page)."""
    return db.session.scalar(select(Application).where(Application.call_id == call.id,
                                                       Application.organisation_id == organisation.id))


def drafts_in_preparation(organisation, now: datetime) -> tuple[int, datetime | None]:
    """The organisation's applications in preparation on calls still open, and the nearest deadline (one query)."""
    count, deadline = db.session.execute(
        select(func.count(), func.min(Call.submission_deadline)).select_from(Application)
        .join(Call, Call.id == Application.call_id)
        .where(Application.organisation_id == organisation.id,
               Application.status.in_((ApplicationStatus.draft, ApplicationStatus.withdrawn)),
               Call.status == CallStatus.published, Call.submission_deadline > now)).one()
    return count, deadline


def concerned_by(call, change: str) -> set[int]:
    """The organisations an addendum concerns (those preparing an application) or a cancellation (every
    applicant)."""
    query = select(Application.organisation_id).where(Application.call_id == call.id)
    if change == "addendum":
        query = query.where(Application.status == ApplicationStatus.draft)
    return set(db.session.scalars(query))


# A call's applications, as its owner and the Guichet read them --------------------------------------------

def counts_of(call) -> tuple[int, int]:
    """(submitted, in preparation): all the owner may know of a sealed call."""
    submitted = func.count(case((Application.status.in_(RECEIVED), 1)))
    drafts = func.count(case((Application.status.in_((ApplicationStatus.draft, ApplicationStatus.withdrawn)), 1)))
    row = db.session.execute(select(submitted, drafts).where(Application.call_id == call.id)).one()
    return row[0], row[1]


def received_applications(call) -> list[tuple[Application, int]]:
    """The applications the owner reads once the call has closed (never the drafts), with their number of
    attachments."""
    attachments = (select(func.count(Attachment.id)).where(Attachment.application_id == Application.id)
                   .correlate(Application).scalar_subquery())
    # The call is already loaded: each row joins only its applicant, not the call, its site and its owner again.
    return list(db.session.execute(
        select(Application, attachments).where(Application.call_id == call.id,
                                               Application.status.in_(RECEIVED))
        .options(lazyload(Application.call))
        .order_by(Application.submitted_at, Application.id)).unique().all())


def application_of_call_or_404(call, application_id) -> Application:
    application = db.session.scalar(
        select(Application).where(Application.id == application_id, Application.call_id == call.id)
        .options(selectinload(Application.attachments)))
    if application is None:
        abort(404)
    return application


def application_counts(call_ids) -> dict[int, tuple[int, int]]:
    """{call id: (received, in preparation)} for a list of calls: one grouped query (provided to calls' lists)."""
    if not call_ids:
        return {}
    received = func.count(case((Application.status.in_(RECEIVED), 1)))
    drafts = func.count(case((Application.status.in_((ApplicationStatus.draft, ApplicationStatus.withdrawn)), 1)))
    rows = db.session.execute(select(Application.call_id, received, drafts)
                              .where(Application.call_id.in_(call_ids)).group_by(Application.call_id))
    return {call_id: (n, m) for call_id, n, m in rows}
