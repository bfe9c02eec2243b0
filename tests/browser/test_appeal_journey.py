"""An appeal from lodging to answer (issue 21), in a real browser. On a phone in Dutch, occupant-d's administrator,
not selected, reads his result and contests the decision: his empty appeal is refused beside the field, then lodged
with his reasons and a document. At 1,280 px in French, owner-a's administrator (with her second factor) finds the
appeal on her dashboard, reads it, is refused an answer without reasons, and rejects it with reasons; the agreement
of the call waits meanwhile. Back on the phone, the applicant reads the answer, and the call's public page says
where things stand.

Selectors rely on ids, names and form actions; what a person reads is checked through the catalogues."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from calls.appeals.models import Appeal
from calls.models import Call
from portal.accounts.models import User
from portal.extensions import db
from tests.support.browser import submit, translated
from tests.support.evaluation import propose, record_decision, scored_evaluation
from tests.support.sites import PDF

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "nl-BE"}
REASONS = "Ons project werd op het criterium lokale verankering te laag gescoord: wij zijn er al tien jaar actief."
ANSWER = "Le critère d'ancrage local a été appliqué de la même manière à chaque candidature."


def test_an_appeal_is_lodged_on_a_phone_and_answered_by_the_owner(app, world, make_client, new_context, sign_in,
                                                                  screenshot, tmp_path):
    evaluation, clients = scored_evaluation(app, world, make_client)
    with app.app_context():
        call = db.session.get(Call, evaluation.call)
        call.appeal_body_fr, call.appeal_body_nl = "le collège communal", "het gemeentecollege"
        call.appeal_days, call.standstill_days = 15, 10
        db.session.get(User, world.owner_admin).language = "fr"        # Olga reads French
        db.session.commit()
    assert propose(clients.admin, evaluation, {"a": [0, 1], "b": [2]}).status_code == 303
    assert record_decision(clients.admin, evaluation).status_code == 303
    application_url = f"/o/occupant-d/applications/{evaluation.applications['d']}"

    # 1. Dirk reads his result on his phone, in Dutch, and contests it.
    dirk = new_context(**PHONE).new_page()
    sign_in(dirk, "d.admin@example.org")
    dirk.goto(application_url)
    assert dirk.locator("#appeals").is_visible()
    with dirk.expect_navigation():
        dirk.locator(f"#appeals a[href='/o/occupant-d/appeals/new/{evaluation.applications['d']}']").click()
    submit(dirk, "main form[enctype='multipart/form-data']")
    assert dirk.get_attribute("#reasons", "aria-invalid") == "true"
    assert dirk.inner_text("#reasons-error") == translated(
        app, "nl", "Say why you contest the decision: what the evaluation missed or got wrong.")
    dirk.fill("#reasons", REASONS)
    document = tmp_path / "bewijzen.pdf"
    document.write_bytes(PDF)
    dirk.set_input_files("#document", str(document))
    screenshot(dirk, "appeals/01-lodged-on-a-phone-in-dutch")
    submit(dirk, "main form[enctype='multipart/form-data']")
    with app.app_context():
        appeal = db.session.scalar(select(Appeal))
        assert appeal is not None and appeal.status == "lodged" and appeal.document_name == "bewijzen.pdf"
        appeal_id = appeal.id
    assert translated(app, "nl", "Waiting for the owner's answer") in dirk.inner_text("main")

    # 2. Olga, owner-a's admin, finds it on her dashboard and answers in French.
    olga = new_context().new_page()
    sign_in(olga, "owner.admin@example.org")
    olga.goto("/o/owner-a/")
    with olga.expect_navigation():
        olga.locator(f"main a[href='/o/owner-a/appeals/{appeal_id}']").first.click()
    assert REASONS in olga.inner_text("main")
    olga.check("input[name=outcome][value=rejected]")
    submit(olga, "#answer-form form")
    assert olga.inner_text("#answer-error") == translated(
        app, "fr", "Give the reasons of your answer: the applicant reads them.")
    assert olga.is_checked("input[name=outcome][value=rejected]")              # what was chosen is kept
    olga.fill("#answer", ANSWER)
    screenshot(olga, "appeals/02-the-owner-answers")
    submit(olga, "#answer-form form")
    with app.app_context():
        assert db.session.get(Appeal, appeal_id).status == "rejected"
    assert translated(app, "fr", "Your answer is recorded; the applicant and the Guichet are told.") in \
        olga.inner_text("main")

    # 3. Dirk reads the answer; the call's public page says where things stand.
    dirk.goto(f"/o/occupant-d/appeals/{appeal_id}")
    assert ANSWER in dirk.inner_text("#answer")
    screenshot(dirk, "appeals/03-the-answer-on-a-phone")
    visitor = new_context(**PHONE).new_page()
    visitor.goto(f"/calls/{evaluation.call}")
    standing = visitor.inner_text("#appeals-standing")
    assert translated(app, "nl", "%(num)d appeal rejected.", num=1) in standing and "Asbl D" not in standing
