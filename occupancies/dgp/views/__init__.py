"""Blueprints of the public management right: the capped rents, public (public.py); the index series the Guichet
keeps (guichet.py)."""
from occupancies.dgp.views.guichet import bp as guichet_dgp
from occupancies.dgp.views.public import bp as dgp

BLUEPRINTS = (dgp, guichet_dgp)
