"""Pure rules about sites and occupancies: durations, statuses, overlaps, the mix. No database, no request."""
from __future__ import annotations

import calendar
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# Brussels-Capital Region, with a small margin (WGS84).
BRUSSELS_BOUNDS = {"south": 50.76, "north": 50.92, "west": 4.24, "east": 4.49}


def inside_brussels(latitude: float, longitude: float) -> bool:
    b = BRUSSELS_BOUNDS
    return b["south"] <= latitude <= b["north"] and b["west"] <= longitude <= b["east"]


# Durations and statuses ---------------------------------------------------------------------------

def _days_in_month(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def duration_months(start: date, end: date) -> Decimal:
    """Months from the first to the last day, both included, to the nearest half month.

    March to September 2020 (1 March - 30 September) is 7; 16 March 2023 to 31 July 2025 is 28.5.
    A month that is only partly covered counts for the share of its days that are, and the total is
    rounded to the nearest half month (halves upwards).
    """
    if end < start:
        raise ValueError("the end comes before the start")
    if (start.year, start.month) == (end.year, end.month):
        total = Fraction(end.day - start.day + 1, _days_in_month(start))
    else:
        first = Fraction(_days_in_month(start) - start.day + 1, _days_in_month(start))
        last = Fraction(end.day, _days_in_month(end))
        between = (end.year * 12 + end.month) - (start.year * 12 + start.month) - 1
        total = first + between + last
    halves = (Decimal(total.numerator * 2) / Decimal(total.denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    months = halves / 2
    return months.quantize(Decimal(1)) if halves % 2 == 0 else months.quantize(Decimal("0.1"))


PLANNED, ONGOING, ENDED = "planned", "ongoing", "ended"


def occupancy_status(start: date, end: date | None, as_of: date) -> str:
    """Derived from the dates and the day it is read; never stored."""
    if as_of < start:
        return PLANNED
    if end is None or as_of <= end:
        return ONGOING
    return ENDED


def duration_as_of(start: date, end: date | None, as_of: date) -> Decimal | None:
    """The whole duration when the end is known; so far, for an open-ended occupancy; None before it starts."""
    if end is not None:
        return duration_months(start, end)
    if as_of < start:
        return None
    return duration_months(start, as_of)


# Overlaps -----------------------------------------------------------------------------------------

def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Two inclusive periods (None: open-ended) share at least one day."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


@dataclass(frozen=True)
class Booking:
    unit_id: int
    start: date
    end: date | None
    occupancy_id: int | None = None


def clashes(new: Iterable[Booking], existing: Iterable[Booking]) -> list[tuple[Booking, Booking]]:
    """Pairs (new, existing) of bookings of the same unit whose periods overlap."""
    by_unit: dict[int, list[Booking]] = {}
    for booking in existing:
        by_unit.setdefault(booking.unit_id, []).append(booking)
    found = []
    for booking in new:
        for other in by_unit.get(booking.unit_id, []):
            if other.occupancy_id is not None and other.occupancy_id == booking.occupancy_id:
                continue  # the occupancy being edited does not clash with itself
            if periods_overlap(booking.start, booking.end, other.start, other.end):
                found.append((booking, other))
    return found


# The mix ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MixItem:
    category: str
    units: int
    surface: Decimal


def shares(items: Iterable[MixItem]) -> dict[str, dict[str, Decimal]]:
    """For each category, its share of units and of surface (0 to 1, 4 decimals)."""
    items = list(items)
    total_units = sum(i.units for i in items)
    total_surface = sum((i.surface for i in items), Decimal(0))
    units, surface = Counter(), Counter()
    for item in items:
        units[item.category] += item.units
        surface[item.category] += item.surface
    result = {}
    for category in units:
        result[category] = {
            "units": _ratio(units[category], total_units),
            "surface": _ratio(surface[category], total_surface),
        }
    return dict(sorted(result.items(), key=lambda kv: (-kv[1]["units"], kv[0])))


def _ratio(part, whole) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


def diversity_index(counts: Iterable[int | Decimal]) -> Decimal:
    """Gini-Simpson index: the chance that two units drawn at random have different categories.

    0 when every unit has the same use; it grows towards 1 as uses are many and evenly spread.
    """
    values = [Decimal(c) for c in counts if c]
    total = sum(values, Decimal(0))
    if total == 0:
        return Decimal(0)
    return (1 - sum((v / total) ** 2 for v in values)).quantize(Decimal("0.01"))


def evenness(counts: Iterable[int | Decimal]) -> Decimal:
    """Pielou's evenness (Shannon entropy / its maximum): 1 when the categories present are equally shared."""
    values = [float(c) for c in counts if c]
    if len(values) < 2:
        return Decimal(0)
    total = sum(values)
    entropy = -sum(v / total * math.log(v / total) for v in values)
    return Decimal(entropy / math.log(len(values))).quantize(Decimal("0.01"))


SOCIAL_PURPOSE_USES = frozenset({"emergency_housing", "housing_insertion", "culture", "social_economy"})
# Uses whose reports count the people housed (by ISSUE axis); the others report their activities.
HOUSING_USES = frozenset({"emergency_housing", "housing_insertion"})
TRANSITION_USES = frozenset({"circular_economy", "climate_transition"})


def social_purpose_share(items: Iterable[MixItem]) -> Decimal:
    """Charter commitment 2: the share of units given to social-purpose uses."""
    items = list(items)
    total = sum(i.units for i in items)
    social = sum(i.units for i in items if i.category in SOCIAL_PURPOSE_USES)
    return _ratio(social, total)


# The site timeline ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    unit_id: int
    occupancy_id: int | None
    label: str
    start: date
    end: date | None
    status: str
    left: float   # percent of the axis
    width: float


@dataclass(frozen=True)
class Timeline:
    start: date
    end: date
    rows: list[tuple[object, list[Bar]]]
    years: list[tuple[int, float]]
    today: float | None
    availability: tuple[float, float] | None


def timeline(units, bookings, *, as_of: date, available_from: date | None = None,
             available_until: date | None = None, labels: dict | None = None) -> Timeline:
    """Place every booking of every unit on one axis of whole years around the occupancies and today.

    `units`: objects with an `id`; `bookings`: Booking tuples; `labels`: occupancy id -> text.
    """
    labels = labels or {}
    starts = [b.start for b in bookings] + [as_of] + ([available_from] if available_from else [])
    ends = [b.end for b in bookings if b.end] + [as_of] + ([available_until] if available_until else [])
    first = date(min(starts).year, 1, 1)
    last_day = max(ends)
    if any(b.end is None for b in bookings) or not available_until:
        last_day = max(last_day, date(as_of.year + 1, 12, 31))
    last = date(last_day.year, 12, 31)
    span = (last - first).days + 1

    def x(day: date) -> float:
        return round(max(0, min(span, (day - first).days)) / span * 100, 3)

    def x_end(day: date | None) -> float:
        return 100.0 if day is None else round(min(span, (day - first).days + 1) / span * 100, 3)

    by_unit: dict[int, list[Bar]] = {unit.id: [] for unit in units}
    for booking in sorted(bookings, key=lambda b: b.start):
        if booking.unit_id not in by_unit:
            continue
        left = x(booking.start)
        by_unit[booking.unit_id].append(Bar(
            unit_id=booking.unit_id, occupancy_id=booking.occupancy_id,
            label=labels.get(booking.occupancy_id, ""), start=booking.start, end=booking.end,
            status=occupancy_status(booking.start, booking.end, as_of),
            left=left, width=max(0.4, round(x_end(booking.end) - left, 3)),
        ))
    availability = None
    if available_from or available_until:
        availability = (x(available_from or first), x_end(available_until))
    return Timeline(
        start=first, end=last, rows=[(unit, by_unit[unit.id]) for unit in units],
        years=[(year, x(date(year, 1, 1))) for year in range(first.year, last.year + 1)],
        today=x(as_of), availability=availability,
    )
