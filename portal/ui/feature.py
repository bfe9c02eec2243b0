"""The shell's public pages: the landing page, the way to one's dashboard, the health check."""
from portal.features import Feature
from portal.ui.views import BLUEPRINTS

FEATURE = Feature(name="shell", blueprints=BLUEPRINTS)
