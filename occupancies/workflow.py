"""States and labels of sites, units and occupancies."""
from __future__ import annotations

from enum import StrEnum

from blinker import Namespace
from flask_babel import lazy_gettext as _l

from portal.workflow import Workflow


class PublicationStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    published = "published"
    returned = "returned"


class SiteKind(StrEnum):
    built = "built"
    unbuilt = "unbuilt"


class UnitKind(StrEnum):
    """The dwelling kinds are those of the maximum-rent table (DOMAIN.md): studio, flat or house with N bedrooms."""

    studio = "studio"
    flat = "flat"
    house = "house"
    room = "room"
    floor = "floor"
    plot = "plot"
    other = "other"


DWELLING_KINDS = frozenset({UnitKind.studio, UnitKind.flat, UnitKind.house})


class UseCategory(StrEnum):
    emergency_housing = "emergency_housing"
    housing_insertion = "housing_insertion"
    culture = "culture"
    social_economy = "social_economy"
    circular_economy = "circular_economy"
    climate_transition = "climate_transition"
    public_service = "public_service"
    other = "other"


class OccupantType(StrEnum):
    association = "association"
    collective = "collective"
    social_enterprise = "social_enterprise"
    public_service = "public_service"
    individual = "individual"


# What the features above sites may follow (portal.features.Feature.subscriptions), sent by the operations inside
# their transaction with the site as sender.
EVENTS = Namespace()
site_published = EVENTS.signal("site-published")   # on the public list from now on (needs are matched against it)

P = PublicationStatus
publication_workflow = Workflow({
    P.draft: {P.submitted},
    P.returned: {P.submitted},
    P.submitted: {P.published, P.returned},
    P.published: {P.draft},
}, attribute="publication")
transition = publication_workflow.transition

PUBLICATION_LABELS = {
    P.draft: _l("Not published"),
    P.submitted: _l("Publication requested"),
    P.published: _l("Published"),
    P.returned: _l("Sent back by the Guichet"),
}

# The colour of each state's badge (Bootstrap's text-bg-…): the badge macro of portal/ui/templates/_macros.html.
PUBLICATION_BADGES = {PublicationStatus.draft: "secondary", PublicationStatus.submitted: "secondary",
                      PublicationStatus.published: "success", PublicationStatus.returned: "secondary"}

NEXT_STEP = {
    P.draft: _l("The owner completes the site and its units, then asks the Guichet to publish it."),
    P.submitted: _l("The Guichet checks the site and publishes it or sends it back with a reason."),
    P.published: _l("The site is on the public list and map. The owner keeps its occupancies up to date."),
    P.returned: _l("The owner corrects the site as the Guichet asked, then asks again for publication."),
}

SITE_KIND_LABELS = {SiteKind.built: _l("Built"), SiteKind.unbuilt: _l("Unbuilt land")}

UNIT_KIND_LABELS = {
    UnitKind.studio: _l("Studio"),
    UnitKind.flat: _l("Flat"),
    UnitKind.house: _l("House"),
    UnitKind.room: _l("Room"),
    UnitKind.floor: _l("Floor"),
    UnitKind.plot: _l("Plot of land"),
    UnitKind.other: _l("Other space"),
}

USE_LABELS = {
    UseCategory.emergency_housing: _l("Emergency housing"),
    UseCategory.housing_insertion: _l("Housing insertion"),
    UseCategory.culture: _l("Culture"),
    UseCategory.social_economy: _l("Social economy"),
    UseCategory.circular_economy: _l("Circular economy"),
    UseCategory.climate_transition: _l("Climate transition"),
    UseCategory.public_service: _l("Public-service outpost"),
    UseCategory.other: _l("Other use"),
}

OCCUPANT_TYPE_LABELS = {
    OccupantType.association: _l("Association"),
    OccupantType.collective: _l("Collective"),
    OccupantType.social_enterprise: _l("Social enterprise"),
    OccupantType.public_service: _l("Public service"),
    OccupantType.individual: _l("Individual project"),
}

# The status of a site as a whole on a given day (filters and seed 004's table).
SITE_STATUS_LABELS = {
    "ongoing": _l("Occupied"),
    "planned": _l("Occupancy planned"),
    "ended": _l("Occupancy ended"),
    "vacant": _l("No occupancy yet"),  # never occupied (whether it can still be had is its availability)
}

# The statuses the public list filters on: "vacant" (no occupant on the day) is not among them, since it said
# nothing of whether the site could still be had; the availability filter says that.
SITE_STATUS_FILTERS = {key: label for key, label in SITE_STATUS_LABELS.items() if key != "vacant"}

# What a visitor of the public list means by a free site (occupancies.queries.available_on).
AVAILABILITY_LABELS = {
    "now": _l("Available now"),
    "date": _l("Available on a date"),
    "all": _l("All published sites, past ones included"),
}

OCCUPANCY_STATUS_LABELS = {
    "planned": _l("Planned"),
    "ongoing": _l("Ongoing"),
    "ended": _l("Ended"),
}

EQUIPMENT = {
    "water": _l("Water"),
    "heating": _l("Heating"),
    "electricity": _l("Electricity"),
    "step_free": _l("Step-free access"),
    "public_transport": _l("Near public transport"),
}
