"""Who publishes a need (an approved association's writers) and who reads it: a public need, everyone; a need for
the owners, the members of approved public owners and the Guichet's staff; any need, its own association."""
from __future__ import annotations

from occupancies.needs.workflow import ProposalStatus, Visibility
from portal.roles import APPROVED, WRITERS, OrganisationKind, is_guichet_staff, is_signed_in, role_in, writes_for


def can_publish_need(user, organisation) -> bool:
    return organisation is not None and organisation.kind == OrganisationKind.occupant and \
        organisation.status == APPROVED and role_in(user, organisation) in WRITERS


def can_read_owners_needs(user) -> bool:
    """The needs kept for the owners: the Guichet's staff, and the members of an approved public owner."""
    return is_guichet_staff(user) or (is_signed_in(user) and any(
        m.organisation.kind == OrganisationKind.public_owner and m.organisation.status == APPROVED
        for m in user.memberships))


def is_own_need(user, need) -> bool:
    """A member of the need's association: it sees its need in any state."""
    return role_in(user, need.organisation) is not None


def can_read_need(user, need) -> bool:
    return need.visibility == Visibility.public or can_read_owners_needs(user) or is_own_need(user, need)


# Proposals: an owner's site proposed to a need ------------------------------------------------------------------

def can_propose(user, owner) -> bool:
    """An approved public owner's writers propose its sites to the associations' needs."""
    return writes_for(user, owner, OrganisationKind.public_owner)


def proposing_organisation(user, preferred_slug: str | None = None):
    """The owner the person proposes sites for from a need's page: the one they act for (its slug), else the first
    they may propose for; None when they may propose for none."""
    if not is_signed_in(user):
        return None
    owners = [m.organisation for m in user.memberships if can_propose(user, m.organisation)]
    return next((o for o in owners if o.slug == preferred_slug), owners[0] if owners else None)


def can_read_proposal(user, proposal) -> bool:
    """Its two parties' members and the Guichet's staff; nobody else, not even another owner."""
    return is_guichet_staff(user) or role_in(user, proposal.owner) is not None or \
        role_in(user, proposal.occupant) is not None


def can_answer_proposal(user, proposal) -> bool:
    """The association's writers accept or decline a proposal that waits."""
    return proposal.status == ProposalStatus.sent and writes_for(user, proposal.occupant)


def can_withdraw_proposal(user, proposal) -> bool:
    return proposal.status == ProposalStatus.sent and writes_for(user, proposal.owner)


def can_write_about(user, proposal) -> bool:
    """The writers of either party write to the other while the proposal waits or once accepted."""
    return proposal.status in (ProposalStatus.sent, ProposalStatus.accepted) and (
        writes_for(user, proposal.owner) or writes_for(user, proposal.occupant))
