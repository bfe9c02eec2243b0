"""Recording a value of an index series (audited: a correction keeps the value it replaces); opening a case, adding
its dwellings and recording its steps."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.lists import format_list
from flask import url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from occupancies.dgp import permissions as p
from occupancies.dgp import queries, rules
from occupancies.dgp.models import (
    DgpCase,
    DgpDocument,
    DgpDwelling,
    DgpEntry,
    DgpLetterText,
    DgpStep,
    IndexValue,
)
from occupancies.dgp.workflow import DEADLINE_LABELS, STEP_LABELS, Series
from occupancies.vacancies import operations as vacancy_ops
from occupancies.vacancies.workflow import SignalStatus
from portal import audit, clock, uploads
from portal.errors import Problems
from portal.extensions import db
from portal.i18n import LANGUAGES, format_day, format_money, in_all_languages
from portal.jobs import after_rollback
from portal.notifications.operations import notify
from portal.permissions import require
from portal.region import COMMUNES
from portal.roles import writers_of


def index_problems(month: date | None, value: Decimal | None, today: date) -> dict:
    """What is wrong with a value for a month ({field: message}; a None is not checked): the form shows them all
    at once, and the operation refuses them."""
    problems = {}
    if month is not None and month.replace(day=1) > today:
        problems["month"] = _l("An index is published after its month: choose a month that has begun.")
    if value is not None and (value <= 0 or value >= Decimal("100000")):
        problems["value"] = _l("Give a value above 0 and below 100,000.")
    elif value is not None and not rules.has_cents_at_most(value):
        problems["value"] = _l("Give the value with two decimals at most, as it is published.")
    return problems


def record_index(series: Series, month: date, value: Decimal, *, actor) -> IndexValue:
    """The value of `series` for `month` (its first day), recorded, or corrected when the month has one."""
    require(p.can_maintain_indices(actor))
    month = month.replace(day=1)
    problems = index_problems(month, value, clock.today())
    if problems:
        raise Problems(problems)
    found = queries.index_value(series, month)
    if found is None:
        found = IndexValue(series=series, month=month, value=value)
        db.session.add(found)
        db.session.flush()
        audit.record("dgp.index_recorded", target=found, actor=actor,
                     changes={"series": [None, series], "month": [None, month], "value": [None, str(value)]})
    elif found.value != value:
        before = found.value
        found.value, found.recorded_at = value, clock.now()
        audit.record("dgp.index_corrected", target=found, actor=actor,
                     changes={"series": [series, series], "month": [month, month],
                              "value": [str(before), str(value)]})
    return found


# The cases ----------------------------------------------------------------------------------------------------------

STEP_MESSAGES = {
    "future": _l("A step is recorded once it has happened: choose a day that has come."),
    "before_previous": _l("This day comes before the latest step of the case: choose that day or a later one."),
    "needs": _l("This step comes after another one that the case has not recorded yet: %(needed)s."),
    "again": _l("This step is recorded once only, and the case already has it."),
    "ended": _l("The case is over: no step can be added."),
    "before_request": _l("The visit takes place after the day its request was presented."),
    "after_deadline": _l("The visit takes place within the month following its request, by %(due)s at the latest."),
    "outside_hours": _l("A visit takes place between 8:00 and 20:00."),
    "hour_missing": _l("Give the hour of the visit."),
    "notice_too_early": _l("The formal notice follows a refusal without a legitimate reason, or the owner's silence "
                           "once the 2 months have passed: the owner may answer until %(due)s."),
    "not_taken_over_yet": _l("The management is taken over once the contract is signed, or once the formal notice "
                             "has run out without the dwelling being let."),
    "too_early_to_take_back": _l("An owner may take the dwelling back early only after its first letting."),
    "year": _l("Give a year of management that is over, from the year of the taking over."),
    "sent_after": _l("A letter is sent before it is presented: give a day on or before the step's day."),
    "loan_parts": _l("The loan request needs its four parts; the case lacks: %(missing)s."),
    "no_contract": _l("The loan is released once its contract is concluded: record the contract's day in the loan."),
}
LOAN_PART_LABELS = {
    "proposal": _l("the proposal presented to the owner"),
    "dwellings": _l("each dwelling with its gross surface"),
    "works": _l("the works, their cost and the costs of taking over (estimates of the studies)"),
    "plan": _l("the amount and the months of the repayment plan (the loan)"),
}
DOCUMENTS = "dgp"           # the area of portal.uploads the steps' documents are kept in
CASE_FIELDS = ("street", "number", "postcode", "commune", "vacant_since", "owner_name", "owner_contact")


def _step_message(code: str, case_dates: rules.CaseDates, needed=None, missing=()):
    values = {}
    if code == "loan_parts":
        values["missing"] = format_list([str(LOAN_PART_LABELS[part]) for part in missing], locale=get_locale())
    elif code == "after_deadline":
        values["due"] = format_day(rules.visit_deadline(case_dates.visit_requested_on), "long")
    elif code == "notice_too_early":
        values["due"] = format_day(rules.answer_deadline(case_dates.proposal_received_on), "long")
    elif code == "needs":
        values["needed"] = STEP_LABELS[needed]
    return STEP_MESSAGES[code] % values if values else STEP_MESSAGES[code]


def _follow(case: DgpCase) -> None:
    """What the case's list and the region's figures read without its steps: the next deadline, the day of the
    latest step, the days spent in each phase the case has left."""
    recorded = [step.recorded() for step in case.steps]
    upcoming = rules.next_deadline(rules.case_dates(recorded))
    case.next_due, case.next_kind = (upcoming.due, upcoming.kind) if upcoming else (None, "")
    case.latest_on = max((r.on for r in recorded), default=None)
    case.phase_days = {str(phase): days for phase, days in rules.phase_durations(recorded).items()}


def open_case(organisation, values: dict, *, signal=None, actor) -> DgpCase:
    """An operator opens a case on a vacant building (from a signal of the register, which then records it)."""
    require(p.can_open_case(actor, organisation))
    problems = {}
    if values.get("commune") not in COMMUNES:
        problems["commune"] = _l("Choose one of the 19 communes.")
    if values.get("vacant_since") and values["vacant_since"] > clock.today():
        problems["vacant_since"] = _l("A place cannot be vacant since a day to come.")
    if problems:
        raise Problems(problems)
    case = DgpCase(organisation_id=organisation.id, reference="", phase=rules.Phase.analysis,
                   signal_id=signal.id if signal is not None else None,
                   **{name: values.get(name) if name == "vacant_since" else (values.get(name) or "").strip()
                      for name in CASE_FIELDS})
    db.session.add(case)
    db.session.flush()
    case.reference = f"DGP-{clock.today().year}-{case.id:04d}"
    audit.record("dgp.case_opened", target=case, actor=actor, organisation=organisation,
                 changes={"reference": [None, case.reference], "signal": [None, case.signal_id]})
    if signal is not None:
        vacancy_ops.record_outcome(signal, SignalStatus.dgp_case, reason=case.reference, actor=actor)
    return case


def dwelling_problems(values: dict) -> dict:
    problems = {}
    for name in ("rent", "gross_surface"):
        amount = values.get(name)
        if amount is not None and not rules.has_cents_at_most(amount):
            problems[name] = _l("Give the amount with two decimals at most.")
    if values.get("kind") == rules.DwellingKind.house and (values.get("bedrooms") or 0) < 2:
        problems["bedrooms"] = _l("The rents' table has houses of 2 bedrooms or more: a smaller house is a flat.")
    return problems


def add_dwelling(case: DgpCase, values: dict, *, actor) -> DgpDwelling:
    """A dwelling of the case; its rent may not pass the cap of 1 January of this year, when that cap is known."""
    require(p.can_act_on_case(actor, case))
    problems = dwelling_problems(values)
    dwelling = DgpDwelling(label=values["label"].strip(), kind=values["kind"],
                           bedrooms=values.get("bedrooms") or 0, gross_surface=values.get("gross_surface"),
                           rent=values.get("rent"))
    cap = queries.rent_caps([dwelling], clock.today().year)[dwelling] if "bedrooms" not in problems else None
    if dwelling.rent is not None and cap is not None and dwelling.rent > cap and "rent" not in problems:
        problems["rent"] = _l("The rent may not pass the cap of %(cap)s for this dwelling.", cap=format_money(cap))
    if problems:
        raise Problems(problems)
    dwelling.case = case
    db.session.add(dwelling)
    db.session.flush()
    audit.record("dgp.dwelling_added", target=case, actor=actor,
                 changes={"dwelling": [None, dwelling.label], "rent": [None, str(dwelling.rent or "")]})
    return dwelling


def record_step(case: DgpCase, step: rules.Step, *, on, at=None, works_months: int = 0, year=None, note: str = "",
                sent_on=None, document=None, actor) -> DgpStep:
    """A step of the case, checked against the ones before it (the rules' order, the visit's window, the owner's
    delays, the loan's parts and contract); the case moves to the phase it opens and keeps its next deadline. The
    operator's writers record any step; the supporting organisation's, the steps of the phases it supports."""
    require(p.can_act_on_case(actor, case) or (p.can_support_case(actor, case) and step in rules.SUPPORTED_STEPS))
    recorded = [s.recorded() for s in case.steps]
    new = rules.Recorded(step, on, at, works_months or 0, year)
    codes = rules.step_problems(new, recorded, clock.today())
    if sent_on is not None and sent_on > on:
        codes.setdefault("sent_on", "sent_after")
    missing = loan_parts_missing(case) if step == rules.Step.loan_filed else []
    if missing:
        codes.setdefault("step", "loan_parts")
    if step == rules.Step.loan_released and case.loan_contract_on is None:
        codes.setdefault("step", "no_contract")
    problems = {}
    if codes:
        dates = rules.case_dates(recorded)
        problems = {field: _step_message(code, dates, rules.REQUIRES.get(step), missing)
                    for field, code in codes.items()}
    stored = None
    if document is not None and getattr(document, "filename", ""):
        try:
            stored = uploads.store_document(document.stream, document.filename, DOCUMENTS)
        except uploads.UploadError as error:
            problems["document"] = uploads.DOCUMENT_MESSAGES.get(error.code, uploads.DOCUMENT_MESSAGES["not_allowed"])
    if problems:
        if stored is not None:
            uploads.remove(DOCUMENTS, stored[0])
        raise Problems(problems)
    before = case.phase
    added = DgpStep(case=case, step=step, on=on, at=at, works_months=works_months or 0, year=year,
                    note=(note or "").strip(), sent_on=sent_on, actor_id=actor.id)
    db.session.add(added)
    db.session.flush()
    if stored is not None:
        name, mimetype, size, _digest = stored
        after_rollback(uploads.remove, DOCUMENTS, name)
        db.session.add(DgpDocument(case_id=case.id, step_id=added.id, file=name, mimetype=mimetype, size=size,
                                   original_name=uploads.clean_filename(document.filename), actor_id=actor.id))
    case.phase = rules.phase_after(case.phase, step)
    _follow(case)
    audit.record("dgp.step_recorded", target=case, actor=actor,
                 organisation=case.organisation if p.can_act_on_case(actor, case) else case.support,
                 changes={"step": [None, step], "on": [None, on], "phase": [before, case.phase],
                          **({"document": [None, uploads.clean_filename(document.filename)]} if stored else {})})
    return added


def loan_parts_missing(case: DgpCase) -> list[str]:
    return rules.loan_parts_missing(
        proposal_sent=any(s.step == rules.Step.proposal_received for s in case.steps),
        surfaces=[d.gross_surface for d in case.dwellings], works_description=case.works_description,
        works_cost=case.works_cost, takeover_costs=case.takeover_costs, amount=case.loan_amount,
        months=case.loan_months)


LOAN_MESSAGES = {
    "cents": _l("Give the amount with two decimals at most."),
    "above_cap": _l("The loan may not pass its cap of %(cap)s (1,176 € excl. VAT a gross m², indexed)."),
    "above_request": _l("The region grants at most the amount asked."),
    "months": _l("Give a plan of 1 to 360 months."),
    "contract_future": _l("A contract is recorded once concluded: choose a day that has come."),
    "contract_granted": _l("A loan contract follows the region's agreement: give the amount granted."),
}
LOAN_FIELDS = ("loan_amount", "loan_months", "loan_granted", "loan_contract_on")


def save_loan(case: DgpCase, values: dict, *, actor) -> None:
    """The case's loan from the regional fund: the request (amount, months of the repayment plan), the amount
    granted, the day of the contract. No amount passes the cap (1,176 € excl. VAT a gross m², indexed by ABEX),
    when the index it needs is recorded. The operator keeps it; the supporting organisation too."""
    require(p.can_act_on_case(actor, case) or p.can_support_case(actor, case))
    amount, months, granted, contract_on = (values.get(name) for name in LOAN_FIELDS)
    cap = queries.loan_cap(case, clock.today().year)
    codes = {f"loan_{name}": code for name, code in rules.loan_problems(amount, granted, months, cap).items()}
    if contract_on is not None and contract_on > clock.today():
        codes["loan_contract_on"] = "contract_future"
    elif contract_on is not None and granted is None:
        codes["loan_contract_on"] = "contract_granted"
    if codes:
        raise Problems({field: LOAN_MESSAGES[code] % ({"cap": format_money(cap)} if code == "above_cap" else {})
                        for field, code in codes.items()})
    changes = {}
    for name in LOAN_FIELDS:
        if getattr(case, name) != values.get(name):
            changes[name] = [_text(getattr(case, name)), _text(values.get(name))]
            setattr(case, name, values.get(name))
    if changes:
        audit.record("dgp.loan_saved", target=case, actor=actor,
                     organisation=case.organisation if p.can_act_on_case(actor, case) else case.support,
                     changes=changes)


def _text(value) -> str | None:
    return str(value) if value is not None else None


def invite_support(case: DgpCase, organisation, *, actor) -> None:
    """The operator invites an organisation (a regional public service: Bruxelles Logement's Réhabilitation cell)
    to support the case, or withdraws the invitation (None); the invited organisation's writers are told."""
    require(p.can_act_on_case(actor, case))
    if organisation is not None and (not p.may_support(organisation) or organisation.id == case.organisation_id):
        raise Problems({"organisation": _l("Choose one of the region's public services offered.")})
    before = case.support
    if (before.id if before else None) == (organisation.id if organisation else None):
        return
    case.support_id = organisation.id if organisation is not None else None
    case.support = organisation
    audit.record("dgp.support_invited" if organisation is not None else "dgp.support_withdrawn", target=case,
                 actor=actor, changes={"support": [before.name if before else None,
                                                   organisation.name if organisation else None]})
    if organisation is not None:
        notify(writers_of(organisation), "dgp.support_invited",
               params={"reference": case.reference,
                       "operator": {"fr": case.organisation.name_fr, "nl": case.organisation.name_nl}},
               link=url_for("dgp_supported.case", org_slug=organisation.slug, case_id=case.id),
               organisation=organisation)


def remind(case: DgpCase, today) -> bool:
    """A week before the case's next deadline, then on its day, the operator's writers are told (once each)."""
    which = clock.reminder_due(case.next_due, today) if case.next_due else None
    if which is None or (case.reminded_soon_for if which == "soon" else case.reminded_due_for) == case.next_due:
        return False
    if which == "soon":
        case.reminded_soon_for = case.next_due
    else:
        case.reminded_due_for = case.next_due
    notify(writers_of(case.organisation), "dgp.deadline_soon" if which == "soon" else "dgp.deadline_due",
           params={"reference": case.reference, "address": case.address,
                   "what": in_all_languages(DEADLINE_LABELS.get(case.next_kind, "")),
                   "day": {code: format_day(case.next_due, "long", code) for code in LANGUAGES}},
           link=url_for("dgp_cases.case", org_slug=case.organisation.slug, case_id=case.id),
           organisation=case.organisation)
    return True


ESTIMATE_FIELDS = ("works_description", "works_cost", "works_months", "takeover_costs", "management_costs",
                   "monthly_charges", "common_provision", "joint_holders", "communications")
AMOUNTS = ("works_cost", "takeover_costs", "management_costs", "monthly_charges", "common_provision")


def amount_problems(values: dict, names) -> dict:
    """Every amount given with more than two decimals, beside its field."""
    return {name: _l("Give the amount with two decimals at most.") for name in names
            if values.get(name) is not None and not rules.has_cents_at_most(values[name])}


def save_estimates(case: DgpCase, values: dict, *, actor) -> None:
    """The preliminary studies' estimates, which the proposal to the owner states."""
    require(p.can_act_on_case(actor, case))
    problems = amount_problems(values, AMOUNTS)
    if problems:
        raise Problems(problems)
    changes = {}
    for name in ESTIMATE_FIELDS:
        value = values.get(name)
        if name in ("works_description", "communications"):
            value = (value or "").strip()                  # a text never missing: empty when not sent
        if getattr(case, name) != value:
            changes[name] = [str(getattr(case, name)) if getattr(case, name) is not None else None,
                             str(value) if value is not None else None]
            setattr(case, name, value)
    if changes:
        audit.record("dgp.estimates_saved", target=case, actor=actor, changes=changes)


def add_entry(case: DgpCase, values: dict, *, actor) -> DgpEntry:
    """A line of the case's ledger: a cost of taking over or of management, or a rent received."""
    require(p.can_act_on_case(actor, case))
    problems = amount_problems(values, ("amount",))
    if values["on"] > clock.today():
        problems["on"] = _l("A line is entered once it has happened: choose a day that has come.")
    if problems:
        raise Problems(problems)
    entry = DgpEntry(kind=values["kind"], on=values["on"], amount=values["amount"],
                     note=(values.get("note") or "").strip(), actor_id=actor.id)
    entry.case = case
    db.session.add(entry)
    db.session.flush()
    audit.record("dgp.entry_added", target=case, actor=actor,
                 changes={"kind": [None, entry.kind], "on": [None, entry.on], "amount": [None, str(entry.amount)]})
    return entry


def save_letter_text(organisation, letter: rules.Letter, language: str, *, subject: str, body: str,
                     actor) -> DgpLetterText | None:
    """The operator's own wording of a letter in a language; an empty wording gives the portal's back."""
    require(p.can_open_case(actor, organisation))
    found = queries.letter_text(organisation, letter, language)
    if not (body or "").strip():
        if found is not None:
            db.session.delete(found)
            audit.record("dgp.letter_reset", target=found, actor=actor, organisation=organisation,
                         changes={"letter": [letter, letter], "language": [language, language]})
        return None
    if found is None:
        found = DgpLetterText(organisation_id=organisation.id, letter=letter, language=language,
                              subject=subject.strip(), body=body.strip())
        db.session.add(found)
        db.session.flush()
    else:
        found.subject, found.body, found.updated_at = subject.strip(), body.strip(), clock.now()
    audit.record("dgp.letter_adjusted", target=found, actor=actor, organisation=organisation,
                 changes={"letter": [None, letter], "language": [None, language]})
    return found
