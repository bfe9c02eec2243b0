"""Reads about sites and occupancies, each page at a constant number of queries."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from flask import abort
from sqlalchemy import Row, and_, case, exists, func, not_, or_, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from occupancies import rules
from occupancies.models import Occupancy, OccupancyUnit, Site, SitePhoto, Unit
from occupancies.workflow import DWELLING_KINDS, PublicationStatus, SiteKind, UnitKind, UseCategory
from portal import cache, clock, listing
from portal.extensions import db
from portal.organisations.models import Organisation
from portal.organisations.workflow import OrganisationStatus
from portal.region import COMMUNES
from portal.roles import OrganisationKind
from portal.tenancy import get_in_tenant_or_404, tenant_select

PAGE_SIZE = 20
SITE_STATUSES = ("ongoing", "planned", "ended", "vacant")
# What a visitor looks for: sites available today, or on a given day; or every published site (the history).
AVAILABILITY = ("now", "date", "all")


# Filters of the public list, the map and the open data -----------------------------------------------

_date = listing.day  # a day within the calendar's bounds, else None


@dataclass(frozen=True)
class SiteFilters:
    commune: str | None = None
    kind: str | None = None
    unit_kind: str | None = None
    use: str | None = None
    status: str | None = None
    availability: str | None = None  # None: every published site (the open data's default)
    available_on: date | None = None
    as_of: date = field(default_factory=clock.today)
    q: str = ""

    @classmethod
    def from_args(cls, args, default_availability: str | None = None) -> SiteFilters:
        """Unknown values are ignored rather than refused: a shared link never breaks.

        Links written before the availability filter keep what their visitor meant: `available_from=<day>` asks
        for the sites available on that day, and `status=vacant` (no occupant on the day) for those available.
        """
        def pick(name, allowed):
            value = args.get(name)
            return value if value in allowed else None
        as_of = _date(args.get("as_of")) or clock.today()
        status = pick("status", SITE_STATUSES)
        availability = pick("availability", AVAILABILITY)
        available_on = _date(args.get("available_on")) or _date(args.get("available_from"))
        if availability is None and available_on is not None:
            availability = "date"
        if status == "vacant":
            status = None
            if availability is None:
                availability, available_on = "date", available_on or as_of
        return cls(
            commune=pick("commune", COMMUNES), kind=pick("kind", SiteKind.__members__),
            unit_kind=pick("unit_kind", UnitKind.__members__), use=pick("use", UseCategory.__members__),
            status=status, availability=availability or default_availability,
            available_on=available_on, as_of=as_of, q=(args.get("q") or "")[:100].strip(),
        )

    @property
    def available_day(self) -> date | None:
        """The day on which a site must be available to be listed, or None when every site is."""
        if self.availability == "now":
            return clock.today()
        if self.availability == "date":
            return self.available_on or clock.today()
        return None

    def args(self, **changes) -> dict:
        """Query-string values of these filters (for links that keep them)."""
        values = replace(self, **changes) if changes else self
        out = {k: getattr(values, k) for k in ("commune", "kind", "unit_kind", "use", "status", "availability", "q")
               if getattr(values, k)}
        if values.availability == "date" and values.available_on:
            out["available_on"] = values.available_on.isoformat()
        if values.as_of != clock.today():
            out["as_of"] = values.as_of.isoformat()
        return out


def _current(as_of: date):
    return and_(OccupancyUnit.start_date <= as_of,
                or_(OccupancyUnit.end_date.is_(None), OccupancyUnit.end_date >= as_of))


def _has_booking(*conditions):
    return exists(select(OccupancyUnit.id).join(Unit, Unit.id == OccupancyUnit.unit_id)
                  .where(Unit.site_id == Site.id, *conditions))


def available_on(day: date):
    """A site is available on a day when its window (bounds it leaves empty are open) covers the day and at
    least one of its units has no occupancy that day."""
    booked = exists(select(OccupancyUnit.id).where(OccupancyUnit.unit_id == Unit.id, _current(day)))
    free_unit = exists(select(Unit.id).where(Unit.site_id == Site.id, not_(booked)))
    return and_(or_(Site.available_from.is_(None), Site.available_from <= day),
                or_(Site.available_until.is_(None), Site.available_until >= day), free_unit)


FEED_SIZE = 50


def feed_sites(filters: SiteFilters) -> list[Site]:
    """The published sites a filter keeps, the most recently published first (an Atom feed of that filter)."""
    return list(db.session.scalars(_filtered(filters).options(lazyload("*"), joinedload(Site.owner))
                                   .order_by(Site.published_at.desc(), Site.id.desc()).limit(FEED_SIZE)))


def sites_kept(filters: SiteFilters, site_ids) -> set[int]:
    """Which of these sites the filter keeps (one query): a saved search's alert."""
    return set(db.session.scalars(_filtered(filters).with_only_columns(Site.id).where(Site.id.in_(site_ids))))


def _filtered(filters: SiteFilters):
    query = select(Site).where(Site.publication == PublicationStatus.published)
    if filters.commune:
        query = query.where(Site.commune == filters.commune)
    if filters.kind:
        query = query.where(Site.kind == filters.kind)
    if filters.q:
        query = query.where(func.lower(Site.name).like(f"%{filters.q.lower()}%"))
    if filters.unit_kind:
        query = query.where(exists(select(Unit.id).where(Unit.site_id == Site.id, Unit.kind == filters.unit_kind)))
    if filters.use:
        query = query.where(exists(select(Occupancy.id).where(
            Occupancy.site_id == Site.id, Occupancy.use_category == filters.use,
            or_(Occupancy.end_date.is_(None), Occupancy.end_date >= filters.as_of))))
    if filters.available_day is not None:
        query = query.where(available_on(filters.available_day))
    as_of = filters.as_of
    if filters.status == "ongoing":
        query = query.where(_has_booking(_current(as_of)))
    elif filters.status == "planned":
        query = query.where(_has_booking(OccupancyUnit.start_date > as_of))
    elif filters.status == "vacant":
        query = query.where(not_(_has_booking(_current(as_of))))
    elif filters.status == "ended":
        query = query.where(_has_booking(), not_(_has_booking(or_(
            OccupancyUnit.end_date.is_(None), OccupancyUnit.end_date >= as_of))))
    return query


def _summary_columns(as_of: date):
    """Per site: units, dwellings, units occupied on `as_of`, first start, last end (None when open)."""
    units = select(func.count(Unit.id)).where(Unit.site_id == Site.id).correlate(Site).scalar_subquery()
    dwellings = select(func.count(Unit.id)).where(Unit.site_id == Site.id, Unit.kind.in_(list(DWELLING_KINDS))) \
        .correlate(Site).scalar_subquery()
    occupied = select(func.count(func.distinct(OccupancyUnit.unit_id))).join(Unit, Unit.id == OccupancyUnit.unit_id) \
        .where(Unit.site_id == Site.id, _current(as_of)).correlate(Site).scalar_subquery()
    first_start = select(func.min(Occupancy.start_date)).where(Occupancy.site_id == Site.id).correlate(Site) \
        .scalar_subquery()
    last_end = select(func.max(Occupancy.end_date)).where(Occupancy.site_id == Site.id).correlate(Site) \
        .scalar_subquery()
    open_ended = exists(select(Occupancy.id).where(Occupancy.site_id == Site.id, Occupancy.end_date.is_(None))) \
        .correlate(Site)
    return (units.label("units"), dwellings.label("dwellings"), occupied.label("occupied"),
            first_start.label("first_start"), last_end.label("last_end"), open_ended.label("open_ended"))


@dataclass
class SiteRow:
    site: Site
    units: int
    dwellings: int
    occupied: int
    first_start: date | None
    last_end: date | None
    as_of: date

    @property
    def period_end(self) -> date | None:
        return self.last_end

    @property
    def status(self) -> str:
        return summary_status(self.first_start, self.last_end, self.as_of)

    @property
    def duration(self):
        return summary_duration(self.first_start, self.last_end, self.as_of)


def summary_status(first_start: date | None, last_end: date | None, as_of: date) -> str:
    """seed 004's "status": of the site's occupancies as a whole (from the first start to the last end, None when
    one has no end), as of the chosen day."""
    if first_start is None:
        return "vacant"
    return rules.occupancy_status(first_start, last_end, as_of)


def summary_duration(first_start: date | None, last_end: date | None, as_of: date):
    return None if first_start is None else rules.duration_as_of(first_start, last_end, as_of)


def _site_row(row, as_of: date) -> SiteRow:
    return SiteRow(site=row[0], units=row.units, dwellings=row.dwellings, occupied=row.occupied,
                   first_start=row.first_start, last_end=None if row.open_ended else row.last_end, as_of=as_of)


def _rows(query, as_of: date) -> list[SiteRow]:
    return [_site_row(row, as_of) for row in db.session.execute(query.add_columns(*_summary_columns(as_of))).all()]


def _page_of(query, page: int, per_page: int):
    """The ids (and names) of one page of a query of sites, in the register's order (read from
    ix_sites_register_order when no filter narrows it)."""
    return (query.with_only_columns(Site.id, Site.name).order_by(Site.name, Site.id)
            .offset((max(1, page) - 1) * per_page).limit(per_page).subquery())


def _total(query, filters: SiteFilters) -> int:
    """How many sites the query finds in all. Counted apart from the page: a window count beside the page made the
    database read and sort every match to keep a page (5 to 8 ms for the 10,000 published sites); the page alone
    is read in the index's order. The count of "available today" still reads every site (20 ms for 10,000): the
    counts of the filters everybody uses, on today's register, are kept until the next operation (and the day
    in the key: a site's availability changes at midnight without one). A search by name or a chosen day is
    counted each time, so that what anyone may type never fills the cache."""
    def count() -> int:
        return db.session.scalar(select(func.count()).select_from(query.with_only_columns(Site.id).subquery())) or 0
    today = clock.today()
    if filters.q or filters.as_of != today or filters.available_on not in (None, today):
        return count()
    key = ":".join(str(getattr(filters, name) or "") for name in (
        "commune", "kind", "unit_kind", "use", "status", "availability", "as_of"))
    return cache.until_next_operation(f"sites-total:{key}", count)


def public_sites(filters: SiteFilters, page: int = 1, per_page: int = PAGE_SIZE) -> tuple[list[SiteRow], int]:
    """One page of the published sites that match, with how many match in all: two queries. The page's ids first,
    then the summary of those rows only: with the summary beside the page's query, the database computed it for
    every match before keeping a page (18 ms of the home page's 34)."""
    query, as_of = _filtered(filters), filters.as_of
    shown = _page_of(query, page, per_page)
    rows = db.session.execute(
        select(Site).join(shown, shown.c.id == Site.id).order_by(shown.c.name, shown.c.id)
        .add_columns(*_summary_columns(as_of))).all()
    return [_site_row(row, as_of) for row in rows], _total(query, filters)


# What open data says of a site: its own columns and its owner's French name, not whole objects.
OPEN_DATA_COLUMNS = (Site.id, Site.name, Site.address, Site.postcode, Site.commune, Site.latitude, Site.longitude,
                     Site.kind, Site.total_surface, Site.has_water, Site.has_heating, Site.has_electricity,
                     Site.step_free, Site.public_transport, Site.heritage_protected, Site.available_from,
                     Site.available_until, Site.protected)
OPEN_DATA_BATCH = 500


def _grouped_summary(as_of: date):
    """The same summary as _summary_columns, for the whole register: three grouped subqueries to join, so that
    each table is read once instead of six correlated subqueries per site."""
    units = (select(Unit.site_id, func.count(Unit.id).label("units"),
                    func.count(case((Unit.kind.in_(list(DWELLING_KINDS)), Unit.id))).label("dwellings"))
             .group_by(Unit.site_id).subquery())
    occupancies = (select(Occupancy.site_id, func.min(Occupancy.start_date).label("first_start"),
                          func.max(Occupancy.end_date).label("last_end"),
                          (func.count() > func.count(Occupancy.end_date)).label("open_ended"))
                   .group_by(Occupancy.site_id).subquery())
    occupied = (select(Unit.site_id, func.count(func.distinct(OccupancyUnit.unit_id)).label("occupied"))
                .join(Unit, Unit.id == OccupancyUnit.unit_id).where(_current(as_of)).group_by(Unit.site_id)
                .subquery())
    columns = (func.coalesce(units.c.units, 0).label("units"), func.coalesce(units.c.dwellings, 0).label("dwellings"),
               func.coalesce(occupied.c.occupied, 0).label("occupied"), occupancies.c.first_start,
               occupancies.c.last_end, func.coalesce(occupancies.c.open_ended, False).label("open_ended"))
    joins = ((units, units.c.site_id == Site.id), (occupancies, occupancies.c.site_id == Site.id),
             (occupied, occupied.c.site_id == Site.id))
    return columns, joins


def public_site_batches(filters: SiteFilters):
    """Every published site that matches (open data), as rows of plain values with their summary (units, dwellings,
    occupied, first_start, last_end, open_ended) and `owner`, the owner's French name: one query, read and given in
    batches of OPEN_DATA_BATCH rows (a server-side cursor on PostgreSQL) so that a response can stream them as they
    come."""
    summary, joins = _grouped_summary(filters.as_of)
    query = (_filtered(filters).with_only_columns(*OPEN_DATA_COLUMNS, Organisation.name_fr.label("owner"), *summary)
             .join(Organisation, Organisation.id == Site.organisation_id))
    for subquery, on in joins:
        query = query.outerjoin(subquery, on)
    # Plain rows, no ORM: executed on the session's connection, which streams them.
    result = (db.session.connection().execution_options(stream_results=True, max_row_buffer=OPEN_DATA_BATCH)
              .execute(query.order_by(Site.id)))
    yield from result.partitions(OPEN_DATA_BATCH)


def map_points(filters: SiteFilters) -> list:
    query = _filtered(filters).with_only_columns(
        Site.id, Site.name, Site.latitude, Site.longitude, Site.commune, Site.kind, Site.protected).order_by(Site.id)
    return db.session.execute(query).all()


def public_site_or_404(site_id) -> Site:
    site = db.session.get(Site, site_id)
    if site is None or not site.is_published:
        abort(404)
    return site


def occupancies_of(site: Site) -> list[Occupancy]:
    return list(db.session.scalars(
        select(Occupancy).where(Occupancy.site_id == site.id)
        .options(selectinload(Occupancy.bookings)).order_by(Occupancy.start_date, Occupancy.id)
    ).unique())


def units_of(site: Site) -> list[Unit]:
    return list(db.session.scalars(select(Unit).where(Unit.site_id == site.id).order_by(Unit.position, Unit.id)))


def photos_of(site: Site) -> list[SitePhoto]:
    return list(db.session.scalars(select(SitePhoto).where(SitePhoto.site_id == site.id).order_by(SitePhoto.id)))


def public_site_ids(filters: SiteFilters, page: int, per_page: int) -> tuple[list[int], int]:
    """The ids of one page of the published sites that match, in the register's order, and how many match."""
    query = _filtered(filters)
    shown = _page_of(query, page, per_page)
    return list(db.session.scalars(select(shown.c.id).order_by(shown.c.name, shown.c.id))), _total(query, filters)


@dataclass
class SiteDocument:
    """What the API says of a site, as plain rows: its columns with its owner's names (owner_fr, owner_nl), its
    units, and its occupancies, each with the ids of its units."""

    site: Row
    units: list[Row]
    occupancies: list[tuple[Row, list[int]]]


API_SITE_COLUMNS = (*OPEN_DATA_COLUMNS, Site.description_fr, Site.description_nl, Site.description_en,
                    Organisation.name_fr.label("owner_fr"), Organisation.name_nl.label("owner_nl"))


def site_documents(site_ids: list[int]) -> list[SiteDocument]:
    """Sites with their units and occupancies, for the API, in the order of `site_ids`: four queries of plain rows
    whatever the number (building them as objects with their collections took most of a page's time)."""
    if not site_ids:
        return []
    sites = db.session.execute(select(*API_SITE_COLUMNS).join(Organisation, Organisation.id == Site.organisation_id)
                               .where(Site.id.in_(site_ids))).all()
    documents = {row.id: SiteDocument(row, [], []) for row in sites}
    for unit in db.session.execute(
            select(Unit.site_id, Unit.id, Unit.kind, Unit.bedrooms, Unit.label_fr, Unit.label_nl, Unit.surface)
            .where(Unit.site_id.in_(site_ids)).order_by(Unit.position, Unit.id)):
        documents[unit.site_id].units.append(unit)
    units_of_occupancy: dict[int, list[int]] = {}
    for occupancy_id, unit_id in db.session.execute(
            select(OccupancyUnit.occupancy_id, OccupancyUnit.unit_id).join(Occupancy)
            .where(Occupancy.site_id.in_(site_ids))):
        units_of_occupancy.setdefault(occupancy_id, []).append(unit_id)
    for occupancy in db.session.execute(
            select(Occupancy.id, Occupancy.site_id, Occupancy.occupant_id, Occupancy.occupant_type,
                   Occupancy.external_occupant, Occupancy.use_category, Occupancy.start_date, Occupancy.end_date,
                   Organisation.name_fr, Organisation.name_nl)
            .outerjoin(Organisation, Organisation.id == Occupancy.occupant_id)
            .where(Occupancy.site_id.in_(site_ids)).order_by(Occupancy.start_date, Occupancy.id)):
        documents[occupancy.site_id].occupancies.append((occupancy, units_of_occupancy.get(occupancy.id, [])))
    return [documents[site_id] for site_id in site_ids if site_id in documents]


# Where a site is placed --------------------------------------------------------------------------------

def same_address_neighbours(site: Site) -> list[rules.Neighbour]:
    """The other sites registered at the site's address (street, number and postcode), whoever owns them: one
    query on the postcode, the address compared as rules.address_key does."""
    key = rules.address_key(site.address, site.postcode)
    rows = db.session.execute(
        select(Site.id, Site.name, Site.organisation_id, Site.address, Site.postcode, Site.latitude, Site.longitude)
        .where(Site.postcode == site.postcode, Site.id != site.id).order_by(Site.id)).all()
    return [rules.Neighbour(row.id, row.name, row.organisation_id, row.latitude, row.longitude)
            for row in rows if rules.address_key(row.address, row.postcode) == key]


def location_warnings(site: Site) -> list[rules.LocationWarning]:
    return rules.location_warnings(site.latitude, site.longitude, site.commune, same_address_neighbours(site))


# The owner's register --------------------------------------------------------------------------------

def owner_sites(organisation) -> list[SiteRow]:
    as_of = clock.today()
    return _rows(tenant_select(Site, organisation).order_by(Site.name), as_of)


def site_in_tenant_or_404(site_id) -> Site:
    return get_in_tenant_or_404(Site, site_id)


def unit_of_site_or_404(site: Site, unit_id) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.id == unit_id, Unit.site_id == site.id))
    if unit is None:
        abort(404)
    return unit


def occupancy_of_site_or_404(site: Site, occupancy_id) -> Occupancy:
    occupancy = db.session.scalar(select(Occupancy).where(Occupancy.id == occupancy_id,
                                                          Occupancy.site_id == site.id))
    if occupancy is None:
        abort(404)
    return occupancy


def photo_or_404(photo_id) -> SitePhoto:
    photo = db.session.get(SitePhoto, photo_id)
    if photo is None:
        abort(404)
    return photo


def occupancy_or_404(occupancy_id) -> Occupancy:
    occupancy = db.session.get(Occupancy, occupancy_id)
    if occupancy is None:
        abort(404)
    return occupancy


def occupant_organisations() -> list[Organisation]:
    return list(db.session.scalars(
        select(Organisation).where(Organisation.kind == OrganisationKind.occupant,
                                   Organisation.status == OrganisationStatus.approved)
        .order_by(Organisation.name_fr)))


# The Guichet ----------------------------------------------------------------------------------------

def sites_to_review_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Site)
                             .where(Site.publication == PublicationStatus.submitted)) or 0


def sites_to_review() -> list[Site]:
    return list(db.session.scalars(
        select(Site).where(Site.publication == PublicationStatus.submitted).order_by(Site.created_at)))


def any_site_or_404(site_id) -> Site:
    site = db.session.get(Site, site_id)
    if site is None:
        abort(404)
    return site


def mix_items(site_ids=None, as_of: date | None = None, by: str = "use_category") -> list[rules.MixItem]:
    """The units of ongoing occupancies, by use or by occupant type (one query)."""
    as_of = as_of or clock.today()
    column = getattr(Occupancy, by)
    query = (select(column, func.count(OccupancyUnit.id), func.coalesce(func.sum(Unit.surface), 0))
             .join(OccupancyUnit, OccupancyUnit.occupancy_id == Occupancy.id)
             .join(Unit, Unit.id == OccupancyUnit.unit_id)
             .where(_current(as_of)).group_by(column))
    if site_ids is not None:
        query = query.where(Occupancy.site_id.in_(site_ids))
    return [rules.MixItem(category=getattr(cat, "value", cat), units=n, surface=surface)
            for cat, n, surface in db.session.execute(query)]
