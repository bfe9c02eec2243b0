"""Blueprints of the public management right: the capped rents, public (public.py); the index series the Guichet
keeps (guichet.py); an operator's cases (operator.py)."""
from occupancies.dgp.views.guichet import bp as guichet_dgp
from occupancies.dgp.views.operator import bp as dgp_cases
from occupancies.dgp.views.public import bp as dgp

BLUEPRINTS = (dgp, guichet_dgp, dgp_cases)
