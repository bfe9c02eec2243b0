"""The form of a need."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import NumberRange, Optional

from occupancies.needs.workflow import BUDGET_LABELS, EQUIPMENT_LABELS, VISIBILITY_LABELS, Budget, Visibility
from occupancies.workflow import SITE_KIND_LABELS, USE_LABELS
from portal.forms import REQUIRED, BaseForm, MultiCheckboxField, choices, max_length
from portal.i18n import current_language
from portal.region import commune_options


class NeedForm(BaseForm):
    title_fr = StringField(_l("Title in French"), validators=[Optional(), max_length(160)])
    title_nl = StringField(_l("Title in Dutch"), validators=[Optional(), max_length(160)])
    description_fr = TextAreaField(_l("What you look for, in French"), validators=[Optional(), max_length(3000)],
                                   description=_l("Your project, the people it serves, what the place must allow."))
    description_nl = TextAreaField(_l("What you look for, in Dutch"), validators=[Optional(), max_length(3000)])
    uses = MultiCheckboxField(_l("Uses"), choices=choices(USE_LABELS))
    kind = SelectField(_l("Built or not"), choices=[("", _l("Either"))] + choices(SITE_KIND_LABELS),
                       validators=[Optional()])
    communes = MultiCheckboxField(_l("Communes you accept"), description=_l("None ticked: any commune."))
    surface_min = DecimalField(_l("Smallest surface (m²)"), places=0, validators=[Optional(), NumberRange(
        min=1, max=1_000_000, message=_l("Give a surface between 1 and 1,000,000 m²."))])
    surface_max = DecimalField(_l("Largest surface (m²)"), places=0, validators=[Optional(), NumberRange(
        min=1, max=1_000_000, message=_l("Give a surface between 1 and 1,000,000 m²."))])
    start_on = DateField(_l("From"), validators=[REQUIRED])
    months = IntegerField(_l("For how long (months)"), validators=[Optional(), NumberRange(
        min=1, max=120, message=_l("Give a number of months between 1 and 120."))],
        description=_l("Empty: as long as possible."))
    budget = RadioField(_l("Budget"), choices=choices(BUDGET_LABELS), default=Budget.free.value,
                        validators=[REQUIRED])
    monthly_max = DecimalField(_l("Most you can pay a month (€)"), places=2, validators=[Optional(), NumberRange(
        min=0, max=1_000_000, message=_l("Give an amount between 0 and 1,000,000 €."))])
    equipment = MultiCheckboxField(_l("What the place must have"), choices=choices(EQUIPMENT_LABELS))
    people = IntegerField(_l("Number of people"), validators=[Optional(), NumberRange(
        min=1, max=100_000, message=_l("Give a number of people between 1 and 100,000."))])
    visibility = RadioField(_l("Who sees this need"), choices=choices(VISIBILITY_LABELS),
                            default=Visibility.owners.value, validators=[REQUIRED])

    def prepare(self):
        self.communes.choices = commune_options(current_language())
        return self

    def values(self) -> dict:
        values = {name: self[name].data for name in (
            "title_fr", "title_nl", "description_fr", "description_nl", "uses", "communes", "surface_min",
            "surface_max", "start_on", "months", "monthly_max", "equipment", "people")}
        values.update(kind=self.kind.data or "", free_only=self.budget.data == Budget.free,
                      visibility=Visibility(self.visibility.data))
        return values

    @classmethod
    def of(cls, need):
        """The form filled with a need's values (to edit it)."""
        form = cls(formdata=None, obj=need)
        form.budget.data = Budget.free.value if need.free_only else Budget.capped.value
        form.visibility.data = need.visibility.value
        return form


class ProposalForm(BaseForm):
    """An owner's proposal of one of its sites to a need: the site chosen first (a GET), then its units, the use
    among those sought, the period and the terms, with a first message if it wishes. The choices and the start are
    checked by the operation's rules (operations.proposal_problems), so that every problem shows at once."""

    unit_ids = MultiCheckboxField(_l("Units proposed"), coerce=int, validate_choice=False)
    use_category = RadioField(_l("Use"), validate_choice=False, validators=[Optional()])
    start_date = DateField(_l("From"), validators=[Optional()])
    end_date = DateField(_l("Until"), validators=[Optional()], description=_l("Empty: no end set yet."))
    free_use = BooleanField(_l("Free use (charges at most)"), default=True)
    monthly_fee = DecimalField(_l("Monthly fee (€)"), places=2, validators=[Optional(), NumberRange(
        min=0, max=1_000_000, message=_l("Give an amount between 0 and 1,000,000 €."))])
    message = TextAreaField(_l("A message to the association"), validators=[Optional(), max_length(4000)],
                            description=_l("What you offer beyond the terms: visits, works, support. It stays in "
                                           "the portal; your addresses are not given."), render_kw={"rows": 4})

    def prepare(self, need, site):
        self.unit_ids.choices = [(unit.id, unit.label) for unit in site.units] if site is not None else []
        self.use_category.choices = [(use, USE_LABELS[use]) for use in need.uses if use in USE_LABELS]
        return self

    def values(self) -> dict:
        return {"unit_ids": self.unit_ids.data or [], "use_category": self.use_category.data,
                "start_date": self.start_date.data, "end_date": self.end_date.data,
                "free_use": self.free_use.data, "monthly_fee": self.monthly_fee.data, "message": self.message.data}


class MessageForm(BaseForm):
    text = TextAreaField(_l("Your message"), validators=[REQUIRED, max_length(4000)], render_kw={"rows": 3})


class DeclineForm(BaseForm):
    reason = TextAreaField(_l("Why you decline"), validators=[REQUIRED, max_length(2000)], render_kw={"rows": 3},
                           description=_l("The owner reads it, to propose better next time."))


class SaveSearchForm(BaseForm):
    """Keep the filters of the list on screen (their query string, hidden) under a name."""

    target = HiddenField()
    query = HiddenField(validators=[Optional(), max_length(1000)])
    name = StringField(_l("Name of the search"), validators=[Optional(), max_length(120)],
                       description=_l("Empty: named after its filters."))
