from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    organisation__registered=Kind(
        _l("New registration to review: %(organisation)s"),
        _l("An association has registered on Entretemps and waits for the Guichet's approval."),
    ),
    organisation__approved=Kind(
        _l("%(organisation)s is approved"),
        _l("The Guichet has approved your organisation: you can now invite your colleagues and work on the portal. "
           "An association can apply to the open calls at once: your dashboard lists them."),
    ),
    organisation__rejected=Kind(
        _l("The registration of %(organisation)s was rejected"),
        _l("The Guichet gave this reason: %(reason)s"),
    ),
    organisation__information_requested=Kind(
        _l("The Guichet asks for more information about %(organisation)s"),
        _l("Before it decides on your registration, the Guichet asks: %(reason)s Answer on your organisation's "
           "page; the registration then goes back to the Guichet."),
    ),
    organisation__information_given=Kind(
        _l("%(organisation)s answered the Guichet's question"),
        _l("The association's answer: %(answer)s The registration waits for your decision again."),
    ),
    organisation__renamed=Kind(
        _l("%(former)s is now called %(organisation)s"),
        _l("An approved organisation changed its name. Check the new name against the public register; its "
           "history keeps the former one."),
    ),
    organisation__suspended=Kind(
        _l("%(organisation)s is suspended"),
        _l("The Guichet gave this reason: %(reason)s"),
    ),
    organisation__reinstated=Kind(
        _l("%(organisation)s is active again"),
        _l("The Guichet has lifted the suspension of your organisation."),
    ),
    organisation__charter_recorded=Kind(
        _l("The Charter signature of %(organisation)s is recorded"),
        _l("The Guichet has recorded that your organisation signed the regional Charter on %(date)s."),
    ),
    organisation__invitation=Kind(
        _l("Invitation to join %(organisation)s on Entretemps"),
        _l("%(inviter)s invites you to join %(organisation)s on Entretemps, the portal for temporary "
           "occupancy in Brussels. The link is valid for %(days)s days."),
        essential=True,
    ),
    organisation__member_joined=Kind(
        _l("%(member)s has joined %(organisation)s"),
        _l("The person you invited has accepted the invitation."),
    ),
    organisation__member_role_changed=Kind(
        _l("Your role in %(organisation)s is now: %(role)s"),
    ),
    organisation__member_removed=Kind(
        _l("You are no longer a member of %(organisation)s"),
    ),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "organisation.registered": _l("Registered"),
    "organisation.created": _l("Created by the Guichet"),
    "organisation.updated": _l("Details updated"),
    "organisation.approved": _l("Approved"),
    "organisation.rejected": _l("Rejected"),
    "organisation.information_requested": _l("More information asked by the Guichet"),
    "organisation.information_given": _l("The Guichet's question answered"),
    "organisation.statutes_added": _l("Statutes added"),
    "organisation.renamed": _l("Renamed"),
    "organisation.suspended": _l("Suspended"),
    "organisation.reinstated": _l("Reinstated"),
    "organisation.charter_recorded": _l("Charter signature recorded"),
    "organisation.charter_withdrawn": _l("Charter signature withdrawn"),
    "organisation.member_invited": _l("Member invited"),
    "organisation.invitation_revoked": _l("Invitation revoked"),
    "organisation.member_joined": _l("Member joined"),
    "organisation.member_role_changed": _l("Member's role changed"),
    "organisation.member_removed": _l("Member removed"),
}
