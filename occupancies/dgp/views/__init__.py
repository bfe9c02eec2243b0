"""Blueprints of the public management right: the capped rents and the personal calendar of deadlines (public.py);
the index series the Guichet keeps (guichet.py); an operator's cases (operator.py); the cases an organisation is
invited to support (supported.py)."""
from occupancies.dgp.views.guichet import bp as guichet_dgp
from occupancies.dgp.views.operator import bp as dgp_cases
from occupancies.dgp.views.public import bp as dgp
from occupancies.dgp.views.supported import bp as dgp_supported

BLUEPRINTS = (dgp, guichet_dgp, dgp_cases, dgp_supported)
