"""The evaluation of a closed call through its pages (issue 6): evaluators and their declarations, eligibility,
scores hidden until one's own are in, disagreements and their outcome, the ranking, the selection against the
mix targets, the decision and what each applicant (and the public) then reads."""
import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from calls.evaluation.models import ConflictDeclaration, Evaluator, ScoreSheet
from calls.models import Call
from calls.workflow import CallStatus
from portal.extensions import db
from portal.notifications.models import Notification
from tests.support.evaluation import make_evaluation
from tests.support.web import count_queries, field_error, outbox


@pytest.fixture
def evaluation(app, world):
    """owner-a's closed call, ready for its evaluation: four applications (a to d), a second evaluator
    (tests.support.evaluation.make_evaluation); gives their ids."""
    with app.app_context():
        return make_evaluation()


def base(evaluation, path=""):
    return f"/o/owner-a/calls/{evaluation.call}/evaluation{path}"


def app_url(evaluation, key, path=""):
    return base(evaluation, f"/applications/{evaluation.applications[key]}{path}")


def signed_in(make_client, user_id):
    return make_client().login(user_id)


def assign(admin, evaluation, *user_ids):
    return admin.post(base(evaluation, "/evaluators"), {"evaluators": [str(u) for u in user_ids]})


def declare(client, evaluation, conflicts=(), note="J'ai siégé à son conseil d'administration."):
    data = {}
    for key in "abcd":
        org = {"a": "occupant-a", "b": "occupant-b", "c": "occupant-c", "d": "occupant-d"}[key]
        with client.app.app_context():
            from portal.organisations.models import Organisation
            org_id = db.session.scalar(select(Organisation.id).where(Organisation.slug == org))
        data[f"conflict_{org_id}"] = "yes" if key in conflicts else "no"
        data[f"note_{org_id}"] = note if key in conflicts else ""
    return client.post(base(evaluation, "/declare"), data)


def eligibility(client, evaluation, key, met=True, reason=""):
    return client.post(app_url(evaluation, key, "/eligibility"), {f"met_{evaluation.condition}": "yes" if met else "no",
                                                                  f"reason_{evaluation.condition}": reason})


def scores(client, evaluation, key, values, *, submit=True, justification="Motivé par le dossier."):
    data = {}
    for criterion, value in zip(evaluation.criteria, values, strict=False):
        data[f"score_{criterion}"] = "" if value is None else str(value)
        data[f"justification_{criterion}"] = justification if value is not None else ""
    data["submit" if submit else "save"] = "1"
    if submit:
        data["confirm"] = "y"   # submitted scores no longer change: the box says so
    return client.post(app_url(evaluation, key, "/scores"), data)


@pytest.fixture
def clients(app, world, evaluation, make_client):
    """Signed-in clients: the owner's admin and editor, its two evaluators."""
    from types import SimpleNamespace

    return SimpleNamespace(admin=signed_in(make_client, world.owner_admin),
                           editor=signed_in(make_client, world.owner_editor),
                           eva=signed_in(make_client, world.owner_evaluator),
                           sam=signed_in(make_client, evaluation.evaluator2))


def started(app, world, evaluation, clients, *, eva_conflicts=("b",)):
    """Evaluators assigned and declared (Eva has a conflict with B), eligibility marked (C not eligible)."""
    assert assign(clients.admin, evaluation, world.owner_evaluator, evaluation.evaluator2).status_code == 303
    assert declare(clients.eva, evaluation, eva_conflicts).status_code == 303
    assert declare(clients.sam, evaluation).status_code == 303
    for key in "abd":
        assert eligibility(clients.editor, evaluation, key).status_code == 303
    assert eligibility(clients.editor, evaluation, "c", met=False,
                       reason="Les statuts ne sont pas publiés.").status_code == 303


def test_assigning_evaluators_starts_the_evaluation_and_tells_them(app, world, evaluation, clients):
    response = assign(clients.admin, evaluation, world.owner_editor)
    assert response.status_code == 422
    assert "evaluator or administrator role" in response.get_data(as_text=True)
    assert assign(clients.admin, evaluation).status_code == 422
    assert assign(clients.admin, evaluation, world.owner_evaluator, evaluation.evaluator2).status_code == 303
    with app.app_context():
        assert db.session.get(Call, evaluation.call).status == CallStatus.evaluation
        assert len(db.session.scalars(select(Evaluator)).all()) == 2
        kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == world.owner_evaluator))
        assert "evaluation.assigned" in list(kinds)
    # Only the admin assigns.
    assert assign(clients.editor, evaluation, world.owner_evaluator).status_code == 403


def test_an_evaluator_with_a_declared_conflict_cannot_open_that_application_by_any_route(app, world, evaluation,
                                                                                         clients):
    assign(clients.admin, evaluation, world.owner_evaluator, evaluation.evaluator2)

    def routes(key):
        return [app_url(evaluation, key),
                f"/o/owner-a/calls/{evaluation.call}/applications/{evaluation.applications[key]}",
                f"/o/owner-a/applications/{evaluation.applications[key]}/receipt.pdf"]

    # Before declaring, nothing opens.
    for url in routes("a"):
        assert clients.eva.get(url).status_code == 404, url
    page = clients.eva.get(base(evaluation, "/")).get_data(as_text=True)
    assert "Declare my conflicts of interest" in page
    # A conflict needs a word of why; nothing is half-saved.
    response = declare(clients.eva, evaluation, ("b",), note="")
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(ConflictDeclaration.id)) is None
    assert declare(clients.eva, evaluation, ("b",)).status_code == 303
    for url in routes("a"):
        assert clients.eva.get(url).status_code == 200, url
    for url in routes("b") + [app_url(evaluation, "b", "/eligibility"), app_url(evaluation, "b", "/scores")]:
        method = clients.eva.post if url.endswith(("/eligibility", "/scores")) else clients.eva.get
        assert method(url).status_code == 404, url
    # The declaration is kept and made once.
    assert "are made" in clients.eva.get(base(evaluation, "/declare"), follow_redirects=True).get_data(as_text=True)
    with app.app_context():
        kept = db.session.scalars(select(ConflictDeclaration).where(ConflictDeclaration.conflict.is_(True))).all()
        assert [d.note for d in kept] == ["J'ai siégé à son conseil d'administration."]
        assert "evaluation.conflict_declared" in db.session.scalars(
            select(Notification.kind).where(Notification.user_id == world.owner_admin)).all()
    # Her name is listed without a link on the overview, and the owner's list of applications has no link to B.
    overview = clients.eva.get(base(evaluation, "/")).get_data(as_text=True)
    assert "Your conflict of interest" in overview and app_url(evaluation, "b") not in overview


def test_an_evaluator_not_assigned_reads_nothing(app, world, evaluation, clients):
    assign(clients.admin, evaluation, evaluation.evaluator2)
    assert clients.eva.get(base(evaluation, "/")).status_code == 403
    assert clients.eva.get(
        f"/o/owner-a/calls/{evaluation.call}/applications/{evaluation.applications['a']}").status_code == 404


def test_eligibility_needs_a_reason_when_not_met_and_an_ineligible_application_leaves_the_ranking(
        app, world, evaluation, clients):
    assign(clients.admin, evaluation, world.owner_evaluator)
    response = eligibility(clients.editor, evaluation, "c", met=False)
    assert response.status_code == 422
    assert "the applicant will read it" in field_error(response.get_data(as_text=True),
                                                       f"reason_{evaluation.condition}")
    response = clients.editor.post(app_url(evaluation, "c", "/eligibility"), {})
    assert "Say whether this condition is met" in response.get_data(as_text=True)
    assert eligibility(clients.editor, evaluation, "c", met=False, reason="Pas de statuts.").status_code == 303
    page = clients.admin.get(base(evaluation, "/")).get_data(as_text=True)
    assert "Not eligible" in page


def test_evaluators_do_not_see_each_others_scores_before_submitting_their_own(app, world, evaluation, clients):
    started(app, world, evaluation, clients)
    assert scores(clients.eva, evaluation, "a", [5, 4, 3], justification="Projet solide selon Eva.").status_code == 303
    # Sam has not submitted: Eva's scores and words are hidden from him.
    page = clients.sam.get(app_url(evaluation, "a")).get_data(as_text=True)
    assert "Projet solide selon Eva." not in page and "hidden until you submit your own" in page
    # A draft is saved, still hidden.
    assert scores(clients.sam, evaluation, "a", [1, None, None], submit=False).status_code == 303
    assert "Projet solide selon Eva." not in clients.sam.get(app_url(evaluation, "a")).get_data(as_text=True)
    # Submitting needs every criterion, each justified.
    response = scores(clients.sam, evaluation, "a", [1, 4, None])
    assert response.status_code == 422
    assert "Score every criterion" in field_error(response.get_data(as_text=True), f"score_{evaluation.criteria[2]}")
    response = clients.sam.post(app_url(evaluation, "a", "/scores"),
                                {f"score_{evaluation.criteria[0]}": "3", "submit": "1", "confirm": "y"})
    assert "Justify the score" in field_error(response.get_data(as_text=True),
                                              f"justification_{evaluation.criteria[0]}")
    response = scores(clients.sam, evaluation, "a", [9, 4, 3])
    assert "from 0 to 5" in field_error(response.get_data(as_text=True), f"score_{evaluation.criteria[0]}")
    assert scores(clients.sam, evaluation, "a", [1, 4, 3], justification="Avis de Sam.").status_code == 303
    page = clients.sam.get(app_url(evaluation, "a")).get_data(as_text=True)
    assert "Projet solide selon Eva." in page and "Avis de Sam." in page
    # A submitted sheet no longer changes.
    assert scores(clients.sam, evaluation, "a", [5, 5, 5]).status_code == 403
    # 5 and 1 on the first criterion: a spread of 4 > 5/3, flagged for discussion.
    assert "Disagreement: to discuss" in page


def _score_everything(world, evaluation, clients):
    started(None, world, evaluation, clients)
    scores(clients.eva, evaluation, "a", [5, 4, 3])
    scores(clients.eva, evaluation, "d", [2, 2, 2])
    scores(clients.sam, evaluation, "a", [1, 4, 3])
    scores(clients.sam, evaluation, "b", [3, 3, 3])
    scores(clients.sam, evaluation, "d", [2, 3, 2])


def test_a_disagreement_is_settled_by_the_admin_and_the_agreed_score_replaces_the_mean(app, world, evaluation, clients):
    _score_everything(world, evaluation, clients)
    ranking = clients.admin.get(base(evaluation, "/ranking")).get_data(as_text=True)
    assert "Record the outcome of every disagreement flagged." in ranking
    criterion = evaluation.criteria[0]
    url = app_url(evaluation, "a", f"/consensus/{criterion}")
    response = clients.admin.post(url, {f"c{criterion}-outcome": "", f"c{criterion}-score": "4"})
    assert response.status_code == 422
    assert "Write down the outcome" in response.get_data(as_text=True)
    assert clients.eva.post(url, {f"c{criterion}-outcome": "D'accord", f"c{criterion}-score": "4"}).status_code == 403
    # No disagreement on the second criterion: nothing to record.
    other = evaluation.criteria[1]
    response = clients.admin.post(app_url(evaluation, "a", f"/consensus/{other}"), {f"c{other}-outcome": "Rien"})
    assert response.status_code == 422
    assert clients.admin.post(url, {f"c{criterion}-outcome": "Le projet est solide, Sam s'est rallié.",
                                    f"c{criterion}-score": "4"}).status_code == 303
    ranking = clients.admin.get(base(evaluation, "/ranking")).get_data(as_text=True)
    # A: 50×4/5 + 30×4/5 + 20×3/5 = 40 + 24 + 12 = 76.00; B: 60.00; D: 50×2/5 + 30×2.5/5 + 20×2/5 = 20 + 15 + 8.
    assert "76.00" in ranking and "60.00" in ranking and "43.00" in ranking
    assert ranking.index("Asbl A") < ranking.index("Asbl B") < ranking.index("Asbl D")


def _select(client, evaluation, picks):
    data = {"pick": [str(evaluation.applications[key]) for key in picks]}
    for key, units in picks.items():
        data[f"units_{evaluation.applications[key]}"] = [str(evaluation.units[i]) for i in units]
    return client.post(base(evaluation, "/selection"), data)


def _settled(world, evaluation, clients):
    _score_everything(world, evaluation, clients)
    criterion = evaluation.criteria[0]
    clients.admin.post(app_url(evaluation, "a", f"/consensus/{criterion}"),
                       {f"c{criterion}-outcome": "Accord sur 4.", f"c{criterion}-score": "4"})


def test_the_selection_is_checked_against_the_units_and_the_mix_targets(app, world, evaluation, clients):
    _settled(world, evaluation, clients)
    # A unit given twice is refused beside the field.
    response = _select(clients.admin, evaluation, {"a": [0, 1], "b": [1]})
    assert response.status_code == 422
    assert "more than one application" in response.get_data(as_text=True)
    # B alone: no social-purpose unit (target 50 %) and one use (target 2): both missed, by how much.
    response = _select(clients.admin, evaluation, {"b": [2]})
    assert response.status_code == 303
    page = clients.admin.get(base(evaluation, "/ranking")).get_data(as_text=True)
    assert "50.00 points short (1 more unit for a social purpose)" in page
    assert "the call asks for at least 2: 1 short" in page
    # Deciding on it needs an explicit confirmation.
    response = clients.admin.post(base(evaluation, "/decision"),
                                  {"reasons_fr": "Classement.", "reasons_nl": "Rangschikking.", "confirm": "y"})
    assert response.status_code == 422
    assert "misses a mix target" in field_error(response.get_data(as_text=True), "accept_missed_targets")
    with app.app_context():
        assert db.session.get(Call, evaluation.call).status == CallStatus.evaluation
    # A and B: 2 of 3 units for social purposes, two uses: met.
    assert _select(clients.admin, evaluation, {"a": [0, 1], "b": [2]}).status_code == 303
    page = clients.admin.get(base(evaluation, "/ranking")).get_data(as_text=True)
    assert "Target missed" not in page and "66.67" in page
    # The editor reads the ranking, only the admin selects.
    assert clients.editor.get(base(evaluation, "/ranking")).status_code == 200
    assert _select(clients.editor, evaluation, {"a": [0]}).status_code == 403


@pytest.mark.parametrize("kept", [0, 3600], ids=["computed-each-time", "kept-until-the-next-operation"])
def test_the_ranking_is_paged_and_saving_one_page_keeps_the_selection_of_the_others(app, world, evaluation, clients,
                                                                                      monkeypatch, kept):
    from calls.evaluation import queries
    from portal.extensions import cache

    monkeypatch.setattr(queries, "RANKING_PAGE_SIZE", 2)
    monkeypatch.setitem(app.config, "REVISION_CACHE_SECONDS", kept)
    with app.app_context():
        cache.clear()
    _settled(world, evaluation, clients)   # ranked: A, B, D (C is not eligible)
    first = clients.admin.get(base(evaluation, "/ranking")).get_data(as_text=True)
    second = clients.admin.get(base(evaluation, "/ranking?page=2")).get_data(as_text=True)
    assert "Ranks 1 to 2 of the 3 applications ranked" in first and "Page 1 of 2" in first
    assert "Ranks 3 to 3 of the 3 applications ranked" in second
    picks = {key: f'id="pick_{evaluation.applications[key]}"' for key in "abd"}
    assert picks["a"] in first and picks["b"] in first and picks["d"] not in first
    assert picks["d"] in second and picks["a"] not in second
    assert clients.admin.get(base(evaluation, "/ranking?page=99")).get_data(as_text=True).count('name="pick"') == 1
    # A on the first page, then D on the second: both are selected.
    assert _select(clients.admin, evaluation, {"a": [0, 1]}).status_code == 303
    d = evaluation.applications["d"]
    data = {"pick": [str(d)], f"units_{d}": [str(evaluation.units[3])]}
    response = clients.admin.post(base(evaluation, "/selection?page=2"), data)
    assert response.status_code == 303 and response.headers["Location"].endswith("/ranking?page=2#mix")
    with app.app_context():
        board = queries.board(db.session.get(Call, evaluation.call))
        assert {line.application.id: line.selected_units for line in board.selection} == {
            evaluation.applications["a"]: [evaluation.units[0], evaluation.units[1]],
            evaluation.applications["d"]: [evaluation.units[3]]}
    page = clients.admin.get(base(evaluation, "/ranking?page=2")).get_data(as_text=True)
    assert "The selection proposed: 2 applications" in page and "Asbl A" in page
    assert "<small>Classe 1, Classe 2</small>" in page               # A's units, though A is on the first page
    # A unit of A given to D on the second page: refused, and the message says which unit although A is elsewhere.
    data[f"units_{d}"] = [str(evaluation.units[0])]
    response = clients.admin.post(base(evaluation, "/selection?page=2"), data)
    assert response.status_code == 422
    assert response.get_data(as_text=True).count("is given to more than one application") == 2
    # Unticking D on the second page keeps A.
    assert clients.admin.post(base(evaluation, "/selection?page=2"), {}).status_code == 303
    with app.app_context():
        board = queries.board(db.session.get(Call, evaluation.call))
        assert [line.application.id for line in board.selection] == [evaluation.applications["a"]]


def test_the_ranking_is_kept_until_the_next_operation(app, world, evaluation, clients, monkeypatch):
    """Ranking 500 applications reads every score: the ranking is kept, as plain values, until an operation (a
    score, a mark, a pick) changes the register; each page then reads only the applications it shows."""
    from portal.extensions import cache
    from tests.support.web import count_queries

    _settled(world, evaluation, clients)
    monkeypatch.setitem(app.config, "REVISION_CACHE_SECONDS", 3600)
    with app.app_context():
        cache.clear()

    def ranking():
        with count_queries(app) as statements:
            page = clients.admin.get(base(evaluation, "/ranking")).get_data(as_text=True)
        return page, any("evaluation_scores" in s for s in statements)

    def table(page):
        return page.split('id="ranking-table"')[1].split("</table>")[0]

    first, scored = ranking()
    assert scored and "Asbl A" in first and 'id="pick_' in first
    again, scored = ranking()
    assert not scored and table(again) == table(first)
    assert _select(clients.admin, evaluation, {"a": [0, 1]}).status_code == 303     # an operation
    after, scored = ranking()
    assert scored and "The selection proposed" not in after and "<small>Classe 1, Classe 2</small>" not in after
    assert f'id="pick_{evaluation.applications["a"]}" checked' in after


def test_the_decision_tells_each_applicant_its_own_result_in_its_own_language(app, world, evaluation, clients,
                                                                              make_client, jobs):
    _settled(world, evaluation, clients)
    _select(clients.admin, evaluation, {"a": [0, 1], "b": [2]})
    assert clients.admin.post(base(evaluation, "/decision"),
                              {"reasons_fr": "", "reasons_nl": "", "confirm": "y"}).status_code == 422
    response = clients.admin.post(base(evaluation, "/decision"),
                                  {"reasons_fr": "Les deux meilleurs projets, mixité atteinte.",
                                   "reasons_nl": "De twee beste projecten, de mix is bereikt.", "confirm": "y"})
    assert response.status_code == 303
    with app.app_context():
        statuses = {key: db.session.get(Application, id_).status for key, id_ in evaluation.applications.items()}
        assert db.session.get(Call, evaluation.call).status == CallStatus.decided
    assert statuses == {"a": ApplicationStatus.selected, "b": ApplicationStatus.selected,
                        "c": ApplicationStatus.ineligible, "d": ApplicationStatus.not_selected}
    # Each applicant's email, in its reader's language, carries its own scores only.
    jobs.run()   # the emails leave after the commit (inline, or through RQ)
    d_mail = [m for m in outbox(app, "d.admin@example.org") if "Ransfort" in m[2]]
    assert d_mail and d_mail[-1][1] == "nl"
    subject, body = d_mail[-1][2], d_mail[-1][3]
    assert "niet geselecteerd" in subject.lower()
    assert "43,00" in body and "60,00" in body  # its own score, and the threshold (the lowest selected: B)
    assert "76,00" not in body and "Asbl A" not in body and "Asbl B" not in body
    c_mail = [m for m in outbox(app, "c.admin@example.org") if "Ransfort" in m[2]]
    assert c_mail[-1][1] == "fr" and "Les statuts ne sont pas publiés." in c_mail[-1][3]
    # The applicant's page: its own scores, rank, threshold; nothing of the others.
    d = signed_in(make_client, evaluation.occupant_d_admin)   # reads Dutch
    page = d.get(f"/o/occupant-d/applications/{evaluation.applications['d']}").get_data(as_text=True)
    with app.test_request_context(), force_locale("nl"):
        dutch = [gettext("Result of the evaluation"), gettext("%(rank)s of %(ranked)d applications ranked", rank=3,
                                                               ranked=3),
                 gettext("%(score)s / 100 (the lowest score selected)", score="60,00")]
    assert all(text in page for text in dutch) and "43,00 / 100" in page and "Motivé par le dossier." in page
    assert "Asbl A" not in page and "Asbl B" not in page and "76,00" not in page
    # The public call page names the selected projects, and only them.
    public = signed_in(make_client, world.other_owner_admin).get(f"/calls/{evaluation.call}").get_data(as_text=True)
    assert "Selected projects:" in public and "Asbl A" in public and "Asbl B" in public
    assert "Asbl C" not in public and "Asbl D" not in public
    # Nothing changes any more.
    assert _select(clients.admin, evaluation, {"d": [3]}).status_code == 403
    assert scores(clients.eva, evaluation, "b", [1, 1, 1]).status_code in (403, 404)


def test_the_report_is_a_pdf_in_french_and_in_dutch_for_the_owners_staff_and_the_guichet(
        app, world, evaluation, clients, make_client):
    _settled(world, evaluation, clients)
    _select(clients.admin, evaluation, {"a": [0, 1], "b": [2]})
    assert clients.admin.get(base(evaluation, "/report.pdf")).status_code == 403   # not before the decision
    clients.admin.post(base(evaluation, "/decision"), {"reasons_fr": "Les deux meilleurs projets.",
                                                             "reasons_nl": "De twee beste projecten.", "confirm": "y"})
    for language in ("fr", "nl"):
        response = clients.admin.get(base(evaluation, f"/report.pdf?language={language}"))
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        assert response.headers["Cache-Control"] == "private, no-store"
    guichet = signed_in(make_client, world.guichet_admin)
    assert guichet.get(f"/guichet/calls/{evaluation.call}/evaluation-report.pdf?lang=nl").status_code == 200
    assert clients.eva.get(base(evaluation, "/report.pdf")).status_code == 403
    from calls.evaluation.pdf import report_html
    with app.test_request_context():
        call = db.session.get(Call, evaluation.call)
        french, dutch = report_html(call, "fr"), report_html(call, "nl")
    assert "Rapport d" in french and "Evaluatieverslag" in dutch
    for html in (french, dutch):
        assert "J'ai siégé à son conseil d'administration." in html.replace("&#39;", "'")
        assert "76,00" in html
    # Each report carries the decision's reasons in its own language.
    assert "Les deux meilleurs projets." in french and "De twee beste projecten." not in french
    assert "De twee beste projecten." in dutch and "Les deux meilleurs projets." not in dutch


def test_no_decision_while_scores_are_missing(app, world, evaluation, clients):
    started(app, world, evaluation, clients)
    response = clients.admin.post(base(evaluation, "/decision"),
                                  {"reasons_fr": "Trop tôt.", "reasons_nl": "Te vroeg.", "confirm": "y"})
    assert response.status_code == 422
    assert "have not submitted their scores" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(ScoreSheet.id)) is None


def test_the_evaluation_pages_keep_a_constant_number_of_queries(app, world, evaluation, clients, make_client):
    from tests.support.evaluation import grow_evaluation
    from tests.support.web import assert_constant_queries

    _settled(world, evaluation, clients)
    _select(clients.admin, evaluation, {"a": [0, 1], "b": [2]})

    def grow(n):
        with app.app_context():
            grow_evaluation(evaluation.call, [world.owner_evaluator, evaluation.evaluator2], n)

    for client, url, most in ((clients.admin, base(evaluation, "/"), 22),
                              (clients.admin, base(evaluation, "/ranking"), 21),
                              (clients.eva, app_url(evaluation, "a"), 25), (clients.sam, base(evaluation, "/"), 23)):
        assert_constant_queries(app, client, url, grow, sizes=(3, 12), most=most)
    clients.admin.post(base(evaluation, "/decision"), {"reasons_fr": "Les deux meilleurs projets.",
                                                             "reasons_nl": "De twee beste projecten.", "confirm": "y"})
    d = signed_in(make_client, evaluation.occupant_d_admin)
    assert_constant_queries(app, d, f"/o/occupant-d/applications/{evaluation.applications['d']}", grow, sizes=(3, 12),
                            most=21)


def test_the_dashboard_says_what_waits_for_each_member(app, world, evaluation, clients):
    dashboard = "/o/owner-a/"
    assert "assign the evaluators to start" in clients.admin.get(dashboard).get_data(as_text=True)
    assert "assign the evaluators" not in clients.eva.get(dashboard).get_data(as_text=True)
    assign(clients.admin, evaluation, world.owner_evaluator, evaluation.evaluator2)
    assert "first declare any conflict of interest" in clients.eva.get(dashboard).get_data(as_text=True)
    declare(clients.eva, evaluation, ("b",))
    declare(clients.sam, evaluation)
    for key in "abd":
        eligibility(clients.editor, evaluation, key)
    eligibility(clients.editor, evaluation, "c", met=False, reason="Pas de statuts.")
    assert "2 applications of “Appel Ransfort” wait for your scores." in clients.eva.get(dashboard).get_data(
        as_text=True)   # A and D: not B (her conflict), not C (not eligible)
    scores(clients.eva, evaluation, "a", [4, 4, 3])
    scores(clients.eva, evaluation, "d", [2, 2, 2])
    assert "wait for your scores" not in clients.eva.get(dashboard).get_data(as_text=True)
    assert "propose the selection" not in clients.admin.get(dashboard).get_data(as_text=True)
    for key, values in (("a", [4, 4, 3]), ("b", [3, 3, 3]), ("d", [2, 3, 2])):
        scores(clients.sam, evaluation, key, values)
    assert "Every score is in for “Appel Ransfort”" in clients.admin.get(dashboard).get_data(as_text=True)
    with app.app_context():
        assert "evaluation.scores_complete" in db.session.scalars(
            select(Notification.kind).where(Notification.user_id == world.owner_admin)).all()


def test_the_dashboard_knows_a_call_is_ready_without_building_its_board(app, world, evaluation, clients):
    """queries.ready_for_decision asks the database in grouped queries what Board.problems() finds in the whole
    board: the same answer at every step of an evaluation."""
    from calls.evaluation import queries

    def ready():
        with app.app_context():
            problems = queries.board(db.session.get(Call, evaluation.call)).problems()
            answer = evaluation.call in queries.ready_for_decision([evaluation.call])
        assert answer == (not problems), problems
        return problems

    assert "no_evaluators" in ready()
    assign(clients.admin, evaluation, world.owner_evaluator, evaluation.evaluator2)
    assert "undeclared" in ready()
    declare(clients.eva, evaluation, ("b",))
    declare(clients.sam, evaluation)
    assert ready() == ["eligibility"]
    for key in "abd":
        eligibility(clients.editor, evaluation, key)
    eligibility(clients.editor, evaluation, "c", met=False, reason="Pas de statuts.")
    assert ready() == ["sheets"]
    scores(clients.eva, evaluation, "a", [5, 4, 3])
    scores(clients.eva, evaluation, "d", [2, 2, 2])
    scores(clients.sam, evaluation, "a", [1, 4, 3])
    scores(clients.sam, evaluation, "b", [3, 3, 3])
    assert ready() == ["sheets", "disagreements"]
    scores(clients.sam, evaluation, "d", [2, 3, 2])
    assert ready() == ["disagreements"]                       # 5 and 1 on A's first criterion
    criterion = evaluation.criteria[0]
    clients.admin.post(app_url(evaluation, "a", f"/consensus/{criterion}"),
                       {f"c{criterion}-outcome": "Accord sur 4.", f"c{criterion}-score": "4"})
    assert ready() == []
    # Both evaluators find a conflict with D: nobody is left to score it.
    for client in (clients.eva, clients.sam):
        assert client.post(app_url(evaluation, "d", "/conflict"), {"note": "Un lien découvert."}).status_code == 303
    assert ready() == ["no_evaluator_left"]


def test_the_owners_dashboard_writes_nothing_while_it_reads_an_evaluation(app, world, evaluation, clients):
    """Every sheet is in: the admin's dashboard asks whether the call is ready for its decision and sends no INSERT,
    UPDATE or DELETE, nor do the evaluator's and the editor's."""
    _score_everything(world, evaluation, clients)
    for client in (clients.admin, clients.eva, clients.editor):
        with count_queries(app) as statements:
            assert client.get("/o/owner-a/").status_code == 200
        assert any("evaluation_sheets" in s for s in statements) or client is not clients.admin
        assert [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))] == []


def test_a_conflict_found_later_removes_the_evaluator_and_their_scores_from_that_application(app, world, evaluation,
                                                                                             clients):
    _score_everything(world, evaluation, clients)
    url = app_url(evaluation, "d", "/conflict")
    response = clients.eva.post(url, {"note": ""})
    assert response.status_code == 422
    assert "what links you" in field_error(response.get_data(as_text=True), "note")
    assert clients.editor.post(url, {"note": "Rien"}).status_code == 403          # not an evaluator
    assert clients.eva.post(url, {"note": "Ma sœur y travaille depuis lundi."}).status_code == 303
    assert clients.eva.get(app_url(evaluation, "d")).status_code == 404
    # D is now scored by Sam alone: 50×2/5 + 30×3/5 + 20×2/5 = 20 + 18 + 8 = 46.00 (was 43.00 with Eva).
    ranking = clients.admin.get(base(evaluation, "/ranking")).get_data(as_text=True)
    assert "46.00" in ranking and "43.00" not in ranking
    with app.app_context():
        assert db.session.scalar(select(ScoreSheet.id).join(Evaluator).where(
            Evaluator.user_id == world.owner_evaluator,
            ScoreSheet.application_id == evaluation.applications["d"])) is not None      # kept on record
