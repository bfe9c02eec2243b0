"""The portal's wording of each letter of a case, in the reader's language, and how a letter is composed from an
operator's own wording: `$name` fields filled with the case's values (string.Template: an unknown field stays as
written, a value is never read as a field), paragraphs separated by an empty line."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from string import Template

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from occupancies.dgp import rules
from occupancies.dgp.rules import Letter
from portal.i18n import format_day, format_money
from portal.region import commune_name

LETTER_LABELS = {
    Letter.visit_request: _l("Request to visit the dwelling"),
    Letter.court_request: _l("Request for the police court's authorisation"),
    Letter.proposal: _l("Proposal with the standard management contract"),
    Letter.notice_refused: _l("Formal notice (refusal without a legitimate reason)"),
    Letter.notice_silence: _l("Formal notice (no answer)"),
    Letter.takeover: _l("Notification of the taking over"),
    Letter.planning: _l("Notice to the commune's planning service"),
    Letter.annual_report: _l("Annual report to the owner"),
    Letter.dirl: _l("Availability notice to the regional housing inspection"),
    Letter.remaining_costs: _l("Statement of the costs still to repay"),
    Letter.takeover_date: _l("Date of the early takeover"),
}

SUBJECTS = {
    Letter.visit_request: _l("Public management right: request to visit the dwelling at $address"),
    Letter.court_request: _l("Request for authorisation to enter the dwelling at $address"),
    Letter.proposal: _l("Proposal to take the dwelling at $address under public management"),
    Letter.notice_refused: _l("Formal notice to let the dwelling at $address"),
    Letter.notice_silence: _l("Formal notice to let the dwelling at $address"),
    Letter.takeover: _l("The dwelling at $address is taken under public management"),
    Letter.planning: _l("Public management of the dwelling at $address"),
    Letter.annual_report: _l("Public management of the dwelling at $address: report on $year"),
    Letter.dirl: _l("Dwelling under public management free to let: $address"),
    Letter.remaining_costs: _l("Early takeover of the dwelling at $address: costs still to repay"),
    Letter.takeover_date: _l("Early takeover of the dwelling at $address: its date"),
}

BODIES = {
    Letter.visit_request: _l(
        "Our information shows that the dwelling at $address, of which you are the owner, has been vacant since "
        "$vacant_since.\n\n"
        "Under articles 14/1 to 19 of the Brussels Housing Code, $operator may take a vacant dwelling under public "
        "management. Its agents and those of Bruxelles Logement's Réhabilitation cell must first visit the dwelling "
        "to record its condition.\n\n"
        "We ask you to let them visit it within the month following the day this letter is presented to you, on a "
        "day between 8:00 and 20:00. Please contact us to agree on the day and hour, quoting the reference "
        "$reference.\n\n"
        "Without your agreement or your answer, we will ask the police court for the authorisation to enter the "
        "dwelling."),
    Letter.court_request: _l(
        "$operator asks the police court to authorise its agents and those of Bruxelles Logement's Réhabilitation "
        "cell to enter the dwelling at $address, of which $owner is the owner, in order to record its condition "
        "under articles 14/1 to 19 of the Brussels Housing Code.\n\n"
        "The dwelling has been vacant since $vacant_since. The request of a visit, sent by registered letter, was "
        "presented on $visit_requested_on; the owner refused the visit or did not answer.\n\n"
        "The visit would take place on a day between 8:00 and 20:00, with the local police and a locksmith."),
    Letter.proposal: _l(
        "Following the visit of the dwelling at $address, $operator proposes to take it under public management, "
        "under the enclosed standard management contract, which states:\n\n"
        "1. the works to be carried out: $works; their estimated total cost: $works_cost;\n\n"
        "2. the rent proposed: $rent a month;\n\n"
        "3. the estimated costs of taking over: $takeover_costs, and of management: $management_costs;\n\n"
        "4. $joint\n\n"
        "5. the estimated charges: $charges a month, and the provision for the common parts: $provision a month;\n\n"
        "6. the communications you will receive on the management: $communications;\n\n"
        "7. the duration: nine years at least, extended until the rents have repaid every cost (estimated at "
        "$months months), and the conditions of termination stated in the contract.\n\n"
        "You have two months from the day this letter is presented to you to answer by registered letter. Without "
        "an answer, or if you refuse without a legitimate reason, you will receive a formal notice to let the "
        "dwelling after carrying out the necessary works."),
    Letter.notice_refused: _l(
        "On $answered_on you refused, without a legitimate reason, the proposal to take the dwelling at $address "
        "under public management.\n\n"
        "$operator therefore gives you formal notice to let the dwelling, after carrying out the necessary works, "
        "within $notice_months months of the day this letter is presented to you.\n\n"
        "If the dwelling is not let within that time, $operator will take it under public management."),
    Letter.notice_silence: _l(
        "The proposal to take the dwelling at $address under public management was presented to you on "
        "$proposal_received_on. You have not answered it within two months.\n\n"
        "$operator therefore gives you formal notice to let the dwelling, after carrying out the necessary works, "
        "within $notice_months months of the day this letter is presented to you.\n\n"
        "If the dwelling is not let within that time, $operator will take it under public management."),
    Letter.takeover: _l(
        "$operator takes the dwelling at $address under public management from $taken_over_on, under articles "
        "14/1 to 19 of the Brussels Housing Code.\n\n"
        "It will carry out the works, let the dwelling and send you a report on each year of management by "
        "31 March of the following year. The management lasts nine years at least, until the rents have repaid "
        "every cost."),
    Letter.planning: _l(
        "We inform you that $operator has taken the dwelling at $address under public management from "
        "$taken_over_on (case $reference).\n\n"
        "Works will be carried out to bring it up to the Housing Code's standards; a permit will be requested "
        "where one is needed."),
    Letter.annual_report: _l(
        "Here is the report on the public management of the dwelling at $address in $year.\n\n"
        "Rents received in $year: $rents_year. Costs of management in $year: $costs_year.\n\n"
        "Since the taking over on $taken_over_on: costs of taking over $takeover_total, costs of management "
        "$management_total, rents received $rents_total. Still to recover on 31 December $year: $balance.\n\n"
        "At the current rent, the management is expected to end on $projected_end."),
    Letter.dirl: _l(
        "The dwelling at $address, under public management by $operator, is free to let from $today.\n\n"
        "In accordance with the Housing Code, we propose it first to tenants who must leave a dwelling that no "
        "longer meets the standards of safety, health and equipment, or whose dwelling is banned from letting."),
    Letter.remaining_costs: _l(
        "On $early_requested_on you asked to take the dwelling at $address back before the end of the public "
        "management.\n\n"
        "The costs still to repay amount to $balance. Please repay them within two months of the day this letter "
        "is presented to you; the date of the takeover will then be notified to you within ten days."),
    Letter.takeover_date: _l(
        "You repaid the costs of the public management of the dwelling at $address on $repaid_on.\n\n"
        "You take the dwelling back on $takeover_date. Its rent remains regulated until $regulated_until."),
}

JOINT_CLAUSE = _l("the co-holders of a real right on the dwelling are jointly liable for repaying these costs;")
NO_JOINT_CLAUSE = _l("the dwelling has a single holder of a real right;")
FIELDS_HELP = _l("Fields you may use: $address, $owner, $operator, $reference, $today and the dates and amounts of "
                 "the letter (such as $vacant_since, $rent, $balance). Separate paragraphs with an empty line.")


def compose(subject: str, body: str, values: dict) -> tuple[str, list[str]]:
    """The letter's subject and paragraphs, its `$name` fields filled (safe_substitute: nothing else is read)."""
    fill = lambda text: Template(str(text)).safe_substitute(values)  # noqa: E731
    paragraphs = [part.strip() for part in fill(body).replace("\r\n", "\n").split("\n\n") if part.strip()]
    return fill(subject), paragraphs


def values_for(case, letter: Letter, language: str, today) -> dict:
    """The `$name` fields of a letter of `case` (its dwellings, steps and ledger loaded), written in `language`."""
    def day(value):
        return format_day(value, "long", language) if value else "…"

    def money(value):
        return format_money(value, language) if value is not None else "…"

    recorded = [step.recorded() for step in case.steps]
    dates = rules.case_dates(recorded)
    done = {r.step: r for r in recorded}
    rent = sum((d.rent for d in case.dwellings if d.rent is not None), Decimal("0.00"))
    total = rules.ledger(case.entries)
    year = (dates.last_reported_year + 1) if dates.last_reported_year else \
        (dates.taken_over_on.year if dates.taken_over_on else today.year - 1)
    of_year = rules.ledger(case.entries, since=date(year, 1, 1), until=date(year, 12, 31))
    until_year = rules.ledger(case.entries, until=date(year, 12, 31))
    months = None
    if rent > 0 and case.takeover_costs is not None and case.management_costs is not None:
        months = rules.management_period(case.takeover_costs, case.management_costs, rent)
    answered = next((r.on for r in recorded if r.step in rules.ANSWERS), None)
    repaid = done.get(rules.Step.repaid)
    with force_locale(language):
        joint = str(JOINT_CLAUSE if case.joint_holders else NO_JOINT_CLAUSE)
    return {
        "operator": case.organisation.name_nl if language == "nl" else case.organisation.name_fr,
        "reference": case.reference, "today": day(today), "owner": case.owner_name,
        "address": f"{case.address}, {case.postcode} {commune_name(case.commune, language)}",
        "vacant_since": day(case.vacant_since), "rent": money(rent if rent else None),
        "works": case.works_description or "…", "works_cost": money(case.works_cost),
        "takeover_costs": money(case.takeover_costs), "management_costs": money(case.management_costs),
        "charges": money(case.monthly_charges), "provision": money(case.common_provision),
        "communications": case.communications or "…", "months": str(months) if months is not None else "…",
        "joint": joint, "notice_months": str(max(rules.MIN_NOTICE_MONTHS, case.works_months or 0)),
        "visit_requested_on": day(dates.visit_requested_on), "proposal_received_on": day(dates.proposal_received_on),
        "answered_on": day(answered), "taken_over_on": day(dates.taken_over_on), "year": str(year),
        "rents_year": money(of_year.rents), "costs_year": money(of_year.management_costs),
        "takeover_total": money(until_year.takeover_costs), "management_total": money(until_year.management_costs),
        "rents_total": money(until_year.rents), "balance": money(until_year.balance if letter ==
                                                                 Letter.annual_report else total.balance),
        "projected_end": day(rules.projected_end(dates.taken_over_on, today, total.balance, rent))
        if dates.taken_over_on and rent > 0 else "…",
        "early_requested_on": day(dates.early_requested_on), "repaid_on": day(repaid.on if repaid else None),
        "takeover_date": day(rules.takeover_date_deadline(repaid.on) if repaid else None),
        "regulated_until": day(rules.regulated_until(rules.takeover_date_deadline(repaid.on)) if repaid else None),
    }
