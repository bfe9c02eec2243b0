"""Blueprints of sites and occupancies: the owner's register, the Guichet's moderation, the public list and
map, and the open data."""
from occupancies.views.guichet import bp as guichet_sites  # noqa: F401
from occupancies.views.open_data import bp as open_data  # noqa: F401
from occupancies.views.owner import bp as sites  # noqa: F401
from occupancies.views.public import bp as public_sites  # noqa: F401

BLUEPRINTS = (sites, guichet_sites, public_sites, open_data)
