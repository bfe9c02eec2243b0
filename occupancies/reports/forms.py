"""Forms of reports: field checks only; what a report may hold is the operations' to say."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, TextAreaField
from wtforms.validators import NumberRange, Optional

from occupancies.reports.workflow import ACTIVITY_COUNTS, FIELD_LABELS, HOUSING_COUNTS, TEXTS, ReportKind
from portal.forms import REQUIRED, BaseForm, max_length

NOT_NEGATIVE = _l("A count is a whole number, zero or more.")


def _count(name):
    return IntegerField(FIELD_LABELS[name], default=0, validators=[Optional(), NumberRange(min=0,
                                                                                           message=NOT_NEGATIVE)],
                        render_kw={"min": 0, "inputmode": "numeric"})


def _text(name):
    return TextAreaField(FIELD_LABELS[name], validators=[Optional(), max_length(2000)], render_kw={"rows": 3})


class ReportForm(BaseForm):
    """Every count and text of a report; the page shows those of the report's kind (fields_for)."""

    def fields_for(self, kind: ReportKind) -> tuple[list, list]:
        """The counts and texts the report's kind asks for."""
        counts = HOUSING_COUNTS if kind == ReportKind.housing else ACTIVITY_COUNTS
        texts = TEXTS if kind == ReportKind.activity else TEXTS[1:]
        return [self[n] for n in counts], [self[n] for n in texts]

    def values(self, kind: ReportKind) -> dict:
        counts, texts = self.fields_for(kind)
        return {**{f.name: f.data or 0 for f in counts}, **{f.name: f.data or "" for f in texts},
                "consistency_note": self.consistency_note.data or "",
                "occupant_answer": self.occupant_answer.data or ""}


for _name in (*HOUSING_COUNTS, *ACTIVITY_COUNTS):
    setattr(ReportForm, _name, _count(_name))
for _name in (*TEXTS, "consistency_note"):
    setattr(ReportForm, _name, _text(_name))
ReportForm.occupant_answer = TextAreaField(
    FIELD_LABELS["occupant_answer"], validators=[Optional(), max_length(2000)], render_kw={"rows": 3},
    description=_l("Needed to submit the report again: the owner reads it beside the question. Counts and short "
                   "texts only, as in the report."))


class AcknowledgeForm(BaseForm):
    comment = TextAreaField(_l("Comment for the occupant"), validators=[Optional(), max_length(2000)],
                            render_kw={"rows": 2})


class ReturnForm(BaseForm):
    question = TextAreaField(_l("Your question"), validators=[REQUIRED, max_length(2000)], render_kw={"rows": 2})
