"""Agreements through their pages (issue 7, first steps): each party reads it in its own space, the occupant's
admin signs with their password, the owner's admin signs in turn; other organisations find nothing, and a
signed version changes by no route."""
import io
import itertools
import re
from datetime import UTC

import pytest
from sqlalchemy import select

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from occupancies.agreements import operations as ops
from occupancies.agreements.models import Agreement
from occupancies.agreements.workflow import AgreementStatus
from portal.accounts.models import User
from portal.extensions import db
from tests.support.agreements import make_sent_agreement
from tests.support.evaluation import make_evaluation
from tests.support.factories import PASSWORD
from tests.support.web import Jobs, field_error


@pytest.fixture
def sent_agreement(app, world):
    """owner-a's agreement with occupant-a, sent (its document rendered)."""
    return make_sent_agreement(app, world)


def sign(client, slug: str, agreement_id: int, *, password: str = PASSWORD, code: str | None = None):
    """The signatory signs with their password and a code of their second factor (the one of now by default)."""
    return client.post(f"/o/{slug}/agreements/{agreement_id}/sign",
                       {"password": password, "code": client.code() if code is None else code})


def page(client, slug, agreement_id, path=""):
    return client.get(f"/o/{slug}/agreements/{agreement_id}{path}")


def test_each_party_reads_it_in_its_own_space_and_no_one_else(app, world, sent_agreement, make_client):
    owner = make_client().login(world.owner_editor)
    occupant = make_client().login(world.occupant_editor)
    for client, slug in ((owner, "owner-a"), (occupant, "occupant-a")):
        response = page(client, slug, sent_agreement)
        assert response.status_code == 200
        assert client.get(f"/o/{slug}/agreements/").get_data(as_text=True).count("CONV-") == 1
        pdf = page(client, slug, sent_agreement, "/versions/1.pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        # The translation, asked by ?language=: a document of its own, and the visit's pages keep their language.
        translation = page(client, slug, sent_agreement, "/versions/1.pdf?language=nl").data
        assert translation.startswith(b"%PDF") and translation != pdf.data
        assert 'lang="en"' in page(client, slug, sent_agreement).get_data(as_text=True)
    other = make_client().login(world.other_occupant_admin)
    assert page(other, "occupant-b", sent_agreement).status_code == 404
    assert page(other, "occupant-a", sent_agreement).status_code == 404


def test_the_occupants_admin_then_the_owners_admin_sign_with_their_password(app, world, sent_agreement, make_client):
    occupant = make_client().login(world.occupant_admin)
    assert "Sign for Asbl A" in page(occupant, "occupant-a", sent_agreement).get_data(as_text=True)
    response = occupant.post(f"/o/occupant-a/agreements/{sent_agreement}/sign", {"password": "wrong-password",
                                                                                   "code": "000000"})
    assert response.status_code == 422     # both problems at once, nothing signed
    assert "not your password" in field_error(response.get_data(as_text=True), "password")
    assert "not right" in field_error(response.get_data(as_text=True), "code")
    response = sign(occupant, "occupant-a", sent_agreement, code="")
    assert response.status_code == 422 and "required" in field_error(response.get_data(as_text=True), "code").lower()
    editor = make_client().login(world.occupant_editor)
    assert sign(editor, "occupant-a", sent_agreement).status_code == 403
    assert sign(occupant, "occupant-a", sent_agreement).status_code == 303
    owner = make_client().login(world.owner_admin)
    assert sign(owner, "owner-a", sent_agreement).status_code == 303
    with app.app_context():
        agreement = db.session.get(Agreement, sent_agreement)
        assert agreement.status == AgreementStatus.signed
        digests = {s.document_digest for s in agreement.versions[0].signatures}
        assert digests == {agreement.versions[0].document_digest}
    text = page(owner, "owner-a", sent_agreement).get_data(as_text=True)
    assert "Signed for Asbl A by Otto Occupant" in text and "Signed for Commune A by Olga Owner" in text
    # A signed version changes by no route.
    for client, slug in ((owner, "owner-a"), (occupant, "occupant-a")):
        for action in ("send", "changes", "abandon", "sign"):
            response = client.post(f"/o/{slug}/agreements/{sent_agreement}/{action}",
                                   {"reason": "Changer", "password": PASSWORD})
            assert response.status_code == 403, (slug, action)


def test_asking_for_changes_needs_a_reason_and_voids_the_signature(app, world, sent_agreement, make_client):
    occupant = make_client().login(world.occupant_admin)
    sign(occupant, "occupant-a", sent_agreement)
    owner = make_client().login(world.owner_editor)
    response = owner.post(f"/o/owner-a/agreements/{sent_agreement}/changes", {"reason": ""})
    assert response.status_code == 422
    assert owner.post(f"/o/owner-a/agreements/{sent_agreement}/changes",
                      {"reason": "Ajouter la cour"}).status_code == 303
    with app.app_context():
        agreement = db.session.get(Agreement, sent_agreement)
        assert agreement.status == AgreementStatus.draft and agreement.versions[0].signatures == []
    assert "Ajouter la cour" in page(occupant, "occupant-a", sent_agreement).get_data(as_text=True)


@pytest.fixture
def selected_application(app, world):
    """occupant-a's application ("a" of tests.support.evaluation.make_evaluation), selected, its call's occupancy in
    2027; gives that evaluation's ids (call, units, applications…)."""
    from datetime import date

    with app.test_request_context():
        ev = make_evaluation()
        application = db.session.get(Application, ev.applications["a"])
        application.status = ApplicationStatus.selected
        application.call.occupancy_start, application.call.occupancy_end = date(2027, 1, 1), date(2027, 12, 31)
        db.session.commit()
        return ev


def _terms(ev, **changes):
    data = {"language": "fr", "reporting": "quarterly", "owner_representative": "Olga Owner",
            "owner_representative_role": "Bourgmestre", "occupant_representative": "Otto Occupant",
            "occupant_representative_role": "Président", "unit_ids": [str(ev.units[0]), str(ev.units[1])],
            "use_category": "emergency_housing", "purpose_fr": "Hébergement", "purpose_nl": "Opvang",
            "start_date": "2027-01-01", "end_date": "2027-12-31", "notice_months_owner": "3",
            "notice_months_occupant": "1", "free_use": "y", "charges_kind": "none", "insurance_required": "y",
            "domiciliation": "y"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_owner_drafts_from_the_selected_application_and_bad_input_saves_nothing(
        app, world, selected_application, make_client):
    ev = selected_application
    editor = make_client().login(world.owner_editor)
    url = f"/o/owner-a/agreements/new?application_id={ev.applications['a']}"
    form = editor.get(url).get_data(as_text=True)
    assert "Projet A" in form                                   # the project, prefilled
    assert re.search(rf'value="{ev.units[0]}"[^>]*checked|checked[^>]*value="{ev.units[0]}"', form)
    response = editor.post(url, _terms(ev, unit_ids=[], start_date="2027-12-31", end_date="2027-01-01",
                                       free_use=None))
    assert response.status_code == 422
    page_text = response.get_data(as_text=True)
    assert "Choose at least one unit" in field_error(page_text, "unit_ids")
    with app.app_context():
        assert db.session.scalar(select(Agreement.id)) is None
    response = editor.post(url, _terms(ev, free_use=None))       # a fee is due, and none is given
    assert "Give the monthly fee" in field_error(response.get_data(as_text=True), "monthly_fee")
    assert editor.post(url, _terms(ev)).status_code == 303
    with app.app_context():
        agreement = db.session.scalar(select(Agreement))
        assert agreement.application_id == ev.applications["a"] and agreement.versions[0].domiciliation
    # A second draft for the same application is refused.
    assert editor.post(url, _terms(ev)).status_code == 422
    # The draft is edited until it is sent.
    edit = f"/o/owner-a/agreements/{agreement.id}/edit"
    assert editor.post(edit, _terms(ev, end_date="2028-06-30")).status_code == 303
    with app.app_context():
        assert str(db.session.get(Agreement, agreement.id).versions[0].end_date) == "2028-06-30"
    assert editor.post(f"/o/owner-a/agreements/{agreement.id}/send").status_code == 303
    Jobs(app).run()
    assert editor.get(edit).status_code == 403


def test_a_direct_occupancy_is_drafted_from_scratch(app, world, selected_application, make_client):
    ev = selected_application
    editor = make_client().login(world.owner_editor)
    choice = editor.get("/o/owner-a/agreements/new").get_data(as_text=True)
    assert "Asbl B" in choice and "École Ransfort" in choice
    with app.app_context():
        site_id = db.session.scalar(select(Application).where(Application.id == ev.applications["a"])).call.site_id
    url = f"/o/owner-a/agreements/new?site_id={site_id}&occupant_id={world.other_occupant}"
    assert editor.get(url).status_code == 200
    assert editor.post(url, _terms(ev, use_category="culture")).status_code == 303
    with app.app_context():
        agreement = db.session.scalar(select(Agreement))
        assert agreement.occupant_id == world.other_occupant and agreement.application_id is None


def test_the_checklist_completed_on_the_start_date_starts_the_occupancy_then_a_notice_ends_it(
        app, world, sent_agreement, make_client):
    from datetime import date, datetime

    import time_machine

    from occupancies.models import Occupancy
    from tests.support.sites import PDF

    occupant_admin = make_client().login(world.occupant_admin)
    owner_admin = make_client().login(world.owner_admin)
    sign(occupant_admin, "occupant-a", sent_agreement)
    sign(owner_admin, "owner-a", sent_agreement)
    occupant_editor = make_client().login(world.occupant_editor)
    base = f"/o/occupant-a/agreements/{sent_agreement}/checklist"
    response = occupant_editor.post(f"{base}/insurance?lang=en", {"note": ""})   # she reads Dutch otherwise
    assert response.status_code == 422
    assert "Add the insurance certificate" in field_error(response.get_data(as_text=True), "document-insurance")
    assert occupant_editor.post(f"{base}/fire_safety", {"note": "Non"}).status_code == 403   # the owner's step
    response = occupant_editor.post(f"{base}/insurance", {"note": "Ethias", "document": (io.BytesIO(PDF),
                                                                                          "attestation.pdf")},
                                    content_type="multipart/form-data")
    assert response.status_code == 303
    assert occupant_editor.get(f"{base}/insurance/document").data == PDF
    with time_machine.travel(datetime(2027, 1, 4, 9, tzinfo=UTC), tick=False):
        for c in (owner_admin, occupant_admin):
            c.login(c.user_id)
        owner = f"/o/owner-a/agreements/{sent_agreement}/checklist"
        assert owner_admin.post(f"{owner}/fire_safety", {"note": "SIAMU"}).status_code == 303
        response = owner_admin.post(f"{owner}/entry_inventory", {"note": "Clés remises"}, follow_redirects=True)
        assert "The agreement is in force" in response.get_data(as_text=True)
        with app.app_context():
            occupancy = db.session.scalar(select(Occupancy).where(Occupancy.agreement_id == sent_agreement))
            assert occupancy is not None and occupancy.start_date == date(2027, 1, 1)
        page_text = page(occupant_admin, "occupant-a", sent_agreement).get_data(as_text=True)
        assert "End it early by notice" in page_text
        response = occupant_admin.post(f"/o/occupant-a/agreements/{sent_agreement}/notice", {"reason": ""})
        assert response.status_code == 422
        assert occupant_admin.post(f"/o/occupant-a/agreements/{sent_agreement}/notice",
                                   {"reason": "Le projet déménage"}).status_code == 303
    with app.app_context():
        agreement = db.session.get(Agreement, sent_agreement)
        assert agreement.ended_on == date(2027, 2, 28) and agreement.end_reason.value == "notice_by_occupant"


def test_the_history_names_the_occupant_when_its_last_step_starts_the_agreement(
        app, world, sent_agreement, make_client):
    """Issue 17, item 5: the agreement's start, set off by the occupant's insurance certificate, read as the
    occupant's editor acting for the owner ("Emma Editor (Commune A)")."""
    from datetime import datetime

    import time_machine

    from tests.support.sites import PDF
    from tests.support.web import history_entries

    occupant_admin = make_client().login(world.occupant_admin)
    owner_admin = make_client().login(world.owner_admin)
    sign(occupant_admin, "occupant-a", sent_agreement)
    sign(owner_admin, "owner-a", sent_agreement)
    owner = f"/o/owner-a/agreements/{sent_agreement}/checklist"
    assert owner_admin.post(f"{owner}/fire_safety", {"note": "SIAMU"}).status_code == 303
    assert owner_admin.post(f"{owner}/entry_inventory", {"note": "Clés remises"}).status_code == 303
    with time_machine.travel(datetime(2027, 1, 4, 9, tzinfo=UTC), tick=False):
        occupant_editor = make_client().login(world.occupant_editor)
        response = occupant_editor.post(
            f"/o/occupant-a/agreements/{sent_agreement}/checklist/insurance?lang=en",
            {"note": "Ethias", "document": (io.BytesIO(PDF), "attestation.pdf")}, content_type="multipart/form-data",
            follow_redirects=True)
        assert "The agreement is in force" in response.get_data(as_text=True)
        owner_admin.login(world.owner_admin)
        history = history_entries(page(owner_admin, "owner-a", sent_agreement).get_data(as_text=True))
    assert history[0] == "Agreement in force · Emma Editor (Asbl A)"
    assert "Agreement signed · Olga Owner (Commune A)" in history
    assert "Agreement signed · Otto Occupant (Asbl A)" in history


def test_an_amendment_through_the_page_extends_the_agreement_once_both_sign(app, world, sent_agreement, make_client):
    from datetime import date


    occupant_admin = make_client().login(world.occupant_admin)
    owner_admin = make_client().login(world.owner_admin)
    sign(occupant_admin, "occupant-a", sent_agreement)
    sign(owner_admin, "owner-a", sent_agreement)
    amend = f"/o/owner-a/agreements/{sent_agreement}/amend"
    response = owner_admin.post(amend, {"kind": "extension", "end_date": "2027-06-30", "reason": "Prolonger"})
    assert response.status_code == 422
    assert "An extension moves the end later" in field_error(response.get_data(as_text=True), "amend-end_date")
    assert owner_admin.post(amend, {"kind": "extension", "end_date": "2028-06-30",
                                    "reason": "Six mois de plus"}).status_code == 303
    assert owner_admin.post(f"/o/owner-a/agreements/{sent_agreement}/send").status_code == 303
    Jobs(app).run()
    assert sign(occupant_admin, "occupant-a", sent_agreement).status_code == 303
    assert sign(owner_admin, "owner-a", sent_agreement).status_code == 303
    with app.app_context():
        agreement = db.session.get(Agreement, sent_agreement)
        assert [v.end_date for v in agreement.versions] == [date(2027, 12, 31), date(2028, 6, 30)]
        assert len(agreement.versions[1].signatures) == 2
    text = page(occupant_admin, "occupant-a", sent_agreement).get_data(as_text=True)
    assert "Amendment 1" in text and "as amended by amendment 1" in text


def test_the_clause_library_is_kept_in_both_languages_and_an_agreement_keeps_its_copy(
        app, world, selected_application, make_client):
    from occupancies.agreements.models import Clause

    ev = selected_application
    guichet = make_client().login(world.guichet_admin)
    clause = {"title_fr": "Entretien", "title_nl": "", "text_fr": "L'occupant entretient les lieux.",
              "text_nl": "De bezetter onderhoudt het goed."}
    response = guichet.post("/guichet/clauses/", clause)
    assert response.status_code == 422 and field_error(response.get_data(as_text=True), "title_nl")
    assert guichet.post("/guichet/clauses/", {**clause, "title_nl": "Onderhoud"}).status_code == 303
    assert make_client().login(world.guichet_moderator).post("/guichet/clauses/", clause).status_code == 403
    with app.app_context():
        clause_id = db.session.scalar(select(Clause.id))
    editor = make_client().login(world.owner_editor)
    url = f"/o/owner-a/agreements/new?application_id={ev.applications['a']}"
    assert "Entretien" in editor.get(url).get_data(as_text=True)
    assert editor.post(url, _terms(ev, clause_ids=[str(clause_id)])).status_code == 303
    assert guichet.post(f"/guichet/clauses/{clause_id}", {f"c{clause_id}-title_fr": "Entretien courant",
                                                          f"c{clause_id}-title_nl": "Gewoon onderhoud",
                                                          f"c{clause_id}-text_fr": "Autre texte",
                                                          f"c{clause_id}-text_nl": "Andere tekst"}).status_code == 303
    with app.app_context():
        agreement = db.session.scalar(select(Agreement))
        assert [c["title_fr"] for c in agreement.versions[0].clauses] == ["Entretien"]    # its own copy
    assert guichet.post(f"/guichet/clauses/{clause_id}/retire").status_code == 303
    assert "Entretien courant" not in editor.get(url).get_data(as_text=True)
    # An owner's own clause is its own: another owner's route finds nothing.
    assert editor.post("/o/owner-a/agreements/clauses/", {"title_fr": "Clés", "title_nl": "Sleutels",
                                                          "text_fr": "Deux jeux.", "text_nl": "Twee sets."}
                       ).status_code == 303
    with app.app_context():
        own = db.session.scalar(select(Clause.id).where(Clause.organisation_id == world.owner))
    other = make_client().login(world.other_owner_admin)
    assert other.post(f"/o/owner-b/agreements/clauses/{own}/retire").status_code == 404


def test_the_dashboards_say_whose_signature_is_awaited(app, world, sent_agreement, make_client):
    occupant_admin = make_client().login(world.occupant_admin)
    assert "waits for your signature" in occupant_admin.get("/o/occupant-a/").get_data(as_text=True)
    assert "waits for your signature" not in make_client().login(world.occupant_editor).get(
        "/o/occupant-a/").get_data(as_text=True)
    sign(occupant_admin, "occupant-a", sent_agreement)
    assert "waits for your signature" not in occupant_admin.get("/o/occupant-a/").get_data(as_text=True)
    assert "waits for your signature" in make_client().login(world.owner_admin).get("/o/owner-a/").get_data(
        as_text=True)


def test_an_occupancy_that_follows_its_agreement_changes_only_by_amendment(app, world, sent_agreement, make_client):
    from datetime import datetime

    import time_machine

    from occupancies.models import Occupancy

    occupant_admin = make_client().login(world.occupant_admin)
    owner_admin = make_client().login(world.owner_admin)
    sign(occupant_admin, "occupant-a", sent_agreement)
    sign(owner_admin, "owner-a", sent_agreement)
    with app.test_request_context():
        agreement = db.session.get(Agreement, sent_agreement)
        from occupancies.agreements.workflow import ChecklistKind

        for kind in (ChecklistKind.insurance, ChecklistKind.fire_safety, ChecklistKind.entry_inventory):
            item = next(i for i in agreement.checklist if i.kind == kind)
            item.done_at = datetime(2026, 12, 1, tzinfo=UTC)
        with time_machine.travel(datetime(2027, 1, 2, 8, tzinfo=UTC), tick=False):
            assert ops.activate(agreement)
        db.session.commit()
        occupancy = db.session.scalar(select(Occupancy).where(Occupancy.agreement_id == sent_agreement))
        site_id, occupancy_id = occupancy.site_id, occupancy.id
    site_page = owner_admin.get(f"/o/owner-a/sites/{site_id}").get_data(as_text=True)
    assert f"/o/owner-a/agreements/{sent_agreement}" in site_page
    assert f"/occupancies/{occupancy_id}/edit" not in site_page
    response = owner_admin.post(f"/o/owner-a/sites/{site_id}/occupancies/{occupancy_id}/remove",
                                {"reason": "Erreur"}, follow_redirects=True)
    assert "follows its agreement" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Occupancy, occupancy_id) is not None


def test_inventory_photos_are_cleaned_and_shown_to_the_parties_only(app, world, sent_agreement, make_client):
    from PIL import Image

    from occupancies.agreements.models import InventoryPhoto
    from tests.support.sites import jpeg_bytes

    occupant_admin = make_client().login(world.occupant_admin)
    owner_editor = make_client().login(world.owner_editor)
    sign(occupant_admin, "occupant-a", sent_agreement)
    sign(make_client().login(world.owner_admin), "owner-a", sent_agreement)
    url = f"/o/owner-a/agreements/{sent_agreement}/checklist/entry_inventory/photos"
    response = owner_editor.post(url, {"photo": (io.BytesIO(b"not an image"), "cuisine.jpg")},
                                 content_type="multipart/form-data")
    assert response.status_code == 422 and "not a photo" in response.get_data(as_text=True)
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"
    big = jpeg_bytes(size=(3000, 2000), exif=exif.tobytes())
    assert owner_editor.post(url, {"photo": (io.BytesIO(big), "cuisine.jpg"), "caption": "Cuisine"},
                             content_type="multipart/form-data").status_code == 303
    with app.app_context():
        photo = db.session.scalar(select(InventoryPhoto))
        assert (photo.width, photo.height) == (1600, 1067) and photo.caption == "Cuisine"
    served = occupant_admin.get(f"/o/occupant-a/agreements/{sent_agreement}/photos/{photo.id}")
    assert served.status_code == 200 and served.headers["Cache-Control"] == "private, no-store"
    assert not Image.open(io.BytesIO(served.data)).getexif()
    # The occupant's page shows it; the occupant may not add one; another organisation finds nothing.
    assert f"/photos/{photo.id}" in page(occupant_admin, "occupant-a", sent_agreement).get_data(as_text=True)
    assert make_client().login(world.occupant_editor).post(
        f"/o/occupant-a/agreements/{sent_agreement}/checklist/entry_inventory/photos",
        {"photo": (io.BytesIO(jpeg_bytes()), "a.jpg")}, content_type="multipart/form-data").status_code == 403
    other = make_client().login(world.other_occupant_admin)
    assert other.get(f"/o/occupant-b/agreements/{sent_agreement}/photos/{photo.id}").status_code == 404


def test_the_agreement_pages_keep_a_constant_number_of_queries(app, world, sent_agreement, make_client):
    from datetime import date

    from occupancies.agreements.models import AgreementVersion, ChecklistItem
    from occupancies.agreements.workflow import ChecklistKind
    from occupancies.workflow import UseCategory
    from tests.support.web import assert_constant_queries

    with app.app_context():
        site_id = db.session.get(Agreement, sent_agreement).site_id
    owner = make_client().login(world.owner_admin)
    numbers = itertools.count()

    def grow(n):
        """n more agreements of owner-a with occupant-a, and n more history events on the one shown."""
        with app.test_request_context():
            for _ in range(n):
                other = Agreement(organisation_id=world.owner, reference=f"CONV-2030-{next(numbers):04d}",
                                  site_id=site_id,
                                  occupant_id=world.occupant)
                other.versions = [AgreementVersion(number=1, unit_ids=[], use_category=UseCategory.culture,
                                                   start_date=date(2030, 1, 1))]
                other.checklist = [ChecklistItem(kind=kind) for kind in ChecklistKind]
                db.session.add(other)
                from portal import audit

                audit.record("agreement.updated", target=db.session.get(Agreement, sent_agreement), actor=None,
                             organisation=None)
            db.session.commit()

    assert_constant_queries(app, owner, "/o/owner-a/agreements/", grow, most=8)
    assert_constant_queries(app, owner, f"/o/owner-a/agreements/{sent_agreement}", grow, most=20)


def test_an_admin_without_a_second_factor_is_asked_to_set_it_up_before_signing(app, world, sent_agreement,
                                                                                 make_client):
    with app.app_context():      # a Guichet reset took it away: the password alone does not sign
        person = db.session.get(User, world.occupant_admin)
        person.totp_secret = None
        db.session.commit()
    occupant = make_client().login(world.occupant_admin)
    html = page(occupant, "occupant-a", sent_agreement).get_data(as_text=True)
    assert 'id="sign-needs-second-factor"' in html and 'name="code"' not in html
    response = occupant.post(f"/o/occupant-a/agreements/{sent_agreement}/sign", {"password": PASSWORD,
                                                                                   "code": "123456"})
    assert response.status_code == 422
    assert "Set up your second factor first" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Agreement, sent_agreement).status == AgreementStatus.sent
