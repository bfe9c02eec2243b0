"""The figures owners and the Guichet read from reports and occupancies: plain SQL aggregates, a constant number
of queries whatever the size of the region. Counts only: no figure reaches below a site.

A figure is a table (columns and rows) with its title; the page draws it as a chart followed by the same table,
and each downloads as CSV or Excel with the period and the filters written in the file."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, distinct, func, literal, or_, select

from occupancies.models import Occupancy, OccupancyUnit, Site, Unit
from occupancies.reports.models import Report
from occupancies.reports.rules import quarter_bounds
from occupancies.reports.workflow import AXES, COUNTED, EXITS, FIELD_LABELS
from occupancies.rules import SOCIAL_PURPOSE_USES
from occupancies.workflow import USE_LABELS, PublicationStatus, UseCategory
from portal.cache import remember, until_next_operation
from portal.extensions import db
from portal.i18n import current_language, localized
from portal.organisations.models import Organisation
from portal.region import commune_name


@dataclass
class Filters:
    first_year: int
    last_year: int
    commune: str | None = None
    owner_id: int | None = None
    use: UseCategory | None = None
    site_id: int | None = None

    @property
    def quarters(self) -> list[int]:
        return [year * 10 + q for year in range(self.first_year, self.last_year + 1) for q in range(1, 5)]

    @property
    def start(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.last_year, 12, 31)


@dataclass
class Figure:
    key: str
    title: object
    columns: list
    rows: list = field(default_factory=list)
    chart: str = "bar"          # bar, stacked, line; "" for a table only
    unit: str = ""

    def plain(self) -> Figure:
        """The figure with its words as text of the reader's language, to be kept (portal.cache)."""
        def text(value):
            return value if isinstance(value, (int, float, Decimal, type(None))) else str(value)

        return Figure(self.key, str(self.title), [str(c) for c in self.columns],
                      [[text(v) for v in row] for row in self.rows], self.chart, self.unit)

    def chart_data(self) -> dict:
        """Labels (the first column) and one series per other column, for Chart.js."""
        return {"type": self.chart, "labels": [str(r[0]) for r in self.rows],
                "datasets": [{"label": str(c), "data": [float(r[i + 1] or 0) for r in self.rows]}
                             for i, c in enumerate(self.columns[1:])]}


def quarter_label(quarter: int) -> str:
    year, q = divmod(quarter, 10)
    return gettext("Q%(quarter)d %(year)d", quarter=q, year=year)


def _report_filters(query, filters: Filters):
    query = query.where(Report.status.in_(COUNTED), Report.quarter.between(filters.quarters[0], filters.quarters[-1]))
    if filters.commune:
        query = query.where(Site.commune == filters.commune)
    if filters.owner_id:
        query = query.where(Report.organisation_id == filters.owner_id)
    if filters.use:
        query = query.where(Report.use_category == filters.use)
    if filters.site_id:
        query = query.where(Report.site_id == filters.site_id)
    return query


def _closing(column):
    """A count of people at the end of a quarter: the agreement's last report in that quarter holds it."""
    return func.coalesce(func.sum(case((Report.closes_quarter, column), else_=0)), 0)


def people_and_exits(filters: Filters) -> tuple[Figure, Figure]:
    """People housed at the end of each quarter by ISSUE axis, and exits during it by destination (one query)."""
    axes = [_closing(getattr(Report, a)) for a in AXES]
    persons = _closing(Report.persons)
    exits = [func.coalesce(func.sum(getattr(Report, e)), 0) for e in EXITS]
    query = _report_filters(select(Report.quarter, persons, *axes, *exits).join(Site, Site.id == Report.site_id)
                            .where(Report.kind == "housing"), filters).group_by(Report.quarter)
    found = {row[0]: row[1:] for row in db.session.execute(query)}
    people = Figure("people", _l("People housed at the end of each quarter, by ISSUE axis"),
                    [_l("Quarter"), *(FIELD_LABELS[a] for a in AXES), _l("No axis given")], chart="stacked")
    leaving = Figure("exits", _l("Exits during each quarter, by destination"),
                     [_l("Quarter"), *(FIELD_LABELS[e] for e in EXITS)], chart="stacked")
    for quarter in filters.quarters:
        total, a1, a2, a3, *out = found.get(quarter, (0,) * (1 + len(AXES) + len(EXITS)))
        people.rows.append([quarter_label(quarter), a1, a2, a3, max(0, total - a1 - a2 - a3)])
        leaving.rows.append([quarter_label(quarter), *out])
    return people, leaving


def breakdowns(filters: Filters, names: dict) -> list[Figure]:
    """By commune, by owner and by use: people housed at the end of the period, exits to durable housing,
    activities and their audience, reports counted (one query, grouped by the three, added up here)."""
    last = filters.quarters[-1]
    housed = func.coalesce(func.sum(case((and_(Report.closes_quarter, Report.quarter == last), Report.persons),
                                         else_=0)), 0)
    query = _report_filters(select(
        Site.commune, Report.organisation_id, Report.use_category, housed,
        func.coalesce(func.sum(Report.exits_durable), 0), func.coalesce(func.sum(Report.activities), 0),
        func.coalesce(func.sum(Report.audience), 0), func.count(Report.id)).join(Site, Site.id == Report.site_id),
        filters).group_by(Site.commune, Report.organisation_id, Report.use_category)
    columns = [_l("People housed at the end of the period"), _l("Exits to durable housing"),
               _l("Activities held"), _l("Audience of the activities"), _l("Reports")]
    tables = {"commune": {}, "owner": {}, "use": {}}
    for commune, owner_id, use, *values in db.session.execute(query):
        for key, label in (("commune", names["communes"].get(commune, commune)),
                           ("owner", names["owners"].get(owner_id, str(owner_id))),
                           ("use", str(USE_LABELS.get(use, use)))):
            row = tables[key].setdefault(label, [0] * len(values))
            for i, v in enumerate(values):
                row[i] += v or 0
    titles = {"commune": (_l("By commune"), _l("Commune")), "owner": (_l("By owner"), _l("Owner")),
              "use": (_l("By use"), _l("Use"))}
    return [Figure(f"by_{key}", titles[key][0], [titles[key][1], *columns],
                   [[label, *values] for label, values in sorted(tables[key].items())], chart="")
            for key in ("commune", "owner", "use")]


def _site_filters(query, filters: Filters):
    if filters.commune:
        query = query.where(Site.commune == filters.commune)
    if filters.owner_id:
        query = query.where(Site.organisation_id == filters.owner_id)
    if filters.site_id:
        query = query.where(Site.id == filters.site_id)
    return query


def _days(end, start):
    """Days between two date columns, on SQLite and PostgreSQL alike."""
    if db.engine.dialect.name == "sqlite":
        return func.julianday(end) - func.julianday(start) + 1
    return end - start + 1


def charter_indicators(filters: Filters, today: date) -> Figure:
    """The Charter's indicators at the end of the period (or today): the share of units in social-purpose use,
    the diversity of uses per occupied site, the sites published, the average duration of the occupancies of
    the period (four queries)."""
    as_of = min(filters.end, today)
    current = and_(OccupancyUnit.start_date <= as_of,
                   or_(OccupancyUnit.end_date.is_(None), OccupancyUnit.end_date >= as_of))
    units = _site_filters(select(Occupancy.use_category, func.count(OccupancyUnit.id))
                          .join(OccupancyUnit, OccupancyUnit.occupancy_id == Occupancy.id)
                          .join(Site, Site.id == Occupancy.site_id).where(current), filters)
    if filters.use:
        units = units.where(Occupancy.use_category == filters.use)
    by_use = dict(db.session.execute(units.group_by(Occupancy.use_category)).all())
    occupied = sum(by_use.values())
    social = sum(n for use, n in by_use.items() if getattr(use, "value", use) in SOCIAL_PURPOSE_USES)
    per_site = _site_filters(select(Occupancy.site_id, func.count(distinct(Occupancy.use_category)).label("uses"))
                             .join(OccupancyUnit, OccupancyUnit.occupancy_id == Occupancy.id)
                             .join(Site, Site.id == Occupancy.site_id).where(current), filters) \
        .group_by(Occupancy.site_id).subquery()
    diversity = db.session.scalar(select(func.avg(per_site.c.uses)))
    published = db.session.scalar(_site_filters(select(func.count(Site.id)).where(
        Site.publication == PublicationStatus.published), filters))
    ends = func.coalesce(Occupancy.end_date, literal(as_of))
    duration = _site_filters(select(func.avg(_days(ends, Occupancy.start_date)), func.count(Occupancy.id))
                             .join(Site, Site.id == Occupancy.site_id)
                             .where(Occupancy.start_date <= filters.end,
                                    or_(Occupancy.end_date.is_(None), Occupancy.end_date >= filters.start)), filters)
    if filters.use:
        duration = duration.where(Occupancy.use_category == filters.use)
    days, occupancies = db.session.execute(duration).one()
    share = (Decimal(social * 100) / occupied).quantize(Decimal("0.1"), ROUND_HALF_UP) if occupied else None
    months = (Decimal(str(days)) / Decimal("30.4375")).quantize(Decimal("0.1"), ROUND_HALF_UP) if days else None
    uses = Decimal(str(diversity)).quantize(Decimal("0.01"), ROUND_HALF_UP) if diversity is not None else None
    return Figure("charter", _l("Indicators of the Charter"), [_l("Indicator"), _l("Value")], [
        [_l("Share of occupied units in social-purpose use (%)"), share],
        [_l("Different uses per occupied site (average)"), uses],
        [_l("Sites published on the register"), published],
        [_l("Average duration of the period's occupancies (months)"), months],
        [_l("Occupancies in the period"), occupancies],
    ], chart="")


def _units_and_bookings(filters: Filters) -> tuple[dict, list]:
    """The units of the sites in view, by site, and their bookings that touch the period (two queries)."""
    units = dict(db.session.execute(_site_filters(
        select(Unit.site_id, func.count(Unit.id)).join(Site, Site.id == Unit.site_id), filters)
        .group_by(Unit.site_id)).all())
    bookings = db.session.execute(_site_filters(
        select(Unit.site_id, OccupancyUnit.start_date, OccupancyUnit.end_date)
        .join(Unit, Unit.id == OccupancyUnit.unit_id).join(Site, Site.id == Unit.site_id)
        .where(OccupancyUnit.start_date <= filters.end,
               or_(OccupancyUnit.end_date.is_(None), OccupancyUnit.end_date >= filters.start)), filters)).all()
    return units, bookings


def _rate(units: int, bookings, first: date, last: date) -> Decimal:
    """Unit-days occupied over unit-days available between two days, in per cent."""
    days = (last - first).days + 1
    occupied = sum(max(0, (min(end or last, last) - max(start, first)).days + 1) for _site, start, end in bookings)
    rate = Decimal(occupied * 100) / (units * days) if units and days > 0 else Decimal(0)
    return rate.quantize(Decimal("0.1"), ROUND_HALF_UP)


def occupancy_rate(filters: Filters, today: date, units: dict, bookings: list) -> Figure:
    """The share of the units occupied, quarter by quarter (`units`, `bookings`: _units_and_bookings())."""
    figure = Figure("occupancy", _l("Occupancy rate of the units, by quarter (%)"),
                    [_l("Quarter"), _l("Units occupied (%)")], chart="line")
    for quarter in filters.quarters:
        first, last = quarter_bounds(quarter)
        if first > today:
            break
        figure.rows.append([quarter_label(quarter), _rate(sum(units.values()), bookings, first, min(last, today))])
    return figure


def by_site(filters: Filters, today: date, sites: dict, units: dict, bookings: list) -> Figure:
    """One row per site of the owner (`sites`: id → name): its units, their occupancy rate over the period,
    the people housed at the end of it, the exits to durable housing and the activities (one query more)."""
    last = filters.quarters[-1]
    housed = func.coalesce(func.sum(case((and_(Report.closes_quarter, Report.quarter == last), Report.persons),
                                         else_=0)), 0)
    found = {row[0]: row[1:] for row in db.session.execute(_report_filters(
        select(Report.site_id, housed, func.coalesce(func.sum(Report.exits_durable), 0),
               func.coalesce(func.sum(Report.activities), 0), func.count(Report.id))
        .join(Site, Site.id == Report.site_id), filters).group_by(Report.site_id))}
    first, end = filters.start, min(filters.end, today)
    figure = Figure("by_site", _l("By site"), [_l("Site"), _l("Units"), _l("Units occupied over the period (%)"),
                                              _l("People housed at the end of the period"),
                                              _l("Exits to durable housing"), _l("Activities held"), _l("Reports")],
                    chart="")
    for site_id, name in sorted(sites.items(), key=lambda item: item[1]):
        if filters.site_id and site_id != filters.site_id:
            continue
        own = [b for b in bookings if b[0] == site_id]
        figure.rows.append([name, units.get(site_id, 0), _rate(units.get(site_id, 0), own, first, end)
                            if first <= end else None, *found.get(site_id, (0, 0, 0, 0))])
    return figure


def filter_names() -> dict:
    """The communes and owners that have sites, by name in the reader's language, for the filters and the
    tables' labels: read as plain rows (every site's commune, every owner's names) and kept until the next
    operation, when a site or an owner may change."""
    def read():
        return (list(db.session.scalars(select(Site.commune).distinct())),
                [tuple(row) for row in db.session.execute(
                    select(Organisation.id, Organisation.name_fr, Organisation.name_nl)
                    .where(Organisation.id.in_(select(Site.organisation_id).distinct())))])

    language = current_language()
    kept_communes, kept_owners = until_next_operation("figures:filter-names", read)
    communes = {c: commune_name(c, language) or c for c in kept_communes}
    owners = {id_: localized(SimpleNamespace(name_fr=fr, name_nl=nl), "name", language) for id_, fr, nl in kept_owners}
    return {"communes": dict(sorted(communes.items(), key=lambda i: i[1])),
            "owners": dict(sorted(owners.items(), key=lambda i: i[1]))}


def region(filters: Filters, today: date, names: dict) -> tuple[list[Figure], datetime]:
    """The Guichet's figures (`names`: filter_names(), read once by the page), and when they were computed: they
    add up every report of the period, and are kept FIGURES_CACHE_SECONDS."""
    def compute():
        people, leaving = people_and_exits(filters)
        return [f.plain() for f in (people, leaving, *breakdowns(filters, names), charter_indicators(filters, today))]

    return _kept(f"region:{filters!r}", today, compute)


def owner_figures(filters: Filters, today: date, sites: dict) -> tuple[list[Figure], datetime]:
    """An owner's figures, for all its sites or one (`sites`: its sites, id → name), and when they were computed
    (kept as the region's)."""
    def compute():
        units, bookings = _units_and_bookings(filters)
        people, leaving = people_and_exits(filters)
        return [f.plain() for f in (occupancy_rate(filters, today, units, bookings),
                                    by_site(filters, today, sites, units, bookings),
                                    people, leaving, charter_indicators(filters, today))]

    return _kept(f"owner:{filters!r}:{sorted(sites.items())!r}", today, compute)


def _kept(key: str, today: date, compute):
    return remember(f"figures:{current_language()}:{today.isoformat()}:{key}",
                    current_app.config["FIGURES_CACHE_SECONDS"], compute)
