"""Figures of supply and demand (/figures): what the associations look for against what the owners offer, the
calls and their outcomes, how long a place waits for its occupants, the Charter's indicators. Counts and medians
only: no figure names an association, except the Guichet's table of current needs by association. Each is a
reports.figures.Figure (a chart followed by its table, downloadable as CSV or Excel)."""
from __future__ import annotations

import statistics
from collections import Counter
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from calls.applications.models import Application
from calls.evaluation.models import Selection
from calls.evaluation.rules import Pick, check_mix
from calls.models import Call, CallUnit
from calls.opendata.queries import RECEIVED
from calls.workflow import PUBLIC_STATUSES, CallStatus
from occupancies.agreements.models import Agreement
from occupancies.models import Occupancy, Site, Unit
from occupancies.needs import rules
from occupancies.needs.models import Need
from occupancies.needs.workflow import NeedStatus
from occupancies.queries import available_on
from occupancies.reports.figures import Figure, Filters, charter_indicators
from occupancies.workflow import USE_LABELS, PublicationStatus
from portal import clock
from portal.cache import remember
from portal.extensions import db
from portal.i18n import current_language
from portal.organisations.models import Organisation
from portal.region import COMMUNES, commune_name


def _current_needs(today: date):
    return select(Need).where(Need.status == NeedStatus.published, Need.confirmed_on >= rules.current_since(today))


def needs_by_use_and_commune(today: date) -> tuple[Figure, Figure, list]:
    """The current needs by use (a need of two uses counts in each) and by commune it accepts (any commune: its
    own line); the needs themselves, for the surfaces (one query)."""
    needs = list(db.session.execute(_current_needs(today).with_only_columns(
        Need.uses, Need.communes, Need.surface_min, Need.surface_max, Need.organisation_id)).all())
    uses = Counter(use for need in needs for use in need.uses or ())
    communes = Counter(commune for need in needs for commune in need.communes or ())
    anywhere = sum(1 for need in needs if not need.communes)
    by_use = Figure("needs-by-use", _l("Current needs by use"), [_l("Use"), _l("Current needs")],
                    [[USE_LABELS[use], uses[use]] for use in USE_LABELS if uses[use]])
    language = current_language()
    rows = sorted(([commune_name(code, language), n] for code, n in communes.items() if code in COMMUNES),
                  key=lambda row: (-row[1], row[0]))
    if anywhere:
        rows.append([_l("Any commune"), anywhere])
    by_commune = Figure("needs-by-commune", _l("Current needs by commune accepted"),
                        [_l("Commune"), _l("Current needs")], rows)
    return by_use, by_commune, needs


def surfaces(today: date, needs: list) -> Figure:
    """The m² the current needs seek (their smallest and largest surfaces) against the m² of the sites available
    today (their total surface, else their units'), one query for the offer."""
    units = select(func.sum(Unit.surface)).where(Unit.site_id == Site.id).scalar_subquery()
    offered = db.session.scalar(select(func.sum(func.coalesce(Site.total_surface, units))).where(
        Site.publication == PublicationStatus.published, available_on(today))) or 0
    smallest = sum(need.surface_min or 0 for need in needs)
    largest = sum(need.surface_max or need.surface_min or 0 for need in needs)
    return Figure("surfaces", _l("Square metres sought and offered"), [_l("Surface"), _l("m²")], [
        [_l("Sought by the current needs (their smallest surfaces)"), int(smallest)],
        [_l("Sought by the current needs (their largest surfaces)"), int(largest)],
        [_l("Offered by the sites available today"), int(offered)],
    ], unit="m²")


def calls_by_year() -> Figure:
    """By year of publication: the calls published, the applications each received on average, and among the
    decided calls that set mix targets, those whose selection met them (five queries)."""
    calls = db.session.execute(select(Call.id, Call.published_at, Call.status, Call.min_social_share,
                                      Call.min_use_categories).where(Call.status.in_(PUBLIC_STATUSES))).all()
    received = dict(db.session.execute(select(Application.call_id, func.count()).where(
        Application.status.in_(RECEIVED)).group_by(Application.call_id)).all())
    with_targets = [c.id for c in calls if c.status == CallStatus.decided and (c.min_social_share
                                                                                or c.min_use_categories)]
    picks, offered = {}, {}
    if with_targets:
        for call_id, application_id, use, unit_ids in db.session.execute(
                select(Selection.call_id, Selection.application_id, Application.use_category, Selection.unit_ids)
                .join(Application, Application.id == Selection.application_id)
                .where(Selection.call_id.in_(with_targets))):
            picks.setdefault(call_id, []).append(Pick(application_id, getattr(use, "value", use) or "",
                                                      tuple(unit_ids or ())))
        for call_id, unit_id in db.session.execute(select(CallUnit.call_id, CallUnit.unit_id)
                                                   .where(CallUnit.call_id.in_(with_targets))):
            offered.setdefault(call_id, set()).add(unit_id)
    years = {}
    for call in calls:
        year = clock.brussels_date(call.published_at).year if call.published_at else None
        if year is None:
            continue
        line = years.setdefault(year, {"calls": 0, "applications": 0, "targets": 0, "met": 0})
        line["calls"] += 1
        line["applications"] += received.get(call.id, 0)
        if call.id in with_targets:
            line["targets"] += 1
            check = check_mix(picks.get(call.id, []), offered_units=offered.get(call.id, ()),
                              min_social_share=call.min_social_share, min_use_categories=call.min_use_categories)
            line["met"] += 1 if check.ok else 0
    rows = [[str(year), line["calls"], round(line["applications"] / line["calls"], 1), line["targets"], line["met"]]
            for year, line in sorted(years.items())]
    return Figure("calls", _l("Calls published, applications and mix targets"),
                  [_l("Year"), _l("Calls published"), _l("Applications per call (average)"),
                   _l("Decided calls with mix targets"), _l("Of which targets met")], rows)


def _median(days: list[int]):
    return round(statistics.median(days)) if days else None


def waiting_times() -> Figure:
    """The median time from a site's availability (or publication) to its first occupancy that starts then or
    later, and from a call's publication to the draft of its agreement (two queries)."""
    first = select(Occupancy.site_id, func.min(Occupancy.start_date).label("start")).group_by(Occupancy.site_id) \
        .subquery()
    site_days = []
    for available, published, start in db.session.execute(
            select(Site.available_from, Site.published_at, first.c.start).join(first, first.c.site_id == Site.id)
            .where(Site.publication == PublicationStatus.published)):
        origin = available or (clock.brussels_date(published) if published else None)
        if origin is not None and start >= origin:
            site_days.append((start - origin).days)
    call_days = [(clock.as_utc(drafted) - clock.as_utc(published)).days for published, drafted in db.session.execute(
        select(Call.published_at, func.min(Agreement.created_at))
        .join(Application, Application.call_id == Call.id).join(Agreement, Agreement.application_id == Application.id)
        .where(Call.published_at.is_not(None)).group_by(Call.id, Call.published_at))]
    return Figure("waiting", _l("How long a place waits (median, in days)"), [_l("From … to …"), _l("Median days")], [
        [ngettext("A site's availability to its first occupancy (%(num)d site)",
                  "A site's availability to its first occupancy (%(num)d sites)", len(site_days)), _median(site_days)],
        [ngettext("A call's publication to its agreement (%(num)d call)",
                  "A call's publication to its agreement (%(num)d calls)", len(call_days)), _median(call_days)]])


def needs_by_association(today: date) -> Figure:
    """The Guichet's own table: the current needs of each association (by its name), most first (one query)."""
    rows = db.session.execute(
        select(Organisation.name_fr, func.count(Need.id)).join(Organisation, Organisation.id == Need.organisation_id)
        .where(Need.status == NeedStatus.published, Need.confirmed_on >= rules.current_since(today))
        .group_by(Organisation.id, Organisation.name_fr).order_by(func.count(Need.id).desc(), Organisation.name_fr))
    return Figure("needs-by-association", _l("Current needs by association"),
                  [_l("Association"), _l("Current needs")], [[name, count] for name, count in rows], chart="")


def supply_and_demand(today: date) -> tuple[list[Figure], object]:
    """Every public figure, in the reader's language, kept FIGURES_CACHE_SECONDS; and when they were computed."""
    def compute():
        by_use, by_commune, needs = needs_by_use_and_commune(today)
        return [figure.plain() for figure in (
            by_use, by_commune, surfaces(today, needs), calls_by_year(), waiting_times(),
            charter_indicators(Filters(today.year, today.year), today))]

    return remember(f"figures:supply:{current_language()}:{today.isoformat()}",
                    current_app.config["FIGURES_CACHE_SECONDS"], compute)
