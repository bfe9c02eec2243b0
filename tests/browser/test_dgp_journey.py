"""The index series of the public management right (issue 19), in a real browser: the Guichet's administrator
records the health index of August 2023 from the moderation menu (French, 1,280 px), a value with three decimals
refused first beside its field; a visitor reads the maximum rents of 1 January 2024 on a phone, in Dutch.

Selectors rely on ids, names and links; what a person reads is checked through the catalogues."""
from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import func, select

from occupancies.dgp import rules
from occupancies.dgp.models import IndexValue
from portal.accounts.models import User
from portal.extensions import db
from portal.i18n import format_money
from tests.support.browser import submit, translated

pytestmark = pytest.mark.browser

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "nl-BE"}


def test_the_guichet_records_an_index_and_the_public_reads_the_rents_it_gives(app, world, live_server, new_context,
                                                                             sign_in, screenshot):
    with app.app_context():
        db.session.get(User, world.guichet_admin).language = "fr"
        db.session.commit()
    with time_machine.travel(NOW, tick=True):
        guichet = sign_in(new_context().new_page(), "guichet.admin@example.org", lang="fr")
        guichet.click("#moderation-menu")
        with guichet.expect_navigation():
            guichet.click("a[href='/guichet/dgp/indices']")
        assert translated(app, "fr", "Index series of the public management right") in guichet.inner_text("h1")
        guichet.select_option("#series", "health")
        guichet.fill("#month", "2023-08")
        guichet.fill("#value", "126.545")        # a number field: the browser writes it in its locale
        submit(guichet, "main form[action='/guichet/dgp/indices']")
        assert translated(app, "fr", "Give the value with two decimals at most, as it is published.") in \
            guichet.inner_text("#value-error")
        with app.app_context():
            assert db.session.scalar(select(func.count(IndexValue.id))) == 0
        guichet.fill("#value", "126.55")
        submit(guichet, "main form[action='/guichet/dgp/indices']")
        assert translated(app, "fr", "The value is recorded: the rents and caps it indexes follow it.") in \
            guichet.inner_text("main")
        assert "126,55" in guichet.inner_text("#table-health")
        screenshot(guichet, "dgp/01-indices-fr")

        visitor = new_context(**PHONE).new_page()
        visitor.goto("/dgp/rents?lang=nl")
        assert translated(app, "nl", "Maximum rents under the public management right") in visitor.inner_text("h1")
        assert translated(app, "nl", "On 1 January %(year)d", year=2024) in visitor.inner_text("#rents-title")
        table = visitor.inner_text("#rents-table")
        with app.test_request_context():
            for kind, bedrooms in ((rules.DwellingKind.studio, 0), (rules.DwellingKind.house, 3)):
                cap = rules.rent_cap(kind, bedrooms, Decimal("126.55"))
                assert format_money(cap, "nl") in table
        screenshot(visitor, "dgp/02-rents-nl-phone")
