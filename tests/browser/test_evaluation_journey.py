"""The evaluation of a closed call (issue 6), in a real browser, from the evaluators' assignment to the report.

owner-a's call has closed with three applications (A: culture, B: circular economy, C: emergency housing) on three
units, and asks for half the units for social purposes and two uses at least. Its administrator assigns two
evaluators; Eva declares a conflict with C, Sam none; the administrator marks the three applications eligible;
they score (Eva and Sam disagree on A's first criterion), the administrator records the outcome of the
discussion; on the ranking she selects B alone, which misses both mix targets, reads the warning, adds A, and
records the decision. Each applicant then reads its own result in its own language (A in Dutch, B and C in
French), nothing of the others; the evaluation report opens as a PDF in French and in Dutch. Screenshots go to
test-artifacts/evaluation/.

Selectors rely on ids, names and form actions; visible texts are checked where the journey's point is what a
person reads (the warning, the result), through the catalogues (flask_babel), not hard-coded.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.models import Call
from calls.workflow import CallStatus
from occupancies.workflow import UseCategory
from portal import clock
from portal.extensions import db
from portal.organisations.models import Organisation
from portal.roles import OrganisationKind, Role
from tests.support.browser import submit, translated
from tests.support.calls import make_application, make_call
from tests.support.factories import make_member, make_org
from tests.support.sites import make_site, make_unit

pytestmark = pytest.mark.browser

ADMIN, EVA, SAM = "owner.admin@example.org", "owner.evaluator@example.org", "sam.second@example.org"
# Who reads each applicant's result, and in which language (the user's own, set on their account).
READERS = {"a": ("occupant.editor@example.org", "nl"),  # Emma Editor of the standard cast reads Dutch
           "b": ("b.lecteur@example.org", "fr"), "c": ("c.admin@example.org", "fr")}
NAMES = {"a": "Asbl A", "b": "Asbl B", "c": "Asbl C"}
SLUGS = {"a": "occupant-a", "b": "occupant-b", "c": "occupant-c"}
CONFLICT_NOTE = "J’ai présidé le conseil d’administration de l’Asbl C jusqu’en 2025."

# Scores (0 to 5) on the three criteria (weights 50, 30, 20). Eva declares a conflict with C: Sam alone scores it.
# A: Eva 5 and Sam 2 on the first criterion, a spread of 3 > 5/3: flagged; agreed on 4, A makes 40 + 24 + 12 = 76.
# B: 45 + 24 + 16 = 85. C: 20 + 12 + 8 = 40. Ranking: B, A, C; B and A selected: the threshold is A's 76.
SCORES = {"eva": {"a": (5, 4, 3), "b": (5, 4, 4)},
          "sam": {"a": (2, 4, 3), "b": (4, 4, 4), "c": (2, 2, 2)}}
AGREED = 4


@dataclass
class Evaluation:
    call: int
    units: list[int]
    applications: dict[str, int]      # "a", "b", "c" -> application id
    applicants: dict[str, int]        # "a", "b", "c" -> organisation id
    criteria: list[int]
    condition: int
    eva: int
    sam: int


def a_closed_call(app, world) -> Evaluation:
    """owner-a's call, closed yesterday, on three units (targets: 50 % social purpose, two uses), with the
    applications of occupant-a (culture), occupant-b (circular economy) and occupant-c (emergency housing), each
    asking for one unit; a second evaluator, and a French reader in occupant-b and occupant-c."""
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        site = make_site(owner, "École Ransfort")
        units = [make_unit(site, f"Classe {n}") for n in (1, 2, 3)]
        call = make_call(site, status=CallStatus.closed, title="Appel Ransfort",
                         deadline=clock.now() - timedelta(days=1), min_social_share=50, min_use_categories=2,
                         units=units)
        sam = make_member(owner, Role.evaluator, SAM, name="Sam Second", language="nl")
        occupant_b = db.session.get(Organisation, world.other_occupant)
        make_member(occupant_b, Role.editor, READERS["b"][0], name="Bea Lecteur", language="fr")
        occupant_c = make_org(SLUGS["c"], kind=OrganisationKind.occupant, name=NAMES["c"])
        make_member(occupant_c, Role.admin, READERS["c"][0], name="Cleo C", language="fr")
        organisations = {"a": db.session.get(Organisation, world.occupant), "b": occupant_b, "c": occupant_c}
        uses = {"a": UseCategory.culture, "b": UseCategory.circular_economy, "c": UseCategory.emergency_housing}
        applications = {}
        for n, (key, organisation) in enumerate(organisations.items()):
            application = make_application(call, organisation, status=ApplicationStatus.submitted,
                                           summary=f"Projet {key.upper()}")
            application.use_category = uses[key]
            application.requested_units = [units[n].id]
            applications[key] = application.id
        db.session.commit()
        return Evaluation(call=call.id, units=[u.id for u in units], applications=applications,
                          applicants={k: o.id for k, o in organisations.items()},
                          criteria=[c.id for c in call.criteria], condition=call.conditions[0].id,
                          eva=world.owner_evaluator, sam=sam.id)


def base(ev, path="/") -> str:
    return f"/o/owner-a/calls/{ev.call}/evaluation{path}"


def app_url(ev, key) -> str:
    return base(ev, f"/applications/{ev.applications[key]}")


def declare(page, ev, conflicts: dict[str, str]) -> None:
    """From the overview, the evaluator's declaration: a conflict (with its note) or none, for each applicant."""
    page.goto(base(ev))
    with page.expect_navigation():
        page.locator(f"main a[href='{base(ev, '/declare')}']").click()
    for key, organisation in ev.applicants.items():
        page.check(f"input[name=conflict_{organisation}][value={'yes' if key in conflicts else 'no'}]")
        if key in conflicts:
            page.fill(f"textarea[name=note_{organisation}]", conflicts[key])


def score(page, ev, key, values) -> None:
    """The evaluator's sheet of one application: every criterion scored and justified, then submitted."""
    page.goto(app_url(ev, key))
    for criterion, value in zip(ev.criteria, values, strict=False):
        page.select_option(f"select[name=score_{criterion}]", str(value))
        page.fill(f"textarea[name=justification_{criterion}]", f"Note {value} : motivée par le dossier.")
    with page.expect_navigation():
        page.check("#sheet input[name=confirm]")   # submitted scores no longer change: the box says so
        page.locator("#sheet button[name=submit]").click()
    assert page.locator("#sheet form[action$='/scores']").count() == 0, f"the sheet of {key} was not submitted"


def save_selection(page, ev, picks: set[str]) -> None:
    """Tick exactly the applications in `picks` (their requested units are already ticked) and save."""
    for key, application in ev.applications.items():
        page.set_checked(f"#pick_{application}", key in picks)
    submit(page, "form#selection-form")


def the_status(app, ev):
    with app.app_context():
        call = db.session.get(Call, ev.call)
        applications = {k: db.session.get(Application, i).status for k, i in ev.applications.items()}
        return call.status, applications


def test_a_closed_call_is_evaluated_decided_and_each_applicant_reads_its_own_result(
        app, world, live_server, new_context, sign_in, screenshot):
    ev = a_closed_call(app, world)

    # 1. The owner's admin (who reads French) assigns the two evaluators: the evaluation starts.
    admin = new_context().new_page()
    sign_in(admin, ADMIN)
    admin.goto(base(ev) + "?lang=fr")
    admin.check(f"input[name=evaluators][value='{ev.eva}']")
    admin.check(f"input[name=evaluators][value='{ev.sam}']")
    submit(admin, f"form[action='{base(ev, '/evaluators')}']")
    assert the_status(app, ev)[0] == CallStatus.evaluation

    # 2. Eva declares a conflict with C, with a word of why; Sam declares none.
    eva = new_context().new_page()
    sign_in(eva, EVA)
    declare(eva, ev, {"c": CONFLICT_NOTE})
    screenshot(eva, "evaluation/01-declaration")
    submit(eva, f"form[action='{base(ev, '/declare')}']")
    assert eva.locator(f"#evaluation-table a[href='{app_url(ev, 'a')}']").count() == 1
    assert eva.locator(f"#evaluation-table a[href='{app_url(ev, 'c')}']").count() == 0, "Eva may open C"
    sam = new_context(locale="nl-BE").new_page()
    sign_in(sam, SAM)
    declare(sam, ev, {})
    submit(sam, f"form[action='{base(ev, '/declare')}']")

    # 3. The admin marks the three applications eligible.
    for key in ev.applications:
        admin.goto(app_url(ev, key))
        admin.check(f"input[name=met_{ev.condition}][value=yes]")
        submit(admin, "form[action$='/eligibility']")
        assert admin.locator("main h1 + .badge.text-bg-success").count() == 1, f"{key} is not marked eligible"

    # 4. The evaluators score; Eva never reads C.
    for key, values in SCORES["eva"].items():
        score(eva, ev, key, values)
    response = eva.goto(app_url(ev, "c"))
    assert response is not None and response.status == 404
    for key, values in SCORES["sam"].items():
        score(sam, ev, key, values)

    # 5. A's first criterion is flagged; the admin records the outcome of the discussion and the agreed score.
    first = ev.criteria[0]
    admin.goto(app_url(ev, "a"))
    assert admin.locator(f"#criterion-{first} .badge.text-bg-warning").is_visible(), "no disagreement flagged"
    assert admin.locator(f"#criterion-{ev.criteria[1]} .badge").count() == 0
    screenshot(admin, "evaluation/02-application-with-a-disagreement")
    admin.fill(f"textarea[name='c{first}-outcome']", "Après discussion, le projet est jugé solide : accord sur 4.")
    admin.select_option(f"select[name='c{first}-score']", str(AGREED))
    submit(admin, f"form[action='{app_url(ev, 'a')}/consensus/{first}']")
    assert admin.locator(f"#criterion-{first} .badge.text-bg-info").is_visible(), "the outcome is not recorded"
    assert "76,00" in admin.inner_text("main h1 + .badge ~ span")

    # 6. The ranking: B, A, C. B alone misses both mix targets: the warning is shown and the selection kept.
    admin.goto(base(ev))
    with admin.expect_navigation():
        admin.locator(f"main a[href='{base(ev, '/ranking')}']").click()
    rows = admin.locator("#ranking-table tbody tr")
    assert [rows.nth(n).locator("td").nth(1).inner_text().split("\n")[0] for n in range(3)] == \
        [NAMES["b"], NAMES["a"], NAMES["c"]]
    assert "85,00" in rows.nth(0).inner_text() and "40,00" in rows.nth(2).inner_text()
    save_selection(admin, ev, {"b"})
    missed = translated(app, "fr", "Target missed:")
    mix = admin.inner_text("#mix")
    assert mix.count(missed) == 2, f"the two missed targets are not both shown:\n{mix}"
    assert admin.locator(f"#pick_{ev.applications['b']}").is_checked()
    screenshot(admin, "evaluation/03-ranking-with-a-missed-target")

    # She adds A (culture, a social purpose): half the units, two uses; the warning is gone. She decides.
    save_selection(admin, ev, {"a", "b"})
    assert missed not in admin.inner_text("#mix")
    assert admin.locator("#mix.border-warning").count() == 0
    assert admin.locator("input[name=accept_missed_targets]").count() == 0
    admin.fill("#reasons_fr", "Les deux projets les mieux classés ; la mixité demandée par l’appel est atteinte.")
    admin.fill("#reasons_nl", "De twee best gerangschikte projecten; de door de oproep gevraagde mix is bereikt.")
    admin.check(f"form[action='{base(ev, '/decision')}'] input[name=confirm]")
    submit(admin, f"form[action='{base(ev, '/decision')}']")
    status, applications = the_status(app, ev)
    assert status == CallStatus.decided, admin.inner_text("main")[:2000]
    assert applications == {"a": ApplicationStatus.selected, "b": ApplicationStatus.selected,
                            "c": ApplicationStatus.not_selected}

    # 7. Each applicant reads its own result, in its own language, and nothing of the others.
    expected = {"a": ("2", "76,00"), "b": ("1", "85,00"), "c": ("3", "40,00")}
    for key, (email, language) in READERS.items():
        reader = new_context(locale=f"{language}-BE").new_page()
        sign_in(reader, email)
        response = reader.goto(f"/o/{SLUGS[key]}/applications/{ev.applications[key]}")
        assert response is not None and response.ok, f"{key}: {response and response.status}"
        assert reader.locator("html").get_attribute("lang") == language
        rank, own = expected[key]
        result = reader.inner_text("#result")
        for text in (translated(app, language, "Result of the evaluation"),
                     translated(app, language, "%(rank)s of %(ranked)d applications ranked", rank=rank, ranked=3),
                     translated(app, language, "%(score)s / 100 (the lowest score selected)", score="76,00")):
            assert text in result, f"{key} ({language}) does not read {text!r}:\n{result}"
        justification = f"Note {SCORES['sam'][key][0]} : motivée par le dossier."
        assert f"{own} / 100" in result and justification in result, result
        page_text = reader.inner_text("body")
        others = [name for other, name in NAMES.items() if other != key and name in page_text]
        assert not others, f"{key}'s page names another applicant: {others}"
        scores_of_others = {expected[other][1] for other in expected if other != key} - {"76,00"}  # A's: the threshold
        for hidden in ("Eva Evaluator", "Sam Second", CONFLICT_NOTE, *scores_of_others):
            assert hidden not in page_text, f"{key}'s page shows {hidden!r}"
        if key != "b":
            screenshot(reader, f"evaluation/04-result-of-{key}-in-{language}")

    # 8. The evaluation report opens as a PDF, in French and in Dutch.
    admin.goto(base(ev))
    for language in ("fr", "nl"):
        url = base(ev, f"/report.pdf?language={language}")
        assert admin.locator(f"main a[href='{url}']").count() == 1, f"no link to the {language} report"
        response = admin.context.request.get(live_server + url)
        assert response.status == 200, f"{url} answered {response.status}"
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
