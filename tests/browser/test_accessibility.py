"""WCAG 2.1 A and AA checks with axe-core on every page of the foundation, the sites, the calls and their
evaluation, in French and in Dutch.

axe (tests/browser/vendor/axe.min.js, vendored: no CDN) is injected into the rendered page; the context bypasses
the Content-Security-Policy only so that this test script may run (the portal forbids inline scripts). A page
fails on any violation whose impact is "serious" or "critical"; the message names the rule, its help and the
first elements concerned.

The site pages read a published site ({site}: one unit, one ongoing occupancy) and a site waiting for the Guichet
({submitted}), made through occupancies.operations. Requests that leave the live server (map tiles) are aborted;
a page with the public map is checked once its markers are drawn. The evaluation pages read a call under
evaluation and a decided one, written as rows by `records_at_every_step` (a few milliseconds per test); so is the
agreement in force that the owner's administrator reads (its forms collapsed), while the drafting form starts from the
decided call's selected application; the agreement's reports are scheduled by its operation, the first one
submitted (for the owner to read) and the last a draft (for the occupant to fill), and the figures count them.
A public sharing session of the Guichet next week ({sharing_session}), full with occupant-a's editor waiting,
has a shared link and a facilitator.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from occupancies.workflow import PublicationStatus, UnitKind
from tests.support.browser import make_site_as_owner

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
TARGETS_SHOWN = 3

ANONYMOUS = None
OWNER_ADMIN = "owner.admin@example.org"  # the standard cast of tests.factories.make_world
GUICHET_ADMIN = "guichet.admin@example.org"
OCCUPANT_EDITOR = "occupant.editor@example.org"
PENDING_ADMIN = "pending.admin@example.org"

# (test id, path, who is signed in). {pending} is the id of the world's pending registration; {site} and
# {submitted} are the sites of the `sites` fixture, the others the calls and applications of
# `records_at_every_step`.
PAGES = [
    ("landing", "/", ANONYMOUS),
    ("contact", "/contact", ANONYMOUS),
    ("help", "/help", ANONYMOUS),
    ("privacy", "/privacy", ANONYMOUS),
    ("accessibility", "/accessibility", ANONYMOUS),
    ("login", "/login", ANONYMOUS),
    ("register", "/register", ANONYMOUS),
    ("password-forgot", "/password/forgot", ANONYMOUS),
    ("owner-dashboard", "/o/owner-a/", OWNER_ADMIN),
    ("owner-members", "/o/owner-a/members", OWNER_ADMIN),
    ("owner-profile", "/o/owner-a/organisation", OWNER_ADMIN),
    ("pending-profile", "/o/pending-c/organisation", PENDING_ADMIN),
    ("inbox", "/inbox", OWNER_ADMIN),
    ("account", "/account", OWNER_ADMIN),
    ("guichet-dashboard", "/guichet/", GUICHET_ADMIN),
    ("guichet-organisations", "/guichet/organisations", GUICHET_ADMIN),
    ("guichet-organisation", "/guichet/organisations/{pending}", GUICHET_ADMIN),
    ("sites", "/sites", ANONYMOUS),
    ("sites-table", "/sites?view=table", ANONYMOUS),
    ("public-site", "/sites/{site}", ANONYMOUS),
    ("open-data", "/open-data/", ANONYMOUS),
    ("supply-and-demand", "/figures", ANONYMOUS),
    ("needs", "/needs", OWNER_ADMIN),
    ("owner-sites", "/o/owner-a/sites/", OWNER_ADMIN),
    ("owner-site-new", "/o/owner-a/sites/new", OWNER_ADMIN),
    ("owner-site", "/o/owner-a/sites/{site}", OWNER_ADMIN),
    ("guichet-sites", "/guichet/sites/", GUICHET_ADMIN),
    ("guichet-site", "/guichet/sites/{submitted}", GUICHET_ADMIN),
    ("calls", "/calls", ANONYMOUS),
    ("public-call", "/calls/{call}", OCCUPANT_EDITOR),
    ("owner-calls", "/o/owner-a/calls/", OWNER_ADMIN),
    ("owner-call", "/o/owner-a/calls/{call}", OWNER_ADMIN),
    ("owner-call-new", "/o/owner-a/calls/new?site_id={site}", OWNER_ADMIN),
    ("guichet-calls", "/guichet/calls/", GUICHET_ADMIN),
    ("guichet-call", "/guichet/calls/{submitted_call}", GUICHET_ADMIN),
    ("applications", "/o/occupant-a/applications/", OCCUPANT_EDITOR),
    ("application", "/o/occupant-a/applications/{application}", OCCUPANT_EDITOR),
    ("evaluation", "/o/owner-a/calls/{evaluated_call}/evaluation/", OWNER_ADMIN),
    ("evaluation-application",
     "/o/owner-a/calls/{evaluated_call}/evaluation/applications/{evaluated_application}", OWNER_ADMIN),
    ("evaluation-ranking", "/o/owner-a/calls/{evaluated_call}/evaluation/ranking", OWNER_ADMIN),
    ("application-result", "/o/occupant-a/applications/{decided_application}", OCCUPANT_EDITOR),
    ("agreement", "/o/owner-a/agreements/{agreement}", OWNER_ADMIN),
    ("agreement-new", "/o/owner-a/agreements/new?application_id={decided_application}", OWNER_ADMIN),
    ("owner-reports", "/o/owner-a/reports/", OWNER_ADMIN),
    ("report-to-read", "/o/owner-a/reports/{submitted_report}", OWNER_ADMIN),
    ("report-to-fill", "/o/occupant-a/reports/{draft_report}", OCCUPANT_EDITOR),
    ("owner-figures", "/o/owner-a/reports/figures", OWNER_ADMIN),
    ("guichet-figures", "/guichet/figures/", GUICHET_ADMIN),
    ("sessions", "/sessions/", ANONYMOUS),
    ("session", "/sessions/{sharing_session}", OCCUPANT_EDITOR),
    ("library", "/library", ANONYMOUS),
    ("initiatives", "/initiatives", ANONYMOUS),
    ("facilitators", "/facilitators", ANONYMOUS),
    ("organiser-session", "/o/guichet/sessions/{sharing_session}", GUICHET_ADMIN),
    ("organiser-session-new", "/o/guichet/sessions/new", GUICHET_ADMIN),
    ("guichet-library", "/guichet/library/", GUICHET_ADMIN),
    ("guichet-facilitator", "/guichet/library/facilitators/new", GUICHET_ADMIN),
]
LANGUAGES = ["fr", "nl"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}"""


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        more = len(v["targets"]) - TARGETS_SHOWN
        targets = ", ".join(v["targets"][:TARGETS_SHOWN]) + (f" (and {more} more)" if more > 0 else "")
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}\n      on {targets}\n      see {v['helpUrl']}")
    return "\n".join(lines)


@pytest.fixture
def sites(app, world):
    """{site}: published, one unit occupied by occupant-a today; {submitted}: waiting for the Guichet."""
    return {
        "site": make_site_as_owner(app, "Ancienne école du Tilleul", units=((UnitKind.floor, "Rez-de-chaussée"),),
                                   occupant_slug="occupant-a"),
        "submitted": make_site_as_owner(app, "Ancien dépôt de la rue Haute", commune="bruxelles", postcode="1000",
                                        latitude=50.838, longitude=4.349, publication=PublicationStatus.submitted),
    }


@pytest.fixture
def records_at_every_step(app, world, sites):
    """The sites, plus {call}: open on the published site, with a question and occupant-a's draft application;
    {submitted_call}: waiting for the Guichet; {evaluated_call}: under evaluation, occupant-a's application
    ({evaluated_application}) with a disagreement still to discuss and a selection that misses the mix targets;
    and occupant-a's application selected on a decided call ({decided_application}); {agreement}: owner-a's
    agreement with occupant-a on the published site, signed by both and in force."""
    from calls.workflow import CallStatus
    from occupancies.models import Site
    from portal.extensions import db
    from portal.organisations.models import Organisation
    from tests.support.calls import make_application, make_call, make_question

    with app.test_request_context():
        site = db.session.get(Site, sites["site"])
        occupant = db.session.get(Organisation, world.occupant)
        call = make_call(site, title="Rez-de-chaussée de l’école du Tilleul")
        make_question(call, occupant, answer=True)
        make_question(call, occupant, "Peut-on visiter le samedi ?")
        application = make_application(call, occupant)
        submitted = make_call(site, title="Cour de l’école", status=CallStatus.submitted)
        evaluated = _evaluated(site, world)
        agreement = _in_force(site, world)
        reports = _reported(agreement, world)
        sharing = _shared(world)
        db.session.commit()
        return {**sites, "call": call.id, "submitted_call": submitted.id, "application": application.id, **evaluated,
                "agreement": agreement, **reports, "sharing_session": sharing}


def _evaluated(site, world) -> dict:
    """Two closed calls of the site, written as rows (the evaluation's own rules are the web tests' business):
    one under evaluation, one decided. In both, occupant-a (culture) and occupant-b (circular economy) applied
    for one unit each, and two evaluators scored them; the admin does not evaluate."""
    from datetime import timedelta

    from calls.applications.workflow import ApplicationStatus
    from calls.evaluation.models import (
        ConflictDeclaration,
        Consensus,
        Decision,
        EligibilityMark,
        Evaluator,
        Score,
        ScoreSheet,
        Selection,
    )
    from calls.workflow import CallStatus
    from occupancies.workflow import UseCategory
    from portal import clock
    from portal.extensions import db
    from portal.organisations.models import Organisation
    from portal.roles import Role
    from tests.support.calls import make_application, make_call
    from tests.support.factories import make_member
    from tests.support.sites import make_unit

    now = clock.now()
    units = [site.units[0], make_unit(site, "Premier étage")]
    applicants = [db.session.get(Organisation, world.occupant), db.session.get(Organisation, world.other_occupant)]
    sam = make_member(db.session.get(Organisation, world.owner), Role.evaluator, "sam.second@example.org",
                      name="Sam Second", language="nl")
    made = {}
    for status, title in ((CallStatus.evaluation, "Classes de l’école du Tilleul"),
                          (CallStatus.decided, "Préau de l’école du Tilleul")):
        call = make_call(site, status=status, title=title, deadline=now - timedelta(days=3), units=units,
                         min_social_share=50, min_use_categories=2)
        applications = []
        uses = (UseCategory.culture, UseCategory.circular_economy)
        for applicant, use, unit in zip(applicants, uses, units, strict=True):
            application = make_application(call, applicant, status=ApplicationStatus.submitted,
                                           summary=f"Le projet de {applicant.name_fr}")
            application.use_category, application.requested_units = use, [unit.id]
            applications.append(application)
        evaluators = [Evaluator(call_id=call.id, user_id=user, declared_at=now)
                      for user in (world.owner_evaluator, sam.id)]
        db.session.add_all(evaluators)
        db.session.flush()
        for evaluator, applicant in ((e, a) for e in evaluators for a in applicants):
            db.session.add(ConflictDeclaration(evaluator_id=evaluator.id, applicant_id=applicant.id, conflict=False))
        # Eva and Sam disagree on occupant-a's first criterion (5 and 1: a spread above a third of the scale).
        for application, sheets in zip(applications, (((5, 4, 3), (1, 4, 3)), ((3, 3, 3), (3, 2, 3))), strict=False):
            db.session.add(EligibilityMark(application_id=application.id, condition_id=call.conditions[0].id,
                                           met=True))
            for evaluator, values in zip(evaluators, sheets, strict=False):
                sheet = ScoreSheet(application_id=application.id, evaluator_id=evaluator.id, submitted_at=now)
                sheet.scores = [Score(criterion_id=c.id, score=v, justification=f"Note {v} : voir le dossier.")
                                for c, v in zip(call.criteria, values, strict=False)]
                db.session.add(sheet)
        if status == CallStatus.evaluation:
            # The disagreement is still to discuss; occupant-b alone is proposed: both mix targets are missed.
            db.session.add(Selection(call_id=call.id, application_id=applications[1].id, unit_ids=[units[1].id]))
            made.update(evaluated_call=call.id, evaluated_application=applications[0].id)
        else:
            db.session.add(Consensus(application_id=applications[0].id, criterion_id=call.criteria[0].id,
                                     outcome="Après discussion, accord sur 4.", score=4))
            db.session.add(Selection(call_id=call.id, application_id=applications[0].id, unit_ids=[units[0].id]))
            db.session.add(Decision(call_id=call.id, reasons_fr="Le projet le mieux classé.",
                                     reasons_nl="Het best gerangschikte project.", decided_at=now))
            applications[0].status, applications[1].status = ApplicationStatus.selected, ApplicationStatus.not_selected
            made.update(decided_call=call.id, decided_application=applications[0].id)
    db.session.flush()
    return made


def _in_force(site, world) -> int:
    """owner-a's agreement with occupant-a on the site's first unit (the occupancy the site already shows), written
    as rows (the agreement's own rules are the web tests' business): signed by both for four months, the checklist
    done (the insurance certificate given), the exit inventory still to record."""
    from datetime import timedelta

    from occupancies.agreements.models import Agreement, AgreementVersion, ChecklistItem, Signature
    from occupancies.agreements.workflow import AgreementStatus, ChecklistKind, VersionStatus
    from occupancies.workflow import UseCategory
    from portal import clock
    from portal.extensions import db

    now, start = clock.now(), clock.today() - timedelta(days=120)
    digest = "ab12" * 16
    version = AgreementVersion(
        number=1, status=VersionStatus.signed, owner_representative="Olga Owner", owner_representative_role="Échevine",
        occupant_representative="Otto Occupant", occupant_representative_role="Président",
        unit_ids=[site.units[0].id], purpose_fr="Un atelier de quartier.", purpose_nl="Een buurtatelier.",
        use_category=UseCategory.culture, start_date=start, end_date=start + timedelta(days=730),
        sent_at=now - timedelta(days=150), document_digest=digest)
    version.signatures = [
        Signature(party="occupant", user_id=world.occupant_admin, signer_name="Otto Occupant",
                  organisation_id=world.occupant, document_digest=digest, signed_at=now - timedelta(days=140)),
        Signature(party="owner", user_id=world.owner_admin, signer_name="Olga Owner", organisation_id=world.owner,
                  document_digest=digest, signed_at=now - timedelta(days=139))]
    done = now - timedelta(days=121)
    checklist = [ChecklistItem(kind=kind, done_at=None if kind == ChecklistKind.exit_inventory else done,
                               done_by_id=None if kind == ChecklistKind.exit_inventory else world.owner_admin,
                               note="Visite du SIAMU : conforme." if kind == ChecklistKind.fire_safety else "")
                 for kind in ChecklistKind]
    checklist[0].file, checklist[0].original_name = "0" * 32 + ".pdf", "attestation-assurance.pdf"
    agreement = Agreement(organisation_id=world.owner, site_id=site.id, occupant_id=world.occupant,
                          reference=f"CONV-{start.year}-0001", status=AgreementStatus.active, language="fr",
                          versions=[version], checklist=checklist)
    db.session.add(agreement)
    db.session.flush()
    return agreement.id


def _reported(agreement_id, world) -> dict:
    """The agreement's quarterly reports as its schedule makes them; the first submitted with its counts."""
    from occupancies.agreements.models import Agreement
    from occupancies.reports.operations import schedule_reports, submit_report
    from portal.accounts.models import User
    from portal.extensions import db

    reports = schedule_reports(db.session.get(Agreement, agreement_id))
    submit_report(reports[0], {"activities": 6, "audience": 140, "incidents": "Aucun incident.",
                               "neighbourhood": "Bons contacts avec l’école voisine."},
                  actor=db.session.get(User, world.occupant_admin))
    return {"submitted_report": reports[0].id, "draft_report": reports[-1].id}


def _shared(world) -> int:
    """A public sharing session of the Guichet next week, full with one person waiting, a link and a
    facilitator."""
    from datetime import timedelta

    from occupancies.sharing.models import Facilitator, Registration, Resource
    from occupancies.sharing.workflow import Audience, RegistrationStatus, ResourceKind, Theme
    from portal import clock
    from portal.extensions import db
    from tests.support.sharing import make_session

    facilitator = Facilitator(name="Julie Verbeke", structure="Atelier Commun", languages=["fr", "nl"],
                              themes=["neighbourhood"], bio_fr="Anime des démarches participatives.",
                              bio_nl="Begeleidt participatietrajecten.", website="https://example.org")
    db.session.add(facilitator)
    db.session.flush()
    session = make_session(world.guichet, title="Vivre ensemble dans une école occupée", capacity=1,
                           audience=Audience.public, start=clock.now() + timedelta(days=7),
                           facilitator_id=facilitator.id)
    db.session.add_all([
        Registration(session_id=session.id, user_id=world.owner_admin, organisation_id=world.owner,
                     status=RegistrationStatus.registered),
        Registration(session_id=session.id, user_id=world.occupant_editor, organisation_id=world.occupant,
                     status=RegistrationStatus.waiting),
        Resource(session_id=session.id, theme=Theme.neighbourhood, kind=ResourceKind.link,
                 title_fr="Charte de bon voisinage", title_nl="Charter voor goed nabuurschap",
                 url="https://example.org/charte")])
    db.session.flush()
    return session.id


@pytest.mark.parametrize(("path", "user"), [pytest.param(path, user, id=name) for name, path, user in PAGES])
def test_page_has_no_serious_accessibility_violation(path, user, world, records_at_every_step, new_context, sign_in):
    """The page in French, then in Dutch, in one browser context: signed in once, its assets loaded once."""
    context = new_context(bypass_csp=True)
    context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort())  # no map tiles here
    page = context.new_page()
    if user:
        sign_in(page, user)
    found = []
    for language in LANGUAGES:
        url = path.format(pending=world.pending, **records_at_every_step)
        url += ("&" if "?" in url else "?") + f"lang={language}"
        response = page.goto(url)
        assert response is not None and response.ok, f"{url} answered {response and response.status}"
        assert page.locator("html").get_attribute("lang") == language
        if page.locator("#sites-map").count():
            page.wait_for_selector("#sites-map[data-loaded]", state="attached")  # the markers are drawn
        page.add_script_tag(path=str(AXE))
        blocking = [v for v in page.evaluate(RUN_AXE, WCAG_TAGS) if v["impact"] in BLOCKING]
        if blocking:
            found.append(f"{url} ({language}) has serious or critical WCAG 2.1 AA violations:\n{describe(blocking)}")
    assert not found, "\n".join(found)
