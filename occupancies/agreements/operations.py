"""The only writers of agreements: one function per state change, each checking who may do it, recording it in
the audit log and queuing its notifications."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from occupancies.agreements import permissions as p
from occupancies.agreements import rules
from occupancies.agreements.models import Agreement, AgreementVersion, ChecklistItem, Clause, InventoryPhoto, Signature
from occupancies.agreements.workflow import (
    AgreementStatus,
    AmendmentKind,
    ChecklistKind,
    EndReason,
    VersionStatus,
    transition,
    version_transition,
)
from portal import audit, clock, uploads
from portal.accounts.operations import authenticate
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.jobs import after_commit, schedule_at
from portal.notifications import notify
from portal.permissions import require
from portal.roles import writers_of

# The terms a draft version holds (everything but its number, state and documents).
TERMS = ("owner_representative", "owner_representative_role", "occupant_representative",
         "occupant_representative_role", "unit_ids", "purpose_fr", "purpose_nl", "use_category", "start_date",
         "end_date", "notice_months_owner", "notice_months_occupant", "free_use", "monthly_fee", "charges_kind",
         "charges_amount", "deposit", "insurance_required", "domiciliation", "heritage_fr", "heritage_nl",
         "support_fr", "support_nl", "free_clauses_fr", "free_clauses_nl")


def _tell_both(agreement, kind: str, params: dict) -> None:
    """Each side, with a link to the agreement in its own space."""
    for organisation in (agreement.owner, agreement.occupant):
        notify(writers_of(organisation), kind, params=params, link=_link(agreement, organisation),
               organisation=organisation)


def _params(agreement) -> dict:
    return {"reference": agreement.reference, "site": agreement.site.name}


def _link(agreement, organisation=None) -> str:
    """The agreement's page in the recipient's own space (the owner's by default)."""
    return url_for("agreements.agreement", agreement_id=agreement.id,
                   org_slug=(organisation or agreement.owner).slug)


def open_version(agreement) -> AgreementVersion:
    """The version being drafted, sent or signed: the last one."""
    return agreement.versions[-1]


def _next_reference(year: int) -> str:
    prefix = f"CONV-{year}-"
    last = db.session.scalar(select(func.max(Agreement.reference)).where(Agreement.reference.like(prefix + "%")))
    return rules.reference(year, int(last.rsplit("-", 1)[1]) + 1 if last else 1)


def _check_terms(agreement, values: dict) -> None:
    problems = {}
    offered = {unit.id for unit in agreement.site.units}
    if not values.get("unit_ids") or any(u not in offered for u in values["unit_ids"]):
        problems["unit_ids"] = _l("Choose at least one unit of this site.")
    if values.get("end_date") is not None and values["end_date"] < values["start_date"]:
        problems["end_date"] = _l("The end cannot come before the start.")
    if not values.get("free_use") and not values.get("monthly_fee"):
        problems["monthly_fee"] = _l("Give the monthly fee, or tick free use.")
    if values.get("charges_kind") not in (None, "none") and getattr(values.get("charges_kind"), "value", "") != "none" \
            and not values.get("charges_amount"):
        problems["charges_amount"] = _l("Give the amount of the charges.")
    if problems:
        raise Problems(problems)


def _clause_copies(owner, clause_ids) -> list[dict]:
    """Copies of the library's clauses chosen (the Guichet's, or the owner's own): a later edit of the library
    never changes an agreement."""
    if not clause_ids:
        return []
    clauses = db.session.scalars(select(Clause).where(
        Clause.id.in_(clause_ids), Clause.active.is_(True),
        (Clause.organisation_id.is_(None)) | (Clause.organisation_id == owner.id)).order_by(Clause.position,
                                                                                           Clause.id)).all()
    if len(clauses) != len(set(clause_ids)):
        raise OperationError(_l("Choose clauses of the library."), field="clause_ids")
    return [{"id": c.id, "title_fr": c.title_fr, "title_nl": c.title_nl, "text_fr": c.text_fr,
             "text_nl": c.text_nl} for c in clauses]


def draft_agreement(owner, site, occupant, values: dict, *, clause_ids=(), language: str = "fr", reporting=None,
                    actor, application=None) -> Agreement:
    """A new agreement in draft, from a selected application or from scratch (a direct occupancy), with its
    checklist to complete before the start."""
    require(p.can_draft_agreements(actor, owner) and site.organisation_id == owner.id
            and (application is None or p.can_draft_from(actor, application)))
    if application is not None and db.session.scalar(
            select(Agreement.id).where(Agreement.application_id == application.id)) is not None:
        raise OperationError(_l("This application already has its agreement."), field="application")
    agreement = Agreement(organisation_id=owner.id, owner=owner, site_id=site.id, site=site,
                          occupant_id=occupant.id, occupant=occupant, language=language if language in ("fr", "nl")
                          else "fr", application_id=application.id if application is not None else None,
                          reference=_next_reference(clock.today().year))
    if reporting is not None:
        agreement.reporting = reporting
    _check_terms(agreement, values)
    version = AgreementVersion(number=1, clauses=_clause_copies(owner, clause_ids),
                               **{k: v for k, v in values.items() if k in TERMS})
    agreement.versions = [version]
    agreement.checklist = [ChecklistItem(kind=kind) for kind in ChecklistKind]
    db.session.add(agreement)
    db.session.flush()
    audit.record("agreement.drafted", target=agreement, actor=actor, organisation=owner,
                 changes={"reference": [None, agreement.reference], "occupant": [None, occupant.name],
                          "application": [None, application.id if application is not None else None]})
    return agreement


def update_draft(agreement, values: dict, *, clause_ids=None, language=None, reporting=None, actor) -> None:
    version = open_version(agreement)
    require(p.can_edit_version(actor, agreement, version))
    if language in ("fr", "nl") and version.number == 1:
        agreement.language = language
    if reporting is not None:
        agreement.reporting = reporting
    _check_terms(agreement, {**{k: getattr(version, k) for k in TERMS}, **values})
    for key in TERMS:
        if key in values:
            setattr(version, key, values[key])
    if clause_ids is not None:
        version.clauses = _clause_copies(agreement.owner, clause_ids)
    audit.record("agreement.updated", target=agreement, actor=actor, organisation=agreement.owner,
                 changes={"version": [None, version.number]})


def send_version(agreement, *, actor) -> AgreementVersion:
    """The draft goes to the occupant; its PDF is rendered once, in a job, and that exact document is signed."""
    version = open_version(agreement)
    require(p.can_send_version(actor, agreement, version))
    version_transition(version, VersionStatus.sent)
    version.sent_at = clock.now()
    if version.number == 1:
        transition(agreement, AgreementStatus.sent)
    audit.record("agreement.sent", target=agreement, actor=actor, organisation=agreement.owner,
                 changes={"version": [None, version.number]})
    after_commit("occupancies.agreements.jobs.render_document", version.id)
    notify(writers_of(agreement.occupant), "agreement.sent", params=_params(agreement),
           link=_link(agreement, agreement.occupant), organisation=agreement.occupant)
    return version


def request_changes(agreement, *, reason: str, actor) -> None:
    """Back to draft before both have signed: a signature already given is void, the document is set aside."""
    version = open_version(agreement)
    require(p.can_request_changes(actor, agreement, version))
    if not reason.strip():
        raise OperationError(_l("Say what should change."), field="reason")
    void = [s.party for s in version.signatures]
    version_transition(version, VersionStatus.draft)
    version.signatures.clear()
    uploads.remove("agreements", version.document_file)
    version.document_file = version.document_digest = None
    if version.number == 1:
        transition(agreement, AgreementStatus.draft)
    agreement.status_reason = reason.strip()
    audit.record("agreement.changes_requested", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"version": [None, version.number], "void_signatures": [None, void]})
    _tell_both(agreement, "agreement.changes_requested", {**_params(agreement), "reason": reason})


def sign(agreement, party: str, *, password: str, actor) -> Signature:
    """The signatory (an admin of their organisation) re-enters their password; the record keeps who, when,
    and the digest of the exact PDF signed. The occupant signs first, then the owner."""
    version = open_version(agreement)
    require(p.can_sign(actor, agreement, version, party))
    if authenticate(actor.email, password or "") is None:
        raise OperationError(_l("This is not your password: sign again with it."), field="password")
    if not version.document_digest:
        raise OperationError(_l("The document is being prepared: sign again in a moment."), field="password")
    organisation = agreement.occupant if party == p.OCCUPANT else agreement.owner
    signature = Signature(party=party, user_id=actor.id, signer_name=actor.name, organisation_id=organisation.id,
                          document_digest=version.document_digest, signed_at=clock.now())
    version.signatures.append(signature)
    if party == p.OCCUPANT:
        version_transition(version, VersionStatus.signed_by_occupant)
        if version.number == 1:
            transition(agreement, AgreementStatus.signed_by_occupant)
        notify(writers_of(agreement.owner), "agreement.signed_by_occupant", params=_params(agreement),
               link=_link(agreement), organisation=agreement.owner)
    else:
        if version.number > 1:
            _apply_amendment(agreement, version)     # refused as a whole if a unit is taken meanwhile
        version_transition(version, VersionStatus.signed)
        if version.number == 1:
            transition(agreement, AgreementStatus.signed)
            _schedule(agreement, version)
        after_commit("occupancies.agreements.jobs.render_signed_copy", version.id)
        _tell_both(agreement, "agreement.signed", _params(agreement))
    audit.record("agreement.signed", target=agreement, actor=actor, organisation=organisation,
                 changes={"version": [None, version.number], "party": [None, party],
                          "digest": [None, version.document_digest]})
    return signature


def abandon(agreement, *, reason: str, actor) -> None:
    require(p.can_abandon(actor, agreement))
    if not reason.strip():
        raise OperationError(_l("Say why the agreement is abandoned."), field="reason")
    old = transition(agreement, AgreementStatus.abandoned)
    agreement.status_reason = reason.strip()
    audit.record("agreement.abandoned", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"status": [old, agreement.status]})
    if old != AgreementStatus.draft:
        notify(writers_of(agreement.occupant), "agreement.abandoned", params={**_params(agreement), "reason": reason},
               link=_link(agreement, agreement.occupant), organisation=agreement.occupant)


# The checklist and the start ------------------------------------------------------------------------------

def complete_item(agreement, kind: ChecklistKind, *, note: str = "", document=None, filename: str | None = None,
                  actor) -> ChecklistItem:
    """A step done, with its document (the insurance certificate, the inventory) when there is one."""
    require(p.can_complete_item(actor, agreement, kind))
    item = next(i for i in agreement.checklist if i.kind == kind)
    if kind == ChecklistKind.insurance and document is None and item.file is None:
        raise OperationError(_l("Add the insurance certificate."), field="document")
    if document is not None:
        try:
            original = uploads.clean_filename(filename)
            stored, _mimetype, _size, digest = uploads.store_document(document, original, "agreements")
        except uploads.UploadError as error:
            from calls.applications.operations import ATTACHMENT_MESSAGES

            raise OperationError(ATTACHMENT_MESSAGES[error.code], field="document") from None
        after_commit(uploads.remove, "agreements", item.file)   # the previous file goes only if this one stays
        item.file, item.original_name, item.digest = stored, original, digest
    item.note, item.done_at, item.done_by_id = note.strip(), clock.now(), actor.id
    audit.record("agreement.checklist_done", target=agreement, actor=actor,
                 changes={"item": [None, kind.value], "document": [None, item.original_name]})
    return item


def activate(agreement, *, actor=None) -> bool:
    """On its start date, signed and with its checklist complete, the agreement becomes active and its
    occupancy is recorded on the units (never overlapping another: a clash is refused with its message)."""
    from occupancies.models import Occupancy, OccupancyUnit
    from occupancies.operations import check_units_free, flush_bookings

    version = binding_version(agreement)
    done = [i.kind for i in agreement.checklist if i.done_at is not None]
    if not rules.may_activate(agreement.status, version.start_date, clock.today(), done):
        return False
    if _occupancies(agreement):
        # Recorded on the register before the agreement was kept here: it is the agreement's already.
        old = transition(agreement, AgreementStatus.active)
        audit.record("agreement.activated", target=agreement, actor=actor, organisation=agreement.owner,
                     changes={"status": [old, agreement.status]})
        _tell_both(agreement, "agreement.activated", _params(agreement))
        _start_reporting(agreement)
        return True
    check_units_free(agreement.site, list(version.unit_ids), version.start_date, version.end_date, None)
    from calls.applications.models import Application

    occupant_type = None
    if agreement.application_id is not None:
        occupant_type = db.session.scalar(select(Application.occupant_type).where(
            Application.id == agreement.application_id))
    from occupancies.workflow import OccupantType

    occupancy = Occupancy(site_id=agreement.site_id, occupant_id=agreement.occupant_id,
                          start_date=version.start_date, end_date=version.end_date,
                          use_category=version.use_category, occupant_type=occupant_type or OccupantType.association,
                          agreement_reference=agreement.reference, agreement_id=agreement.id)
    occupancy.bookings = [OccupancyUnit(unit_id=u, start_date=version.start_date, end_date=version.end_date)
                          for u in version.unit_ids]
    db.session.add(occupancy)
    flush_bookings()
    old = transition(agreement, AgreementStatus.active)
    audit.record("agreement.activated", target=agreement, actor=actor, organisation=agreement.owner,
                 changes={"status": [old, agreement.status], "occupancy": [None, occupancy.id]})
    _tell_both(agreement, "agreement.activated", _params(agreement))
    _start_reporting(agreement)
    return True


def _start_reporting(agreement) -> None:
    """The first report is there for the occupant from the first day (the hourly sweep creates the next)."""
    from occupancies.reports.operations import schedule_reports

    schedule_reports(agreement)


def binding_version(agreement) -> AgreementVersion:
    """The terms in force: the last signed version."""
    signed = [v for v in agreement.versions if v.status == VersionStatus.signed]
    return signed[-1] if signed else agreement.versions[0]


def ends_on(agreement) -> date | None:
    """The last day of the agreement: its notice's effective end, or the end of the terms in force."""
    return agreement.ended_on or binding_version(agreement).end_date


# Time: the start, the reminders and the end ----------------------------------------------------------------

def _morning(day: date) -> datetime:
    """The first minute of a day in Brussels."""
    return clock.at_brussels(day, 0, 1)


def _schedule(agreement, version) -> None:
    """The start on its date, the checklist reminder a week before, the end reminders, the end after its last
    day (a later change replaces them: same keys)."""
    key = f"agreement-{agreement.id}"
    schedule_at(_morning(version.start_date), "occupancies.agreements.jobs.activate", agreement.id,
                key=f"{key}-start")
    schedule_at(_morning(rules.checklist_reminder_date(version.start_date)),
                "occupancies.agreements.jobs.remind_checklist", agreement.id, key=f"{key}-checklist")
    _schedule_end(agreement, version.end_date)


def _schedule_end(agreement, end: date | None) -> None:
    key = f"agreement-{agreement.id}"
    if end is None:
        return
    for months, moment in zip((3, 1), rules.reminder_dates(end), strict=False):
        schedule_at(_morning(moment), "occupancies.agreements.jobs.remind_end", agreement.id, months,
                    key=f"{key}-remind-{months}")
    schedule_at(_morning(end + timedelta(days=1)), "occupancies.agreements.jobs.end_if_due", agreement.id,
                key=f"{key}-end")


def _occupancies(agreement):
    from occupancies.models import Occupancy

    return list(db.session.scalars(select(Occupancy).where(Occupancy.agreement_id == agreement.id)))


def _end_occupancies_on(agreement, last_day: date) -> None:
    """The occupancy, and each unit's booking, ends on the agreement's last day: the timeline follows."""
    for occupancy in _occupancies(agreement):
        occupancy.end_date = last_day
        for booking in occupancy.bookings:
            booking.end_date = last_day


def notice_end_today(agreement, party: str) -> date:
    """The last day a notice given today by this side would give."""
    version = binding_version(agreement)
    months = version.notice_months_owner if party == p.OWNER else version.notice_months_occupant
    return rules.effective_end(version.end_date, clock.today(), months)


def give_notice(agreement, party: str, *, reason: str, actor) -> date:
    """Either side ends an active agreement early: the notice runs from the first of the next month for that
    side's notice period, never past the agreement's own end. Returns the last day."""
    require(p.can_give_notice(actor, agreement, party))
    if not reason.strip():
        raise OperationError(_l("Give the reason for the notice."), field="reason")
    today = clock.today()
    last_day = notice_end_today(agreement, party)
    agreement.notice_given_on, agreement.notice_given_by_id = today, actor.id
    agreement.end_reason = EndReason.notice_by_owner if party == p.OWNER else EndReason.notice_by_occupant
    agreement.ended_on = last_day
    _end_occupancies_on(agreement, last_day)
    _schedule_end(agreement, last_day)
    schedule_at(_morning(last_day), "occupancies.agreements.jobs.notice_ends", agreement.id,
                key=f"agreement-{agreement.id}-notice")
    audit.record("agreement.notice_given", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"party": [None, party], "last_day": [None, last_day.isoformat()]})
    _tell_both(agreement, "agreement.notice_given",
               {**_params(agreement), "last_day": last_day.strftime("%d/%m/%Y"), "reason": reason.strip()})
    return last_day


def end_by_mutual_agreement(agreement, *, last_day: date, reason: str, actor) -> None:
    """An end both sides agreed on, recorded by the owner's admin: the last day is today or later (never before
    the start)."""
    require(p.can_end_by_mutual_agreement(actor, agreement))
    if not reason.strip():
        raise OperationError(_l("Say what both parties agreed."), field="reason")
    version = binding_version(agreement)
    if last_day < clock.today():
        raise OperationError(_l("The last day cannot be in the past."), field="last_day")
    if version.end_date is not None and last_day > version.end_date:
        raise OperationError(_l("An end by mutual agreement comes before the agreed end; to go further, amend "
                                "the agreement."), field="last_day")
    agreement.end_reason, agreement.ended_on = EndReason.mutual, max(last_day, version.start_date)
    if agreement.status == AgreementStatus.signed:
        # Not started: it ends now and no occupancy will be recorded.
        transition(agreement, AgreementStatus.ended)
    else:
        _end_occupancies_on(agreement, agreement.ended_on)
        _schedule_end(agreement, agreement.ended_on)
    audit.record("agreement.ended_by_mutual_agreement", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"last_day": [None, agreement.ended_on.isoformat()]})
    _tell_both(agreement, "agreement.ending",
               {**_params(agreement), "last_day": agreement.ended_on.strftime("%d/%m/%Y")})


def end_if_due(agreement) -> bool:
    """The day after its last day (at term, after a notice or by mutual agreement) the agreement ends; the exit
    inventory then closes it."""
    if not rules.is_due_to_end(agreement.status, ends_on(agreement), clock.today()):
        return False
    if agreement.end_reason is None:
        agreement.end_reason = EndReason.term
    agreement.ended_on = ends_on(agreement)
    old = transition(agreement, AgreementStatus.ended)
    audit.record("agreement.ended", target=agreement, actor=None, organisation=agreement.owner,
                 changes={"status": [old, agreement.status], "reason": [None, agreement.end_reason.value]})
    _tell_both(agreement, "agreement.ended", _params(agreement))
    return True


def remind_end(agreement, months: int) -> bool:
    """Three months and one month before the end, to both parties (unless it has ended or changed)."""
    end = ends_on(agreement)
    if agreement.status != AgreementStatus.active or end is None or rules.add_months(end, -months) != clock.today():
        return False
    _tell_both(agreement, "agreement.end_approaching",
               {**_params(agreement), "last_day": end.strftime("%d/%m/%Y"), "months": months})
    return True


def remind_checklist(agreement) -> bool:
    """A week before the start, the owner is told of what is still open."""
    missing = rules.checklist_missing(i.kind for i in agreement.checklist if i.done_at is not None)
    if agreement.status != AgreementStatus.signed or not missing:
        return False
    notify(writers_of(agreement.owner), "agreement.checklist_open",
           params={**_params(agreement), "count": len(missing)}, link=_link(agreement), organisation=agreement.owner)
    return True


def notice_ends(agreement) -> bool:
    """The day a notice period ends, both sides are told."""
    if agreement.notice_given_on is None or agreement.ended_on != clock.today():
        return False
    _tell_both(agreement, "agreement.notice_ends", _params(agreement))
    return True


# Amendments ------------------------------------------------------------------------------------------------

AMENDMENT_MESSAGES = {
    "start_fixed": _l("An amendment does not move the start."),
    "not_later": _l("An extension moves the end later."),
    "unchanged_here": _l("This amendment does not change this term: propose another amendment for it."),
    "none": _l("Keep at least one unit."),
    "same": _l("Nothing changes here."),
    "past": _l("This date has already passed."),
}


def _terms_of(version) -> rules.Terms:
    return rules.Terms(start=version.start_date, end=version.end_date, unit_ids=frozenset(version.unit_ids or []),
                       monthly_fee=None if version.free_use else version.monthly_fee)


def _check_units_free(agreement, unit_ids, start: date, end: date | None) -> None:
    """The amended units are free of any other occupancy from today (or the start) to the new end; the
    agreement's own occupancy does not count."""
    from occupancies.operations import check_units_free

    own = [o.id for o in _occupancies(agreement)]
    check_units_free(agreement.site, list(unit_ids), max(start, clock.today()), end, own[0] if own else None)


def propose_amendment(agreement, kind: AmendmentKind, changes: dict, *, reason: str, actor) -> AgreementVersion:
    """A new draft version: the terms in force with an extension, other units or another fee. It is sent and
    signed like the original; until both have signed, the terms in force stay as they are."""
    require(p.can_amend(actor, agreement))
    draft = open_version(agreement)
    if draft.status not in (VersionStatus.signed, VersionStatus.draft) or (draft.status == VersionStatus.draft
                                                                           and draft.number == 1):
        raise OperationError(_l("An amendment is already in progress: finish it first."), field="kind")
    if not reason.strip():
        raise OperationError(_l("Say why the agreement is amended."), field="reason")
    current = binding_version(agreement)
    # A draft amendment not sent yet is proposed again: it is replaced.
    replaced = draft if draft.status == VersionStatus.draft else None
    version = AgreementVersion(
        number=replaced.number if replaced else rules.next_version_number(v.number for v in agreement.versions),
        amendment=kind, reason=reason.strip(), **{key: getattr(current, key) for key in TERMS},
        clauses=list(current.clauses or []))
    for key in ("end_date", "unit_ids", "free_use", "monthly_fee"):
        if key in changes:
            setattr(version, key, changes[key])
    problems = rules.amendment_problems(kind, _terms_of(current), _terms_of(version), clock.today())
    if problems:
        field_of = {"end": "end_date", "unit_ids": "unit_ids", "monthly_fee": "monthly_fee", "start": "end_date"}
        raise Problems({field_of[k]: AMENDMENT_MESSAGES[v] for k, v in problems.items()})
    if kind in (AmendmentKind.extension, AmendmentKind.units) and agreement.status == AgreementStatus.active:
        _check_units_free(agreement, version.unit_ids, version.start_date, version.end_date)
    if replaced is not None:
        agreement.versions.remove(replaced)
        db.session.flush()
    agreement.versions.append(version)
    db.session.flush()
    audit.record("agreement.amendment_proposed", target=agreement, actor=actor, reason=reason.strip(),
                 changes={"version": [None, version.number], "kind": [None, kind.value]})
    return version


def _apply_amendment(agreement, version) -> None:
    """Both have signed: the occupancy follows (its end, its units); the reminders and the end follow the new
    terms."""
    from occupancies.models import OccupancyUnit

    if agreement.status == AgreementStatus.active and version.amendment in (AmendmentKind.extension,
                                                                            AmendmentKind.units):
        _check_units_free(agreement, version.unit_ids, version.start_date, version.end_date)
        from occupancies.operations import flush_bookings

        keep, today = set(version.unit_ids), clock.today()
        for occupancy in _occupancies(agreement):
            occupancy.end_date = version.end_date
            for booking in [b for b in occupancy.bookings if b.unit_id not in keep]:
                if booking.start_date < today:
                    booking.end_date = today - timedelta(days=1)   # given back: its past stays on the timeline
                else:
                    occupancy.bookings.remove(booking)
            flush_bookings()
            for booking in occupancy.bookings:
                if booking.unit_id in keep:
                    booking.end_date = version.end_date
            for unit_id in keep - {b.unit_id for b in occupancy.bookings}:
                occupancy.bookings.append(OccupancyUnit(unit_id=unit_id, start_date=max(occupancy.start_date, today),
                                                        end_date=version.end_date))
            flush_bookings()
    if version.amendment == AmendmentKind.extension:
        _schedule_end(agreement, version.end_date)
    audit.record("agreement.amended", target=agreement, actor=None, organisation=agreement.owner,
                 changes={"version": [None, version.number], "kind": [None, version.amendment.value],
                          "end_date": [None, version.end_date.isoformat() if version.end_date else None]})


# The clause library ----------------------------------------------------------------------------------------

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


# Inventory photos ------------------------------------------------------------------------------------------

MAX_PHOTOS = 30
PHOTO_MESSAGES = {
    "too_large": _l("The photo is too large: at most 15 MB."),
    "not_image": _l("This file is not a photo: use a JPEG, PNG or WebP image."),
    "empty": _l("The file is empty."),
}


def add_inventory_photo(agreement, kind: ChecklistKind, stream, *, caption: str = "", actor) -> InventoryPhoto:
    """A photo of the entry or exit inventory: checked by its content, turned upright, at most 1600 px, stripped
    of its EXIF data (no place, no camera) and kept outside the public files."""
    require(kind in (ChecklistKind.entry_inventory, ChecklistKind.exit_inventory)
            and p.can_complete_item(actor, agreement, kind))
    item = next(i for i in agreement.checklist if i.kind == kind)
    if len(item.photos) >= MAX_PHOTOS:
        raise OperationError(_l("At most %(max)d photos for an inventory.", max=MAX_PHOTOS), field="photo")
    try:
        name, width, height = uploads.store_image(stream, "agreements")
    except uploads.UploadError as error:
        raise OperationError(PHOTO_MESSAGES.get(error.code, PHOTO_MESSAGES["not_image"]), field="photo") from None
    photo = InventoryPhoto(filename=name, width=width, height=height, caption=caption.strip()[:200])
    item.photos.append(photo)
    db.session.flush()
    audit.record("agreement.photo_added", target=agreement, actor=actor,
                 changes={"item": [None, kind.value], "caption": [None, photo.caption]})
    return photo
