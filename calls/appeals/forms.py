from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired

from calls.appeals.rules import MAX_REASONS
from calls.appeals.workflow import ANSWERS, STATUS_LABELS
from portal.forms import REQUIRED, BaseForm, max_length


class LodgeForm(BaseForm):
    reasons = TextAreaField(_l("Why you contest the decision"), validators=[max_length(MAX_REASONS)],
                            render_kw={"rows": 8},
                            description=_l("What the evaluation missed or got wrong: a criterion, a score, a fact. "
                                           "The owner's administrator and the Guichet read it."))
    document = FileField(_l("A document (optional)"),
                         description=_l("PDF, image or office document, at most 15 MB."))


class AnswerForm(BaseForm):
    outcome = RadioField(_l("Your answer"), choices=[(status.value, STATUS_LABELS[status]) for status in ANSWERS],
                         validators=[REQUIRED])
    answer = TextAreaField(_l("Reasons"), validators=[DataRequired(message=_l(
        "Give the reasons of your answer: the applicant reads them.")), max_length(MAX_REASONS)],
        render_kw={"rows": 6},
                           description=_l("The applicant reads them. Upholding the appeal reopens the evaluation: "
                                          "the call goes back to scoring, and a new decision is told to every "
                                          "applicant."))
