"""Forms of the evaluation, most with one field per applicant, condition, criterion or ranked application of the
call. Field checks only: what is required when is the operations' to say, beside the field."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import BooleanField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Optional, ValidationError

from calls.forms import CONFIRM_MISSING, confirmation
from portal.forms import REQUIRED, BaseForm, MultiCheckboxField, max_length

MAX_TEXT = 4000
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


def _text(label, description=None, rows=3):
    return TextAreaField(label, description=description, validators=[Optional(), max_length(MAX_TEXT)],
                         render_kw={"rows": rows})


def _yes_no(value) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _scale(scale: int, empty=True):
    return ([("", _("Not scored"))] if empty else []) + [(str(i), str(i)) for i in range(scale + 1)]


class AssignForm(BaseForm):
    evaluators = MultiCheckboxField(_l("Evaluators"), coerce=int, validators=[Optional()], validate_choice=False,
                                    description=_l("Members of your organisation with the evaluator or "
                                                   "administrator role."))

    def prepare(self, members, current):
        self.evaluators.choices = [(m.user.id, f"{m.user.name} ({m.user.email})") for m in members]
        if self.evaluators.data is None:
            self.evaluators.data = [e.user_id for e in current]
        return self


class DeclareForm(BaseForm):
    """For each applicant: a conflict of interest or not, and if so what links the evaluator to it."""

    @property
    def rows(self):
        return [(o, self[f"conflict_{o.id}"], self[f"note_{o.id}"]) for o in self.applicants]

    def answers(self) -> dict:
        return {o.id: (_yes_no(conflict.data), note.data or "") for o, conflict, note in self.rows}


def declare_form(applicants, **kwargs) -> DeclareForm:
    class Form(DeclareForm):
        pass

    for organisation in applicants:
        setattr(Form, f"conflict_{organisation.id}", RadioField(
            _l("Do you have a conflict of interest with %(applicant)s?", applicant=organisation.name),
            choices=YES_NO, validators=[Optional()], validate_choice=False))
        setattr(Form, f"note_{organisation.id}", _text(_l("If so, what links you to it?"), rows=2))
    form = Form(**kwargs)
    form.applicants = applicants
    return form


class EligibilityForm(BaseForm):
    @property
    def rows(self):
        return [(c, self[f"met_{c.id}"], self[f"reason_{c.id}"]) for c in self.conditions]

    def fill(self, marks):
        for condition, met, reason in self.rows:
            mark = marks.get(condition.id)
            if mark is not None:
                met.data, reason.data = ("yes" if mark.met else "no"), mark.reason
        return self

    def marks(self) -> dict:
        return {c.id: (_yes_no(met.data), reason.data or "") for c, met, reason in self.rows}


def eligibility_form(conditions, **kwargs) -> EligibilityForm:
    class Form(EligibilityForm):
        pass

    for condition in conditions:
        setattr(Form, f"met_{condition.id}", RadioField(
            _l("Is this condition met?"), choices=YES_NO, validators=[Optional()], validate_choice=False))
        setattr(Form, f"reason_{condition.id}", _text(_l("Reason (required when not met; the applicant reads it)"),
                                                      rows=2))
    form = Form(**kwargs)
    form.conditions = conditions
    return form


class ScoreForm(BaseForm):
    # Saved as a draft, or submitted: only submitting, which cannot be undone, needs the box ticked.
    submit = SubmitField(_l("Submit my scores"))
    confirm = BooleanField(_l("I understand that my scores can no longer be changed once submitted: the applicant "
                              "reads them with the justifications."))

    def validate_confirm(self, field):
        if self.submit.data and not field.data:
            raise ValidationError(str(CONFIRM_MISSING))

    @property
    def rows(self):
        return [(c, self[f"score_{c.id}"], self[f"justification_{c.id}"]) for c in self.criteria]

    def fill(self, scores):
        for criterion, score, justification in self.rows:
            given = scores.get(criterion.id)
            if given is not None:
                score.data, justification.data = str(given.score), given.justification
        return self

    def values(self) -> dict:
        def number(value):
            return int(value) if value not in (None, "") and str(value).isdigit() else None

        return {c.id: (number(score.data), justification.data or "") for c, score, justification in self.rows}


def score_form(criteria, scale: int, **kwargs) -> ScoreForm:
    class Form(ScoreForm):
        pass

    for criterion in criteria:
        setattr(Form, f"score_{criterion.id}", SelectField(
            _l("Score (0 to %(max)d)", max=scale), choices=_scale(scale), validators=[Optional()],
            validate_choice=False))
        setattr(Form, f"justification_{criterion.id}", _text(
            _l("Justification (required; the applicant reads it)"), rows=3))
    form = Form(**kwargs)
    form.criteria = criteria
    return form


class LateConflictForm(BaseForm):
    note = _text(_l("What links you to this applicant?"), rows=2)


class ConsensusForm(BaseForm):
    outcome = _text(_l("Outcome of the discussion"), _l("What the evaluators agreed on, and why."))
    score = SelectField(_l("Agreed score (optional: it replaces the mean of this criterion)"),
                        validators=[Optional()], validate_choice=False)

    def prepare(self, scale: int):
        self.score.choices = [("", _("No agreed score: keep the mean"))] + _scale(scale, empty=False)
        return self

    def agreed(self) -> int | None:
        return int(self.score.data) if (self.score.data or "").isdigit() else None


class SelectionForm(BaseForm):
    """The proposed selection: a box per ranked application (`pick`, its id) and its units (`units_<id>`).

    A call may have hundreds of applications, each with every unit offered: the inputs are written by the
    template and read here, not built as one WTForms field each (that took seconds for 500 applications). The
    ranking is paged: `lines` are those of one page, and `elsewhere` the selection proposed on the other pages
    (application id -> units), which the picks keep."""

    def prepare(self, lines, offered, formdata=None, elsewhere=None):
        self.lines, self.offered, self.problems = lines, offered, {}
        self.elsewhere = dict(elsewhere or {})
        ranked = {line.application.id for line in lines}
        if formdata is None:
            self.chosen = {line.application.id: list(line.selected_units) if line.selected_units is not None
                           else list(line.application.requested_units or []) for line in lines}
            self.picked = {line.application.id for line in lines if line.selected_units is not None}
        else:
            self.picked = {int(v) for v in formdata.getlist("pick") if v.isdigit() and int(v) in ranked}
            self.chosen = {a: [int(v) for v in formdata.getlist(f"units_{a}") if v.isdigit()] for a in ranked}
        return self

    def unit_boxes(self, application_id: int) -> Markup:
        """The boxes of every unit offered, for one application: written here rather than by the template, which
        escaped each of their eight values one by one (8,000 for a page of 50 applications and 20 units); here
        only the units' names are escaped, once for the page, and the rest are numbers."""
        if not hasattr(self, "_unit_names"):
            self._unit_names = [(unit.id, escape(unit.label)) for unit in self.offered]
        chosen, a = set(self.chosen.get(application_id, ())), int(application_id)
        return Markup("".join(
            f'<div class="form-check form-check-inline"><input class="form-check-input" type="checkbox" '
            f'name="units_{a}" value="{u}" id="units_{a}_{u}"{" checked" if u in chosen else ""}> '
            f'<label class="form-check-label" for="units_{a}_{u}">{name}</label></div>'
            for u, name in self._unit_names))

    def picks(self) -> dict[int, list[int]]:
        return {**self.elsewhere, **{a: self.chosen.get(a, []) for a in self.picked}}

    def show_problems(self, error) -> None:
        """The inputs are the template's: their problems are kept by field for it (those of an application on
        another page of the ranking are said above the form)."""
        shown = {f"units_{line.application.id}" for line in self.lines}
        for field, message in getattr(error, "problems", {error.field: error.message}).items():
            if field and (field in shown or field == "selection"):
                self.problems[field] = str(message)
            else:
                self.form_errors.append(str(message))


class DecisionForm(BaseForm):
    reasons_fr = TextAreaField(_l("Reasons for the decision, in French"),
                               validators=[REQUIRED, max_length(2 * MAX_TEXT)], render_kw={"rows": 5, "lang": "fr"})
    reasons_nl = TextAreaField(_l("Reasons for the decision, in Dutch"),
                               validators=[REQUIRED, max_length(2 * MAX_TEXT)], render_kw={"rows": 5, "lang": "nl"},
                               description=_l(
                                   "Every applicant reads them in its language with its own result: name no "
                                   "applicant other than the selected ones. They are kept in the evaluation report."))
    accept_missed_targets = BooleanField(_l("I decide on this selection although it misses a mix target of the "
                                            "call, for the reasons given above."))
    confirm = confirmation(_l("I understand that the decision is final: once recorded it cannot be changed or "
                              "withdrawn, and every applicant is told at once."))
