"""The form of an index value."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, SelectField, StringField
from wtforms.validators import InputRequired, ValidationError

from occupancies.dgp.operations import index_problems
from occupancies.dgp.workflow import SERIES_LABELS, Series
from portal import clock
from portal.forms import REQUIRED, BaseForm, choices


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
