"""The matching of a need (what an association looks for) with an offer (a site that becomes available, or a
published call), as a pure rule: the hard conditions first (commune, built or not, available in the period, the
budget), then a score out of 100 (surface, uses, equipment), each line explained so that both sides read why.

No database, no request: the caller turns a need and a site or a call into `Need` and `Offer`, and the lines into
words (views and e-mails, each in its reader's language)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from occupancies.agreements.rules import add_months

# An offer that becomes available a little after the day a need asks for still matches: associations plan their
# moves over weeks, and an owner's "available from" is an estimate.
START_FLEX = timedelta(days=92)
# A surface a fifth outside the range sought still scores half its points.
SURFACE_SLACK = Decimal("0.2")
# The score's weights: surface, uses, equipment (the accessibility needed counts as an equipment).
SURFACE_POINTS, USE_POINTS, EQUIPMENT_POINTS = 40, 40, 20
EQUIPMENT = ("water", "electricity", "heating", "step_free")


@dataclass(frozen=True)
class Need:
    """What an association looks for. Empty sets and None mean "any"."""

    communes: frozenset = frozenset()
    kind: str | None = None                 # "built", "unbuilt", or None for either
    start: date | None = None               # from when
    months: int | None = None               # for how long
    free_only: bool = False                 # a free use (no fee) only
    monthly_max: Decimal | None = None      # or a fee up to this amount a month
    surface_min: Decimal | None = None
    surface_max: Decimal | None = None
    uses: frozenset = frozenset()           # UseCategory values
    equipment: frozenset = frozenset()      # EQUIPMENT codes needed


@dataclass(frozen=True)
class Offer:
    """A site that becomes available, or a published call (its site's features, its terms and its units' surface)."""

    commune: str
    kind: str                               # "built" or "unbuilt"
    available_from: date | None = None      # None: available now
    available_until: date | None = None     # None: no end known
    free_use: bool = True
    monthly_fee: Decimal | None = None
    terms_known: bool = True                # False: a site without a call, whose terms are agreed with its owner
    surface: Decimal | None = None
    uses: frozenset = frozenset()           # the uses the owner seeks; empty: any use
    equipment: frozenset = frozenset()      # EQUIPMENT codes the place has


@dataclass(frozen=True)
class Line:
    """A line of the explanation: what was compared (`code`), whether it holds, its points, and the values a
    sentence needs ("surface 120 m² within 80–150")."""

    code: str
    met: bool
    points: int | None = None               # None: a hard condition
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    eligible: bool                          # every hard condition holds
    score: int                              # out of 100; 0 when not eligible
    lines: tuple[Line, ...]


def _period_line(need: Need, offer: Offer) -> Line:
    start = need.start
    if start is None:
        return Line("period", True, values={"from": offer.available_from, "until": offer.available_until})
    opens_in_time = offer.available_from is None or offer.available_from <= start + START_FLEX
    begins = max(start, offer.available_from or start)
    end = add_months(begins, need.months) - timedelta(days=1) if need.months else None
    lasts = offer.available_until is None or (offer.available_until >= (end or begins))
    return Line("period", opens_in_time and lasts,
                values={"from": offer.available_from, "until": offer.available_until, "start": start,
                        "end": end, "late": not opens_in_time, "short": not lasts})


def _budget_line(need: Need, offer: Offer) -> Line:
    if not offer.terms_known:       # a site proposed outside a call: its terms are agreed later, the budget with them
        return Line("budget", True, values={"unknown": True, "max": need.monthly_max, "free_only": need.free_only})
    fee = None if offer.free_use else (offer.monthly_fee or Decimal("0"))
    if fee is None or fee == 0:
        met = True
    elif need.free_only:
        met = False
    else:
        met = need.monthly_max is None or fee <= need.monthly_max
    return Line("budget", met, values={"fee": fee, "max": need.monthly_max, "free_only": need.free_only})


def hard_lines(need: Need, offer: Offer) -> list[Line]:
    """The four conditions an offer must meet: the commune, built or not, the period, the budget."""
    return [
        Line("commune", not need.communes or offer.commune in need.communes,
             values={"commune": offer.commune, "communes": sorted(need.communes)}),
        Line("kind", need.kind is None or offer.kind == need.kind, values={"kind": offer.kind, "wanted": need.kind}),
        _period_line(need, offer),
        _budget_line(need, offer),
    ]


def surface_line(need: Need, offer: Offer) -> Line:
    low, high, surface = need.surface_min, need.surface_max, offer.surface
    values = {"surface": surface, "min": low, "max": high}
    if low is None and high is None:
        return Line("surface", True, SURFACE_POINTS, values)
    if surface is None:
        return Line("surface", False, SURFACE_POINTS // 4, {**values, "unknown": True})
    if (low is None or surface >= low) and (high is None or surface <= high):
        return Line("surface", True, SURFACE_POINTS, values)
    near = (low is None or surface >= low * (1 - SURFACE_SLACK)) and \
        (high is None or surface <= high * (1 + SURFACE_SLACK))
    return Line("surface", False, SURFACE_POINTS // 2 if near else 0, {**values, "near": near})


def uses_line(need: Need, offer: Offer) -> Line:
    if not need.uses or not offer.uses:
        return Line("uses", True, USE_POINTS, {"common": sorted(need.uses or offer.uses), "any": True})
    common = need.uses & offer.uses
    points = round(USE_POINTS * len(common) / len(need.uses))
    return Line("uses", bool(common), points, {"common": sorted(common), "missing": sorted(need.uses - offer.uses)})


def equipment_line(need: Need, offer: Offer) -> Line:
    if not need.equipment:
        return Line("equipment", True, EQUIPMENT_POINTS, {"missing": []})
    missing = need.equipment - offer.equipment
    points = round(EQUIPMENT_POINTS * (len(need.equipment) - len(missing)) / len(need.equipment))
    return Line("equipment", not missing, points, {"missing": [code for code in EQUIPMENT if code in missing]})


def match(need: Need, offer: Offer) -> Match:
    """Whether the offer meets the need's hard conditions and, if so, how well it fits (out of 100), with every
    line of the reasoning, hard conditions first."""
    hard = hard_lines(need, offer)
    scored = [surface_line(need, offer), uses_line(need, offer), equipment_line(need, offer)]
    eligible = all(line.met for line in hard)
    return Match(eligible, sum(line.points for line in scored) if eligible else 0, tuple(hard + scored))


# Expiry -------------------------------------------------------------------------------------------------------------

CONFIRM_MONTHS = 3                      # a need lasts 3 months from its last confirmation
REMIND_BEFORE = timedelta(days=7)       # its association is reminded a week before


def expires_on(confirmed_on: date) -> date:
    """The last day a need confirmed on `confirmed_on` stays current."""
    return add_months(confirmed_on, CONFIRM_MONTHS)


def is_current(confirmed_on: date, today: date) -> bool:
    """A need is listed and counted until its last day; the day after, it has expired."""
    return today <= expires_on(confirmed_on)


def is_listed(status: str, confirmed_on: date, today: date) -> bool:
    """A need the lists show and its readers find: published and current (a withdrawn or expired one only its
    association sees)."""
    return status == "published" and is_current(confirmed_on, today)


def expiry_reminder_due(confirmed_on: date, today: date) -> bool:
    """The week before a need expires, its association is asked to confirm it (once: the caller records it)."""
    last = expires_on(confirmed_on)
    return last - REMIND_BEFORE <= today <= last


def current_since(today: date) -> date:
    """The earliest confirmation that keeps a need current today (is_current as a bound a query can use)."""
    return add_months(today, -CONFIRM_MONTHS)
