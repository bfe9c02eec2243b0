"""Pure rules about sites and occupancies: durations, statuses, overlaps, the mix. No database, no request."""
from __future__ import annotations

import calendar
import functools
import hashlib
import hmac
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

# Brussels-Capital Region, with a small margin (WGS84).
BRUSSELS_BOUNDS = {"south": 50.76, "north": 50.92, "west": 4.24, "east": 4.49}


def inside_brussels(latitude: float, longitude: float) -> bool:
    b = BRUSSELS_BOUNDS
    return b["south"] <= latitude <= b["north"] and b["west"] <= longitude <= b["east"]


# Locations: is the point in its commune, and near the other sites of its address? ---------------------------

# The communes' territories, vendored with their licence (portal/ui/static/data/README.md). Three groups of
# communes share one area there (Auderghem and Watermael-Boitsfort; Berchem-Sainte-Agathe, Ganshoren and
# Koekelberg; the two Woluwes): a point is "in its commune" when it is in its commune's area.
COMMUNES_GEOJSON = Path(__file__).resolve().parents[1] / "portal/ui/static/data/brussels-communes.geojson"
# A pin on the street that is the boundary between two communes is not a mistake.
BOUNDARY_TOLERANCE_M = 30
# Sites at one address (street, number and postcode) lie within this distance of each other.
SAME_ADDRESS_RADIUS_M = 150
EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Area:
    communes: tuple[str, ...]
    polygons: tuple  # of polygons, each a tuple of rings (the outer one first, then its holes) of (lng, lat)
    bbox: tuple[float, float, float, float]  # west, south, east, north


@cache
def commune_areas() -> tuple[Area, ...]:
    collection = json.loads(COMMUNES_GEOJSON.read_text(encoding="utf-8"))
    areas = []
    for feature in collection["features"]:
        polygons = tuple(tuple(tuple((x, y) for x, y in ring) for ring in polygon)
                         for polygon in feature["geometry"]["coordinates"])
        xs = [x for polygon in polygons for x, _ in polygon[0]]
        ys = [y for polygon in polygons for _, y in polygon[0]]
        areas.append(Area(tuple(feature["properties"]["communes"]), polygons, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(areas)


def _in_ring(x: float, y: float, ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _in_area(latitude: float, longitude: float, area: Area) -> bool:
    west, south, east, north = area.bbox
    if not (west <= longitude <= east and south <= latitude <= north):
        return False
    return any(_in_ring(longitude, latitude, polygon[0])
               and not any(_in_ring(longitude, latitude, hole) for hole in polygon[1:])
               for polygon in area.polygons)


def communes_at(latitude: float, longitude: float, areas: Iterable[Area] | None = None) -> tuple[str, ...]:
    """The communes whose area holds the point (several for an area that several communes share)."""
    for area in commune_areas() if areas is None else areas:
        if _in_area(latitude, longitude, area):
            return area.communes
    return ()


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def distance_to_commune(latitude: float, longitude: float, commune: str,
                        areas: Iterable[Area] | None = None) -> float | None:
    """Metres from the point to the territory of `commune` (0 inside it); None for a commune without an area."""
    mine = [area for area in (commune_areas() if areas is None else areas) if commune in area.communes]
    if not mine:
        return None
    if any(_in_area(latitude, longitude, area) for area in mine):
        return 0.0
    k = math.cos(math.radians(latitude))
    metres = math.pi / 180 * EARTH_RADIUS_M  # per degree of latitude
    best = math.inf
    for area in mine:
        for polygon in area.polygons:
            for ring in polygon:
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                    ax, ay = (x1 - longitude) * k, y1 - latitude
                    bx, by = (x2 - longitude) * k, y2 - latitude
                    dx, dy = bx - ax, by - ay
                    length = dx * dx + dy * dy
                    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
                    best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best * metres


def address_key(address: str, postcode: str) -> tuple[str, str]:
    """Street and number as compared between sites: case, accents, punctuation and spaces do not count."""
    text = unicodedata.normalize("NFKD", address or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", text)), (postcode or "").strip()


@dataclass(frozen=True)
class Neighbour:
    """Another site: its id, name, owner and point."""

    id: int
    name: str
    organisation_id: int
    latitude: float
    longitude: float


@dataclass(frozen=True)
class LocationWarning:
    code: str  # "outside_commune" or "far_from_same_address"
    commune: str = ""
    found: tuple[str, ...] = ()  # the communes the point lies in ("outside_commune")
    far: tuple[tuple[Neighbour, int], ...] = ()  # the other sites of the address, with their distance in metres


def location_warnings(latitude: float, longitude: float, commune: str, same_address: Iterable[Neighbour] = (),
                      areas: Iterable[Area] | None = None) -> list[LocationWarning]:
    """What looks wrong with where a site was placed: a point outside its declared commune (beyond the width of a
    street), or far from the other sites registered at the same address. Warnings, not refusals."""
    areas = commune_areas() if areas is None else tuple(areas)
    warnings = []
    distance = distance_to_commune(latitude, longitude, commune, areas)
    if distance is not None and distance > BOUNDARY_TOLERANCE_M:
        warnings.append(LocationWarning("outside_commune", commune=commune,
                                        found=communes_at(latitude, longitude, areas)))
    far = sorted(((other, round(distance_m(latitude, longitude, other.latitude, other.longitude)))
                  for other in same_address), key=lambda pair: -pair[1])
    far = tuple((other, metres) for other, metres in far if metres > SAME_ADDRESS_RADIUS_M)
    if far:
        warnings.append(LocationWarning("far_from_same_address", commune=commune, far=far))
    return warnings


# Durations and statuses ---------------------------------------------------------------------------

def _days_in_month(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


@functools.lru_cache(maxsize=8192)       # pure, and asked for every site of the open-data files
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


# Protected locations -----------------------------------------------------------------------------------------------

PROTECTED_SHIFT = (450, 550)        # metres a protected site's public point lies from the true one
METRES_PER_DEGREE = 111_320


def shifted_point(key: bytes, site_id: int, latitude: float, longitude: float) -> tuple[float, float]:
    """The point the public reads of a protected site: about 500 m away in a direction drawn from the site and the
    portal's key, the same on every request (so that averaging answers reveals nothing), never the true point."""
    digest = hmac.new(key, f"protected-site-{site_id}".encode(), hashlib.sha256).digest()
    angle = int.from_bytes(digest[:4], "big") / 2 ** 32 * 2 * math.pi
    low, high = PROTECTED_SHIFT
    metres = low + int.from_bytes(digest[4:6], "big") / 65_536 * (high - low)
    north, east = metres * math.cos(angle), metres * math.sin(angle)
    return (round(latitude + north / METRES_PER_DEGREE, 6),
            round(longitude + east / (METRES_PER_DEGREE * math.cos(math.radians(latitude))), 6))
