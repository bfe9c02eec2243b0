"""The second factor in a real browser (issue 21). In French at 1,280 px, occupant-a's administrator, whose second
factor a Guichet admin has reset, signs in with his password alone and is reminded to set one up; the agreement
waiting for his signature sends him to set it up first. He scans (here: reads) the key, mistypes the first code,
then confirms, keeps his ten recovery codes, and signs with his password and a code. Signed out, he comes back with
a recovery code. On a phone in Dutch, owner-a's administrator signs in with her code and signs in turn.

Selectors rely on ids, names and form actions; what a person reads is checked through the catalogues."""
from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest

from occupancies.agreements.models import Agreement
from occupancies.agreements.workflow import AgreementStatus
from portal import clock
from portal.accounts.models import User
from portal.extensions import db
from tests.support.agreements import make_sent_agreement
from tests.support.browser import submit, translated, type_code
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "nl-BE"}
OTTO, OLGA = "occupant.admin@example.org", "owner.admin@example.org"


def status_of(app, agreement_id: int):
    with app.app_context():
        return db.session.get(Agreement, agreement_id).status


def test_an_admin_sets_up_the_second_factor_signs_with_it_and_comes_back_with_a_recovery_code(
        app, world, new_context, sign_in, sign_out, screenshot):
    agreement_id = make_sent_agreement(app, world)
    with app.app_context():      # as after a Guichet admin's reset: no second factor, a period to set it up
        otto = db.session.get(User, world.occupant_admin)
        otto.totp_secret, otto.recovery_codes, otto.language = None, [], "fr"
        db.session.commit()
    url = f"/o/occupant-a/agreements/{agreement_id}"

    # 1. The password alone opens his account, for now; every page reminds him.
    page = new_context().new_page()
    sign_in(page, OTTO)
    assert page.locator("#second-factor-reminder").is_visible()
    assert translated(app, "fr", "Set it up") in page.inner_text("#second-factor-reminder")

    # 2. The agreement waits for his signature: it is signed with a code, so he sets the second factor up first.
    page.goto(url)
    assert page.locator("#sign-needs-second-factor").is_visible() and page.locator("#sign #code").count() == 0
    with page.expect_navigation():
        page.locator("#sign a[href='/account/second-factor/']").click()
    submit(page, "form[action='/account/second-factor/start']")
    assert page.locator("svg.qr-code").is_visible()
    screenshot(page, "second-factor/01-set-up-with-the-qr-code")
    key = page.inner_text("#totp-key").replace(" ", "")
    page.fill("#code", "000000")
    submit(page, "form[action='/account/second-factor/confirm']")
    assert page.get_attribute("#code", "aria-invalid") == "true"
    assert page.inner_text("#code-error") == translated(
        app, "fr", "This is not the code your application shows for Entretemps: check that the phone's time is right "
        "and type the six digits shown now.")
    page.fill("#code", pyotp.TOTP(key).at(clock.now()))
    submit(page, "form[action='/account/second-factor/confirm']")
    codes = re.findall(r"[a-z0-9]{5}-[a-z0-9]{5}", page.inner_text("#recovery-codes"))
    assert len(codes) == 10
    screenshot(page, "second-factor/02-ten-recovery-codes")

    # 3. He signs with his password and the next code of his application (now's was used to confirm).
    page.goto(url)
    page.fill("#sign #password", PASSWORD)
    page.fill("#sign #code", pyotp.TOTP(key).at(clock.now() + timedelta(seconds=30)))
    submit(page, f"form[action='{url}/sign']")
    assert status_of(app, agreement_id) == AgreementStatus.signed_by_occupant
    assert page.locator("#second-factor-reminder").count() == 0

    # 4. Signed out, he comes back without his phone: a recovery code, once.
    sign_out(page)
    page.goto("/login")
    page.fill("#email", OTTO)
    page.fill("#password", PASSWORD)
    submit(page)
    assert page.url.endswith("/login/code")
    page.fill("#code", codes[0])
    submit(page)
    assert "/login" not in page.url
    screenshot(page, "second-factor/03-back-with-a-recovery-code")

    # 5. On a phone, in Dutch, owner-a's administrator signs in with her code and signs in turn.
    olga = new_context(**PHONE).new_page()
    olga.goto("/login?lang=nl")
    olga.fill("#email", OLGA)
    olga.fill("#password", PASSWORD)
    submit(olga)
    assert olga.url.endswith("/login/code")
    assert translated(app, "nl", "Second factor") in olga.inner_text("main h1")
    olga.fill("#code", "12")
    submit(olga)
    assert olga.inner_text("#code-error") == translated(
        app, "nl", "This code is not right or has expired: type the six digits your application shows now.")
    type_code(app, olga, OLGA)
    olga.goto(f"/o/owner-a/agreements/{agreement_id}")
    olga.fill("#sign #password", PASSWORD)
    type_code(app, olga, OLGA, "#sign #code", submit=False)
    screenshot(olga, "second-factor/04-signing-with-a-code-on-a-phone")
    submit(olga, f"form[action='/o/owner-a/agreements/{agreement_id}/sign']")
    assert status_of(app, agreement_id) == AgreementStatus.signed
