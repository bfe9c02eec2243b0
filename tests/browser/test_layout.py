"""No page is wider than the window: the header of an owner with a long name, in Dutch (the longest labels),
fits at 1,280 and 1,024 pixels (below 1,200 its navigation collapses)."""
from __future__ import annotations

import pytest

from portal.accounts.models import User
from portal.extensions import db
from portal.organisations.models import Organisation

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_header_fits_the_window(app, world, new_context, sign_in, width):
    with app.app_context():
        owner = db.session.get(Organisation, world.owner)
        owner.name_fr, owner.name_nl = "Commune de Molenbeek-Saint-Jean", "Gemeente Sint-Jans-Molenbeek"
        db.session.get(User, world.owner_admin).name = "Nathalie Dupont-Vandenberghe"
        db.session.commit()
    page = sign_in(new_context(viewport={"width": width, "height": 900}).new_page(), "owner.admin@example.org",
                   lang="nl")
    for path in ("/o/owner-a/", "/sessions/", "/o/owner-a/reports/figures"):
        page.goto(path + "?lang=nl")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} overflows at {width}px"
