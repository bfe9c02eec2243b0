"""The owner's register: sites, units, photos, occupancies; the Guichet's moderation."""
import io
import re
from datetime import date

from flask_babel import force_locale
from PIL import Image
from sqlalchemy import select

from occupancies.models import Occupancy, OccupancyUnit, Site, SitePhoto, Unit
from occupancies.workflow import PublicationStatus
from portal import uploads
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.notifications.models import Notification
from portal.organisations.models import Organisation
from tests.support.calls import make_call
from tests.support.sites import PDF, jpeg_bytes, make_occupancy, make_site, make_unit
from tests.support.web import count, field_error

SITE = {
    "name": "Ancienne poste", "address": "Rue de la Poste 3", "postcode": "1030", "commune": "schaerbeek",
    "latitude": "50.8676", "longitude": "4.3737", "kind": "built", "total_surface": "850",
    "has_water": "y", "has_electricity": "y", "available_from": "2027-01-01", "available_until": "2029-12-31",
    "description_fr": "Ancien bureau de poste.", "description_nl": "Voormalig postkantoor.",
}


def owner_site(app, world, **fields):
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), fields.pop("name", "Site A"), **fields)
        units = [make_unit(site, "Floor 1", surface=100), make_unit(site, "Floor 2", surface=300)]
        db.session.commit()
        return site.id, [u.id for u in units]


def test_an_editor_creates_a_site(app, client, world):
    client.login(world.owner_editor)
    response = client.post("/o/owner-a/sites/new", SITE)
    assert response.status_code == 303
    with app.app_context():
        site = db.session.scalar(select(Site).where(Site.name == "Ancienne poste"))
        assert (site.organisation_id, site.commune, site.has_water, site.has_heating) == (
            world.owner, "schaerbeek", True, False)
        assert site.publication == PublicationStatus.draft
    assert response.headers["Location"] == f"/o/owner-a/sites/{site.id}"
    assert count(app, AuditEvent, action="site.created") == 1


def _refused(app, client, changes, field):
    response = client.post("/o/owner-a/sites/new", {**SITE, **changes})
    assert response.status_code == 422
    assert count(app, Site) == 0
    return field_error(response.get_data(as_text=True), field)


def test_site_form_errors_are_beside_their_fields(app, client, world):
    client.login(world.owner_editor)
    assert "outside the Brussels-Capital Region" in _refused(app, client, {"latitude": "51.2194",
                                                                           "longitude": "4.4025"}, "latitude")
    assert "required" in _refused(app, client, {"longitude": ""}, "longitude")
    assert "starts with 1" in _refused(app, client, {"postcode": "2000"}, "postcode")
    assert "before its start" in _refused(app, client, {"available_until": "2026-01-01"}, "available_until")
    assert _refused(app, client, {"commune": "antwerpen"}, "commune")
    assert _refused(app, client, {"total_surface": "-3"}, "total_surface")


def test_evaluators_and_occupants_cannot_create_sites(client, world):
    client.login(world.owner_evaluator)
    assert client.post("/o/owner-a/sites/new", SITE).status_code == 403
    client.login(world.occupant_admin)
    assert client.get("/o/occupant-a/sites/").status_code == 404


def test_another_owners_site_is_not_found(app, client, world):
    site_id, units = owner_site(app, world)
    client.login(world.other_owner_admin)
    assert client.get(f"/o/owner-b/sites/{site_id}").status_code == 404
    assert client.post(f"/o/owner-b/sites/{site_id}/units",
                       {"kind": "room", "label_fr": "x", "label_nl": "x"}).status_code == 404
    assert client.get(f"/o/owner-a/sites/{site_id}").status_code == 404


def test_units_are_added_with_their_checks(app, client, world):
    site_id, _ = owner_site(app, world)
    client.login(world.owner_editor)
    response = client.post(f"/o/owner-a/sites/{site_id}/units",
                           {"kind": "flat", "label_fr": "Flat 3", "label_nl": "Flat 3", "surface": "55"})
    assert response.status_code == 422
    assert "bedrooms" in field_error(response.get_data(as_text=True), "bedrooms")
    response = client.post(f"/o/owner-a/sites/{site_id}/units",
                           {"kind": "flat", "bedrooms": "2", "label_fr": "Flat 3", "label_nl": "Flat 3",
                            "surface": "55"})
    assert response.status_code == 303
    with app.app_context():
        unit = db.session.scalar(select(Unit).where(Unit.label_fr == "Flat 3"))
        assert (unit.kind.value, unit.bedrooms, float(unit.surface)) == ("flat", 2, 55.0)
    response = client.post(f"/o/owner-a/sites/{site_id}/units/{unit.id}/edit",
                           {"kind": "studio", "bedrooms": "2", "label_fr": "Studio 3", "label_nl": "Studio 3",
                            "surface": "30"})
    assert response.status_code == 303
    with app.app_context():
        unit = db.session.get(Unit, unit.id)
        assert (unit.kind.value, unit.bedrooms) == ("studio", None)  # a studio has no bedroom count


def test_a_unit_is_named_in_french_and_dutch_and_read_in_the_readers_language(app, make_client, world):
    site_id, _ = owner_site(app, world)
    editor = make_client().login(world.owner_editor)
    response = editor.post(f"/o/owner-a/sites/{site_id}/units",
                           {"kind": "floor", "label_fr": "Rez-de-chaussée", "surface": "80"})
    assert response.status_code == 422
    assert "required" in field_error(response.get_data(as_text=True), "label_nl")
    assert editor.post(f"/o/owner-a/sites/{site_id}/units", {
        "kind": "floor", "label_fr": "Rez-de-chaussée", "label_nl": "Gelijkvloers", "surface": "80"}).status_code == 303
    with app.app_context():
        db.session.get(Site, site_id).publication = PublicationStatus.published
        db.session.commit()
    public = make_client()
    dutch = public.get(f"/sites/{site_id}?lang=nl").get_data(as_text=True)
    assert "Gelijkvloers" in dutch and "Rez-de-chaussée" not in dutch
    french = public.get(f"/sites/{site_id}?lang=fr").get_data(as_text=True)
    assert "Rez-de-chaussée" in french and "Gelijkvloers" not in french
    [unit] = [u for u in public.get(f"/api/v1/sites/{site_id}").json["site"]["units"] if u["surface_m2"] == 80]
    assert unit["name"] == {"fr": "Rez-de-chaussée", "nl": "Gelijkvloers"}


def test_a_unit_with_occupancies_cannot_be_removed(app, client, world):
    site_id, units = owner_site(app, world)
    occupancy = {"unit_ids": [str(units[0])], "occupant_id": str(world.occupant), "start_date": "2025-01-01",
                 "use_category": "culture", "occupant_type": "association"}
    client.login(world.owner_editor)
    assert client.post(f"/o/owner-a/sites/{site_id}/occupancies/new", occupancy).status_code == 303
    page = client.post(f"/o/owner-a/sites/{site_id}/units/{units[0]}/remove", follow_redirects=True)
    assert "cannot be removed" in page.get_data(as_text=True)
    assert client.post(f"/o/owner-a/sites/{site_id}/units/{units[1]}/remove").status_code == 303
    assert count(app, Unit) == 1


def occupancy_data(units, **changes):
    return {"unit_ids": [str(u) for u in units], "occupant_id": "", "external_occupant": "Asbl Historique",
            "start_date": "2024-01-01", "end_date": "2024-06-30", "use_category": "emergency_housing",
            "occupant_type": "association", "agreement_reference": "CONV-1", **changes}


def test_recording_occupancies_and_refusing_overlaps(app, client, world):
    site_id, units = owner_site(app, world)
    client.login(world.owner_editor)
    url = f"/o/owner-a/sites/{site_id}/occupancies/new"
    assert client.post(url, occupancy_data(units)).status_code == 303
    # The same unit on the last day of the first occupancy: refused, with the clash named.
    response = client.post(url, occupancy_data(units[:1], start_date="2024-06-30", end_date="",
                                               external_occupant="Autre"))
    assert response.status_code == 422
    message = field_error(response.get_data(as_text=True), "unit_ids")
    assert "Floor 1 is already occupied by Asbl Historique" in message
    # The day after: accepted, open-ended.
    assert client.post(url, occupancy_data(units[:1], start_date="2024-07-01", end_date="",
                                           external_occupant="Autre")).status_code == 303
    # Nothing can start later on that unit now, since the last occupancy has no end.
    response = client.post(url, occupancy_data(units[:1], start_date="2031-01-01", end_date="2031-02-01"))
    assert response.status_code == 422
    assert "with no end date" in field_error(response.get_data(as_text=True), "unit_ids")
    assert count(app, Occupancy) == 2 and count(app, OccupancyUnit) == 3


def test_occupancy_form_errors(app, client, world):
    site_id, units = owner_site(app, world)
    other_site, other_units = owner_site(app, world, name="Other")
    client.login(world.owner_editor)
    url = f"/o/owner-a/sites/{site_id}/occupancies/new"
    response = client.post(url, occupancy_data(units, end_date="2023-01-01"))
    assert response.status_code == 422
    assert "before the start" in field_error(response.get_data(as_text=True), "end_date")
    response = client.post(url, occupancy_data(units, external_occupant=""))
    assert response.status_code == 422
    assert "occupant" in field_error(response.get_data(as_text=True), "external_occupant")
    response = client.post(url, occupancy_data(other_units))  # units of another site
    assert response.status_code == 422
    assert count(app, Occupancy) == 0


def test_an_occupancy_is_edited_without_clashing_with_itself_and_removed_with_a_reason(app, client, world):
    site_id, units = owner_site(app, world)
    with app.test_request_context():
        site = db.session.get(Site, site_id)
        occupancy = make_occupancy(site, [db.session.get(Unit, units[0])], external="Asbl X",
                                   start=date(2024, 1, 1), end=date(2024, 12, 31))
        db.session.commit()
        occupancy_id = occupancy.id
    client.login(world.owner_editor)
    url = f"/o/owner-a/sites/{site_id}/occupancies/{occupancy_id}"
    response = client.post(url + "/edit", occupancy_data(units, start_date="2024-02-01", end_date="2025-01-31",
                                                          external_occupant="Asbl X"))
    assert response.status_code == 303
    with app.app_context():
        occupancy = db.session.get(Occupancy, occupancy_id)
        assert sorted(occupancy.unit_ids) == sorted(units)
        assert {(b.start_date, b.end_date) for b in occupancy.bookings} == {(date(2024, 2, 1), date(2025, 1, 31))}
    assert client.post(url + "/remove", {"reason": ""}).status_code == 422
    assert client.post(url + "/remove", {"reason": "Encodée deux fois"}).status_code == 303
    assert count(app, Occupancy) == 0 and count(app, OccupancyUnit) == 0
    assert count(app, AuditEvent, action="site.occupancy_removed") == 1


def test_an_agreement_pdf_is_checked_and_served_only_to_the_parties(app, client, make_client, world):
    site_id, units = owner_site(app, world)
    client.login(world.owner_editor)
    url = f"/o/owner-a/sites/{site_id}/occupancies/new"
    data = occupancy_data(units, occupant_id=str(world.occupant), external_occupant="")
    response = client.post(url, {**data, "agreement_file": (io.BytesIO(b"MZ not a pdf"), "contract.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "not a PDF" in field_error(response.get_data(as_text=True), "agreement_file")
    assert count(app, Occupancy) == 0
    response = client.post(url, {**data, "agreement_file": (io.BytesIO(PDF), "contract.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    with app.app_context():
        occupancy_id = db.session.scalar(select(Occupancy.id))
    assert client.get(f"/occupancies/{occupancy_id}/agreement").data == PDF
    assert make_client().login(world.occupant_editor).get(f"/occupancies/{occupancy_id}/agreement").status_code == 200
    assert make_client().login(world.other_occupant_admin).get(
        f"/occupancies/{occupancy_id}/agreement").status_code == 404
    assert make_client().get(f"/occupancies/{occupancy_id}/agreement").status_code == 404


def test_photos_are_checked_by_content_resized_and_stripped(app, client, world):
    site_id, _ = owner_site(app, world)
    client.login(world.owner_editor)
    url = f"/o/owner-a/sites/{site_id}/photos"
    response = client.post(url, {"photo": (io.BytesIO(b"%PDF-1.4 renamed"), "facade.jpg"), "caption": ""},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "not a photo" in field_error(response.get_data(as_text=True), "photo")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"   # make
    exif[0x8825] = {2: (50.0, 50.0, 0.0)}  # GPS
    big = jpeg_bytes(size=(3200, 1600), exif=exif.tobytes())
    response = client.post(url, {"photo": (io.BytesIO(big), "facade.png"), "caption": "Façade"},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    with app.test_request_context():
        photo = db.session.scalar(select(SitePhoto))
        assert (photo.width, photo.height) == (1600, 800)
        stored = Image.open(uploads.folder("photos") / photo.filename)
        assert stored.format == "JPEG" and not stored.getexif()
    assert client.get(f"/photos/{photo.id}").status_code == 200
    assert client.__class__(app).get(f"/photos/{photo.id}").status_code == 404  # not published yet


def test_publication_is_asked_and_decided_by_the_guichet(app, make_client, jobs, world):
    site_id, _ = owner_site(app, world)
    editor = make_client().login(world.owner_editor)
    moderator = make_client().login(world.guichet_moderator)
    public = make_client()
    assert public.get(f"/sites/{site_id}").status_code == 404
    assert editor.post(f"/o/owner-a/sites/{site_id}/request-publication").status_code == 303
    assert f"/guichet/sites/{site_id}" in moderator.get("/guichet/sites/").get_data(as_text=True)
    response = moderator.post(f"/guichet/sites/{site_id}/return", {"reason": ""})
    assert response.status_code == 422 and field_error(response.get_data(as_text=True), "reason")
    assert moderator.post(f"/guichet/sites/{site_id}/return", {"reason": "Ajoutez des photos"}).status_code == 303
    assert "Ajoutez des photos" in editor.get(f"/o/owner-a/sites/{site_id}").get_data(as_text=True)
    assert editor.post(f"/o/owner-a/sites/{site_id}/request-publication").status_code == 303
    assert moderator.post(f"/guichet/sites/{site_id}/publish", {"confirm": "y"}).status_code == 303
    assert public.get(f"/sites/{site_id}").status_code == 200
    with app.app_context():
        actions = [e.action for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.target_type == "sites").order_by(AuditEvent.id))]
        told = {n.kind for n in db.session.scalars(
            select(Notification).where(Notification.user_id == world.owner_editor))}
    assert actions == ["site.publication_requested", "site.returned", "site.publication_requested", "site.published"]
    assert {"site.returned", "site.published"} <= told
    # The owner can take it off the public list again.
    assert editor.post(f"/o/owner-a/sites/{site_id}/withdraw").status_code == 303
    assert public.get(f"/sites/{site_id}").status_code == 404


def test_publishing_a_site_asks_for_a_confirmation_that_the_server_checks(app, make_client, jobs, world):
    site_id, _ = owner_site(app, world, publication=PublicationStatus.submitted)
    moderator = make_client().login(world.guichet_moderator)
    page = moderator.get(f"/guichet/sites/{site_id}").get_data(as_text=True)
    form = re.search(rf'<form[^>]*action="/guichet/sites/{site_id}/publish".*?</form>', page, re.S)
    assert form, "no publication form on the review page"
    assert 'name="confirm"' in form.group(0) and 'type="checkbox"' in form.group(0)
    assert "cannot be recalled" in page  # what publishing does that withdrawing will not undo
    # Without the box ticked (a browser without JavaScript, or a forged request), nothing is published.
    response = moderator.post(f"/guichet/sites/{site_id}/publish")
    assert response.status_code == 422
    assert "Tick the box" in field_error(response.get_data(as_text=True), "confirm")
    assert count(app, AuditEvent, action="site.published") == 0
    with app.app_context():
        assert db.session.get(Site, site_id).publication == PublicationStatus.submitted
    assert moderator.post(f"/guichet/sites/{site_id}/publish", {"confirm": "y"}).status_code == 303
    with app.app_context():
        assert db.session.get(Site, site_id).publication == PublicationStatus.published


def test_a_site_without_units_cannot_be_submitted(app, client, world):
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "Empty")
        db.session.commit()
        site_id = site.id
    client.login(world.owner_editor)
    page = client.post(f"/o/owner-a/sites/{site_id}/request-publication", follow_redirects=True)
    assert "at least one unit" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Site, site_id).publication == PublicationStatus.draft


def test_the_guichet_dashboard_shows_the_regions_social_purpose_share(app, client, world):
    from occupancies.workflow import UseCategory

    site_id, units = owner_site(app, world)
    with app.test_request_context():
        site = db.session.get(Site, site_id)
        extra = make_unit(site, "Floor 3")
        make_occupancy(site, [db.session.get(Unit, units[0]), db.session.get(Unit, units[1])], external="A",
                       start=date(2025, 1, 1), use=UseCategory.emergency_housing)
        make_occupancy(site, [extra], external="B", start=date(2025, 1, 1), use=UseCategory.circular_economy)
        make_occupancy(site, [extra], external="C", start=date(2020, 1, 1), end=date(2020, 12, 31),
                       use=UseCategory.circular_economy)  # ended: not counted
        db.session.commit()
    client.login(world.guichet_moderator)
    # 2 of the 3 units occupied today, as each language writes a share
    for language, share in (("fr", "67\u00a0%"), ("nl", "67%"), ("en", "67%")):
        page = client.get(f"/guichet/?lang={language}").get_data(as_text=True)
        assert f'id="social-share">{share}<' in page


def test_a_call_and_a_document_name_the_units_in_their_language(app, client, world):
    """Beyond the site's pages: a call's public page, and a document rendered in a language (the PDFs)."""
    with app.test_request_context():
        site = make_site(db.session.get(Organisation, world.owner), "École", publication=PublicationStatus.published)
        unit = make_unit(site, "Rez-de-chaussée", label_nl="Gelijkvloers")
        call = make_call(site, units=[unit])
        db.session.commit()
        call_id = call.id
        assert [unit_in(unit, language) for language in ("fr", "nl", "en")] == [
            "Rez-de-chaussée", "Gelijkvloers", "Rez-de-chaussée"]  # English readers get the French name
    dutch = client.get(f"/calls/{call_id}?lang=nl").get_data(as_text=True)
    assert "Gelijkvloers" in dutch and "Rez-de-chaussée" not in dutch
    assert "Rez-de-chaussée" in client.get(f"/calls/{call_id}?lang=fr").get_data(as_text=True)


def unit_in(unit, language: str) -> str:
    with force_locale(language):  # as portal.ui.pdf.render_html renders every document
        return unit.label
