"""Forms of agreements: the draft's terms, the signature (password again), a reason. Field checks only: what may
change when is the operations' to say."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FileField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import NumberRange, Optional

from occupancies.agreements.workflow import REPORTING_LABELS, AmendmentKind, ChargesKind, ReportingFrequency
from occupancies.workflow import USE_LABELS, UseCategory
from portal.forms import REQUIRED, BaseForm, MultiCheckboxField, choices, max_length


def own_ids(form, prefix: str):
    """Several forms of one page share field names (reason…): each gets ids of its own, so that every label
    points at its own field; the names, which the server reads, stay."""
    for field in form:
        field.id = f"{prefix}-{field.id}"
        field.label.field_id = field.id
    return form


class SignForm(BaseForm):
    password = PasswordField(_l("Your password"), validators=[REQUIRED], render_kw={"autocomplete": "current-password"},
                             description=_l("Signing records your name, the time and the digest of the document "
                                            "you read."))
    code = StringField(_l("Code of your second factor"), validators=[REQUIRED, max_length(64)],
                       description=_l("The six digits your authenticator application shows now."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"})


class ChecklistForm(BaseForm):
    note = TextAreaField(_l("Note"), validators=[Optional(), max_length(2000)], render_kw={"rows": 2})
    document = FileField(_l("Document"), description=_l("The insurance certificate, or the signed inventory: PDF, "
                                                       "image or office document, at most 15 MB."))


class PhotoForm(BaseForm):
    photo = FileField(_l("Photo"), validators=[REQUIRED], description=_l("JPEG, PNG or WebP; the place and camera "
                                                                        "data are removed."))
    caption = StringField(_l("Caption"), validators=[Optional(), max_length(200)])


class MutualEndForm(BaseForm):
    last_day = DateField(_l("Last day"), validators=[REQUIRED])
    reason = TextAreaField(_l("What both parties agreed"), validators=[REQUIRED, max_length(2000)],
                           render_kw={"rows": 3})


class ReasonForm(BaseForm):
    reason = TextAreaField(_l("Reason"), validators=[REQUIRED, max_length(2000)], render_kw={"rows": 3})


# The draft's terms ----------------------------------------------------------------------------------------

AMOUNT = NumberRange(min=0, max=1_000_000, message=_l("Give an amount between 0 and 1,000,000 €."))
MONTHS = NumberRange(min=0, max=24, message=_l("Give a number of months between 0 and 24."))
CHARGES_LABELS = {ChargesKind.none: _l("No charges"), ChargesKind.flat: _l("A flat amount each month"),
                  ChargesKind.provision: _l("A monthly provision, settled each year")}
AMENDMENT_LABELS = {AmendmentKind.extension: _l("An extension"), AmendmentKind.units: _l("A change of units"),
                    AmendmentKind.fee: _l("A change of fee")}


def _long(label, description=None):
    return TextAreaField(label, description=description, validators=[Optional(), max_length(8000)],
                         render_kw={"rows": 3})


class AgreementForm(BaseForm):
    """The terms of a draft: prefilled from the call, the application and the site, completed by the owner."""

    language = SelectField(_l("Language of the agreement"), choices=[("fr", "Français"), ("nl", "Nederlands")],
                           description=_l("The parties sign it in this language; the other is a translation for "
                                          "information."))
    owner_representative = StringField(_l("Represented, for the owner, by"), validators=[REQUIRED, max_length(200)])
    owner_representative_role = StringField(_l("In the capacity of"), validators=[Optional(), max_length(200)])
    occupant_representative = StringField(_l("Represented, for the occupant, by"),
                                          validators=[REQUIRED, max_length(200)])
    occupant_representative_role = StringField(_l("In the capacity of"), validators=[Optional(), max_length(200)])
    unit_ids = MultiCheckboxField(_l("Units"), coerce=int, validators=[Optional()], validate_choice=False)
    use_category = SelectField(_l("Use"), validators=[REQUIRED])
    purpose_fr = _long(_l("Purpose (French)"), _l("What the occupant does in the premises, for whom."))
    purpose_nl = _long(_l("Purpose (Dutch)"))
    start_date = DateField(_l("Start"), validators=[REQUIRED])
    end_date = DateField(_l("End"), validators=[Optional()], description=_l("Leave empty for no fixed term."))
    notice_months_owner = IntegerField(_l("Notice to end it early, from the owner (months)"), default=3,
                                       validators=[REQUIRED, MONTHS])
    notice_months_occupant = IntegerField(_l("Notice to end it early, from the occupant (months)"), default=1,
                                          validators=[REQUIRED, MONTHS])
    free_use = BooleanField(_l("Free use (no fee)"), default=True)
    monthly_fee = DecimalField(_l("Monthly fee (€)"), places=2, validators=[Optional(), AMOUNT])
    charges_kind = SelectField(_l("Charges"))
    charges_amount = DecimalField(_l("Charges, each month (€)"), places=2, validators=[Optional(), AMOUNT])
    deposit = DecimalField(_l("Deposit (€)"), places=2, validators=[Optional(), AMOUNT])
    insurance_required = BooleanField(_l("The occupant insures the premises and its activity"), default=True)
    domiciliation = BooleanField(_l("The people housed may register their domicile there"), description=_l(
        "Registering a domicile opens social rights: essential for respite housing (ISSUE's axis 2)."))
    heritage_fr = _long(_l("Heritage and constraints of the site (French)"))
    heritage_nl = _long(_l("Heritage and constraints of the site (Dutch)"))
    support_fr = _long(_l("Support offered (French)"))
    support_nl = _long(_l("Support offered (Dutch)"))
    clause_ids = MultiCheckboxField(_l("Clauses from the library"), coerce=int, validators=[Optional()],
                                    validate_choice=False)
    free_clauses_fr = _long(_l("Particular clauses (French)"))
    free_clauses_nl = _long(_l("Particular clauses (Dutch)"))
    reporting = SelectField(_l("The occupant reports"))

    def prepare(self, site, clauses):
        self.unit_ids.choices = [(u.id, f"{u.label}") for u in site.units]
        self.use_category.choices = choices(USE_LABELS, _l("Choose a use"))
        self.charges_kind.choices = choices(CHARGES_LABELS)
        self.reporting.choices = choices(REPORTING_LABELS)
        self.clause_ids.choices = [(c.id, c.title) for c in clauses]
        self.clauses = clauses
        return self

    def fill(self, values: dict, *, clause_ids=(), language="fr", reporting=None):
        for key, value in values.items():
            if key in self:
                self[key].data = getattr(value, "value", value)
        self.clause_ids.data = list(clause_ids)
        self.language.data = language
        self.reporting.data = getattr(reporting, "value", reporting) or ReportingFrequency.quarterly.value
        return self

    def values(self) -> dict:
        keys = ("owner_representative", "owner_representative_role", "occupant_representative",
                "occupant_representative_role", "purpose_fr", "purpose_nl", "start_date", "end_date",
                "notice_months_owner", "notice_months_occupant", "free_use", "monthly_fee", "charges_amount",
                "deposit", "insurance_required", "domiciliation", "heritage_fr", "heritage_nl", "support_fr",
                "support_nl", "free_clauses_fr", "free_clauses_nl")
        values = {key: self[key].data for key in keys}
        for text in ("owner_representative_role", "occupant_representative_role", "purpose_fr", "purpose_nl",
                     "heritage_fr", "heritage_nl", "support_fr", "support_nl", "free_clauses_fr", "free_clauses_nl"):
            values[text] = values[text] or ""
        values["unit_ids"] = sorted(set(self.unit_ids.data or []))
        values["use_category"] = UseCategory(self.use_category.data)
        values["charges_kind"] = ChargesKind(self.charges_kind.data or "none")
        if values["free_use"]:
            values["monthly_fee"] = None
        return values


class AmendmentForm(BaseForm):
    kind = SelectField(_l("What the amendment changes"), validators=[REQUIRED])
    end_date = DateField(_l("New end"), validators=[Optional()])
    unit_ids = MultiCheckboxField(_l("Units from now on"), coerce=int, validators=[Optional()],
                                  validate_choice=False)
    free_use = BooleanField(_l("Free use (no fee)"))
    monthly_fee = DecimalField(_l("Monthly fee (€)"), places=2, validators=[Optional(), AMOUNT])
    reason = TextAreaField(_l("Why"), validators=[REQUIRED, max_length(2000)], render_kw={"rows": 2})

    def prepare(self, site, binding):
        self.kind.choices = choices(AMENDMENT_LABELS)
        self.unit_ids.choices = [(u.id, u.label) for u in site.units]
        if self.end_date.data is None and not self.is_submitted():
            self.end_date.data = binding.end_date
            self.unit_ids.data = list(binding.unit_ids or [])
            self.free_use.data, self.monthly_fee.data = binding.free_use, binding.monthly_fee
        return self

    def changes(self) -> dict:
        kind = AmendmentKind(self.kind.data)
        if kind == AmendmentKind.extension:
            return {"end_date": self.end_date.data}
        if kind == AmendmentKind.units:
            return {"unit_ids": sorted(set(self.unit_ids.data or []))}
        return {"free_use": bool(self.free_use.data),
                "monthly_fee": None if self.free_use.data else self.monthly_fee.data}


class ClauseForm(BaseForm):
    title_fr = StringField(_l("Title (French)"), validators=[REQUIRED, max_length(200)])
    title_nl = StringField(_l("Title (Dutch)"), validators=[REQUIRED, max_length(200)])
    text_fr = TextAreaField(_l("Text (French)"), validators=[REQUIRED, max_length(8000)], render_kw={"rows": 5})
    text_nl = TextAreaField(_l("Text (Dutch)"), validators=[REQUIRED, max_length(8000)], render_kw={"rows": 5})

    def values(self) -> dict:
        return {key: self[key].data or "" for key in ("title_fr", "title_nl", "text_fr", "text_nl")}
