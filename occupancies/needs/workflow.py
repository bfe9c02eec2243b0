"""A need's states, who may read it, and their words."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class NeedStatus(StrEnum):
    published = "published"
    withdrawn = "withdrawn"      # by its association (found a place, gave up)


class Visibility(StrEnum):
    owners = "owners"            # the public owners and the Guichet
    public = "public"            # everyone, under the association's name


class ProposalStatus(StrEnum):
    sent = "sent"                # waits for the association's answer
    accepted = "accepted"        # the agreement is drafted
    declined = "declined"        # by the association, with its reason
    withdrawn = "withdrawn"      # by the owner, before an answer


class Budget(StrEnum):
    free = "free"                # a free use only (occupancy against charges at most)
    capped = "capped"            # a fee up to a monthly maximum


EQUIPMENT_LABELS = {"water": _l("Water"), "electricity": _l("Electricity"), "heating": _l("Heating"),
                    "step_free": _l("Step-free access")}
VISIBILITY_LABELS = {Visibility.owners: _l("Public owners and the Guichet"),
                     Visibility.public: _l("Everyone, under our name")}
BUDGET_LABELS = {Budget.free: _l("A free use only"), Budget.capped: _l("A monthly fee up to a maximum")}
STATUS_LABELS = {NeedStatus.published: _l("Published"), NeedStatus.withdrawn: _l("Withdrawn")}

PROPOSAL_LABELS = {ProposalStatus.sent: _l("Waiting for the association's answer"),
                   ProposalStatus.accepted: _l("Accepted: agreement drafted"),
                   ProposalStatus.declined: _l("Declined"), ProposalStatus.withdrawn: _l("Withdrawn")}
PROPOSAL_BADGES = {ProposalStatus.sent: "warning", ProposalStatus.accepted: "success",
                   ProposalStatus.declined: "secondary", ProposalStatus.withdrawn: "secondary"}

AUDIT_LABELS = {
    "need.published": _l("Need published"),
    "need.updated": _l("Need updated"),
    "need.confirmed": _l("Need confirmed for 3 more months"),
    "need.withdrawn": _l("Need withdrawn"),
    "proposal.sent": _l("Site proposed to the association"),
    "proposal.accepted": _l("Proposal accepted"),
    "proposal.declined": _l("Proposal declined"),
    "proposal.withdrawn": _l("Proposal withdrawn"),
    "proposal.message": _l("Message about the proposal"),
    "search.saved": _l("Search saved"),
    "search.alert_changed": _l("Alerts of a search turned on or off"),
    "search.deleted": _l("Search deleted"),
}
