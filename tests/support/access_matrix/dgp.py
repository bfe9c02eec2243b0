"""Access matrix of the public management right: the capped rents are public; the index series are the Guichet's,
which its admins keep."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from occupancies.dgp.models import IndexValue
from occupancies.dgp.workflow import Series
from portal.extensions import db
from tests.support.access_matrix import answer, guichet


def make_dgp_world() -> None:
    """A value of each series: the pages show their tables (and the phones' crawl lays them out)."""
    db.session.add_all([IndexValue(series=Series.health, month=date(2022, 8, 1), value=Decimal("123.68")),
                        IndexValue(series=Series.abex, month=date(2022, 5, 1), value=Decimal("1000.00"))])

EXPECTED = {
    # The rents are public: every role, another tenant's admin too, reads them.
    ("dgp.rents", "GET"): answer(200, other_owner_admin=200),
    # The Guichet's pages: its staff (admins record, moderators read); every organisation's member finds nothing,
    # owner-b's admin (another tenant) as much as owner-a's.
    ("guichet_dgp.indices", "GET"): {**guichet(200), "other_owner_admin": 404},
    ("guichet_dgp.record", "POST"): {**guichet(422, moderator=403), "other_owner_admin": 404},
}
