"""Blueprints of organisations: registration and invitations (public), the members' pages, the Guichet's pages."""
from portal.organisations.views.guichet import guichet
from portal.organisations.views.member import bp as organisations
from portal.organisations.views.public import public as registration

BLUEPRINTS = (registration, organisations, guichet)
