"""Sites and occupancies: the owners' register of vacant spaces, their units and occupancies, the Guichet's
moderation, the public list, map and open data."""
from flask import render_template
from flask_babel import gettext
from markupsafe import Markup

from occupancies import models, notifications, permissions, queries, rules, workflow
from occupancies.views import BLUEPRINTS
from occupancies.views.common import shown_location
from portal import cache, clock
from portal.features import Feature, Figure, helpers_of
from portal.i18n import format_percent


def guichet_sections(user, guichet, now):
    yield Markup(render_template("occupancies/partials/_guichet_section.html",
                                 count=queries.sites_to_review_count()))


def region_figures():
    # The region's mix of today: the same for every member of the Guichet, kept until the next operation.
    items = cache.until_next_operation(f"region-mix:{clock.today().isoformat()}", queries.mix_items)
    share = rules.social_purpose_share(items)
    yield Figure(format_percent(share, 0), gettext(
        "of the units occupied today serve a social purpose (emergency housing, housing insertion, culture, social "
        "economy: Charter commitment 2)"), id="social-share")


LANDING_SITES = 6


def landing_sites_panel(user):
    """The home page: a few of the published sites, and how many there are."""
    rows, total = queries.public_sites(queries.SiteFilters(), 1, per_page=LANDING_SITES)
    yield Markup(render_template("occupancies/partials/_landing_sites.html", rows=rows, total=total))


FEATURE = Feature(
    name="sites",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(
        permissions, PUBLICATION_LABELS=workflow.PUBLICATION_LABELS, PUBLICATION_BADGES=workflow.PUBLICATION_BADGES,
        NEXT_STEP=workflow.NEXT_STEP, shown_location=shown_location,
        SITE_KIND_LABELS=workflow.SITE_KIND_LABELS, UNIT_KIND_LABELS=workflow.UNIT_KIND_LABELS,
        USE_LABELS=workflow.USE_LABELS, OCCUPANT_TYPE_LABELS=workflow.OCCUPANT_TYPE_LABELS,
        OCCUPANCY_STATUS_LABELS=workflow.OCCUPANCY_STATUS_LABELS, EQUIPMENT=workflow.EQUIPMENT,
        SITE_STATUS_LABELS=workflow.SITE_STATUS_LABELS, SITE_STATUS_FILTERS=workflow.SITE_STATUS_FILTERS,
        AVAILABILITY_LABELS=workflow.AVAILABILITY_LABELS, SOCIAL_PURPOSE_USES=rules.SOCIAL_PURPOSE_USES),
    guichet_sections=guichet_sections,
    region_figures=region_figures,
    panels={"landing.sites": landing_sites_panel},
)
