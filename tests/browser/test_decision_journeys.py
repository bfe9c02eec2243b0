"""What users tripped on around applications, decisions and publication (issue 17, items 6 to 10 and 14), in a real
browser, in French at 1,280 pixels and in Dutch on a 390-pixel phone.

- An applicant submits an incomplete application: every missing answer is flagged at once, beside its field, and a
  summary at the top links to each (the link puts the focus in the field); the submission then asks to confirm
  that the application is sealed, and refuses while the box is not ticked.
- An evaluator submits their scores only once they confirm the scores no longer change.
- The Guichet approves a call only once it confirms what publishing cannot undo; the call then waits for its date.
- The administrator records the decision only once she confirms it is final; the decided evaluation, the owner's
  dashboard and /agreements/new then lead to each selected application's agreement.
- Each applicant reads the decision's reasons and how to contest it, by when, in its own language; the public call
  says who receives an appeal.
- The owner's draft says what it lacks before it can be sent; once approved, when it goes public.

Screenshots go to test-artifacts/decisions/.
"""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask_babel import force_locale, ngettext

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.models import Call
from calls.workflow import CallStatus
from occupancies.workflow import PublicationStatus
from portal import clock
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.browser import submit, translated
from tests.support.calls import make_application, make_call
from tests.support.evaluation import (
    DECISION,
    application_url,
    assign,
    declare,
    evaluation_url,
    make_evaluation,
    mark_eligibility,
    propose,
    record_decision,
    scored_evaluation,
)
from tests.support.sites import make_site, make_unit

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "nl-BE"}
# Each journey runs twice: in French on a desktop, in Dutch on a phone.
WAYS = [pytest.param("fr", {}, id="fr-1280"), pytest.param("nl", PHONE, id="nl-390")]


def _fits(page, where: str) -> None:
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{where} is wider than {width}px"


def _status(app, model, row_id):
    with app.app_context():
        return db.session.get(model, row_id).status


# 9 and 7: an incomplete application, then its confirmation ---------------------------------------------------------

@pytest.fixture
def draft(app, world):
    """occupant-a's empty draft to owner-a's open call (three criteria, one condition)."""
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort",
                         publication=PublicationStatus.published)
        call = make_call(site, title="Appel Ransfort", units=[make_unit(site, "Rez-de-chaussée")])
        application = make_application(call, db.session.get(Organisation, world.occupant), complete=False)
        db.session.commit()
        return SimpleNamespace(id=application.id, criteria=[c.id for c in call.criteria],
                               conditions=[c.id for c in call.conditions])


@pytest.mark.parametrize(("language", "options"), WAYS)
def test_an_incomplete_application_shows_every_problem_then_asks_to_confirm(
        app, world, draft, new_context, sign_in, screenshot, language, options):
    page = sign_in(new_context(**options).new_page(), "occupant.admin@example.org", lang=language)
    url = f"/o/occupant-a/applications/{draft.id}"
    page.goto(url)
    page.fill(f"#answer_{draft.criteria[0]}", "Un atelier de réparation ouvert au quartier.")
    submit(page, "form#application-form")
    # Submitted incomplete and unconfirmed: every problem at once, the summary first.
    submit(page, "form#submit-form")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    links = summary.locator("a")
    expected = ["summary", "use_category", "occupant_type", f"answer_{draft.criteria[1]}",
                f"answer_{draft.criteria[2]}", f"statement_{draft.conditions[0]}"]
    hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
    assert hrefs == [f"#{f}" for f in [*expected, "confirm"]]   # the box to tick last, after the answers
    with app.test_request_context(), force_locale(language):
        heading = ngettext("%(num)d answer is missing or needs correcting:",
                           "%(num)d answers are missing or need correcting:", 6)
    assert heading in summary.inner_text()
    for field in [*expected, "confirm"]:
        assert page.locator(f"#{field}-error").is_visible(), f"no message beside #{field}"
    assert translated(app, language, "Tick the box to confirm: this step cannot be undone.") in \
        page.inner_text("#confirm-error")
    _fits(page, "the application with its problems")
    screenshot(page, f"decisions/09-application-problems-{language}")
    # A link of the summary brings the person to the field, focused.
    links.nth(3).click()
    assert page.evaluate("document.activeElement.id") == f"answer_{draft.criteria[1]}"
    assert _status(app, Application, draft.id) == ApplicationStatus.draft

    # Completed, then submitted without the box: refused, and the box says why.
    page.fill("#summary", "Un atelier de réparation ouvert au quartier.")
    page.select_option("#use_category", "circular_economy")
    page.select_option("#occupant_type", "association")
    for field in expected[3:]:
        page.fill(f"#{field}", "Oui : voir notre projet. / Ja: zie ons project.")
    submit(page, "form#application-form")
    submit(page, "form#submit-form")
    assert page.locator("#confirm-error").is_visible()
    assert page.locator("#summary-error").count() == 0
    page.locator("#confirm").scroll_into_view_if_needed()
    screenshot(page, f"decisions/07-application-confirmation-{language}")
    assert _status(app, Application, draft.id) == ApplicationStatus.draft
    page.check("#confirm")
    submit(page, "form#submit-form")
    assert _status(app, Application, draft.id) == ApplicationStatus.submitted


# 7: the Guichet's approval -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "options"), WAYS)
def test_the_guichet_confirms_what_approving_cannot_undo(app, world, new_context, sign_in, screenshot, language,
                                                        options):
    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort",
                         publication=PublicationStatus.submitted)
        call = make_call(site, status=CallStatus.submitted, title="Appel Ransfort", units=[make_unit(site, "Rez")],
                         publication_at=clock.now() + timedelta(days=2))   # planned in two days
        db.session.commit()
        call_id = call.id
    page = sign_in(new_context(**options).new_page(), "guichet.moderator@example.org", lang=language)
    page.goto(f"/guichet/calls/{call_id}")
    submit(page, "form#approve-form")
    assert page.locator("#confirm-error").is_visible()
    assert _status(app, Call, call_id) == CallStatus.submitted
    _fits(page, "the Guichet's review")
    screenshot(page, f"decisions/07-guichet-approval-{language}")
    page.check("#confirm")
    submit(page, "form#approve-form")
    assert _status(app, Call, call_id) == CallStatus.approved
    assert page.locator("#calls-approved").is_visible()
    screenshot(page, f"decisions/08-guichet-approved-waiting-{language}")


# 7 and 10: scores, the decision, and the way to the agreements ----------------------------------------------------

@pytest.fixture
def evaluation(app, world, make_client):
    """owner-a's closed call (tests.support.evaluation): evaluators assigned and declared, every sheet submitted and
    the disagreement settled, through the pages; A and B proposed for selection."""
    ev, clients = scored_evaluation(app, world, make_client)
    assert propose(clients.admin, ev, {"a": [0, 1], "b": [2]}).status_code == 303
    return ev


@pytest.mark.parametrize(("language", "options"), WAYS)
def test_an_evaluator_confirms_before_the_scores_are_final(app, world, new_context, sign_in, screenshot,
                                                         make_client, language, options):
    with app.app_context():
        ev = make_evaluation()
    admin, editor = make_client().login(world.owner_admin), make_client().login(world.owner_editor)
    assign(admin, ev, world.owner_evaluator)
    declare(make_client().login(world.owner_evaluator), ev)
    mark_eligibility(editor, ev, "a")
    page = sign_in(new_context(**options).new_page(), "owner.evaluator@example.org", lang=language)
    page.goto(application_url(ev, "a"))
    for criterion in ev.criteria:
        page.select_option(f"select[name=score_{criterion}]", "4")
        page.fill(f"textarea[name=justification_{criterion}]", "Projet solide. / Solide project.")
    with page.expect_navigation():
        page.locator("#sheet button[name=submit]").click()
    assert page.locator("#confirm-error").is_visible()
    page.locator("#confirm").scroll_into_view_if_needed()
    _fits(page, "the evaluator's sheet")
    screenshot(page, f"decisions/07-scores-confirmation-{language}")
    page.check("#sheet input[name=confirm]")
    with page.expect_navigation():
        page.locator("#sheet button[name=submit]").click()
    assert page.locator("#sheet form[action$='/scores']").count() == 0, "the sheet was not submitted"


@pytest.mark.parametrize(("language", "options"), WAYS)
def test_the_decision_is_confirmed_then_leads_to_its_agreements(app, world, evaluation, new_context, sign_in,
                                                               screenshot, language, options):
    ev = evaluation
    page = sign_in(new_context(**options).new_page(), "owner.admin@example.org", lang=language)
    page.goto(evaluation_url(ev, "/ranking"))
    page.fill("#reasons_fr", "Les deux projets les mieux classés ; la mixité demandée est atteinte.")
    page.fill("#reasons_nl", "De twee best gerangschikte projecten; de gevraagde mix is bereikt.")
    submit(page, "form[action$='/decision']")
    assert page.locator("#confirm-error").is_visible()
    assert _status(app, Call, ev.call) == CallStatus.evaluation
    page.locator("#confirm").scroll_into_view_if_needed()
    screenshot(page, f"decisions/07-decision-confirmation-{language}")
    page.check("#confirm")
    submit(page, "form[action$='/decision']")
    assert _status(app, Call, ev.call) == CallStatus.decided

    # The decided evaluation leads to each selected application's agreement.
    assert page.url.endswith(evaluation_url(ev, "/"))
    draft_a = f"/o/owner-a/agreements/new?application_id={ev.applications['a']}"
    assert page.locator(f"#agreements a[href='{draft_a}']").is_visible()
    _fits(page, "the decided evaluation")
    screenshot(page, f"decisions/10-decided-evaluation-{language}")

    # So does the dashboard, and /agreements/new.
    page.goto("/o/owner-a/")
    assert page.locator(f"main a[href='{draft_a}']").count() == 1
    _fits(page, "the owner's dashboard")
    screenshot(page, f"decisions/10-dashboard-{language}")
    page.goto("/o/owner-a/agreements/new")
    assert page.locator(f"#after-a-call a[href='{draft_a}']").is_visible()
    _fits(page, "/agreements/new")
    screenshot(page, f"decisions/10-agreements-new-{language}")
    with page.expect_navigation():
        page.locator(f"#after-a-call a[href='{draft_a}']").click()
    assert draft_a in page.url and "Projet A" in page.content()


# 6: the decision in each applicant's language, and how to contest it ------------------------------------------------

APPEAL = {"appeal_body_fr": "le Collège des bourgmestre et échevins, par lettre recommandée, place Communale 1",
          "appeal_body_nl": "het College van burgemeester en schepenen, met een aangetekende brief, Gemeenteplein 1",
          "appeal_days": 30}
READERS = {"fr": ("c.admin@example.org", "occupant-c", "c"), "nl": ("d.admin@example.org", "occupant-d", "d")}


@pytest.mark.parametrize(("language", "options"), WAYS)
def test_each_applicant_reads_the_reasons_and_how_to_contest_in_its_language(
        app, world, evaluation, make_client, new_context, sign_in, screenshot, language, options):
    ev = evaluation
    with app.app_context():
        call = db.session.get(Call, ev.call)
        for name, value in APPEAL.items():
            setattr(call, name, value)
        db.session.commit()
    assert record_decision(make_client().login(world.owner_admin), ev).status_code == 303
    email, slug, key = READERS[language]
    page = sign_in(new_context(**options).new_page(), email)   # each reads in its account's language
    page.goto(f"/o/{slug}/applications/{ev.applications[key]}")
    result = page.inner_text("#result")
    assert DECISION[f"reasons_{language}"] in result and APPEAL[f"appeal_body_{language}"] in result
    other = "nl" if language == "fr" else "fr"
    assert DECISION[f"reasons_{other}"] not in result
    _fits(page, "the applicant's result")
    screenshot(page, f"decisions/06-result-{language}")
    page.goto(f"/calls/{ev.call}")
    assert APPEAL[f"appeal_body_{language}"] in page.inner_text("#appeal")
    screenshot(page, f"decisions/06-public-call-{language}")


# 14 and 8: what the owner's draft still lacks, and when the approved call goes public ---------------------------

@pytest.mark.parametrize(("language", "options"), WAYS)
def test_the_owner_sees_what_the_draft_lacks_then_when_it_goes_public(
        app, world, new_context, sign_in, screenshot, make_client, language, options):
    from calls.models import Criterion

    with app.app_context():
        site = make_site(db.session.get(Organisation, world.owner), "École Ransfort",
                         publication=PublicationStatus.published)
        call = make_call(site, status=CallStatus.draft, title="Appel Ransfort", units=[make_unit(site, "Rez")],
                         publication_at=clock.now() + timedelta(days=2))
        call.criteria = [Criterion(position=0, label_fr="Qualité du projet", label_nl="Kwaliteit", weight=70)]
        db.session.commit()
        call_id = call.id
    page = sign_in(new_context(**options).new_page(), "owner.editor@example.org", lang=language)
    page.goto(f"/o/owner-a/calls/{call_id}")
    assert page.locator("#missing li").count() == 2   # the weights (70 of 100), how to contest
    _fits(page, "the owner's draft call")
    screenshot(page, f"decisions/14-draft-lacks-{language}")
    with app.app_context():
        call = db.session.get(Call, call_id)
        call.criteria[0].weight = 100
        for name, value in APPEAL.items():
            setattr(call, name, value)
        db.session.commit()
    page.goto(f"/o/owner-a/calls/{call_id}")
    submit(page, f"form[action='/o/owner-a/calls/{call_id}/submit']")
    guichet = make_client().login(world.guichet_moderator)
    assert guichet.post(f"/guichet/calls/{call_id}/publish", {"confirm": "y"}).status_code == 303
    page.goto(f"/o/owner-a/calls/{call_id}")
    assert page.locator("#publication").is_visible()
    screenshot(page, f"decisions/08-owner-approved-{language}")


@pytest.mark.parametrize(("language", "options"), WAYS)
def test_a_paged_ranking_keeps_the_selection_made_on_each_page(app, world, make_client, new_context, sign_in,
                                                               screenshot, monkeypatch, language, options):
    """Two lines a page (500 applications make ten pages of fifty): A is selected on the first page, D on the
    second; saving the second keeps A, and the list under the ranking names both."""
    from calls.evaluation import queries

    monkeypatch.setattr(queries, "RANKING_PAGE_SIZE", 2)
    ev, _clients = scored_evaluation(app, world, make_client)     # ranked: A, B, then D
    page = sign_in(new_context(**options).new_page(), "owner.admin@example.org", lang=language)
    page.goto(evaluation_url(ev, "/ranking"))
    assert translated(app, language, "Page %(page)d of %(pages)d", page=1, pages=2) in page.inner_text("main")
    a, d = ev.applications["a"], ev.applications["d"]
    page.check(f"#pick_{a}")
    assert page.is_checked(f"#units_{a}_{ev.units[0]}") and page.is_checked(f"#units_{a}_{ev.units[1]}")
    submit(page, "#selection-form")
    assert page.url.endswith("/ranking#mix")
    page.locator(".pagination a").last.click()                          # Next
    page.wait_for_url("**/ranking?page=2")
    assert page.locator(f"#pick_{a}").count() == 0
    page.check(f"#pick_{d}")
    assert page.is_checked(f"#units_{d}_{ev.units[3]}")
    submit(page, "#selection-form")
    assert page.url.endswith("/ranking?page=2#mix")
    summary = page.locator("#selection").inner_text()
    assert "Asbl A" in summary and "Asbl D" in summary
    _fits(page, "the second page of the ranking")
    screenshot(page, f"decisions/ranking-second-page-{language}")
    with app.app_context():
        board = queries.board(db.session.get(Call, ev.call))
        assert {line.application.id: line.selected_units for line in board.selection} == {
            a: [ev.units[0], ev.units[1]], d: [ev.units[3]]}                # the units each asked for, offered ticked
