"""Recording a value of an index series: one operation, audited (a correction keeps the value it replaces)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from occupancies.dgp import permissions as p
from occupancies.dgp import queries, rules
from occupancies.dgp.models import IndexValue
from occupancies.dgp.workflow import Series
from portal import audit, clock
from portal.errors import Problems
from portal.extensions import db
from portal.permissions import require


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
