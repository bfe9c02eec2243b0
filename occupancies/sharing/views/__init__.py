"""Blueprints of sharing: the sessions, library, initiatives and facilitators for everyone they are meant for
(public.py), the organiser's pages in its own space (organiser.py), the Guichet's toolbox (guichet.py)."""
from occupancies.sharing.views.guichet import bp as guichet_library
from occupancies.sharing.views.organiser import bp as session_admin
from occupancies.sharing.views.public import bp as sessions

BLUEPRINTS = (sessions, session_admin, guichet_library)
