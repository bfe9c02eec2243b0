"""Blueprints of agreements: each party's agreements and the owner's clause library in its own space (member.py,
owner.py), the Guichet's clause library (guichet.py)."""
from occupancies.agreements.views import owner  # noqa: F401  (the owner's clause library, on the agreements blueprint)
from occupancies.agreements.views.guichet import bp as guichet_clauses
from occupancies.agreements.views.member import bp as agreements

BLUEPRINTS = (agreements, guichet_clauses)
