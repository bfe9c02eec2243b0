"""Forms of the applicant: the application (one field per criterion and per condition of the call), an
attachment, a withdrawal. Field checks only: what may change when is the operations' and the rules' to say."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import FileField, IntegerField, SelectField, TextAreaField
from wtforms.validators import Optional
from wtforms.widgets import HiddenInput

from calls.forms import confirmation
from occupancies.workflow import OCCUPANT_TYPE_LABELS, USE_LABELS, OccupantType, UseCategory
from portal.forms import REQUIRED, BaseForm, MultiCheckboxField, choices, max_length
from portal.i18n import localized

MAX_ANSWER = 8000


def _text(label, description=None):
    return TextAreaField(label, description=description, validators=[Optional(), max_length(MAX_ANSWER)],
                         render_kw={"rows": 6})


class ApplicationForm(BaseForm):
    """Every field may stay empty in a draft; submitting checks that nothing is missing."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    summary = _text(_l("Summary of your project"),
                    _l("What you would do in the site, with whom and for whom, and for how long."))
    use_category = SelectField(_l("Use"), validators=[Optional()])
    occupant_type = SelectField(_l("Type of occupant"), validators=[Optional()])
    # The units offered are the operation's to check (its message names the rule, not the form's choices).
    requested_units = MultiCheckboxField(_l("Units you apply for"), coerce=int, validators=[Optional()],
                                         validate_choice=False)

    def prepare(self, units):
        self.use_category.choices = choices(USE_LABELS, _l("Choose a use"))
        self.occupant_type.choices = choices(OCCUPANT_TYPE_LABELS, _l("Choose a type"))
        self.requested_units.choices = [(unit.id, unit.label) for unit in units]
        return self

    @property
    def answer_fields(self):
        return [(criterion, self[f"answer_{criterion.id}"]) for criterion in self.call.criteria]

    @property
    def statement_fields(self):
        return [(condition, self[f"statement_{condition.id}"]) for condition in self.call.conditions]

    def fill(self, application):
        """The form as the application stands (a GET, or a page shown after another form was posted)."""
        self.version.data = application.version
        self.summary.data = application.summary
        self.use_category.data = application.use_category.value if application.use_category else ""
        self.occupant_type.data = application.occupant_type.value if application.occupant_type else ""
        self.requested_units.data = list(application.requested_units or [])
        for criterion, field in self.answer_fields:
            field.data = (application.answers or {}).get(str(criterion.id), "")
        for condition, field in self.statement_fields:
            field.data = (application.statements or {}).get(str(condition.id), "")
        return self

    def values(self) -> dict:
        return {
            "summary": self.summary.data or "",
            "use_category": UseCategory(self.use_category.data) if self.use_category.data else None,
            "occupant_type": OccupantType(self.occupant_type.data) if self.occupant_type.data else None,
            "requested_units": sorted(set(self.requested_units.data or [])),
            "answers": {str(criterion.id): field.data or "" for criterion, field in self.answer_fields},
            "statements": {str(condition.id): field.data or "" for condition, field in self.statement_fields},
        }

    def show_error(self, field: str | None, message) -> None:
        """Put an operation's message beside its field (or at the top of the form)."""
        if field and field in self:
            self[field].errors = list(self[field].errors) + [str(message)]
        else:
            self.form_errors.append(str(message))


def application_form(call, units, *, formdata=True, **kwargs) -> ApplicationForm:
    """The application form of one call: a text for each criterion (its label, weight and guidance) and a
    statement for each eligibility condition."""

    class CallApplicationForm(ApplicationForm):
        pass

    for criterion in call.criteria:
        label = _("%(criterion)s (weight: %(weight)d out of 100)", criterion=criterion.label, weight=criterion.weight)
        setattr(CallApplicationForm, f"answer_{criterion.id}", _text(label, localized(criterion, "guidance") or None))
    for condition in call.conditions:
        setattr(CallApplicationForm, f"statement_{condition.id}", _text(
            condition.text, _l("Say how your organisation meets this condition.")))
    if not formdata:
        kwargs["formdata"] = None
    form = CallApplicationForm(**kwargs)
    form.call = call
    return form.prepare(units)


class AttachmentForm(BaseForm):
    file = FileField(_l("Add a document"), validators=[REQUIRED], description=_l(
        "PDF, JPEG, PNG or WebP image, DOCX, XLSX, PPTX, ODT or ODS; at most 15 MB; at most 10 documents."))


class SubmitForm(BaseForm):
    confirm = confirmation(_l("I understand that once submitted, the application is sealed: nobody can change it any "
                              "more. To correct it, I would have to withdraw it and submit it again before the "
                              "deadline."))


class WithdrawForm(BaseForm):
    reason = TextAreaField(_l("Why do you withdraw it? (optional)"), validators=[Optional(), max_length(2000)],
                           render_kw={"rows": 2})
