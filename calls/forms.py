"""Forms of calls: the owner's call editor, moderation, addenda, questions and answers. Field checks only: the
rules of weights and dates live in calls/rules.py and reach the fields through the operations' messages."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange, Optional, ValidationError

from calls.rules import APPEAL_DAYS, MAX_STANDSTILL_DAYS
from calls.workflow import TIE_RULE_LABELS
from occupancies.workflow import USE_LABELS
from portal import clock
from portal.forms import REQUIRED, BaseForm, MultiCheckboxField, max_length, strip

CONFIRM_MISSING = _l("Tick the box to confirm: this step cannot be undone.")


def confirmation(label) -> BooleanField:
    """The box that confirms a step which cannot be undone; its label says what cannot be undone. The server
    refuses the step while it is not ticked (_macros.html's confirm_box draws it)."""
    return BooleanField(label, validators=[DataRequired(message=CONFIRM_MISSING)])


MIN_CRITERIA_ROWS, MAX_CRITERIA = 3, 10
MIN_CONDITION_ROWS, MAX_CONDITIONS = 2, 10
VISIT_ROWS = 3


class CriterionRow(Form):
    label_fr = StringField(_l("Criterion (French)"), filters=[strip], validators=[Optional(), max_length(200)])
    label_nl = StringField(_l("Criterion (Dutch)"), filters=[strip], validators=[Optional(), max_length(200)])
    guidance_fr = TextAreaField(_l("What the evaluators look at (French)"), filters=[strip],
                                validators=[Optional(), max_length(2000)])
    guidance_nl = TextAreaField(_l("What the evaluators look at (Dutch)"), filters=[strip],
                                validators=[Optional(), max_length(2000)])
    weight = IntegerField(_l("Weight"), validators=[Optional(), NumberRange(
        min=1, max=100, message=_l("Give a weight between 1 and 100."))])

    def is_empty(self) -> bool:
        return not any((self.label_fr.data, self.label_nl.data, self.guidance_fr.data, self.guidance_nl.data,
                        self.weight.data))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.is_empty():
            return valid
        for name in ("label_fr", "label_nl", "weight"):
            if self[name].data in (None, "") and not self[name].errors:
                self[name].errors = [str(_l("This field is required."))]
                valid = False
        return valid


class ConditionRow(Form):
    text_fr = StringField(_l("Condition (French)"), filters=[strip], validators=[Optional(), max_length(300)])
    text_nl = StringField(_l("Condition (Dutch)"), filters=[strip], validators=[Optional(), max_length(300)])

    def is_empty(self) -> bool:
        return not (self.text_fr.data or self.text_nl.data)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not self.is_empty():
            for name in ("text_fr", "text_nl"):
                if not self[name].data:
                    self[name].errors = [str(_l("Give the condition in French and in Dutch."))]
                    valid = False
        return valid


class CallForm(BaseForm):
    title_fr = StringField(_l("Title in French"), validators=[REQUIRED, max_length(200)])
    title_nl = StringField(_l("Title in Dutch"), validators=[REQUIRED, max_length(200)])
    title_en = StringField(_l("Title in English (optional)"), validators=[Optional(), max_length(200)])
    description_fr = TextAreaField(_l("Description in French"), validators=[REQUIRED, max_length(8000)],
                                   render_kw={"rows": 6})
    description_nl = TextAreaField(_l("Description in Dutch"), validators=[REQUIRED, max_length(8000)],
                                   render_kw={"rows": 6})
    description_en = TextAreaField(_l("Description in English (optional)"), validators=[Optional(), max_length(8000)],
                                   render_kw={"rows": 3})
    uses = MultiCheckboxField(_l("Uses sought"), validators=[REQUIRED])
    unit_ids = MultiCheckboxField(_l("Units offered"), coerce=int, validators=[Optional()],
                                  description=_l("Tick none to offer the whole site."))
    conditions = FieldList(FormField(ConditionRow), min_entries=MIN_CONDITION_ROWS, max_entries=MAX_CONDITIONS)
    criteria = FieldList(FormField(CriterionRow), min_entries=MIN_CRITERIA_ROWS, max_entries=MAX_CRITERIA)
    scale = SelectField(_l("Scoring scale"), coerce=int, choices=[(5, _l("From 0 to 5")), (10, _l("From 0 to 10"))])
    tie_rule = SelectField(_l("When two applications have the same score"), validators=[REQUIRED])
    support_fr = TextAreaField(_l("Support offered (French)"), validators=[Optional(), max_length(4000)],
                               render_kw={"rows": 4},
                               description=_l("Logistic, human or financial support for the occupants' installation."))
    support_nl = TextAreaField(_l("Support offered (Dutch)"), validators=[Optional(), max_length(4000)],
                               render_kw={"rows": 4})
    support_amount = DecimalField(_l("Financial support (€)"), places=2, validators=[Optional(), NumberRange(
        min=0, max=10_000_000, message=_l("Give an amount between 0 and 10,000,000 €."))])
    free_use = BooleanField(_l("Free use (no fee)"), default=True)
    monthly_fee = DecimalField(_l("Monthly fee (€)"), places=2, validators=[Optional(), NumberRange(
        min=0, max=1_000_000, message=_l("Give an amount between 0 and 1,000,000 €."))])
    min_social_share = IntegerField(_l("Share of units for social-purpose uses, at least (%)"), validators=[
        Optional(), NumberRange(min=0, max=100, message=_l("Give a percentage between 0 and 100."))])
    min_use_categories = IntegerField(_l("Different uses, at least"), validators=[Optional(), NumberRange(
        min=1, max=len(USE_LABELS), message=_l("Give a number between 1 and %(max)d.", max=len(USE_LABELS)))])
    occupancy_start = DateField(_l("Occupancy from"), validators=[Optional()])
    occupancy_end = DateField(_l("Occupancy until"), validators=[Optional()])
    publication_at = DateTimeLocalField(_l("Publication"), validators=[REQUIRED], description=_l(
        "Brussels time. The call goes public once the Guichet has checked it."))
    visits = FieldList(DateTimeLocalField(_l("Visit"), validators=[Optional()]), min_entries=VISIT_ROWS,
                       max_entries=VISIT_ROWS)
    questions_deadline = DateTimeLocalField(_l("Questions until"), validators=[REQUIRED])
    submission_deadline = DateTimeLocalField(_l("Submission deadline"), validators=[REQUIRED], description=_l(
        "To the minute: from this moment nothing can be submitted."))
    decision_on = DateField(_l("Decision expected on"), validators=[REQUIRED])
    appeal_body_fr = TextAreaField(_l("Who receives an appeal (French)"), validators=[Optional(), max_length(1000)],
                                   render_kw={"rows": 2, "lang": "fr"}, description=_l(
                                       "The authority, its address or email, and the form of the appeal (a "
                                       "registered letter, for example)."))
    appeal_body_nl = TextAreaField(_l("Who receives an appeal (Dutch)"), validators=[Optional(), max_length(1000)],
                                   render_kw={"rows": 2, "lang": "nl"})
    appeal_days = IntegerField(_l("Days to contest the decision"), validators=[Optional(), NumberRange(
        min=APPEAL_DAYS[0], max=APPEAL_DAYS[1], message=_l("Give a number of days between 1 and 365."))],
        description=_l("Counted from the day after the decision, which every applicant is told the same day."))
    standstill_days = IntegerField(_l("Standstill after the decision (days)"), validators=[Optional(), NumberRange(
        min=0, max=MAX_STANDSTILL_DAYS, message=_l("Give a number of days between 0 and %(max)d.",
                                                   max=MAX_STANDSTILL_DAYS))],
        description=_l("During these days no agreement of the call can be sent for signature, so that an appeal can "
                       "still change the selection. Leave empty for none."))

    def prepare(self, units):
        self.uses.choices = [(key.value, label) for key, label in USE_LABELS.items()]
        self.unit_ids.choices = [(unit.id, unit.label) for unit in units]
        self.tie_rule.choices = [(key, label) for key, label in TIE_RULE_LABELS.items()]
        self.criteria_problem = None
        return self

    def fill_from(self, call) -> CallForm:
        """The form of an existing call (its stored instants shown in Brussels time)."""
        for name in ("publication_at", "questions_deadline", "submission_deadline"):
            self[name].data = clock.to_local(getattr(call, name))
        self.unit_ids.data = [u.unit_id for u in call.units]
        self.uses.data = list(call.uses or [])
        for row, criterion in zip(self._rows(self.criteria, len(call.criteria)), call.criteria, strict=False):
            for name in ("label_fr", "label_nl", "guidance_fr", "guidance_nl", "weight"):
                row[name].data = getattr(criterion, name)
        for row, condition in zip(self._rows(self.conditions, len(call.conditions)), call.conditions, strict=False):
            row.text_fr.data, row.text_nl.data = condition.text_fr, condition.text_nl
        for row, visit in zip(self.visits, call.visits, strict=False):
            row.data = clock.to_local(visit.starts_at)
        return self

    @staticmethod
    def _rows(field_list, needed):
        while len(field_list) < needed:
            field_list.append_entry()
        return list(field_list)

    def add_criterion_row(self) -> None:
        if len(self.criteria) < MAX_CRITERIA:
            self.criteria.append_entry()

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not self.free_use.data and self.monthly_fee.data is None and not self.monthly_fee.errors:
            self.monthly_fee.errors = [str(_l("Give the monthly fee, or tick free use."))]
            valid = False
        return valid

    def validate_occupancy_end(self, field):
        if field.data and self.occupancy_start.data and field.data < self.occupancy_start.data:
            raise ValidationError(str(_l("The occupancy ends after it starts.")))

    def weight_total(self) -> int:
        return sum(row.weight.data or 0 for row in self.criteria if not row.is_empty())

    def criteria_values(self) -> list[dict]:
        return [{name: row[name].data or ("" if name != "weight" else None) for name in
                 ("label_fr", "label_nl", "guidance_fr", "guidance_nl", "weight")}
                for row in self.criteria if not row.is_empty()]

    def condition_values(self) -> list[dict]:
        return [{"text_fr": row.text_fr.data, "text_nl": row.text_nl.data}
                for row in self.conditions if not row.is_empty()]

    def visit_values(self) -> list[datetime]:
        return sorted(clock.to_utc(entry.data) for entry in self.visits if entry.data)

    def values(self) -> dict:
        values = {name: self[name].data for name in (
            "title_fr", "title_nl", "title_en", "description_fr", "description_nl", "description_en", "uses",
            "scale", "tie_rule", "support_fr", "support_nl", "support_amount", "free_use", "monthly_fee",
            "min_social_share", "min_use_categories", "occupancy_start", "occupancy_end", "decision_on",
            "appeal_body_fr", "appeal_body_nl", "appeal_days", "standstill_days")}
        for name in ("title_en", "description_en", "support_fr", "support_nl", "appeal_body_fr", "appeal_body_nl"):
            values[name] = values[name] or ""
        if values["free_use"]:
            values["monthly_fee"] = None
        for name in ("publication_at", "questions_deadline", "submission_deadline"):
            values[name] = clock.to_utc(self[name].data)
        return values


class AddendumForm(BaseForm):
    text_fr = TextAreaField(_l("What changes (French)"), validators=[REQUIRED, max_length(4000)])
    text_nl = TextAreaField(_l("What changes (Dutch)"), validators=[REQUIRED, max_length(4000)])
    new_deadline = DateTimeLocalField(_l("New submission deadline (optional)"), validators=[Optional()],
                                      description=_l("Only later than the current one. Brussels time."))


class QuestionForm(BaseForm):
    text = TextAreaField(_l("Your question"), validators=[REQUIRED, max_length(2000)], description=_l(
        "The answer is published on this page for every applicant, without your organisation's name."))


class AnswerForm(BaseForm):
    answer_fr = TextAreaField(_l("Answer in French"), validators=[REQUIRED, max_length(4000)])
    answer_nl = TextAreaField(_l("Answer in Dutch"), validators=[REQUIRED, max_length(4000)])


class ApproveForm(BaseForm):
    confirm = confirmation(_l("I have checked the call. I understand that once it goes public at its planned date, "
                              "with its site, this cannot be undone: its criteria, weights and dates then only "
                              "change through an addendum, and it can only be cancelled publicly, with a reason."))


class SendBackForm(BaseForm):
    reason = TextAreaField(_l("What must change"), validators=[REQUIRED, max_length(2000)],
                           description=_l("The owner's editors read it and correct the call."))


class CancelForm(BaseForm):
    reason = TextAreaField(_l("Reason for cancelling"), validators=[REQUIRED, max_length(2000)],
                           description=_l("Published on the call's page and sent to every applicant and follower."))
