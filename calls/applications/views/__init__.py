"""Blueprints of applications: the occupant's applications, and the documents served to those allowed; the owner's
and the Guichet's pages of a call's applications extend the calls' own blueprints (views.owner, views.guichet)."""
from calls.applications import operations as ops  # the operations the views call (tests patch one through here)
from calls.applications.views import guichet, owner  # noqa: F401 - their routes join the calls' blueprints
from calls.applications.views.files import bp as application_files
from calls.applications.views.member import bp as applications

BLUEPRINTS = (applications, application_files)
__all__ = ("BLUEPRINTS", "ops")
