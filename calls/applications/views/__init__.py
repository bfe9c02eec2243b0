"""Blueprints of applications: the occupant's applications, and the documents served to those allowed."""
from calls.applications import operations as ops  # the operations the views call (tests patch one through here)
from calls.applications.views.files import bp as application_files
from calls.applications.views.member import bp as applications

BLUEPRINTS = (applications, application_files)
__all__ = ("BLUEPRINTS", "ops")
