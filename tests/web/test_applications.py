"""The occupant's side of applications, in the browser's shoes: the dashboard, the application form and its
autosave, documents, submission and withdrawal, the receipt, and who may read what."""
import hashlib
import io
import re
import zipfile
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from sqlalchemy import select, update

from calls.applications import operations as app_ops
from calls.applications import views as app_views
from calls.applications.models import Application, Attachment
from calls.applications.workflow import ApplicationStatus
from calls.workflow import CallStatus
from occupancies.workflow import PublicationStatus
from portal import clock, uploads
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.calls import make_application, make_call
from tests.support.sites import PDF, jpeg_bytes, make_site, make_unit
from tests.support.web import assert_constant_queries, count, field_error

BASE = "/o/occupant-a/applications"
CONFIRM = {"confirm": "y"}   # the box that says a submitted application is sealed


@pytest.fixture
def call_and_draft(app, world):
    """owner-a's open call (deadline in ten days) offering two of its site's three units, and occupant-a's
    empty draft to it."""
    with app.test_request_context():
        owner = db.session.get(Organisation, world.owner)
        occupant = db.session.get(Organisation, world.occupant)
        site = make_site(owner, "École", publication=PublicationStatus.published)
        units = [make_unit(site, "Rez"), make_unit(site, "Étage"), make_unit(site, "Cave")]
        call = make_call(site, title="Appel École", title_nl="Oproep School", units=units[:2])
        application = make_application(call, occupant, complete=False)
        db.session.commit()
        return SimpleNamespace(
            call=call.id, application=application.id, units=[u.id for u in units],
            criteria=[c.id for c in call.criteria], conditions=[c.id for c in call.conditions],
            deadline=clock.as_utc(call.submission_deadline), site=site.id)


def url(call_and_draft, suffix=""):
    return f"{BASE}/{call_and_draft.application}{suffix}"


def complete(call_and_draft, **changes) -> dict:
    data = {"summary": "Un atelier de réparation ouvert au quartier.", "use_category": "circular_economy",
            "occupant_type": "association", "requested_units": [str(call_and_draft.units[0])]}
    data.update({f"answer_{cid}": f"Notre réponse au critère {n}" for n, cid in enumerate(call_and_draft.criteria)})
    data.update({f"statement_{cid}": "Oui, nous sommes une asbl." for cid in call_and_draft.conditions})
    data.update(changes)
    return data


def load(app, application_id) -> Application:
    with app.app_context():
        application = db.session.get(Application, application_id)
        db.session.expunge(application)
        return application


def version_of(app, call_and_draft) -> int:
    return load(app, call_and_draft.application).version


def stored_files(app) -> set:
    with app.test_request_context():
        return {path.name for path in uploads.folder("attachments").iterdir()}


def set_status(app, call_and_draft, status, **fields):
    with app.app_context():
        application = db.session.get(Application, call_and_draft.application)
        application.status = status
        for key, value in fields.items():
            setattr(application, key, value)
        db.session.commit()


# Starting --------------------------------------------------------------------------------------------------

def test_starting_opens_the_one_application_and_finds_it_again(app, client, world, call_and_draft):
    client.login(world.occupant_editor)  # editors apply as admins do
    first = client.post(f"{BASE}/start/{call_and_draft.call}")
    again = client.post(f"{BASE}/start/{call_and_draft.call}")
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"] == url(call_and_draft)
    assert count(app, Application) == 1


def test_starting_needs_a_published_open_call(app, client, world, call_and_draft):
    with app.test_request_context():
        from occupancies.models import Site

        draft = make_call(db.session.get(Site, call_and_draft.site), status=CallStatus.draft, title="Brouillon")
        db.session.commit()
        draft_id = draft.id
    client.login(world.occupant_admin)
    assert client.post(f"{BASE}/start/{draft_id}").status_code == 404
    assert client.post(f"{BASE}/start/999999").status_code == 404
    with time_machine.travel(call_and_draft.deadline, tick=False):  # the deadline's second: closed
        client.login(world.occupant_admin)  # sessions last 12 hours: sign in again ten days later
        assert client.post(f"{BASE}/start/{call_and_draft.call}").status_code == 403
    assert count(app, Application) == 1


# The form ---------------------------------------------------------------------------------------------------

def test_the_form_shows_each_criterion_with_its_weight_and_guidance_and_the_offered_units(client, world,
                                                                                          call_and_draft):
    client.login(world.occupant_admin)
    page = client.get(url(call_and_draft)).get_data(as_text=True)
    assert "Qualité du projet (weight: 50 out of 100)" in page and "Mixité (weight: 20 out of 100)" in page
    assert "Expliquez" in page                                         # the guidance (the reader's: French first)
    assert "Association sans but lucratif" in page                     # the eligibility condition
    assert ">Rez<" in page and ">Étage<" in page and ">Cave<" not in page  # only the units the call offers
    assert f'href="/calls/{call_and_draft.call}"' in page                      # the public call page
    assert "What comes next" in page and "your move" in page
    assert f'hx-post="{url(call_and_draft, "/autosave")}"' in page and "js/autosave.js" in page


def test_a_draft_is_saved_by_a_normal_post(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    response = client.post(url(call_and_draft), complete(call_and_draft, version=str(version_of(app, call_and_draft))))
    assert response.status_code == 303 and response.headers["Location"] == url(call_and_draft)
    application = load(app, call_and_draft.application)
    assert application.summary == "Un atelier de réparation ouvert au quartier."
    assert application.use_category.value == "circular_economy"
    assert application.requested_units == [call_and_draft.units[0]]
    assert application.answers == {str(cid): f"Notre réponse au critère {n}"
                                   for n, cid in enumerate(call_and_draft.criteria)}
    assert application.status == ApplicationStatus.draft
    page = client.get(url(call_and_draft)).get_data(as_text=True)
    assert "Your draft is saved." in page and "Notre réponse au critère 2" in page


def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    before = load(app, call_and_draft.application)
    response = client.post(url(call_and_draft), complete(call_and_draft, summary="x" * 8001))
    assert response.status_code == 422
    assert "At most 8000 characters" in field_error(response.get_data(as_text=True), "summary")
    response = client.post(url(call_and_draft),
                           complete(call_and_draft, requested_units=[str(call_and_draft.units[2])]))  # not offered
    assert response.status_code == 422
    assert "Choose units offered by the call." in field_error(response.get_data(as_text=True), "requested_units")
    response = client.post(url(call_and_draft), complete(call_and_draft, use_category="casino"))
    assert response.status_code == 422
    assert "Not a valid choice" in field_error(response.get_data(as_text=True), "use_category")
    after = load(app, call_and_draft.application)
    assert (after.summary, after.answers, after.version) == (before.summary, before.answers, before.version)


def test_a_colleague_s_save_in_between_is_not_overwritten_by_a_normal_post(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    opened_at = version_of(app, call_and_draft)
    emma = complete(call_and_draft, summary="Version de Emma", version=str(opened_at))
    assert client.post(url(call_and_draft), emma).status_code == 303
    response = client.post(url(call_and_draft),
                           complete(call_and_draft, summary="Version d'Otto", version=str(opened_at)))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "changed elsewhere" in page and "Version d&#39;Otto" in page  # the text typed is kept on the screen
    assert load(app, call_and_draft.application).summary == "Version de Emma"


# Autosave ---------------------------------------------------------------------------------------------------

def test_autosave_saves_and_answers_a_status_with_the_new_version(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    version = version_of(app, call_and_draft)
    response = client.post(url(call_and_draft, "/autosave"), complete(call_and_draft, version=str(version)),
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Saved at" in body and 'data-state="saved"' in body
    assert f'id="version" name="version" value="{version + 1}" hx-swap-oob="true"' in body
    assert load(app, call_and_draft.application).summary == "Un atelier de réparation ouvert au quartier."
    assert count(app, AuditEvent, action="application.saved") == 0   # no history entry per keystroke


def test_autosave_refuses_after_the_deadline_whatever_the_browser_sends(app, client, world, call_and_draft):
    with time_machine.travel(call_and_draft.deadline, tick=False):
        client.login(world.occupant_admin)
        response = client.post(url(call_and_draft, "/autosave"),
                               complete(call_and_draft, version=str(version_of(app, call_and_draft))))
        assert response.status_code == 409
        assert "The deadline has passed" in response.get_data(as_text=True)
        assert client.post(url(call_and_draft), complete(call_and_draft)).status_code == 409   # nor by a normal post
    assert load(app, call_and_draft.application).summary == ""


def test_autosave_refuses_a_submitted_application_whatever_is_posted(app, client, world, call_and_draft):
    set_status(app, call_and_draft, ApplicationStatus.submitted, summary="Figé", submitted_at=clock.now(),
               digest="a" * 64)
    client.login(world.occupant_admin)
    version = version_of(app, call_and_draft)
    for data in (complete(call_and_draft, version=str(version)), {"summary": "Autre"},
                 {"status": "draft", "summary": "x"}, {}):
        response = client.post(url(call_and_draft, "/autosave"), data)
        assert response.status_code == 409
        assert "submitted, so it no longer changes" in response.get_data(as_text=True)
    assert client.post(url(call_and_draft), complete(call_and_draft)).status_code == 409
    application = load(app, call_and_draft.application)
    assert (application.summary, application.status, application.version) == ("Figé", ApplicationStatus.submitted,
                                                                              version)


def test_autosave_with_an_older_copy_answers_a_clear_conflict(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    opened_at = version_of(app, call_and_draft)
    autosave = url(call_and_draft, "/autosave")
    assert client.post(autosave, complete(call_and_draft, version=str(opened_at))).status_code == 200
    # The same content sent again from the older copy (a retry, a double save) is no conflict.
    assert client.post(autosave, complete(call_and_draft, version=str(opened_at))).status_code == 200
    response = client.post(url(call_and_draft, "/autosave"),
                           complete(call_and_draft, summary="Autre texte", version=str(opened_at)))
    assert response.status_code == 409
    assert "changed elsewhere" in response.get_data(as_text=True)
    assert load(app, call_and_draft.application).summary == "Un atelier de réparation ouvert au quartier."


def test_a_concurrent_write_answers_409_never_500(app, client, world, call_and_draft, monkeypatch):
    """Another request commits between our read and our write: the version column refuses ours."""
    real_save = app_ops.save_application

    def save_while_someone_else_saves(application, values, **kwargs):
        real_save(application, values, **kwargs)
        db.session.connection().execute(update(Application.__table__).where(Application.id == application.id)
                                        .values(version=Application.version + 1, summary="Someone else"))

    monkeypatch.setattr(app_views.ops, "save_application", save_while_someone_else_saves)
    client.login(world.occupant_admin)
    response = client.post(url(call_and_draft, "/autosave"), complete(call_and_draft))
    assert response.status_code == 409
    assert "changed elsewhere" in response.get_data(as_text=True)
    assert load(app, call_and_draft.application).summary == ""   # both rolled back: nothing half-saved
    # A normal post: the conflict page, not an error.
    response = client.post(url(call_and_draft), complete(call_and_draft))
    assert response.status_code == 409


def test_autosave_reports_a_field_problem_without_saving(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    response = client.post(url(call_and_draft, "/autosave"), complete(call_and_draft, summary="x" * 8001))
    assert response.status_code == 422
    assert "Summary of your project: At most 8000 characters" in response.get_data(as_text=True)
    assert load(app, call_and_draft.application).summary == ""


# Submit and withdraw ----------------------------------------------------------------------------------------

def test_an_incomplete_application_is_not_submitted_and_the_missing_answers_are_shown(app, client, world,
                                                                                      call_and_draft):
    client.login(world.occupant_admin)
    without_an_answer = complete(call_and_draft, **{f"answer_{call_and_draft.criteria[1]}": ""})
    assert client.post(url(call_and_draft), without_an_answer).status_code == 303
    response = client.post(url(call_and_draft, "/submit"), CONFIRM)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Answer this criterion" in field_error(page, f"answer_{call_and_draft.criteria[1]}")
    assert f'id="answer_{call_and_draft.criteria[0]}-error"' not in page
    assert load(app, call_and_draft.application).status == ApplicationStatus.draft


def test_submit_withdraw_and_submit_again(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    client.post(url(call_and_draft), complete(call_and_draft))
    response = client.post(url(call_and_draft, "/submit"), CONFIRM, follow_redirects=True)
    assert response.status_code == 200
    application = load(app, call_and_draft.application)
    assert application.status == ApplicationStatus.submitted and len(application.digest) == 64
    page = response.get_data(as_text=True)
    assert f"SHA-256 digest of the content: {application.digest}" in page   # the flash
    assert f"<code class=\"text-break\">{application.digest}</code>" in page  # the receipt on the page
    assert url(call_and_draft, "/receipt.pdf") in page and "Withdraw the application" in page
    assert 'id="application-form"' not in page                              # frozen: no form any more
    first_digest = application.digest

    assert client.post(url(call_and_draft, "/submit"), CONFIRM).status_code == 409            # already submitted
    response = client.post(url(call_and_draft, "/withdraw"), {"reason": "Nous corrigeons le budget."})
    assert response.status_code == 303
    application = load(app, call_and_draft.application)
    assert application.status == ApplicationStatus.withdrawn and application.withdrawn_at is not None
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "application.withdrawn"))
        assert event.reason == "Nous corrigeons le budget."
        # The applicant's admin and editor are told; nobody of the owner is.
        told = {n.user_id for n in db.session.scalars(select(Notification).where(
            Notification.kind == "application.withdrawn"))}
        assert told == {world.occupant_admin, world.occupant_editor}
    assert client.post(url(call_and_draft, "/withdraw")).status_code == 409          # only a submitted one

    assert client.post(url(call_and_draft), complete(call_and_draft, summary="Budget corrigé")).status_code == 303
    assert client.post(url(call_and_draft, "/submit"), CONFIRM).status_code == 303
    application = load(app, call_and_draft.application)
    assert application.status == ApplicationStatus.submitted and application.digest != first_digest


def test_a_withdrawal_reason_is_checked_and_nothing_changes_when_it_is_refused(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    client.post(url(call_and_draft), complete(call_and_draft))
    client.post(url(call_and_draft, "/submit"), CONFIRM)
    response = client.post(url(call_and_draft, "/withdraw"), {"reason": "x" * 2001})
    assert response.status_code == 422
    assert "At most 2000 characters" in field_error(response.get_data(as_text=True), "reason")
    assert load(app, call_and_draft.application).status == ApplicationStatus.submitted


def test_nothing_is_submitted_or_withdrawn_after_the_deadline(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    client.post(url(call_and_draft), complete(call_and_draft))
    with time_machine.travel(call_and_draft.deadline, tick=False):
        client.login(world.occupant_admin)
        response = client.post(url(call_and_draft, "/submit"), CONFIRM)
        assert response.status_code == 409 and "The deadline has passed" in response.get_data(as_text=True)
    assert load(app, call_and_draft.application).status == ApplicationStatus.draft
    with time_machine.travel(call_and_draft.deadline - timedelta(seconds=1), tick=False):
        client.login(world.occupant_admin)
        assert client.post(url(call_and_draft, "/submit"), CONFIRM).status_code == 303  # one second before: open
    with time_machine.travel(call_and_draft.deadline, tick=False):
        client.login(world.occupant_admin)
        response = client.post(url(call_and_draft, "/withdraw"))
        assert response.status_code == 409 and "can no longer be withdrawn" in response.get_data(as_text=True)
        page = client.get(url(call_and_draft)).get_data(as_text=True)
        assert "Withdraw the application" not in page and "Notre réponse au critère 0" in page
    assert load(app, call_and_draft.application).status == ApplicationStatus.submitted


def test_the_receipt_is_a_pdf_of_a_submitted_application(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    assert client.get(url(call_and_draft, "/receipt.pdf")).status_code == 404        # a draft has no receipt
    client.post(url(call_and_draft), complete(call_and_draft))
    client.post(url(call_and_draft, "/submit"), CONFIRM)
    for language in ("en", "fr", "nl"):
        response = client.get(url(call_and_draft, "/receipt.pdf") + f"?lang={language}")
        assert response.status_code == 200
        assert response.content_type == "application/pdf"
        assert response.data.startswith(b"%PDF")
    assert response.headers["Cache-Control"] == "private, no-store"


# Who reads what -----------------------------------------------------------------------------------------------

def _submitted_with_a_document(app, client, world, call_and_draft) -> int:
    client.login(world.occupant_admin)
    client.post(url(call_and_draft), complete(call_and_draft))
    client.post(url(call_and_draft, "/attachments"), {"file": (io.BytesIO(PDF), "budget.pdf")},
                content_type="multipart/form-data")
    client.post(url(call_and_draft, "/submit"), CONFIRM)
    with app.app_context():
        return db.session.scalar(select(Attachment.id))


# The owner's evaluator is not among them: an evaluator reads an application only once assigned to the call and
# after declaring their conflicts of interest (tests/web/test_evaluation.py).
READERS_AFTER_THE_DEADLINE = {"occupant_admin", "occupant_editor", "owner_admin", "owner_editor",
                              "guichet_admin", "guichet_moderator"}
SLUGS = {"owner_admin": "owner-a", "owner_editor": "owner-a", "owner_evaluator": "owner-a",
         "guichet_admin": "guichet", "guichet_moderator": "guichet", "other_owner_admin": "owner-b",
         "other_occupant_admin": "occupant-b", "pending_admin": "pending-c"}


@pytest.mark.parametrize("moment", ["before", "after"])
def test_another_occupant_s_application_is_not_found_except_by_its_readers(app, make_client, world, call_and_draft,
                                                                           moment):
    """Its applicant always; the call's owner and the Guichet once the deadline has passed; anyone else, 404."""
    attachment_id = _submitted_with_a_document(app, make_client(), world, call_and_draft)
    when = call_and_draft.deadline if moment == "after" else call_and_draft.deadline - timedelta(seconds=1)
    roles = sorted(READERS_AFTER_THE_DEADLINE | set(SLUGS) | {"anonymous"})
    with time_machine.travel(when, tick=False):
        for role in roles:
            client = make_client()
            if role != "anonymous":
                client.login(world[role])
            slug = SLUGS.get(role, "occupant-a")
            readable = role in READERS_AFTER_THE_DEADLINE and (moment == "after" or role.startswith("occupant"))
            file = client.get(f"/application-files/{attachment_id}")
            receipt = client.get(f"/o/{slug}/applications/{call_and_draft.application}/receipt.pdf")
            assert file.status_code == (200 if readable else 404), role
            if readable:
                assert file.data == PDF and file.headers["Cache-Control"] == "private, no-store"
                assert receipt.status_code == 200 and receipt.data.startswith(b"%PDF"), role
            else:
                assert receipt.status_code == (302 if role == "anonymous" else 404), role


def test_the_owner_and_the_guichet_read_the_application_through_the_shared_fragment(app, make_client, world,
                                                                                    call_and_draft):
    """The owner's and the Guichet's application pages include applications/partials/_application.html: its
    links (receipt, documents) work from their side once the deadline has passed."""
    attachment_id = _submitted_with_a_document(app, make_client(), world, call_and_draft)
    with time_machine.travel(call_and_draft.deadline, tick=False):
        path = f"calls/{call_and_draft.call}/applications/{call_and_draft.application}"
        for role, page_url in (("owner_editor", f"/o/owner-a/{path}"), ("guichet_moderator", f"/guichet/{path}")):
            client = make_client().login(world[role])
            page = client.get(page_url).get_data(as_text=True)
            assert "Un atelier de réparation ouvert au quartier." in page and "Notre réponse au critère 1" in page
            assert "Qualité du projet" in page and "Oui, nous sommes une asbl." in page and "budget.pdf" in page
            receipt = re.search(r'href="([^"]+/receipt\.pdf)"', page).group(1)
            assert client.get(receipt).status_code == 200, (role, receipt)
            assert client.get(f"/application-files/{attachment_id}").status_code == 200


def test_a_draft_s_documents_stay_the_applicant_s_even_after_the_deadline(app, make_client, world, call_and_draft):
    client = make_client().login(world.occupant_admin)
    client.post(url(call_and_draft, "/attachments"), {"file": (io.BytesIO(PDF), "budget.pdf")},
                content_type="multipart/form-data")
    with app.app_context():
        attachment_id = db.session.scalar(select(Attachment.id))
    with time_machine.travel(call_and_draft.deadline + timedelta(days=1), tick=False):
        client.login(world.occupant_admin)
        assert client.get(f"/application-files/{attachment_id}").status_code == 200
        for role in ("owner_admin", "guichet_admin", "other_occupant_admin"):
            assert make_client().login(world[role]).get(f"/application-files/{attachment_id}").status_code == 404
    # Another organisation's pages of the application: not found, whatever the role.
    other = make_client().login(world.other_occupant_admin)
    assert other.get(f"/o/occupant-b/applications/{call_and_draft.application}").status_code == 404
    assert other.post(f"/o/occupant-b/applications/{call_and_draft.application}/autosave",
                      complete(call_and_draft)).status_code == 404


# Documents ------------------------------------------------------------------------------------------------------

def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (0, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def add(client, call_and_draft, data: bytes, name: str):
    return client.post(url(call_and_draft, "/attachments"), {"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("data, name, mimetype", [
    (PDF, "budget.pdf", "application/pdf"),
    (jpeg_bytes(), "façade.JPG", "image/jpeg"),
    (_png(), "plan.png", "image/png"),
    (_docx(), "statuts.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (_odt(), "lettre.odt", "application/vnd.oasis.opendocument.text"),
])
def test_documents_are_checked_by_content_and_kept_with_their_digest(app, client, world, call_and_draft, data, name,
                                                                     mimetype):
    client.login(world.occupant_admin)
    response = add(client, call_and_draft, data, name)
    assert response.status_code == 303 and response.headers["Location"] == url(call_and_draft, "#attachments")
    with app.app_context():
        attachment = db.session.scalar(select(Attachment))
        assert (attachment.original_name, attachment.mimetype, attachment.size) == (name, mimetype, len(data))
        assert attachment.digest == hashlib.sha256(data).hexdigest()
        assert attachment.filename != name and re.fullmatch(r"[0-9a-f]{32}\.\w+", attachment.filename)
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "application.attachment_added"))
        assert event.changes["attachment"] == [None, name] and event.changes["digest"][1] == attachment.digest
    served = client.get(f"/application-files/{attachment.id}")
    assert served.status_code == 200 and served.data == data and served.mimetype == mimetype
    assert "attachment" in served.headers["Content-Disposition"]
    assert name in client.get(url(call_and_draft)).get_data(as_text=True)


@pytest.mark.parametrize("data, name, message", [
    (jpeg_bytes(), "budget.pdf", "does not match its type"),              # an image named as a PDF
    (PDF, "photo.png", "does not match its type"),                        # a PDF named as an image
    (b"PK\x03\x04 not really a zip", "statuts.docx", "does not match its type"),
    (_odt(), "statuts.docx", "does not match its type"),                  # an OpenDocument named as Word
    (_docx(), "tableau.xlsx", "does not match its type"),                 # Word named as Excel
    (jpeg_bytes()[:200], "coupée.jpg", "does not match its type"),        # a truncated image does not decode
    (b"MZ\x90\x00", "setup.exe", "not accepted"),
    (PDF, "budget", "not accepted"),
    (b"", "vide.pdf", "The file is empty."),
    (PDF, "../../etc/budget.pdf", "may not contain a slash"),
    (PDF, "bud\x07get.pdf", "invisible characters"),
])
def test_a_refused_document_says_why_beside_the_field_and_nothing_is_stored(app, client, world, call_and_draft, data,
                                                                            name, message):
    client.login(world.occupant_admin)
    files = stored_files(app)
    response = add(client, call_and_draft, data, name)
    assert response.status_code == 422
    assert message in field_error(response.get_data(as_text=True), "file")
    assert count(app, Attachment) == 0 and stored_files(app) == files


def test_an_oversized_document_is_refused(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    files = stored_files(app)
    big = PDF[:-6] + b" " * (15 * 1024 * 1024) + b"%%EOF\n"
    response = add(client, call_and_draft, big, "énorme.pdf")
    assert response.status_code == 422
    assert "too large: at most 15 MB" in field_error(response.get_data(as_text=True), "file")
    assert count(app, Attachment) == 0 and stored_files(app) == files


def test_long_names_are_shortened_and_an_application_holds_ten_documents(app, client, world, call_and_draft):
    client.login(world.occupant_admin)
    long_name = "r" * 250 + ".pdf"
    assert add(client, call_and_draft, PDF, long_name).status_code == 303
    with app.app_context():
        name = db.session.scalar(select(Attachment.original_name))
    assert len(name) == 200 and name.endswith(".pdf")
    for n in range(9):
        assert add(client, call_and_draft, PDF, f"annexe-{n}.pdf").status_code == 303
    files = stored_files(app)
    response = add(client, call_and_draft, PDF, "onzième.pdf")
    assert response.status_code == 422
    assert "at most 10 attachments" in field_error(response.get_data(as_text=True), "file")
    assert count(app, Attachment) == 10 and stored_files(app) == files


def test_removing_a_document_removes_its_file(app, client, world, call_and_draft, jobs):
    client.login(world.occupant_editor)
    add(client, call_and_draft, PDF, "budget.pdf")
    with app.app_context():
        attachment = db.session.scalar(select(Attachment))
        attachment_id, stored = attachment.id, attachment.filename
    assert stored in stored_files(app)
    response = client.post(url(call_and_draft, f"/attachments/{attachment_id}/remove"))
    assert response.status_code == 303
    jobs.run()  # the file goes once the row has gone: after the commit
    assert count(app, Attachment) == 0 and stored not in stored_files(app)
    assert count(app, AuditEvent, action="application.attachment_removed") == 1
    assert client.post(url(call_and_draft, f"/attachments/{attachment_id}/remove")).status_code == 404


def test_documents_no_longer_change_once_submitted_or_after_the_deadline(app, client, world, call_and_draft):
    attachment_id = _submitted_with_a_document(app, client, world, call_and_draft)
    files = stored_files(app)
    assert add(client, call_and_draft, PDF, "tard.pdf").status_code == 409
    assert client.post(url(call_and_draft, f"/attachments/{attachment_id}/remove")).status_code == 409
    client.post(url(call_and_draft, "/withdraw"))
    with time_machine.travel(call_and_draft.deadline, tick=False):
        client.login(world.occupant_admin)
        assert add(client, call_and_draft, PDF, "tard.pdf").status_code == 409
    assert count(app, Attachment) == 1 and stored_files(app) == files


# The dashboard -------------------------------------------------------------------------------------------------

def test_the_dashboard_is_empty_at_first_and_points_to_the_calls(client, world):
    client.login(world.occupant_admin)
    page = client.get(f"{BASE}/").get_data(as_text=True)
    assert "You have not applied to any call yet" in page and 'href="/calls"' in page


def test_the_dashboard_groups_applications_and_highlights_approaching_deadlines(app, client, world, call_and_draft):
    with app.test_request_context():
        from occupancies.models import Site

        site = db.session.get(Site, call_and_draft.site)
        occupant = db.session.get(Organisation, world.occupant)
        soon = make_call(site, title="Appel urgent", deadline=clock.now() + timedelta(days=3))
        make_application(soon, occupant)
        sent = make_call(site, title="Appel envoyé")
        make_application(sent, occupant, status=ApplicationStatus.submitted)
        gone = make_call(site, title="Appel retiré")
        make_application(gone, occupant, status=ApplicationStatus.withdrawn)
        db.session.commit()
    client.login(world.occupant_admin)
    page = client.get(f"{BASE}/").get_data(as_text=True)
    drafts, submitted, withdrawn = (page.index(f'id="applications-{key}-title"')
                                    for key in ("draft", "submitted", "withdrawn"))
    assert drafts < page.index("Appel urgent") < page.index("Appel École") < submitted < page.index("Appel envoyé") \
        < withdrawn < page.index("Appel retiré")
    urgent_row = page[page.rindex("<tr", 0, page.index("Appel urgent")):page.index("Appel urgent")]
    assert "table-warning" in urgent_row
    school_row = page[page.rindex("<tr", 0, page.index("Appel École")):page.index("Appel École")]
    assert "table-warning" not in school_row
    assert "Closes in 3 days" in page and "4 of 4" in page and "0 of 4" in page


def test_the_dashboard_belongs_to_occupants(client, world):
    assert client.login(world.owner_admin).get("/o/owner-a/applications/").status_code == 404


def test_the_dashboard_keeps_a_constant_number_of_queries(app, make_client, world, call_and_draft):
    def grow(n):
        with app.test_request_context():
            from occupancies.models import Site

            site = db.session.get(Site, call_and_draft.site)
            occupant = db.session.get(Organisation, world.occupant)
            for i in range(n):
                for status in ApplicationStatus:
                    make_application(make_call(site, title=f"Appel {status} {i}"), occupant, status=status)
            db.session.commit()

    assert_constant_queries(app, make_client().login(world.occupant_admin), f"{BASE}/", grow)


@pytest.mark.parametrize("name", ["C:\\Users\\budget.pdf", "..\\budget.pdf", "a/b.pdf", "../budget.pdf",
                                  "bud\x00get.pdf", "bud\nget.pdf", "bud\x7fget.pdf"])
def test_file_names_with_path_or_control_characters_are_refused(name):
    """Browsers and the test client unescape backslashes in the upload's header: the rule itself, directly."""
    with pytest.raises(uploads.UploadError) as error:
        uploads.clean_filename(name)
    assert error.value.code == "bad_name"
    assert uploads.clean_filename("  Budget 2027 (v2).pdf ") == "Budget 2027 (v2).pdf"
