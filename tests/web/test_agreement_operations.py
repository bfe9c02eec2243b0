"""Agreements through their operations (issue 7, first steps): drafted from a selected application, sent with
its PDF rendered once in a job, signed by each side's admin with their password and the digest of the exact
document, changes asked (voiding a signature), the checklist, and the start that records the occupancy without
overlap. The clock is frozen where the start date matters."""
from datetime import date, datetime, timezone

import pytest
import time_machine
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from occupancies.agreements import operations as ops
from occupancies.agreements.models import Agreement
from occupancies.agreements.queries import terms_from_application
from occupancies.agreements.workflow import AgreementStatus, ChecklistKind, VersionStatus
from occupancies.models import Occupancy
from occupancies.workflow import UseCategory
from portal import uploads
from portal.accounts.models import User
from portal.extensions import db
from portal.organisations.models import Organisation
from portal.organisations.operations import OperationError
from tests.evaluation import make_evaluation
from tests.factories import PASSWORD
from tests.sites import PDF, make_occupancy

START = date(2027, 1, 1)


@pytest.fixture
def selected(app, world):
    """occupant-a's application, selected for two units of owner-a's school."""
    with app.test_request_context():
        ev = make_evaluation()
        application = db.session.get(Application, ev.applications["a"])
        application.status = ApplicationStatus.selected
        application.call.occupancy_start, application.call.occupancy_end = START, date(2027, 12, 31)
        db.session.commit()
        return ev


def _user(user_id):
    return db.session.get(User, user_id)


def _draft(world, ev):
    application = db.session.get(Application, ev.applications["a"])
    owner = db.session.get(Organisation, world.owner)
    values = {**terms_from_application(application), "owner_representative": "Olga Owner",
              "owner_representative_role": "Bourgmestre"}
    return ops.draft_agreement(owner, application.call.site, application.applicant, values,
                               actor=_user(world.owner_editor), application=application)


def test_a_selected_application_is_the_starting_point_of_a_draft(app, world, selected):
    with app.test_request_context():
        agreement = _draft(world, selected)
        version = agreement.versions[0]
        assert agreement.reference.startswith("CONV-") and agreement.status == AgreementStatus.draft
        assert version.unit_ids == [selected.units[0], selected.units[1]] and version.start_date == START
        assert version.use_category == UseCategory.emergency_housing and version.purpose_fr == "Projet A"
        assert [i.kind for i in agreement.checklist] == list(ChecklistKind)
        with pytest.raises(OperationError):     # one agreement per application
            _draft(world, selected)
        db.session.rollback()
        # Only the owner's writers draft, only from a selected application.
        application = db.session.get(Application, selected.applications["b"])
        with pytest.raises(Forbidden):
            ops.draft_agreement(db.session.get(Organisation, world.owner), application.call.site,
                                application.applicant, terms_from_application(application),
                                actor=_user(world.owner_editor), application=application)


def _signed(app, world, ev):
    with app.test_request_context():
        agreement = _draft(world, ev)
        ops.send_version(agreement, actor=_user(world.owner_editor))
        db.session.commit()          # the render job runs after the commit (inline here)
        agreement_id = agreement.id
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        ops.sign(agreement, "occupant", password=PASSWORD, actor=_user(world.occupant_admin))
        ops.sign(agreement, "owner", password=PASSWORD, actor=_user(world.owner_admin))
        db.session.commit()
    return agreement_id


def test_each_admin_signs_the_exact_document_with_their_password(app, world, selected):
    with app.test_request_context():
        agreement = _draft(world, selected)
        ops.send_version(agreement, actor=_user(world.owner_editor))
        db.session.commit()
        agreement_id = agreement.id
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        version = agreement.versions[0]
        assert version.status == VersionStatus.sent and len(version.document_digest) == 64
        assert (uploads.folder("agreements") / version.document_file).read_bytes().startswith(b"%PDF")
        with pytest.raises(Forbidden):        # an editor does not sign; the owner signs after the occupant
            ops.sign(agreement, "occupant", password=PASSWORD, actor=_user(world.occupant_editor))
        with pytest.raises(Forbidden):
            ops.sign(agreement, "owner", password=PASSWORD, actor=_user(world.owner_admin))
        with pytest.raises(OperationError) as refused:
            ops.sign(agreement, "occupant", password="not-the-password", actor=_user(world.occupant_admin))
        assert refused.value.field == "password"
        signature = ops.sign(agreement, "occupant", password=PASSWORD, actor=_user(world.occupant_admin))
        assert signature.document_digest == version.document_digest and signature.signer_name == "Otto Occupant"
        ops.sign(agreement, "owner", password=PASSWORD, actor=_user(world.owner_admin))
        db.session.commit()
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        version = agreement.versions[0]
        assert agreement.status == AgreementStatus.signed and version.status == VersionStatus.signed
        assert version.signed_digest and version.signed_digest != version.document_digest   # the signed copy
        assert {s.party for s in version.signatures} == {"occupant", "owner"}
        # A signed version never changes: no route back to draft.
        with pytest.raises(Forbidden):
            ops.update_draft(agreement, {"purpose_fr": "Autre chose"}, actor=_user(world.owner_editor))
        with pytest.raises(Forbidden):
            ops.request_changes(agreement, reason="Trop tard", actor=_user(world.owner_admin))


def test_asking_for_changes_voids_a_signature_and_sets_the_document_aside(app, world, selected):
    with app.test_request_context():
        agreement = _draft(world, selected)
        ops.send_version(agreement, actor=_user(world.owner_editor))
        db.session.commit()
        agreement = db.session.get(Agreement, agreement.id)
        ops.sign(agreement, "occupant", password=PASSWORD, actor=_user(world.occupant_admin))
        with pytest.raises(OperationError):
            ops.request_changes(agreement, reason=" ", actor=_user(world.occupant_editor))
        ops.request_changes(agreement, reason="La date de début doit être le 1er février.",
                            actor=_user(world.occupant_editor))
        version = agreement.versions[0]
        assert agreement.status == AgreementStatus.draft and version.status == VersionStatus.draft
        assert version.signatures == [] and version.document_digest is None
        ops.update_draft(agreement, {"start_date": date(2027, 2, 1)}, actor=_user(world.owner_editor))
        assert version.start_date == date(2027, 2, 1)


def test_the_occupancy_starts_on_its_date_once_the_checklist_is_complete(app, world, selected):
    agreement_id = _signed(app, world, selected)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        with pytest.raises(OperationError):      # the certificate is the step
            ops.complete_item(agreement, ChecklistKind.insurance, actor=_user(world.occupant_editor))
        import io

        ops.complete_item(agreement, ChecklistKind.insurance, document=io.BytesIO(PDF), filename="assurance.pdf",
                          actor=_user(world.occupant_editor))
        ops.complete_item(agreement, ChecklistKind.fire_safety, note="Visite du SIAMU le 15/12",
                          actor=_user(world.owner_editor))
        with time_machine.travel(datetime(2027, 1, 1, 8, tzinfo=timezone.utc), tick=False):
            assert not ops.activate(agreement)                     # the entry inventory is missing
            ops.complete_item(agreement, ChecklistKind.entry_inventory, note="Clés remises",
                              actor=_user(world.owner_editor))
        with time_machine.travel(datetime(2026, 12, 31, 8, tzinfo=timezone.utc), tick=False):
            assert not ops.activate(agreement)                     # not before its start date
        with time_machine.travel(datetime(2027, 1, 1, 8, tzinfo=timezone.utc), tick=False):
            assert ops.activate(agreement)
        db.session.commit()
        occupancy = db.session.scalar(select(Occupancy).where(Occupancy.agreement_id == agreement_id))
        assert agreement.status == AgreementStatus.active
        assert occupancy.start_date == START and occupancy.end_date == date(2027, 12, 31)
        assert sorted(b.unit_id for b in occupancy.bookings) == selected.units[:2]


def test_a_clash_on_activation_is_refused_with_a_clear_message(app, world, selected):
    agreement_id = _signed(app, world, selected)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        for kind in (ChecklistKind.fire_safety, ChecklistKind.entry_inventory):
            ops.complete_item(agreement, kind, actor=_user(world.owner_editor))
        import io

        ops.complete_item(agreement, ChecklistKind.insurance, document=io.BytesIO(PDF), filename="a.pdf",
                          actor=_user(world.owner_editor))
        unit = next(u for u in agreement.site.units if u.id == selected.units[0])
        make_occupancy(agreement.site, [unit], db.session.get(Organisation, world.other_occupant),
                       start=date(2026, 6, 1), end=date(2027, 3, 31))
        db.session.commit()
        agreement = db.session.get(Agreement, agreement_id)
        with time_machine.travel(datetime(2027, 1, 2, 8, tzinfo=timezone.utc), tick=False):
            with pytest.raises(OperationError) as refused:
                ops.activate(agreement)
        message = str(refused.value.message)   # the request reads French by default
        assert "Classe 1" in message and "Asbl B" in message and "31/03/2027" in message
        assert refused.value.field == "unit_ids"
