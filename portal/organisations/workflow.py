from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal.roles import OrganisationKind, Role
from portal.workflow import Workflow


class OrganisationStatus(StrEnum):
    pending = "pending"
    information_requested = "information_requested"   # the Guichet waits for the association's answer
    approved = "approved"
    rejected = "rejected"
    suspended = "suspended"


class LegalForm(StrEnum):
    commune = "commune"
    cpas = "cpas"
    sisp = "sisp"
    ais = "ais"
    regional_company = "regional_company"
    asbl = "asbl"
    cooperative = "cooperative"
    public_service = "public_service"
    other = "other"


STATUS_LABELS = {
    OrganisationStatus.pending: _l("Awaiting approval"),
    OrganisationStatus.information_requested: _l("More information asked"),
    OrganisationStatus.approved: _l("Approved"),
    OrganisationStatus.rejected: _l("Rejected"),
    OrganisationStatus.suspended: _l("Suspended"),
}

# The colour of each state's badge (Bootstrap's text-bg-…): the badge macro of portal/ui/templates/_macros.html.
STATUS_BADGES = {OrganisationStatus.pending: "warning", OrganisationStatus.information_requested: "info",
                 OrganisationStatus.approved: "success",
                 OrganisationStatus.rejected: "secondary", OrganisationStatus.suspended: "danger"}

LEGAL_FORM_LABELS = {
    LegalForm.commune: _l("Commune"),
    LegalForm.cpas: _l("CPAS / OCMW"),
    LegalForm.sisp: _l("Social housing company (SISP / OVM)"),
    LegalForm.ais: _l("Social rental agency (AIS / SVK)"),
    LegalForm.regional_company: _l("Regional public company"),
    LegalForm.asbl: _l("Non-profit association (asbl / vzw)"),
    LegalForm.cooperative: _l("Cooperative"),
    LegalForm.public_service: _l("Public service"),
    LegalForm.other: _l("Other"),
}

# Which legal forms each kind may take.
LEGAL_FORMS_BY_KIND = {
    OrganisationKind.public_owner: (
        LegalForm.commune, LegalForm.cpas, LegalForm.sisp, LegalForm.ais,
        LegalForm.regional_company, LegalForm.public_service, LegalForm.other,
    ),
    OrganisationKind.occupant: (
        LegalForm.asbl, LegalForm.cooperative, LegalForm.public_service, LegalForm.other,
    ),
    OrganisationKind.guichet: (LegalForm.public_service,),
}

S = OrganisationStatus
organisation_workflow = Workflow({
    S.pending: {S.approved, S.rejected, S.information_requested},
    # The association answers (back to the Guichet), or the Guichet decides without waiting for the answer.
    S.information_requested: {S.pending, S.approved, S.rejected},
    S.approved: {S.suspended},
    S.suspended: {S.approved},
    S.rejected: set(),
})

transition = organisation_workflow.transition

# What happens next, and whose move it is, for each status.
NEXT_STEP = {
    S.pending: _l("The Guichet checks the registration and approves it or rejects it with a reason."),
    S.information_requested: _l("The Guichet asked for more information: the association's administrator answers "
                                "on its organisation's page, and the registration goes back to the Guichet."),
    S.approved: _l("The organisation is active: its members can work on the portal."),
    S.suspended: _l("The Guichet has suspended the organisation; only the Guichet can reinstate it."),
    S.rejected: _l("The registration was rejected; nothing more is expected."),
}

# What each role does here, shown on the dashboard so that an empty page still says what to expect.
K, R = OrganisationKind, Role
ROLE_HINTS = {
    (K.public_owner, R.admin): _l("As administrator, you manage the members and the details of your "
                                  "organisation."),
    (K.public_owner, R.editor): _l("As editor, you prepare your organisation's vacant spaces and open calls."),
    (K.public_owner, R.evaluator): _l("As evaluator, you score the applications assigned to you, after declaring "
                                      "any conflict of interest."),
    (K.occupant, R.admin): _l("As administrator, you manage the members of your association and sign its "
                              "agreements."),
    (K.occupant, R.editor): _l("As editor, you prepare your association's applications and occupancy reports."),
    (K.guichet, R.admin): _l("As administrator of the Guichet, you approve organisations, manage accounts and "
                             "follow the region."),
    (K.guichet, R.moderator): _l(
        "As moderator, you review the registrations of associations and record the Charter signatures."),
}
