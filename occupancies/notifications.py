from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    site__publication_requested=Kind(
        _l("Publication requested: %(site)s"),
        _l("A public owner asks the Guichet to publish this site on the public list and map."),
    ),
    site__published=Kind(
        _l("%(site)s is published"),
        _l("The Guichet has published the site: it is now on the public list, on the map and in the open data."),
    ),
    site__returned=Kind(
        _l("%(site)s was sent back by the Guichet"),
        _l("The Guichet gave this reason: %(reason)s"),
    ),
    site__withdrawn=Kind(
        _l("%(site)s is no longer published"),
    ),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "site.created": _l("Site created"),
    "site.updated": _l("Site details updated"),
    "site.publication_requested": _l("Publication requested"),
    "site.published": _l("Published by the Guichet"),
    "site.returned": _l("Sent back by the Guichet"),
    "site.withdrawn": _l("Publication withdrawn"),
    "site.protection_changed": _l("Protected place marked or lifted"),
    "site.unit_added": _l("Unit added"),
    "site.unit_updated": _l("Unit updated"),
    "site.unit_removed": _l("Unit removed"),
    "site.photo_added": _l("Photo added"),
    "site.photo_removed": _l("Photo removed"),
    "site.occupancy_recorded": _l("Occupancy recorded"),
    "site.occupancy_updated": _l("Occupancy updated"),
    "site.occupancy_removed": _l("Occupancy removed"),
}
