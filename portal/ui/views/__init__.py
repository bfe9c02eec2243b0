"""Blueprints of the shell: its few public pages."""
from portal.ui.views.public import bp as public

BLUEPRINTS = (public,)
