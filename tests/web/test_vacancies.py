"""The vacancy register (issue 19): the public reports a vacant place and confirms it by the link sent to them; the
commune checks it (accept, merge, reject with a reason) and records what became of it; a commune's own report goes
onto the register at once; a private owner's identity is read by the commune and its CPAS only; every bad input, the
public's or a member's, is refused beside its field with nothing saved; the public figures give no address."""
import io
from datetime import UTC, date, datetime, timedelta

import time_machine
from sqlalchemy import select

from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.operations import AREA
from occupancies.vacancies.workflow import SignalStatus
from portal import config, uploads
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import jpeg_bytes, make_site
from tests.support.vacancies import make_signal
from tests.support.web import assert_constant_queries, count, field_error, link_in, outbox

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
GOOD = {"street": "Rue de l'Église", "number": "12A", "postcode": "1050", "commune": "ixelles",
        "latitude": "50.8275", "longitude": "4.3720", "kind": "dwelling", "owner_type": "private",
        "owner_name": "Paul Privé", "owner_contact": "0470 00 00 00", "vacant_since": "2019-05-01",
        "evidence": ["no_furniture", "neighbours"], "notes": "Volets fermés depuis des années."}
PUBLIC = {**GOOD, "email": "Voisine@Example.org"}


def stored_photos(app) -> list:
    with app.app_context():
        return list(uploads.folder(AREA).iterdir())


def signals(app):
    with app.app_context():
        return db.session.scalars(select(VacancySignal).order_by(VacancySignal.id)).all()


def actions(app, signal_id):
    with app.app_context():
        return [e.action for e in db.session.scalars(select(AuditEvent).where(
            AuditEvent.target_type == "vacancy_signals", AuditEvent.target_id == signal_id).order_by(AuditEvent.id))]


def report_and_confirm(app, client, jobs, data=PUBLIC, **files):
    response = client.post("/vacancies/report", {**data, **files}, content_type="multipart/form-data")
    assert response.status_code == 303 and response.headers["Location"].endswith("/vacancies/report/sent")
    jobs.run()
    [mail] = [m for m in outbox(app, "voisine@example.org") if "/vacancies/confirm/" in m[3]]
    link = link_in(mail[3], "/vacancies/confirm/")
    assert client.get(link).status_code == 200                      # a page with its button: a GET writes nothing
    assert signals(app)[-1].status == SignalStatus.unconfirmed
    assert client.post(link).status_code == 303
    return link


def test_the_public_reports_a_place_confirms_it_and_the_commune_accepts_it(app, client, make_client, world, jobs):
    with time_machine.travel(NOW, tick=False):
        link = report_and_confirm(app, client, jobs, photo=(io.BytesIO(jpeg_bytes()), "facade.jpg"))
        [signal] = signals(app)
        assert signal.status == SignalStatus.pending and signal.reporter_email == "voisine@example.org"
        assert signal.evidence == ["neighbours", "no_furniture"] and signal.photo_file
        assert client.get(link).status_code == 410                  # the link works once
        jobs.run()
        told = [m for m in outbox(app, "owner.editor@example.org") if "A vacant place to check" in m[2]]
        assert told and "Rue de l'Église 12A" in told[0][2]
        commune = make_client().login(world.owner_editor)
        page = commune.get(f"/o/owner-a/vacancies/{signal.id}").get_data(as_text=True)
        assert "Paul Privé" in page and "voisine@example.org" in page and "Check the report" in page
        assert commune.get(f"/o/owner-a/vacancies/{signal.id}/photo").status_code == 200
        response = commune.post(f"/o/owner-a/vacancies/{signal.id}/decision", {"decision": "accept"})
        assert response.status_code == 303
        jobs.run()
    assert signals(app)[0].status == SignalStatus.accepted
    assert actions(app, signal.id) == ["vacancy.confirmed", "vacancy.accepted"]
    assert any("is on the register" in m[2] for m in outbox(app, "voisine@example.org"))


def test_every_problem_of_a_report_is_beside_its_field_and_nothing_is_saved(app, client, world):
    bad = {**PUBLIC, "postcode": "2000", "latitude": "51.5", "longitude": "", "vacant_since": "2027-01-01",
           "email": "not an address", "kind": "castle", "owner_type": "private", "owner_name": "",
           "photo": (io.BytesIO(b"%PDF-1.4 not a photo"), "facade.jpg")}
    before = stored_photos(app)
    with time_machine.travel(NOW, tick=False):
        response = client.post("/vacancies/report", bad, content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for field, message in {"postcode": "starts with 1", "latitude": "Brussels region", "longitude": "required",
                           "email": "valid email", "kind": "Not a valid choice",
                           "vacant_since": "a day to come"}.items():
        assert message in field_error(html, field), field
    assert signals(app) == [] and stored_photos(app) == before


def test_the_rules_beyond_the_fields_are_refused_together_and_the_photo_is_not_kept(app, client, world):
    bad = {**PUBLIC, "vacant_since": "2027-01-01", "owner_name": "", "owner_contact": "paul@example.org",
           "photo": (io.BytesIO(jpeg_bytes()), "facade.jpg")}                   # a good photo, stored first
    before = stored_photos(app)
    with time_machine.travel(NOW, tick=False):
        html = client.post("/vacancies/report", bad, content_type="multipart/form-data").get_data(as_text=True)
        assert "a day to come" in field_error(html, "vacant_since")
        assert "name with their contact" in field_error(html, "owner_name")
        html = client.post("/vacancies/report", {**PUBLIC, "photo": (io.BytesIO(b"GIF89a not really"), "a.gif")},
                           content_type="multipart/form-data").get_data(as_text=True)
        assert "not a photo" in field_error(html, "photo")
    assert signals(app) == [] and stored_photos(app) == before


def test_a_confirmation_link_lasts_a_day_and_an_unconfirmed_report_is_then_deleted(app, client, world, jobs):
    with time_machine.travel(NOW, tick=False):
        client.post("/vacancies/report", PUBLIC)
        jobs.run()
        link = link_in(outbox(app, "voisine@example.org")[0][3], "/vacancies/confirm/")
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        assert client.get(link).status_code == 410
        response = client.post(link)
        assert response.status_code == 303 and signals(app)[0].status == SignalStatus.unconfirmed
        client.post("/vacancies/report", {**PUBLIC, "street": "Rue Neuve"})     # the next report sweeps it
    assert [s.street for s in signals(app)] == ["Rue Neuve"]


def test_reports_of_the_public_are_rate_limited(app, make_client, world, monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "s")
    production = config.load(tmp_path, {"PORTAL_ENV": "production"})
    for key in ("VACANCY_LIMIT_PER_ADDRESS", "VACANCY_LIMIT_PER_EMAIL"):
        monkeypatch.setitem(app.config, key, production[key])
    client = make_client()
    statuses = [client.post("/vacancies/report", {**PUBLIC, "email": f"person{n}@example.org"}).status_code
                for n in range(12)]
    assert statuses[:10] == [303] * 10 and statuses[-1] == 429         # one client address: ten an hour
    other = [make_client().post("/vacancies/report", PUBLIC, environ_base={"REMOTE_ADDR": f"198.51.100.{n}"}
                                ).status_code for n in range(7)]
    assert other[:5] == [303] * 5 and other[-1] == 429                  # one email address: five a day


def test_a_communes_report_is_on_the_register_at_once_and_an_associations_waits(app, make_client, world, jobs):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        assert commune.post("/o/owner-a/vacancies/new", GOOD).status_code == 303
        association = make_client().login(world.occupant_admin)
        response = association.post("/o/occupant-a/vacancies/new", {**GOOD, "street": "Rue Haute"})
        assert response.status_code == 303
        own, theirs = signals(app)
        assert own.status == SignalStatus.accepted and theirs.status == SignalStatus.pending
        page = association.get(f"/o/occupant-a/vacancies/{theirs.id}").get_data(as_text=True)
        assert "Awaiting moderation" in page and "Paul Privé" not in page       # the owner: the commune's only
        assert association.get(f"/o/occupant-a/vacancies/{own.id}").status_code == 404
        listed = commune.get("/o/owner-a/vacancies/?status=pending").get_data(as_text=True)
        assert "Rue Haute" in listed and "Rue de l&#39;Église" not in listed
        assert commune.post(f"/o/owner-a/vacancies/{theirs.id}/decision",
                            {"decision": "reject", "reason": "Occupé par le propriétaire."}).status_code == 303
        jobs.run()
        inbox = association.get("/inbox").get_data(as_text=True)     # within the session's twelve hours
    assert "was not kept" in inbox
    assert actions(app, theirs.id) == ["vacancy.reported", "vacancy.rejected"]


def test_every_problem_of_a_members_report_is_beside_its_field_and_nothing_is_saved(app, make_client, world):
    with time_machine.travel(NOW, tick=False):
        commune = make_client().login(world.owner_editor)
        response = commune.post("/o/owner-a/vacancies/new", {**GOOD, "street": "", "postcode": "2000",
                                                             "commune": "antwerpen", "latitude": "51.5",
                                                             "longitude": "", "kind": "castle",
                                                             "vacant_since": "2019-02-30"})
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        for field, message in {"street": "required", "postcode": "starts with 1", "commune": "Not a valid choice",
                               "latitude": "Brussels region", "longitude": "required", "kind": "Not a valid choice",
                               "vacant_since": "Not a valid date"}.items():
            assert message in field_error(html, field), field
        # The rules beyond the fields are said with the fields' own problems, all at once.
        response = commune.post("/o/owner-a/vacancies/new", {**GOOD, "vacant_since": "2026-12-04", "owner_name": "",
                                                             "owner_contact": "paul@example.org", "street": ""})
        html = response.get_data(as_text=True)
        assert "required" in field_error(html, "street") and "a day to come" in field_error(html, "vacant_since")
        assert "name with their contact" in field_error(html, "owner_name")
        response = commune.post("/o/owner-a/vacancies/new", {**GOOD, "vacant_since": "2026-12-04", "owner_name": "",
                                                             "owner_contact": "paul@example.org"})
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        assert "a day to come" in field_error(html, "vacant_since")
        assert "name with their contact" in field_error(html, "owner_name")
    assert signals(app) == [] and count(app, AuditEvent, action="vacancy.reported") == 0


def test_a_rejection_needs_its_reason_and_a_merge_its_signal(app, make_client, world):
    with app.app_context():
        first = make_signal(status=SignalStatus.accepted, evidence=["fiscal_data"], vacant_since=date(2020, 1, 1))
        second = make_signal(evidence=["neighbours"], vacant_since=date(2018, 6, 1))
        elsewhere = make_signal(street="Rue Autre")
        db.session.commit()
        ids = first.id, second.id, elsewhere.id
    commune = make_client().login(world.owner_editor)
    url = f"/o/owner-a/vacancies/{ids[1]}"
    page = commune.get(url).get_data(as_text=True)
    assert "1 other signal has the same address" in page
    html = commune.post(url + "/decision", {"decision": "reject", "reason": ""}).get_data(as_text=True)
    assert "Give the reason" in field_error(html, "reason")
    html = commune.post(url + "/decision", {"decision": "merge", "merge_into": str(ids[2])}).get_data(as_text=True)
    assert "Not a valid choice" in field_error(html, "merge_into")       # not of the same address
    assert signals(app)[1].status == SignalStatus.pending
    assert commune.post(url + "/decision", {"decision": "merge", "merge_into": str(ids[0])}).status_code == 303
    merged, into = signals(app)[1], signals(app)[0]
    assert merged.status == SignalStatus.merged and merged.merged_into_id == ids[0]
    assert into.evidence == ["fiscal_data", "neighbours"] and into.vacant_since == date(2018, 6, 1)
    assert "vacancy.merged_here" in actions(app, ids[0])


def test_what_became_of_a_signal_is_recorded_with_what_it_needs(app, make_client, world):
    with app.app_context():
        signal = make_signal(status=SignalStatus.accepted)
        site = make_site(db.session.get(Organisation, world.owner), "Maison de l'Église")
        other = make_site(db.session.get(Organisation, world.other_owner), "Site of owner-b")
        db.session.commit()
        signal_id, site_id, other_id = signal.id, site.id, other.id
    commune = make_client().login(world.owner_editor)
    url = f"/o/owner-a/vacancies/{signal_id}/outcome"
    html = commune.post(url, {"outcome": "site"}).get_data(as_text=True)
    assert "Choose the site" in field_error(html, "site_id")
    html = commune.post(url, {"outcome": "site", "site_id": str(other_id)}).get_data(as_text=True)
    assert "Not a valid choice" in field_error(html, "site_id")        # another owner's site
    html = commune.post(url, {"outcome": "closed"}).get_data(as_text=True)
    assert "Say why" in field_error(html, "closure")
    assert signals(app)[0].status == SignalStatus.accepted
    assert commune.post(url, {"outcome": "site", "site_id": str(site_id)}).status_code == 303
    assert signals(app)[0].status == SignalStatus.site and signals(app)[0].site_id == site_id
    page = commune.get(f"/o/owner-a/vacancies/{signal_id}").get_data(as_text=True)
    assert "It became the site Maison de l&#39;Église" in page and "Outcome recorded" in page


def test_the_guichet_reads_the_region_without_a_private_owner_and_moderates_where_no_commune_is(
        app, make_client, world):
    with app.app_context():
        ixelles = make_signal(owner_name="Paul Privé")
        evere = make_signal("evere", street="Rue d'Evere", postcode="1140")
        db.session.commit()
        ids = ixelles.id, evere.id
    guichet = make_client().login(world.guichet_moderator)
    listed = guichet.get("/guichet/vacancies/").get_data(as_text=True)
    assert "Rue du Vide 12" in listed and "Rue d&#39;Evere" in listed
    assert "1 report waits for the Guichet" in listed
    page = guichet.get(f"/guichet/vacancies/{ids[0]}").get_data(as_text=True)
    assert "Paul Privé" not in page and "The commune checks this report." in page
    assert guichet.post(f"/guichet/vacancies/{ids[0]}/decision", {"decision": "accept"}).status_code == 403
    assert guichet.post(f"/guichet/vacancies/{ids[1]}/decision", {"decision": "accept"}).status_code == 303
    assert signals(app)[1].status == SignalStatus.accepted
    other_commune = make_client().login(world.other_owner_admin)           # owner-b, moved to Evere
    with app.app_context():
        db.session.get(Organisation, world.other_owner).commune = "evere"
        db.session.commit()
    assert other_commune.get(f"/o/owner-b/vacancies/{ids[0]}").status_code == 404


def test_the_public_figures_count_by_commune_and_kind_and_give_no_address(app, client, world):
    with app.app_context():
        make_signal(status=SignalStatus.accepted)
        make_signal(status=SignalStatus.closed, street="Rue Fermée", kind="land")
        make_signal(status=SignalStatus.pending, street="Rue Attente")                 # not yet on the register
        make_signal("evere", status=SignalStatus.dgp_case, street="Rue DGP", postcode="1140")
        db.session.commit()
    html = client.get("/vacancies").get_data(as_text=True)
    assert "Ixelles" in html and "Evere" in html
    for street in ("Rue du Vide", "Rue Fermée", "Rue Attente", "Rue DGP"):
        assert street not in html
    by_kind = html.split('id="by-kind"')[1].split("</table>")[0]
    ixelles_row = by_kind.split("Ixelles")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in ixelles_row.split("</td>")[:-1]] == ["1", "0", "0", "1", "2"]


def test_the_register_reads_a_constant_number_of_queries(app, make_client, world):
    def grow(n):
        with app.app_context():
            for i in range(n):
                make_signal(street=f"Rue {i}", status=SignalStatus.accepted)
            db.session.commit()

    assert_constant_queries(app, make_client().login(world.owner_editor), "/o/owner-a/vacancies/", grow)
    assert_constant_queries(app, make_client().login(world.guichet_moderator), "/guichet/vacancies/", grow)
    assert count(app, VacancySignal) == 66
