"""The forms of an index value, a case, a dwelling and a step."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FileField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp, ValidationError

from occupancies.dgp import rules
from occupancies.dgp.operations import index_problems
from occupancies.dgp.rules import DwellingKind
from occupancies.dgp.workflow import ENTRY_LABELS, KIND_LABELS, PHASE_LABELS, SERIES_LABELS, STEP_LABELS, Series
from portal import clock
from portal.forms import REQUIRED, BaseForm, NotAfterToday, choices, commune_choices, max_length


class CommaDecimalField(DecimalField):
    """A decimal number typed as the reader writes it: "123,68" as well as "123.68"."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = Decimal(valuelist[0].strip().replace("\u202f", "").replace(" ", "").replace(",", "."))
        except InvalidOperation:
            self.data = None
            raise ValueError(str(_l("Give a number, such as 123,68."))) from None


class IndexForm(BaseForm):
    series = SelectField(_l("Series"), choices=choices(SERIES_LABELS), validators=[REQUIRED])
    month = StringField(_l("Month"), validators=[REQUIRED], render_kw={"type": "month", "placeholder": "2023-08"},
                        description=_l("The month the value is published for."))
    # Typed, even 0 (refused by the rules with its own message): DataRequired would call 0 missing.
    value = CommaDecimalField(_l("Value"), places=2, validators=[InputRequired(message=REQUIRED.message)],
                              description=_l("As published by Statbel, with two decimals at most."))

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, then the rules of a value (operations.index_problems), all at once."""
        valid = super().validate(extra_validators)
        month = self.month_day() if not self.month.errors else None
        value = self.value.data if not self.value.errors else None
        for name, message in index_problems(month, value, clock.today()).items():
            getattr(self, name).errors.append(str(message))
            valid = False
        return valid

    def validate_month(self, field):
        if self.month_day() is None:
            raise ValidationError(str(_l("Give the month as year and month, such as 2023-08.")))

    def month_day(self) -> date | None:
        try:
            year, month = (int(part) for part in (self.month.data or "").split("-"))
            return date(year, month, 1) if 1990 <= year <= 2100 else None
        except ValueError:
            return None

    def chosen_series(self) -> Series:
        return Series(self.series.data)


class CaseForm(BaseForm):
    street = StringField(_l("Street"), validators=[REQUIRED, max_length(200)])
    number = StringField(_l("Number"), validators=[REQUIRED, max_length(20)])
    postcode = StringField(_l("Postcode"), validators=[REQUIRED, Regexp(r"^1\d{3}$", message=_l(
        "A Brussels postcode has four digits and starts with 1."))])
    commune = SelectField(_l("Commune"), validators=[REQUIRED])
    vacant_since = DateField(_l("Vacant since (as far as known)"), validators=[Optional(), NotAfterToday(
        _l("A place cannot be vacant since a day to come."))])
    owner_name = StringField(_l("Owner"), validators=[REQUIRED, max_length(200)],
                             description=_l("The owner or the holders of a real right; read by your members only."))
    owner_contact = StringField(_l("Owner's address or contact"), validators=[Optional(), max_length(300)])

    def prepare(self):
        self.commune.choices = commune_choices()
        return self

    def values(self) -> dict:
        return {name: self[name].data for name in ("street", "number", "postcode", "commune", "vacant_since",
                                                   "owner_name", "owner_contact")}


class DwellingForm(BaseForm):
    label = StringField(_l("Dwelling"), validators=[REQUIRED, max_length(120)],
                        description=_l("How it is known, e.g. \"1st floor\"."))
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS), validators=[REQUIRED])
    bedrooms = IntegerField(_l("Bedrooms"), default=0, validators=[InputRequired(message=REQUIRED.message),
                                                                   NumberRange(min=0, max=20, message=_l(
                                                                       "Give a number of bedrooms between 0 and 20."))])
    gross_surface = CommaDecimalField(_l("Gross surface (m²)"), places=2, validators=[Optional(), NumberRange(
        min=1, max=100000, message=_l("Give a surface between 1 and 100,000 m²."))],
        description=_l("Walls and shares of the common parts included: the loan's cap is counted on it."))
    rent = CommaDecimalField(_l("Monthly rent (€)"), places=2, validators=[Optional(), NumberRange(
        min=1, max=100000, message=_l("Give a rent between 1 and 100,000 €."))],
        description=_l("Set by the studies; it may not pass the dwelling's cap."))

    def values(self) -> dict:
        return {"label": self.label.data, "kind": DwellingKind(self.kind.data), "bedrooms": self.bedrooms.data,
                "gross_surface": self.gross_surface.data, "rent": self.rent.data}


class StepForm(BaseForm):
    step = SelectField(_l("Step"), validators=[REQUIRED])
    on = DateField(_l("Day"), validators=[REQUIRED], description=_l("For a registered letter: the day it was "
                                                                    "presented."))
    at = TimeField(_l("Hour of the visit"), validators=[Optional()], description=_l("Between 8:00 and 20:00."))
    works_months = IntegerField(_l("Estimated length of the works (months)"), validators=[Optional(), NumberRange(
        min=0, max=120, message=_l("Give a number of months between 0 and 120."))],
        description=_l("For a formal notice: it gives the owner at least 2 months, more when the works need more."))
    year = IntegerField(_l("Year reported on"), validators=[Optional(), NumberRange(
        min=1990, max=2100, message=_l("Give a year such as 2025."))], description=_l("For an annual report."))
    sent_on = DateField(_l("Sent on"), validators=[Optional()],
                        description=_l("For a registered letter: the day it was sent."))
    note = TextAreaField(_l("Note"), validators=[Optional(), max_length(4000)])
    document = FileField(_l("Document"), description=_l("The letter's receipt, the visit report, the court's "
                                                        "authorisation…: PDF, office document or image, 15 MB at "
                                                        "most."))

    def prepare(self, phases):
        """The steps of the phases given, each after its phase's name ("2. Visit: Visit held")."""
        self.step.choices = [("", _l("Choose a step"))] + [
            (step.value, f"{PHASE_LABELS[phase]}: {STEP_LABELS[step]}")
            for phase in phases for step in rules.STEP_PHASES[phase]]
        return self

    def chosen_step(self) -> rules.Step:
        return rules.Step(self.step.data)


MONEY = [Optional(), NumberRange(min=0, max=100_000_000, message=_l("Give an amount between 0 and 100,000,000 €."))]


class EstimatesForm(BaseForm):
    works_description = TextAreaField(_l("Works to carry out"), validators=[Optional(), max_length(4000)])
    works_cost = CommaDecimalField(_l("Estimated cost of the works (€)"), places=2, validators=MONEY)
    works_months = IntegerField(_l("Estimated length of the works (months)"), validators=[Optional(), NumberRange(
        min=0, max=120, message=_l("Give a number of months between 0 and 120."))],
        description=_l("A formal notice gives the owner at least 2 months, more when the works need more."))
    takeover_costs = CommaDecimalField(_l("Estimated costs of taking over (€)"), places=2, validators=MONEY,
                                       description=_l("Studies, architect, staff, removal of furniture."))
    management_costs = CommaDecimalField(_l("Estimated costs of management (€)"), places=2, validators=MONEY,
                                         description=_l("Repairs and works borne by the landlord."))
    monthly_charges = CommaDecimalField(_l("Estimated charges a month (€)"), places=2, validators=MONEY)
    common_provision = CommaDecimalField(_l("Provision for the common parts a month (€)"), places=2,
                                         validators=MONEY)
    joint_holders = BooleanField(_l("Several holders of a real right, jointly liable"))
    communications = TextAreaField(_l("Communications to the owner"), validators=[Optional(), max_length(2000)],
                                   description=_l("Their content and frequency, e.g. a yearly report by 31 March."))

    def values(self) -> dict:
        return {name: self[name].data for name in (
            "works_description", "works_cost", "works_months", "takeover_costs", "management_costs",
            "monthly_charges", "common_provision", "joint_holders", "communications")}


class EntryForm(BaseForm):
    kind = SelectField(_l("Line"), choices=choices(ENTRY_LABELS), validators=[REQUIRED])
    on = DateField(_l("Day"), validators=[REQUIRED])
    amount = CommaDecimalField(_l("Amount (€)"), places=2, validators=[
        InputRequired(message=REQUIRED.message),
        NumberRange(min=0.01, max=100_000_000, message=_l("Give an amount above 0 €."))])
    note = StringField(_l("Note"), validators=[Optional(), max_length(300)])

    def values(self) -> dict:
        return {"kind": rules.EntryKind(self.kind.data), "on": self.on.data, "amount": self.amount.data,
                "note": self.note.data}


class LetterTextForm(BaseForm):
    subject = StringField(_l("Subject"), validators=[Optional(), max_length(200)])
    body = TextAreaField(_l("Text"), validators=[Optional(), max_length(8000)], render_kw={"rows": 16},
                         description=_l("Leave it empty to use the portal's wording again."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if (self.body.data or "").strip() and not self.subject.data and not self.subject.errors:
            self.subject.errors.append(str(_l("Give the letter's subject.")))      # Optional() stops its validators
            valid = False
        return valid


class LoanForm(BaseForm):
    loan_amount = CommaDecimalField(_l("Amount asked (€)"), places=2, validators=MONEY,
                                    description=_l("Excl. VAT: eligible works, study and architect's costs."))
    # Its range is the rules' (operations.save_loan), checked with the cap and the contract, all at once.
    loan_months = IntegerField(_l("Repayment over (months)"), validators=[Optional()],
                               description=_l("Interest-free, repaid monthly from the rents."))
    loan_granted = CommaDecimalField(_l("Amount granted by the region (€)"), places=2, validators=MONEY)
    loan_contract_on = DateField(_l("Loan contract concluded on"), validators=[Optional()])

    def values(self) -> dict:
        return {name: self[name].data for name in ("loan_amount", "loan_months", "loan_granted", "loan_contract_on")}


class SupportForm(BaseForm):
    organisation = SelectField(_l("Organisation that supports the case"), validators=[Optional()],
                               description=_l("Bruxelles Logement's Réhabilitation cell supports the visit, the "
                                              "studies, the proposal and the loan, the works. It does not read "
                                              "the owner's identity."))

    def prepare(self, organisations):
        self.organisation.choices = [("", _l("No organisation"))] + [(str(o.id), o.name) for o in organisations]
        return self

    def chosen(self, organisations):
        return next((o for o in organisations if str(o.id) == self.organisation.data), None)
