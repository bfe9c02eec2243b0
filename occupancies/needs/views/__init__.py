"""Blueprints of needs: an association's own (association.py), and the current needs for whoever may read them
(public.py), the proposals of a site to a need (proposals.py), and a person's saved searches (searches.py)."""
from occupancies.needs.views.association import bp as needs
from occupancies.needs.views.proposals import bp as proposals
from occupancies.needs.views.proposals import guichet_bp as guichet_proposals
from occupancies.needs.views.public import bp as public_needs
from occupancies.needs.views.searches import bp as searches

BLUEPRINTS = (public_needs, needs, proposals, guichet_proposals, searches)
