"""What needs tell people: an association, when a place that meets its needs is published, and the two parties of a
proposal, of each step of it. A message's e-mail says only that it is there: its text stays in the portal."""
from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

KINDS = dict(
    needs__match=Kind(
        _l("A place meets your needs: %(offer)s"),
        _l("%(owner)s offers “%(offer)s”, in %(commune)s. It meets these needs of your association, each with its "
           "score out of 100 and why:\n%(needs)s\nSee the place and answer the owner from the portal."),
    ),
    needs__expiring=Kind(
        _l("Your need “%(need)s” expires on %(day)s"),
        _l("If your association still looks for this place, confirm the need on the portal: it stays published 3 "
           "more months. Otherwise it leaves the lists and the figures on %(day)s."),
        essential=True,
    ),
    needs__search_alert=Kind(
        _l("New for your search “%(search)s”: %(item)s"),
        _l("It has just been published and your saved search keeps it. You can stop this search's alerts from the "
           "list of your searches."),
    ),
    needs__proposal_received=Kind(
        _l("%(owner)s proposes a site for your need"),
        _l("%(owner)s proposes its site “%(site)s” for your need “%(need)s”: the units, the period and the terms "
           "are on the portal. Accept it, which drafts the agreement, or decline it with your reason."),
    ),
    needs__proposal_accepted=Kind(
        _l("%(association)s accepts your proposal of “%(site)s”"),
        _l("%(association)s accepts “%(site)s” for its need “%(need)s”. The agreement %(reference)s is drafted on the "
           "proposal's terms: complete it and send it for signature."),
    ),
    needs__proposal_declined=Kind(
        _l("%(association)s declines your proposal of “%(site)s”"),
        _l("%(association)s declines “%(site)s” for its need “%(need)s”. Its reason: %(reason)s"),
    ),
    needs__proposal_withdrawn=Kind(
        _l("%(owner)s withdraws its proposal of “%(site)s”"),
        _l("%(owner)s withdraws the proposal of its site “%(site)s” for your need “%(need)s”."),
    ),
    needs__proposal_message=Kind(
        _l("A message from %(from)s about “%(site)s”"),
        _l("%(from)s writes to you about the proposal of “%(site)s” for the need “%(need)s”. Read it and answer on "
           "the portal."),
    ),
)
