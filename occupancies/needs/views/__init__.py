"""Blueprints of needs: an association's own (association.py), and the current needs for whoever may read them
(public.py)."""
from occupancies.needs.views.association import bp as needs
from occupancies.needs.views.public import bp as public_needs

BLUEPRINTS = (public_needs, needs)
