"""Issue 17, items 17 and 19: the Guichet no longer approves blind, and sees an organisation's new name.

An association waiting for approval adds its statutes (a PDF, checked by its content) on its organisation's page;
the Guichet reads them on its review page, beside a link to the enterprise's page in the public register (KBO/BCE),
and may ask for more information: a state with its reason, answered by the association, each side told. An approved
organisation that renames itself is recorded as renamed, and the Guichet is told and shown its former name."""
import io

from sqlalchemy import select

from portal import uploads
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from portal.organisations.workflow import OrganisationStatus
from tests.support.sites import PDF
from tests.support.web import field_error, outbox


def _organisation(app, organisation_id) -> Organisation:
    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        db.session.expunge(organisation)
        return organisation


def _actions(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()
        for event in events:
            db.session.expunge(event)
        return events


def _told(app, kind: str) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(select(Notification.user_id).where(Notification.kind == kind)))


# Statutes ---------------------------------------------------------------------------------------------------------

def test_a_waiting_association_adds_its_statutes_and_the_guichet_reads_them(app, client, world):
    client.login(world.pending_admin).get("/?lang=en")      # Paula reads Dutch; these checks read English
    page = client.get("/o/pending-c/organisation").get_data(as_text=True)
    assert 'action="/o/pending-c/organisation/statutes"' in page and 'enctype="multipart/form-data"' in page
    response = client.post("/o/pending-c/organisation/statutes",
                           {"statutes": (io.BytesIO(PDF), "Statuts coordonnés.pdf")})
    assert response.status_code == 303
    pending = _organisation(app, world.pending)
    assert pending.statutes_file and pending.statutes_name == "Statuts coordonnés.pdf"
    [event] = _actions(app, "organisation.statutes_added")
    assert event.actor_id == world.pending_admin
    page = client.get("/o/pending-c/organisation").get_data(as_text=True)
    assert "Statuts coordonnés.pdf" in page
    download = client.get("/o/pending-c/organisation/statutes")
    assert download.status_code == 200 and download.data == PDF and download.mimetype == "application/pdf"
    assert "private" in download.headers["Cache-Control"]

    client.login(world.guichet_moderator)
    page = client.get(f"/guichet/organisations/{world.pending}").get_data(as_text=True)
    assert f'href="/guichet/organisations/{world.pending}/statutes"' in page and "Statuts coordonnés.pdf" in page
    assert client.get(f"/guichet/organisations/{world.pending}/statutes").data == PDF
    # Nobody else reads them: another association's admin, a public owner.
    client.login(world.occupant_admin)
    assert client.get("/o/pending-c/organisation/statutes").status_code == 404
    assert client.get(f"/guichet/organisations/{world.pending}/statutes").status_code == 404


def test_a_file_that_is_not_a_pdf_is_refused_beside_its_field_and_nothing_is_kept(app, client, world):
    client.login(world.pending_admin).get("/?lang=en")      # Paula reads Dutch; these checks read English
    response = client.post("/o/pending-c/organisation/statutes",
                           {"statutes": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "statuts.pdf")})
    assert response.status_code == 422
    assert "PDF" in field_error(response.get_data(as_text=True), "statutes")
    assert _organisation(app, world.pending).statutes_file is None
    assert not _actions(app, "organisation.statutes_added")


def test_new_statutes_replace_the_old_ones(app, client, world, jobs):
    client.login(world.pending_admin).get("/?lang=en")      # Paula reads Dutch; these checks read English
    client.post("/o/pending-c/organisation/statutes", {"statutes": (io.BytesIO(PDF), "v1.pdf")})
    first = _organisation(app, world.pending).statutes_file
    client.post("/o/pending-c/organisation/statutes", {"statutes": (io.BytesIO(PDF + b"\n"), "v2.pdf")})
    second = _organisation(app, world.pending)
    assert second.statutes_name == "v2.pdf" and second.statutes_file != first
    jobs.run()                                                              # the old file is forgotten by a job
    with app.app_context():
        assert not (uploads.folder("statutes") / first).exists()          # the old file is not kept


def test_once_approved_the_statutes_are_no_longer_added_and_editors_never_add_them(app, client, world):
    client.login(world.occupant_admin)
    response = client.post("/o/occupant-a/organisation/statutes", {"statutes": (io.BytesIO(PDF), "s.pdf")})
    assert response.status_code == 403
    assert "/organisation/statutes" not in client.get("/o/occupant-a/organisation").get_data(as_text=True)


# The public register ----------------------------------------------------------------------------------------------

def test_the_enterprise_number_links_to_the_public_register(app, client, world):
    with app.app_context():
        db.session.get(Organisation, world.pending).enterprise_number = "0403170701"
        db.session.commit()
    client.login(world.guichet_moderator)
    page = client.get(f"/guichet/organisations/{world.pending}?lang=nl").get_data(as_text=True)
    assert ('href="https://kbopub.economie.fgov.be/kbopub/toonondernemingps.html?lang=nl&amp;'
            'ondernemingsnummer=0403170701"') in page
    assert "0403.170.701" in page


# More information -------------------------------------------------------------------------------------------------

def test_the_guichet_asks_for_more_information_and_the_association_answers(app, client, world, jobs):
    client.login(world.guichet_moderator)
    response = client.post(f"/guichet/organisations/{world.pending}/request-information", {"info-reason": ""})
    assert response.status_code == 422
    assert "required" in field_error(response.get_data(as_text=True), "info-reason")
    assert _organisation(app, world.pending).status == OrganisationStatus.pending

    question = "Vos statuts mentionnent-ils un siège à Bruxelles ? Joignez la dernière publication au Moniteur."
    assert client.post(f"/guichet/organisations/{world.pending}/request-information",
                       {"info-reason": question}).status_code == 303
    pending = _organisation(app, world.pending)
    assert pending.status == OrganisationStatus.information_requested and pending.status_reason == question
    [event] = _actions(app, "organisation.information_requested")
    assert event.reason == question and event.changes == {"status": ["pending", "information_requested"]}
    assert _told(app, "organisation.information_requested") == {world.pending_admin}
    jobs.run()
    [(_, language, subject, body)] = [m for m in outbox(app, "pending.admin@example.org")]
    assert language == "nl" and question in body and "/o/pending-c/organisation" in body
    # The Guichet's page says whose move it is; the decision stays possible.
    page = client.get(f"/guichet/organisations/{world.pending}").get_data(as_text=True)
    assert question in page and f"/guichet/organisations/{world.pending}/approve" in page

    # The association reads the question on its dashboard and its page, and answers it there.
    client.login(world.pending_admin).get("/?lang=en")      # Paula reads Dutch; these checks read English
    dashboard = client.get("/o/pending-c/").get_data(as_text=True)
    assert "The Guichet asks for more information" in dashboard
    assert 'href="/o/pending-c/organisation#question"' in dashboard
    page = client.get("/o/pending-c/organisation").get_data(as_text=True)
    assert question in page and 'action="/o/pending-c/organisation/answer"' in page
    response = client.post("/o/pending-c/organisation/answer", {"answer": "  "})
    assert response.status_code == 422
    assert _organisation(app, world.pending).status == OrganisationStatus.information_requested
    answer = "Oui : article 2, siège rue de la Loi 1. La publication est jointe à nos statuts."
    assert client.post("/o/pending-c/organisation/answer", {"answer": answer}).status_code == 303
    pending = _organisation(app, world.pending)
    assert pending.status == OrganisationStatus.pending and pending.information_answer == answer
    [event] = _actions(app, "organisation.information_given")
    assert event.actor_id == world.pending_admin and event.reason == answer
    assert _told(app, "organisation.information_given") == {world.guichet_admin, world.guichet_moderator}

    # Back with the Guichet, which reads the question and the answer, and approves.
    client.login(world.guichet_admin)
    page = client.get(f"/guichet/organisations/{world.pending}").get_data(as_text=True)
    assert answer in page and question in page
    assert client.post(f"/guichet/organisations/{world.pending}/approve").status_code == 303
    assert _organisation(app, world.pending).status == OrganisationStatus.approved


def test_only_the_admin_answers_and_only_when_asked(app, client, world):
    client.login(world.pending_admin).get("/?lang=en")      # Paula reads Dutch; these checks read English
    assert client.post("/o/pending-c/organisation/answer", {"answer": "Rien"}).status_code == 403   # nothing asked
    client.login(world.guichet_moderator)
    client.post(f"/guichet/organisations/{world.pending}/request-information", {"info-reason": "Le siège ?"})
    assert client.post(f"/guichet/organisations/{world.pending}/request-information",
                       {"info-reason": "Encore ?"}).status_code == 403              # asked already
    client.login(world.occupant_admin)
    assert client.post("/o/pending-c/organisation/answer", {"answer": "Rien"}).status_code == 404


def test_the_guichet_dashboard_shows_who_is_asked_for_more(app, client, world):
    client.login(world.guichet_moderator)
    client.post(f"/guichet/organisations/{world.pending}/request-information", {"info-reason": "Le siège ?"})
    page = client.get("/guichet/").get_data(as_text=True)
    assert 'id="awaiting-title"' in page and "Waiting for the association" in page and "Asbl pending C" in page


# Renaming an approved organisation --------------------------------------------------------------------------------

RENAMED = {"name_fr": "Commune Alpha", "name_nl": "Gemeente Alpha", "legal_form": "commune", "enterprise_number": "",
           "commune": "ixelles", "address": "Rue de la Loi 1", "postcode": "1050",
           "contact_email": "contact@owner-a.example.org", "contact_phone": "", "website": ""}


def test_renaming_an_approved_organisation_is_recorded_and_told_to_the_guichet(app, client, world, jobs):
    client.login(world.owner_admin)
    assert client.post("/o/owner-a/organisation/edit", RENAMED).status_code == 303
    [event] = _actions(app, "organisation.renamed")
    assert event.changes == {"name_fr": ["Commune A", "Commune Alpha"], "name_nl": ["Commune A", "Gemeente Alpha"]}
    assert _told(app, "organisation.renamed") == {world.guichet_admin, world.guichet_moderator}
    jobs.run()
    [(_, _language, subject, body)] = outbox(app, "guichet.moderator@example.org")
    assert "Commune A" in subject and "Commune Alpha" in subject and f"/guichet/organisations/{world.owner}" in body
    client.login(world.guichet_moderator)
    page = client.get(f"/guichet/organisations/{world.owner}?lang=en").get_data(as_text=True)
    assert "Formerly" in page and "Commune A" in page
    # Another change of its details is no rename: the Guichet is not told again.
    client.login(world.owner_admin)
    client.post("/o/owner-a/organisation/edit", {**RENAMED, "contact_phone": "02 000 00 00"})
    assert len(_actions(app, "organisation.renamed")) == 1


def test_a_waiting_registration_that_corrects_its_name_is_not_a_rename(app, client, world):
    client.login(world.pending_admin).get("/?lang=en")      # Paula reads Dutch; these checks read English
    response = client.post("/o/pending-c/organisation/edit", {
        **RENAMED, "name_fr": "Asbl C", "name_nl": "Vzw C", "legal_form": "asbl",
        "contact_email": "contact@pending-c.example.org"})
    assert response.status_code == 303
    assert not _actions(app, "organisation.renamed")


# The demo ---------------------------------------------------------------------------------------------------------

def test_the_demo_has_a_registration_to_review_with_its_statutes_and_one_asked_for_more(app, client):
    from portal.demo import load

    with app.test_request_context():
        load()
        load()                                                    # loading twice changes nothing
        waiting = {o.slug: o for o in db.session.scalars(select(Organisation).where(
            Organisation.status.in_([OrganisationStatus.pending, OrganisationStatus.information_requested])))}
        assert set(waiting) == {"atelier-des-voisins", "jardins-de-la-senne"}
        assert all(o.statutes_file and o.enterprise_number for o in waiting.values())
        asked = waiting["jardins-de-la-senne"]
        assert asked.status == OrganisationStatus.information_requested and "Moniteur belge" in asked.status_reason
        moderator = db.session.scalar(select(User.id).where(User.email.like("guichet.moderator@%")))
        review = waiting["atelier-des-voisins"].id
    client.login(moderator)
    page = client.get(f"/guichet/organisations/{review}").get_data(as_text=True)
    assert "kbopub.economie.fgov.be" in page and f"/guichet/organisations/{review}/statutes" in page
    assert client.get(f"/guichet/organisations/{review}/statutes").mimetype == "application/pdf"
