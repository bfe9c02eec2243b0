"""Blueprints of reports: each party's reports and the owner's figures in its own space (member.py, owner.py), the
region's figures for the Guichet (guichet.py)."""
from occupancies.reports.views import owner  # noqa: F401  (the owner's figures, on the reports blueprint)
from occupancies.reports.views.guichet import bp as guichet_figures
from occupancies.reports.views.member import bp as reports

BLUEPRINTS = (reports, guichet_figures)
