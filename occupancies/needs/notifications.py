"""What needs tell people: an association, when a place that meets its needs is published."""
from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

KINDS = dict(
    needs__match=Kind(
        _l("A place meets your needs: %(offer)s"),
        _l("%(owner)s offers “%(offer)s”, in %(commune)s. It meets these needs of your association, each with its "
           "score out of 100 and why:\n%(needs)s\nSee the place and answer the owner from the portal."),
    ),
)
