"""The only writers of applications: one function per state change."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from calls import rules as call_rules
from calls.applications import permissions as p
from calls.applications.models import Application, Attachment
from calls.applications.rules import content_digest
from calls.applications.workflow import ApplicationStatus, transition
from calls.models import Call
from calls.operations import call_link, owner_link, titles
from calls.queries import members_of
from calls.workflow import CallStatus
from portal import audit, clock, uploads
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.jobs import after_commit, schedule_at
from portal.notifications import notify
from portal.permissions import require
from portal.roles import writers_of

FIELDS = ("summary", "use_category", "occupant_type", "requested_units", "answers", "statements")
MAX_ATTACHMENTS = 10

ATTACHMENT_MESSAGES = {
    "no_name": _l("The file has no name: give it one that ends with its type, like project.pdf."),
    "bad_name": _l("The file name may not contain a slash (/ or \\), two dots in a row (..) or invisible "
                   "characters: rename the file and add it again."),
    "not_allowed": _l("This kind of file is not accepted: add a PDF, a JPEG, PNG or WebP image, or a DOCX, XLSX, "
                      "PPTX, ODT or ODS document."),
    "empty": _l("The file is empty."),
    "too_large": _l("The file is too large: at most 15 MB."),
    "mismatch": _l("The content of the file does not match its type: a file named .pdf must be a PDF, a .docx a "
                   "Word document, and so on. Save it again in the right format."),
    "too_many": _l("An application holds at most %(max)d attachments: remove one before adding another.",
                   max=MAX_ATTACHMENTS),
}


class StaleApplication(OperationError):
    """The application was saved elsewhere (another window, a colleague) after this copy was opened."""

    def __init__(self):
        super().__init__(_l("This application was changed elsewhere (in another window, or by a colleague) since "
                            "you opened it."))


def _link(application) -> str:
    return url_for("applications.edit", application_id=application.id, org_slug=application.applicant.slug)


def start_application(call, organisation, *, actor) -> Application:
    """The applicant's one application to a call (found again if it exists)."""
    require(p.can_apply(actor, organisation, call, clock.now()))
    existing = db.session.scalar(select(Application).where(Application.call_id == call.id,
                                                           Application.organisation_id == organisation.id))
    if existing is not None:
        return existing
    application = Application(call=call, call_id=call.id, applicant=organisation, organisation_id=organisation.id,
                              answers={}, statements={}, requested_units=[])
    db.session.add(application)
    db.session.flush()
    audit.record("application.started", target=application, actor=actor, organisation=organisation)
    return application


def save_application(application: Application, values: dict, *, actor, version: int | None = None) -> None:
    """A draft saved as the user types: no audit entry for each keystroke, only the content.

    `version` is the one the writer's copy was opened at: an older copy that differs from what is saved is
    refused rather than written over what someone else saved in between."""
    require(p.can_edit_application(actor, application, clock.now()))
    if version is not None and version != application.version \
            and any(getattr(application, key) != value for key, value in values.items() if key in FIELDS):
        raise StaleApplication()  # an older copy would write over another change (the same content is no harm)
    offered = {u.unit_id for u in application.call.units} or {u.id for u in application.call.site.units}
    if any(unit_id not in offered for unit_id in values.get("requested_units", [])):
        raise OperationError(_l("Choose units offered by the call."), field="requested_units")
    for key in FIELDS:
        if key in values:
            setattr(application, key, values[key])


def autosave_application(application: Application, values: dict, *, actor, version: int | None = None) -> None:
    """save_application, written at once, for the autosave that answers at once whether the draft is saved: a
    change that another request saved between our read and our write (the version column refuses our UPDATE) is
    refused as a StaleApplication, like an older copy, and the write path rolls both back."""
    save_application(application, values, actor=actor, version=version)
    try:
        db.session.flush()
    except StaleDataError:
        raise StaleApplication() from None


MISSING = {
    "summary": _l("Describe your project: what you would do in the site, with whom, for whom and for how long."),
    "use_category": _l("Choose a use."),
    "occupant_type": _l("Choose the type of occupant."),
    "answer": _l("Answer this criterion: the evaluators score what you write here."),
    "statement": _l("Say how your organisation meets this condition."),
}


def missing_answers(application: Application) -> dict:
    """Every answer still missing before the application can be submitted, {field: message}, in the form's
    order: all of them at once, never one per attempt."""
    call = application.call
    missing = {}
    if not (application.summary or "").strip():
        missing["summary"] = MISSING["summary"]
    if application.use_category is None:
        missing["use_category"] = MISSING["use_category"]
    if application.occupant_type is None:
        missing["occupant_type"] = MISSING["occupant_type"]
    for criterion in call.criteria:
        if not (application.answers or {}).get(str(criterion.id), "").strip():
            missing[f"answer_{criterion.id}"] = MISSING["answer"]
    for condition in call.conditions:
        if not (application.statements or {}).get(str(condition.id), "").strip():
            missing[f"statement_{condition.id}"] = MISSING["statement"]
    return missing


def submit_application(application: Application, *, actor) -> str:
    """Freeze the application; returns the digest written on the receipt."""
    now = clock.now()
    require(p.can_submit_application(actor, application, now))
    missing = missing_answers(application)
    if missing:
        raise Problems(missing)
    old = transition(application, ApplicationStatus.submitted)
    application.submitted_at, application.withdrawn_at = now, None
    application.digest = content_digest(application.content())
    audit.record("application.submitted", target=application, actor=actor, organisation=application.applicant,
                 changes={"status": [old, application.status], "digest": [None, application.digest]})
    notify(writers_of(application.applicant), "application.submitted", params={"call": titles(application.call),
                                                      "digest": application.digest[:12]},
           link=_link(application), organisation=application.applicant)
    return application.digest


def withdraw_application(application: Application, *, actor, reason: str | None = None) -> None:
    require(p.can_withdraw_application(actor, application, clock.now()))
    old = transition(application, ApplicationStatus.withdrawn)
    application.withdrawn_at = clock.now()
    audit.record("application.withdrawn", target=application, actor=actor, organisation=application.applicant,
                 changes={"status": [old, application.status]}, reason=reason)
    # The applicant's team is told (the owner is not: until the deadline it knows only how many are submitted).
    notify(writers_of(application.applicant), "application.withdrawn", params={"call": titles(application.call)},
           link=_link(application), organisation=application.applicant)


def add_attachment(application: Application, stream, filename: str | None, *, actor) -> Attachment:
    """A document checked by its content and kept under a random name; the name given is shown only."""
    require(p.can_edit_application(actor, application, clock.now()))
    try:
        original_name = uploads.clean_filename(filename)
        if len(application.attachments) >= MAX_ATTACHMENTS:
            raise OperationError(ATTACHMENT_MESSAGES["too_many"], field="file")
        stored, mimetype, size, digest = uploads.store_document(stream, original_name, "attachments")
    except uploads.UploadError as error:
        raise OperationError(ATTACHMENT_MESSAGES[error.code], field="file") from None
    attachment = Attachment(filename=stored, original_name=original_name, mimetype=mimetype, size=size,
                            digest=digest)
    application.attachments.append(attachment)
    application.updated_at = clock.now()  # the content changed: a concurrent submission must not miss it
    db.session.flush()
    audit.record("application.attachment_added", target=application, actor=actor,
                 organisation=application.applicant,
                 changes={"attachment": [None, original_name], "digest": [None, digest], "size": [None, size]})
    return attachment


def remove_attachment(attachment: Attachment, *, actor) -> None:
    application = attachment.application
    require(p.can_edit_application(actor, application, clock.now()))
    audit.record("application.attachment_removed", target=application, actor=actor,
                 organisation=application.applicant,
                 changes={"attachment": [attachment.original_name, None], "digest": [attachment.digest, None]})
    application.attachments.remove(attachment)
    application.updated_at = clock.now()
    db.session.flush()
    after_commit(uploads.remove, "attachments", attachment.filename)  # the file goes only if the row does


# What applications do at the call's moments ------------------------------------------------------------------

def schedule_reminders(call: Call) -> None:
    """The reminders to the organisations preparing an application, 3 and 1 days before the deadline (a later
    deadline replaces them: same keys)."""
    for days in call_rules.REMINDER_DAYS:
        schedule_at(call.submission_deadline - timedelta(days=days), "calls.applications.jobs.remind_drafts",
                    call.id, days, key=f"remind-call-{call.id}-{days}")


def _brussels(moment) -> str:
    """A moment as every language writes it (day/month/year hour:minute), in Brussels time."""
    return clock.in_brussels(moment).strftime("%d/%m/%Y %H:%M")


def remind_drafts(call: Call, *, days: int) -> int:
    """Remind each organisation that has a draft (or a withdrawn application) that the deadline approaches.
    Nothing is sent after the deadline, nor before the reminder's moment (an addendum pushed the deadline)."""
    now = clock.now()
    if call.status != CallStatus.published or not call_rules.reminder_due(call.submission_deadline, days, now):
        return 0
    organisations = set(db.session.scalars(select(Application.organisation_id).where(
        Application.call_id == call.id,
        Application.status.in_((ApplicationStatus.draft, ApplicationStatus.withdrawn)))))
    notify(members_of(organisations), "application.deadline_reminder",
           params={"call": titles(call), "days": days, "deadline": _brussels(call.submission_deadline)},
           link=call_link(call))
    return len(organisations)


def tell_owner_of_closing(call: Call) -> None:
    """The call has closed: its owner's writers learn how many applications were submitted."""
    submitted = db.session.scalar(select(func.count()).select_from(Application).where(
        Application.call_id == call.id, Application.status == ApplicationStatus.submitted)) or 0
    notify(writers_of(call.owner), "call.closed", params={"call": titles(call), "count": submitted},
           link=owner_link(call), organisation=call.owner)


def erase_stale_drafts(now) -> int:
    """The retention schedule: a draft never submitted to a call closed for RETENTION_DRAFT_DAYS is deleted with its
    documents (its files once the deletion commits); each is audited with its organisation."""
    before = now - timedelta(days=current_app.config["RETENTION_DRAFT_DAYS"])
    drafts = db.session.scalars(select(Application).join(Call, Call.id == Application.call_id).where(
        Application.status == ApplicationStatus.draft, Call.submission_deadline < before)).all()
    for application in drafts:
        for attachment in application.attachments:
            after_commit(uploads.remove, "attachments", attachment.filename)
        audit.record("application.draft_erased", target=application, organisation=application.applicant,
                     changes={"documents": [len(application.attachments), 0]})
        db.session.delete(application)
    return len(drafts)
