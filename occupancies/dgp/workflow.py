"""The index series of the public management right and their words."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from occupancies.dgp.rules import DwellingKind, EntryKind, Phase, Step


class Series(StrEnum):
    health = "health"      # the health index (base 2013): the capped rents are indexed by August's
    abex = "abex"          # the ABEX index of building costs: the loan's cap per m² is indexed by it


SERIES_LABELS = {Series.health: _l("Health index (base 2013)"), Series.abex: _l("ABEX index")}
SERIES_USES = {
    Series.health: _l("The maximum rents of 1 January are indexed by the health index of August of the year "
                      "before."),
    Series.abex: _l("The loan's cap per gross renovated m² is indexed on 1 January by the ABEX index (base May "
                    "2022)."),
}

KIND_LABELS = {DwellingKind.studio: _l("Studio"), DwellingKind.flat: _l("Flat"), DwellingKind.house: _l("House")}

AUDIT_LABELS = {
    "dgp.index_recorded": _l("Index value recorded"),
    "dgp.index_corrected": _l("Index value corrected"),
    "dgp.case_opened": _l("DGP case opened"),
    "dgp.dwelling_added": _l("Dwelling added to the case"),
    "dgp.step_recorded": _l("Step recorded"),
    "dgp.estimates_saved": _l("Estimates of the studies saved"),
    "dgp.entry_added": _l("Line added to the ledger"),
    "dgp.letter_adjusted": _l("Wording of a letter adjusted"),
    "dgp.letter_reset": _l("Wording of a letter given back to the portal's"),
    "dgp.loan_saved": _l("Loan saved"),
    "dgp.support_invited": _l("Organisation invited to support the case"),
    "dgp.support_withdrawn": _l("Invitation to support the case withdrawn"),
}
ENTRY_LABELS = {EntryKind.takeover_cost: _l("Cost of taking over"), EntryKind.management_cost: _l("Cost of management"),
                EntryKind.rent: _l("Rent received")}

PHASE_LABELS = {
    Phase.analysis: _l("1. Analysis"), Phase.visit: _l("2. Visit"), Phase.studies: _l("3. Preliminary studies"),
    Phase.proposal: _l("4. Proposal"), Phase.taking_over: _l("5. Taking over"), Phase.renovation: _l("6. Renovation"),
    Phase.letting: _l("7. Letting"), Phase.end: _l("8. End"), Phase.stopped: _l("Stopped"),
}
PHASE_BADGES = {Phase.stopped: "secondary", Phase.end: "dark", Phase.letting: "success", Phase.proposal: "warning"}

S = Step
STEP_LABELS = {
    S.owner_contacted: _l("Contact with the owner"),
    S.data_selected: _l("Selection from taxes, fines, population, planning and permit data"),
    S.decided_to_proceed: _l("Decision to go on"),
    S.visit_requested: _l("Request of a visit presented (registered letter)"),
    S.visit_agreed: _l("The owner agrees to the visit"),
    S.visit_refused: _l("The owner refuses the visit or does not answer"),
    S.court_authorisation_asked: _l("Authorisation asked of the police court"),
    S.police_booked: _l("Police and locksmith booked"),
    S.visit_held: _l("Visit held"),
    S.visit_report: _l("Visit report (findings, photos, plans)"),
    S.works_listed: _l("Sketches and list of works"),
    S.budget_estimated: _l("Rent, budget and management period estimated"),
    S.studies_go_on: _l("Decision to go on after the studies"),
    S.studies_stopped: _l("Decision to stop after the studies"),
    S.proposal_received: _l("Proposal with the standard contract presented (registered letter)"),
    S.owner_agreed: _l("The owner agrees: management contract signed"),
    S.owner_refused_with_reason: _l("The owner refuses with a legitimate reason"),
    S.owner_refused: _l("The owner refuses without a legitimate reason"),
    S.formal_notice_received: _l("Formal notice to let the dwelling presented"),
    S.loan_filed: _l("Loan request filed with the region"),
    S.loan_answered: _l("The region answers the loan request"),
    S.taken_over: _l("Management taken over"),
    S.planning_told: _l("The commune's planning service told"),
    S.legal_registration: _l("Registration at the legal-security office"),
    S.loan_released: _l("Loan released"),
    S.final_project: _l("Final project"),
    S.permit_requested: _l("Planning permit requested"),
    S.works_started: _l("Works started"),
    S.provisional_acceptance: _l("Provisional acceptance of the works"),
    S.final_acceptance: _l("Final acceptance of the works"),
    S.energy_certificate: _l("Energy performance certificate"),
    S.dirl_told: _l("Regional housing inspection (DIRL) told the dwelling is free"),
    S.lease_signed: _l("Lease signed"),
    S.entry_inventory: _l("Entry inventory"),
    S.annual_report_sent: _l("Annual report sent to the owner"),
    S.early_requested: _l("The owner asks to take the dwelling back early"),
    S.costs_notified: _l("Statement of the costs still to repay presented"),
    S.repaid: _l("The owner has repaid the costs"),
    S.takeover_date_notified: _l("Date of the takeover notified"),
    S.ended: _l("End of the management"),
}
DEADLINE_LABELS = {
    "visit": _l("The visit, within the month following the request"),
    "owner_answer": _l("The owner's answer to the proposal (2 months)"),
    "formal_notice": _l("The end of the formal notice"),
    "loan_answer": _l("The region's answer to the loan request (2 months)"),
    "annual_report": _l("The annual report to the owner (31 March)"),
    "remaining_costs": _l("The statement of the costs still to repay (1 month)"),
    "repayment": _l("The owner's repayment (2 months)"),
    "takeover_date": _l("The notification of the takeover's date (10 days)"),
}
WHOSE_LABELS = {"operator": _l("Your move"), "owner": _l("The owner's move"), "region": _l("The region's move")}
