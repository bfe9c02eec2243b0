"""The life of an agreement and of each of its versions (the original and its amendments).

Agreement: draft → sent to the occupant → signed by the occupant → signed by the owner → active on its start
date (once its checklist is complete) → ended (at term, early by notice from either side, or by mutual
agreement). Before the signatures are complete either side may send it back to draft with a reason, which
voids a signature already given; a draft may be abandoned.

A version (the original terms, then each amendment) is signed the same way; a signed version never changes."""
from __future__ import annotations

from enum import StrEnum

from blinker import Namespace
from flask_babel import lazy_gettext as _l

from portal.workflow import Workflow


class AgreementStatus(StrEnum):
    draft = "draft"
    sent = "sent"
    signed_by_occupant = "signed_by_occupant"
    signed = "signed"                     # by both: waiting for its start date and its checklist
    active = "active"
    ended = "ended"
    abandoned = "abandoned"


S = AgreementStatus
agreement_workflow = Workflow({
    S.draft: {S.sent, S.abandoned},
    S.sent: {S.draft, S.signed_by_occupant, S.abandoned},
    S.signed_by_occupant: {S.draft, S.signed},
    S.signed: {S.active, S.ended},        # ended before its start: by mutual agreement
    S.active: {S.ended},
    S.ended: set(),
    S.abandoned: set(),
})
transition = agreement_workflow.transition

# Signed by both: the terms bind the parties, and change only by an amendment.
BINDING = frozenset({S.signed, S.active})


class VersionStatus(StrEnum):
    draft = "draft"
    sent = "sent"
    signed_by_occupant = "signed_by_occupant"
    signed = "signed"


V = VersionStatus
version_workflow = Workflow({
    V.draft: {V.sent},
    V.sent: {V.draft, V.signed_by_occupant},
    V.signed_by_occupant: {V.draft, V.signed},
    V.signed: set(),
})
version_transition = version_workflow.transition


class EndReason(StrEnum):
    term = "term"
    notice_by_owner = "notice_by_owner"
    notice_by_occupant = "notice_by_occupant"
    mutual = "mutual"


class AmendmentKind(StrEnum):
    extension = "extension"
    units = "units"
    fee = "fee"


class ChargesKind(StrEnum):
    none = "none"
    flat = "flat"               # a fixed amount each month
    provision = "provision"     # an advance, settled against the real costs each year


class ChecklistKind(StrEnum):
    insurance = "insurance"             # the occupant's insurance certificate, uploaded
    fire_safety = "fire_safety"         # the fire-safety visit, done
    entry_inventory = "entry_inventory"  # keys handed over with the entry inventory (état des lieux) and photos
    exit_inventory = "exit_inventory"   # closes the occupancy


BEFORE_START = (ChecklistKind.insurance, ChecklistKind.fire_safety, ChecklistKind.entry_inventory)


class ReportingFrequency(StrEnum):
    monthly = "monthly"
    quarterly = "quarterly"
    yearly = "yearly"


STATUS_LABELS = {
    S.draft: _l("Draft"),
    S.sent: _l("Sent to the occupant"),
    S.signed_by_occupant: _l("Signed by the occupant"),
    S.signed: _l("Signed by both parties"),
    S.active: _l("In force"),
    S.ended: _l("Ended"),
    S.abandoned: _l("Abandoned"),
}

# The colour of each state's badge (Bootstrap's text-bg-…): the badge macro of portal/ui/templates/_macros.html.
STATUS_BADGES = {S.draft: "secondary", S.sent: "warning", S.signed_by_occupant: "warning", S.signed: "info",
                 S.active: "success", S.ended: "dark", S.abandoned: "secondary"}

VERSION_STATUS_LABELS = {
    V.draft: _l("Draft"),
    V.sent: _l("Sent to the occupant"),
    V.signed_by_occupant: _l("Signed by the occupant"),
    V.signed: _l("Signed by both parties"),
}

CHECKLIST_LABELS = {
    ChecklistKind.insurance: _l("Insurance certificate"),
    ChecklistKind.fire_safety: _l("Fire-safety visit"),
    ChecklistKind.entry_inventory: _l("Keys handed over with the entry inventory"),
    ChecklistKind.exit_inventory: _l("Exit inventory"),
}

END_REASON_LABELS = {
    EndReason.term: _l("at its term"),
    EndReason.notice_by_owner: _l("early, by notice from the owner"),
    EndReason.notice_by_occupant: _l("early, by notice from the occupant"),
    EndReason.mutual: _l("by mutual agreement"),
}

# What comes next, and whose move it is, for each state.
NEXT_STEP = {
    S.draft: (_l("The owner completes the terms, then sends the agreement to the occupant."), _l("the owner's move")),
    S.sent: (_l("The occupant reads the agreement: its administrator signs it with their password, or asks for "
                "changes."), _l("the occupant's move")),
    S.signed_by_occupant: (_l("The owner's administrator signs in turn, or asks for changes."),
                           _l("the owner's move")),
    S.signed: (_l("Before the start: the insurance certificate, the fire-safety visit, the keys with the entry "
                  "inventory. The occupancy then starts on its start date by itself."), _l("both parties' move")),
    S.active: (_l("The occupancy runs. A change is an amendment signed by both; either side may end it early by "
                  "notice."), None),
    S.ended: (_l("The agreement has ended; the exit inventory closes it."), None),
    S.abandoned: (_l("The agreement was abandoned before it was signed."), None),
}


REPORTING_LABELS = {ReportingFrequency.monthly: _l("Every month"), ReportingFrequency.quarterly: _l("Every quarter"),
                    ReportingFrequency.yearly: _l("Every year")}


# What other features may follow (portal.features.Feature.subscriptions): sent by the operations, inside their
# transaction, with the agreement as sender.
EVENTS = Namespace()
activated = EVENTS.signal("agreement-activated")  # in force from today: its occupancy is on the register
