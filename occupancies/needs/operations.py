"""Publishing, updating, confirming and withdrawing a need: each checked, audited, in one operation."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l

from occupancies.needs import permissions as p
from occupancies.needs import rules
from occupancies.needs.models import Need
from occupancies.needs.workflow import NeedStatus, Visibility
from occupancies.workflow import UseCategory
from portal import audit, clock
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.permissions import require
from portal.region import COMMUNES

FIELDS = ("title_fr", "title_nl", "description_fr", "description_nl", "uses", "kind", "communes", "surface_min",
          "surface_max", "start_on", "months", "free_only", "monthly_max", "equipment", "people", "visibility")
TEXTS = ("title_fr", "title_nl", "description_fr", "description_nl")
LATEST_START = timedelta(days=2 * 366)     # a need says what is sought for the next two years at most


def need_problems(values: dict, today) -> dict:
    """Every problem of a need's values at once ({field: message}); a None is not checked."""
    problems = {}
    if not (values.get("title_fr") or "").strip() and not (values.get("title_nl") or "").strip():
        problems["title_fr"] = _l("Give a title in French or in Dutch (or both).")
    if not (values.get("description_fr") or "").strip() and not (values.get("description_nl") or "").strip():
        problems["description_fr"] = _l("Describe the need in French or in Dutch (or both).")
    if not values.get("uses"):
        problems["uses"] = _l("Choose at least one use.")
    elif any(use not in set(UseCategory) for use in values["uses"]):
        problems["uses"] = _l("Choose among the uses offered.")
    if any(commune not in COMMUNES for commune in values.get("communes") or ()):
        problems["communes"] = _l("Choose among the 19 communes.")
    low, high = values.get("surface_min"), values.get("surface_max")
    if low is not None and high is not None and low > high:
        problems["surface_max"] = _l("The largest surface cannot be smaller than the smallest.")
    start = values.get("start_on")
    if start is not None and start > today + LATEST_START:
        problems["start_on"] = _l("Publish a need for the next two years at most.")
    if not values.get("free_only") and values.get("monthly_max") is None:
        problems["monthly_max"] = _l("Give the most your association can pay a month, or choose a free use only.")
    if any(code not in rules.EQUIPMENT for code in values.get("equipment") or ()):
        problems["equipment"] = _l("Choose among the equipment offered.")
    return problems


def _apply(need: Need, values: dict) -> dict:
    changes = {}
    for name in FIELDS:
        value = values.get(name)
        if name in TEXTS:
            value = (value or "").strip()
        elif name in ("uses", "communes", "equipment"):
            value = sorted(set(value or ()))
        elif name == "monthly_max" and values.get("free_only"):
            value = None
        if getattr(need, name) != value:
            before = getattr(need, name)
            changes[name] = [str(before) if before is not None else None, str(value) if value is not None else None]
            setattr(need, name, value)
    return changes


def publish_need(organisation, values: dict, *, actor) -> Need:
    """An association publishes what it looks for: current for 3 months, for the owners or for everyone."""
    require(p.can_publish_need(actor, organisation))
    problems = need_problems(values, clock.today())
    if problems:
        raise Problems(problems)
    need = Need(organisation_id=organisation.id, status=NeedStatus.published, confirmed_on=clock.today(),
                visibility=values.get("visibility") or Visibility.owners, start_on=values["start_on"])
    _apply(need, values)
    db.session.add(need)
    db.session.flush()
    audit.record("need.published", target=need, actor=actor, organisation=organisation,
                 changes={"visibility": [None, need.visibility], "uses": [None, ", ".join(need.uses)]})
    return need


def update_need(need: Need, values: dict, *, actor) -> None:
    require(p.can_publish_need(actor, need.organisation))
    if need.status != NeedStatus.published:
        raise OperationError(_l("A withdrawn need is not changed: publish a new one."))
    problems = need_problems(values, clock.today())
    if problems:
        raise Problems(problems)
    changes = _apply(need, values)
    if changes:
        audit.record("need.updated", target=need, actor=actor, organisation=need.organisation, changes=changes)


def confirm_need(need: Need, *, actor) -> None:
    """The association says the need is still current: 3 more months from today (an expired need comes back)."""
    require(p.can_publish_need(actor, need.organisation))
    if need.status != NeedStatus.published:
        raise OperationError(_l("A withdrawn need is not confirmed: publish a new one."))
    before = need.confirmed_on
    need.confirmed_on, need.reminded_for = clock.today(), None
    audit.record("need.confirmed", target=need, actor=actor, organisation=need.organisation,
                 changes={"confirmed_on": [before, need.confirmed_on]})


def withdraw_need(need: Need, *, actor) -> None:
    require(p.can_publish_need(actor, need.organisation))
    if need.status == NeedStatus.withdrawn:
        return
    need.status = NeedStatus.withdrawn
    audit.record("need.withdrawn", target=need, actor=actor, organisation=need.organisation,
                 changes={"status": [NeedStatus.published, NeedStatus.withdrawn]})
