"""The only writers of organisations, memberships and invitations: one function per state change."""
from __future__ import annotations

from datetime import date, timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select

from portal import audit, clock, uploads
from portal.accounts import rules as account_rules
from portal.accounts.operations import complete_sign_up, create_user, start_sign_up
from portal.accounts.queries import find_user_by_email
from portal.errors import OperationError
from portal.extensions import db
from portal.i18n import in_all_languages
from portal.jobs import after_commit, after_rollback
from portal.notifications import notify, send_email_to_address
from portal.organisations import permissions as p
from portal.organisations import rules
from portal.organisations.models import Invitation, Membership, Organisation
from portal.organisations.queries import guichet_staff
from portal.organisations.workflow import OrganisationStatus, transition
from portal.permissions import require
from portal.roles import ROLE_LABELS, OrganisationKind, Role, admins_of

REGISTRATION = "association"  # the purpose of a sign-up that registers an association (portal.accounts)
PROFILE_FIELDS = ("name_fr", "name_nl", "legal_form", "enterprise_number", "commune", "address", "postcode",
                  "contact_email", "contact_phone", "website")


def _names(organisation: Organisation) -> dict:
    return {"fr": organisation.name_fr, "nl": organisation.name_nl}


def _new_slug(name: str) -> str:
    base = rules.slugify(name)
    taken = set(db.session.scalars(select(Organisation.slug).where(Organisation.slug.like(f"{base}%"))))
    return rules.unique_slug(base, taken)


def _check_enterprise_number(number: str | None, exclude_id: int | None = None) -> str | None:
    if not number:
        return None
    digits = rules.normalise_enterprise_number(number)
    query = select(Organisation.id).where(Organisation.enterprise_number == digits)
    if exclude_id:
        query = query.where(Organisation.id != exclude_id)
    if db.session.scalar(query) is not None:
        raise OperationError(_l("An organisation with this enterprise number is already registered."),
                             field="enterprise_number")
    return digits


def _profile(data: dict) -> dict:
    values = {key: data[key] for key in PROFILE_FIELDS if key in data}
    for key in ("address", "postcode", "contact_email", "contact_phone", "website"):
        if key in values and values[key] is None:
            values[key] = ""
    if values.get("contact_email"):
        values["contact_email"] = account_rules.normalise_email(values["contact_email"])
    return values


def register_association(data: dict, *, admin=None, admin_email: str = "", admin_name: str = "",
                         password: str = "", language: str = "fr") -> Organisation | None:
    """An occupant registers itself with its first admin; it waits for the Guichet's approval.

    `admin` is the signed-in user registering it, at once. Anyone else asks for a new account: nothing is created
    until they follow the link sent to their address (confirm_registration), and None is returned whether the
    address already has an account or not (its owner is told by email), so that the answer tells nothing.
    """
    values = _profile(data)
    values["enterprise_number"] = _check_enterprise_number(values.get("enterprise_number"))
    if admin is None:
        start_sign_up(email=admin_email, name=admin_name, password=password, language=language,
                      purpose=REGISTRATION, payload=dict(data),
                      confirm_link=lambda token: url_for("registration.confirm", token=token),
                      existing_link=url_for("accounts.login", next=url_for("registration.register")))
        return None
    return _register(values, admin)


def confirm_registration(token: str) -> Organisation:
    """The link sent to a new administrator's address is followed: their account is created, and the association
    registered as it was typed (its enterprise number checked again)."""
    admin, data = complete_sign_up(token, purpose=REGISTRATION)
    values = _profile(data)
    values["enterprise_number"] = _check_enterprise_number(values.get("enterprise_number"))
    return _register(values, admin)


def _register(values: dict, admin) -> Organisation:
    organisation = Organisation(kind=OrganisationKind.occupant, status=OrganisationStatus.pending,
                                slug=_new_slug(values["name_fr"]), **values)
    db.session.add(organisation)
    db.session.flush()
    db.session.add(Membership(user=admin, organisation=organisation, role=Role.admin))
    audit.record("organisation.registered", target=organisation, actor=admin, organisation=organisation,
                 changes={"status": [None, organisation.status]})
    notify(guichet_staff(), "organisation.registered", params={"organisation": _names(organisation)},
           link=url_for("guichet.organisation", organisation_id=organisation.id))
    return organisation


def create_public_owner(data: dict, *, actor, admin_email: str, admin_language: str = "fr") -> Organisation:
    """The Guichet creates a public owner, approved at once, and invites its first admin."""
    require(p.can_create_public_owner(actor))
    values = _profile(data)
    values["enterprise_number"] = _check_enterprise_number(values.get("enterprise_number"))
    organisation = Organisation(kind=OrganisationKind.public_owner, status=OrganisationStatus.approved,
                                slug=_new_slug(values["name_fr"]), **values)
    db.session.add(organisation)
    db.session.flush()
    audit.record("organisation.created", target=organisation, actor=actor,
                 changes={"status": [None, organisation.status], "kind": [None, organisation.kind]})
    _invite(organisation, email=admin_email, role=Role.admin, language=admin_language, actor=actor)
    return organisation


NAMES = ("name_fr", "name_nl")


def update_organisation(organisation: Organisation, data: dict, *, actor) -> None:
    """Its details, changed by its admin (or a Guichet admin). An approved organisation that changes its name is
    recorded as renamed, apart, and the Guichet is told, so that it can check the new name against the register:
    a name is what others trust when they read a call, an application or an agreement."""
    require(p.can_edit_organisation(actor, organisation))
    values = _profile(data)
    if "enterprise_number" in values:
        values["enterprise_number"] = _check_enterprise_number(values["enterprise_number"], organisation.id)
    former = _names(organisation)
    changes = {}
    for key, value in values.items():
        if getattr(organisation, key) != value:
            changes[key] = [getattr(organisation, key), value]
            setattr(organisation, key, value)
    renamed = {key: changes.pop(key) for key in NAMES if key in changes}
    if renamed and organisation.status == OrganisationStatus.approved:
        audit.record("organisation.renamed", target=organisation, actor=actor, changes=renamed)
        notify([user for user in guichet_staff() if user.id != actor.id], "organisation.renamed",
               params={"organisation": _names(organisation), "former": former},
               link=url_for("guichet.organisation", organisation_id=organisation.id))
    else:
        changes.update(renamed)
    if changes:
        audit.record("organisation.updated", target=organisation, actor=actor, changes=changes)


def _set_status(organisation: Organisation, target: OrganisationStatus, *, actor, action: str,
                reason: str | None = None, link: str | None = None) -> None:
    old = transition(organisation, target)
    organisation.status_reason = reason
    organisation.information_answer = None   # an answer belongs to the question, which a decision closes
    audit.record(action, target=organisation, actor=actor, changes={"status": [old, target]}, reason=reason)
    notify(admins_of(organisation), action, organisation=organisation,
           params={"organisation": _names(organisation), "reason": reason or ""},
           link=link or url_for("organisations.profile", org_slug=organisation.slug))


def approve_organisation(organisation: Organisation, *, actor) -> None:
    """Approved: its admins are told, and led to their dashboard, where an association finds the open calls."""
    require(p.can_approve_organisation(actor, organisation))
    _set_status(organisation, OrganisationStatus.approved, actor=actor, action="organisation.approved",
                link=url_for("organisations.dashboard", org_slug=organisation.slug))


def request_information(organisation: Organisation, *, actor, reason: str) -> None:
    """The Guichet asks the association for more before it decides: the registration waits for its answer."""
    require(p.can_request_information(actor, organisation))
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_l("Say what the Guichet needs to know: the association's administrator reads it."),
                             field="reason")
    _set_status(organisation, OrganisationStatus.information_requested, actor=actor,
                action="organisation.information_requested", reason=reason,
                link=url_for("organisations.profile", org_slug=organisation.slug, _anchor="question"))


def answer_information_request(organisation: Organisation, *, actor, answer: str) -> None:
    """The association's administrator answers the Guichet's question: the registration goes back to the
    Guichet, which is told, with the answer beside the question."""
    require(p.can_answer_information_request(actor, organisation))
    answer = (answer or "").strip()
    if not answer:
        raise OperationError(_l("Write your answer to the Guichet's question."), field="answer")
    old = transition(organisation, OrganisationStatus.pending)
    organisation.information_answer = answer
    audit.record("organisation.information_given", target=organisation, actor=actor, organisation=organisation,
                 changes={"status": [old, organisation.status]}, reason=answer)
    notify(guichet_staff(), "organisation.information_given",
           params={"organisation": _names(organisation), "answer": answer},
           link=url_for("guichet.organisation", organisation_id=organisation.id))


STATUTES_AREA = "statutes"
STATUTES_MESSAGES = {
    "not_pdf": _l("The statutes are taken as a PDF file: this file is not one."),
    "too_large": _l("The file is larger than 15 MB."),
    "empty": _l("The file is empty."),
    "no_name": _l("Choose the PDF file of your statutes."),
    "bad_name": _l("The file name holds characters that are not allowed (slashes, control characters)."),
}


def upload_statutes(organisation: Organisation, stream, filename: str | None, *, actor) -> None:
    """The association adds its statutes (or a newer version) while the Guichet reviews it: a PDF, checked by
    its content, kept under a random name; the one it replaces is removed once this is saved."""
    require(p.can_upload_statutes(actor, organisation))
    try:
        name = uploads.clean_filename(filename)
        if stream is None:
            raise uploads.UploadError("no_name")
        stored = uploads.store_pdf(stream, STATUTES_AREA)
    except uploads.UploadError as error:
        raise OperationError(STATUTES_MESSAGES.get(error.code, STATUTES_MESSAGES["not_pdf"]),
                             field="statutes") from None
    after_rollback(uploads.remove, STATUTES_AREA, stored)        # a file no row refers to is not kept
    replaced, old_name = organisation.statutes_file, organisation.statutes_name
    organisation.statutes_file, organisation.statutes_name = stored, name
    organisation.statutes_added_at = clock.now()
    audit.record("organisation.statutes_added", target=organisation, actor=actor, organisation=organisation,
                 changes={"statutes": [old_name or None, name]})
    if replaced:
        after_commit("portal.organisations.jobs.forget_statutes", replaced)


def reject_organisation(organisation: Organisation, *, actor, reason: str) -> None:
    require(p.can_reject_organisation(actor, organisation))
    _set_status(organisation, OrganisationStatus.rejected, actor=actor, action="organisation.rejected",
                reason=reason)


def suspend_organisation(organisation: Organisation, *, actor, reason: str) -> None:
    require(p.can_suspend_organisation(actor, organisation))
    _set_status(organisation, OrganisationStatus.suspended, actor=actor, action="organisation.suspended",
                reason=reason)


def reinstate_organisation(organisation: Organisation, *, actor) -> None:
    require(p.can_reinstate_organisation(actor, organisation))
    _set_status(organisation, OrganisationStatus.approved, actor=actor, action="organisation.reinstated")


def record_charter_signature(organisation: Organisation, *, signed_on: date | None, actor) -> None:
    """Record (or, with None, withdraw) the date the organisation signed the regional Charter."""
    require(p.can_record_charter_signature(actor, organisation))
    old = organisation.charter_signed_on
    if old == signed_on:
        return
    organisation.charter_signed_on = signed_on
    audit.record("organisation.charter_recorded" if signed_on else "organisation.charter_withdrawn",
                 target=organisation, actor=actor, changes={"charter_signed_on": [old, signed_on]})
    if signed_on:
        notify(admins_of(organisation), "organisation.charter_recorded", organisation=organisation,
               params={"organisation": _names(organisation), "date": signed_on.isoformat()},
               link=url_for("organisations.profile", org_slug=organisation.slug))


# Members and invitations --------------------------------------------------------------------------

def _invite(organisation: Organisation, *, email: str, role: Role, language: str, actor) -> Invitation:
    email = account_rules.normalise_email(email)
    if role not in p.assignable_roles(organisation):
        raise OperationError(_l("This role does not exist in this kind of organisation."), field="role")
    if any(m.user.email == email for m in organisation.memberships):
        raise OperationError(_l("This person is already a member of the organisation."), field="email")
    now = clock.now()
    for open_invitation in db.session.scalars(select(Invitation).where(
        Invitation.organisation_id == organisation.id, Invitation.email == email,
        Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None),
    )):
        open_invitation.revoked_at = now  # the newest invitation replaces the older ones
    token, token_hash = account_rules.new_invitation_token()
    invitation = Invitation(
        organisation_id=organisation.id, email=email, role=role, language=language, token_hash=token_hash,
        invited_by_id=actor.id, created_at=now,
        expires_at=now + timedelta(days=current_app.config["INVITATION_DAYS"]),
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record("organisation.member_invited", target=organisation, actor=actor,
                 changes={"email": [None, email], "role": [None, role]})
    send_email_to_address(email, language, "organisation.invitation",
                          {"organisation": _names(organisation), "inviter": actor.name,
                           "days": current_app.config["INVITATION_DAYS"]},
                          f"/invitations/{token}")
    return invitation


def invite_member(organisation: Organisation, *, email: str, role: Role, language: str, actor) -> Invitation:
    require(p.can_invite_member(actor, organisation))
    return _invite(organisation, email=email, role=role, language=language, actor=actor)


def revoke_invitation(invitation: Invitation, *, actor) -> None:
    require(p.can_invite_member(actor, invitation.organisation))
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        return
    invitation.revoked_at = clock.now()
    audit.record("organisation.invitation_revoked", target=invitation.organisation, actor=actor,
                 changes={"email": [invitation.email, None]})


def accept_invitation(invitation: Invitation, *, user=None, name: str = "", password: str = "",
                      language: str = "fr"):
    """The invited person joins, with their account or a new one. Returns the user."""
    if not invitation.is_open(clock.now()):
        raise OperationError(_l("This invitation is no longer valid."))
    if user is None:
        if find_user_by_email(invitation.email) is not None:
            raise OperationError(_l("An account with this email address exists: sign in to accept."))
        user = create_user(email=invitation.email, name=name, password=password, language=language)
    organisation = invitation.organisation
    invitation.accepted_at = clock.now()
    if user.membership_in(organisation.id) is None:
        membership = Membership(user=user, organisation=organisation, role=invitation.role)
        db.session.add(membership)
        db.session.flush()
    audit.record("organisation.member_joined", target=organisation, actor=user, organisation=organisation,
                 changes={"member": [None, user.email], "role": [None, invitation.role]})
    inviter = invitation.invited_by
    notify([inviter] if inviter else [], "organisation.member_joined", organisation=organisation,
           params={"organisation": _names(organisation), "member": user.name},
           link=url_for("organisations.members", org_slug=organisation.slug))
    return user


def change_member_role(membership: Membership, *, role: Role, actor) -> None:
    organisation = membership.organisation
    require(p.can_change_role(actor, membership))
    if role not in p.assignable_roles(organisation):
        raise OperationError(_l("This role does not exist in this kind of organisation."), field="role")
    if membership.role == role:
        return
    if p.is_last_admin(membership):
        raise OperationError(_l("The organisation must keep at least one administrator."), field="role")
    old = membership.role
    membership.role = role
    audit.record("organisation.member_role_changed", target=organisation, actor=actor,
                 changes={"member": membership.user.email, "role": [old, role]})
    notify([membership.user], "organisation.member_role_changed", organisation=organisation,
           params={"organisation": _names(organisation), "role": in_all_languages(ROLE_LABELS[role])},
           link=url_for("organisations.members", org_slug=organisation.slug))


def remove_member(membership: Membership, *, actor) -> None:
    organisation = membership.organisation
    leaving = membership.user_id == actor.id
    require(p.can_leave_organisation(actor, membership) if leaving else p.can_change_role(actor, membership))
    if p.is_last_admin(membership):
        raise OperationError(_l("The organisation must keep at least one administrator."))
    user = membership.user
    audit.record("organisation.member_removed", target=organisation, actor=actor,
                 changes={"member": [user.email, None], "role": [membership.role, None]})
    organisation.memberships.remove(membership)
    db.session.delete(membership)
    if not leaving:
        notify([user], "organisation.member_removed", organisation=organisation,
               params={"organisation": _names(organisation)}, link="/dashboard")


def erase_old_invitations(now) -> int:
    """The retention schedule: an invitation (an address and a link) is kept RETENTION_INVITATION_DAYS after it expired
    or was accepted, then deleted. Not audited: the invitation's sending and acceptance are, with the organisation."""
    before = now - timedelta(days=current_app.config["RETENTION_INVITATION_DAYS"])
    stale = or_(Invitation.expires_at < before, Invitation.accepted_at < before)
    return db.session.execute(delete(Invitation).where(stale)).rowcount
