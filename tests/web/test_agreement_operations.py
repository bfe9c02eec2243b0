"""Agreements through their operations (issue 7, first steps): drafted from a selected application, sent with
its PDF rendered once in a job, signed by each side's admin with their password and the digest of the exact
document, changes asked (voiding a signature), the checklist, and the start that records the occupancy without
overlap. The clock is frozen where the start date matters."""
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from occupancies.agreements import operations as ops
from occupancies.agreements.models import Agreement
from occupancies.agreements.queries import terms_from_application
from occupancies.agreements.workflow import AgreementStatus, AmendmentKind, ChecklistKind, VersionStatus
from occupancies.models import Occupancy
from occupancies.workflow import UseCategory
from portal import clock, uploads
from portal.accounts.models import User
from portal.errors import OperationError
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.evaluation import make_evaluation
from tests.support.factories import PASSWORD, code_of
from tests.support.sites import PDF, make_occupancy
from tests.support.web import Jobs

START = date(2027, 1, 1)


@pytest.fixture
def selected_application(app, world):
    """occupant-a's application ("a" of tests.support.evaluation.make_evaluation), selected for two units of
    owner-a's school; gives that evaluation's ids (call, units, applications…)."""
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


def test_a_selected_application_is_the_starting_point_of_a_draft(app, world, selected_application):
    with app.test_request_context():
        agreement = _draft(world, selected_application)
        version = agreement.versions[0]
        assert agreement.reference.startswith("CONV-") and agreement.status == AgreementStatus.draft
        assert version.unit_ids == [selected_application.units[0], selected_application.units[1]]
        assert version.start_date == START
        assert version.use_category == UseCategory.emergency_housing and version.purpose_fr == "Projet A"
        assert [i.kind for i in agreement.checklist] == list(ChecklistKind)
        with pytest.raises(OperationError):     # one agreement per application
            _draft(world, selected_application)
        db.session.rollback()
        # Only the owner's writers draft, only from a selected application.
        application = db.session.get(Application, selected_application.applications["b"])
        with pytest.raises(Forbidden):
            ops.draft_agreement(db.session.get(Organisation, world.owner), application.call.site,
                                application.applicant, terms_from_application(application),
                                actor=_user(world.owner_editor), application=application)


def _signed(app, world, ev):
    with app.test_request_context():
        agreement = _draft(world, ev)
        ops.send_version(agreement, actor=_user(world.owner_editor))
        db.session.commit()
        agreement_id = agreement.id
    Jobs(app).run()                  # the document is rendered by a job after the commit (inline, or RQ)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        _sign(agreement, "occupant", world.occupant_admin)
        _sign(agreement, "owner", world.owner_admin)
        db.session.commit()
    return agreement_id


def test_each_admin_signs_the_exact_document_with_their_password(app, world, selected_application):
    with app.test_request_context():
        agreement = _draft(world, selected_application)
        ops.send_version(agreement, actor=_user(world.owner_editor))
        db.session.commit()
        agreement_id = agreement.id
    Jobs(app).run()
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        version = agreement.versions[0]
        assert version.status == VersionStatus.sent and len(version.document_digest) == 64
        assert (uploads.folder("agreements") / version.document_file).read_bytes().startswith(b"%PDF")
        with pytest.raises(Forbidden):        # an editor does not sign; the owner signs after the occupant
            _sign(agreement, "occupant", world.occupant_editor)
        with pytest.raises(Forbidden):
            _sign(agreement, "owner", world.owner_admin)
        with pytest.raises(OperationError) as refused:
            _sign(agreement, "occupant", world.occupant_admin, password="not-the-password")
        assert refused.value.field == "password"
        signature = _sign(agreement, "occupant", world.occupant_admin)
        assert signature.document_digest == version.document_digest and signature.signer_name == "Otto Occupant"
        _sign(agreement, "owner", world.owner_admin)
        db.session.commit()
    Jobs(app).run()                  # the signed copy, likewise
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


def test_asking_for_changes_voids_a_signature_and_sets_the_document_aside(app, world, selected_application):
    with app.test_request_context():
        agreement = _draft(world, selected_application)
        ops.send_version(agreement, actor=_user(world.owner_editor))
        db.session.commit()
        agreement_id = agreement.id
    Jobs(app).run()
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        _sign(agreement, "occupant", world.occupant_admin)
        with pytest.raises(OperationError):
            ops.request_changes(agreement, reason=" ", actor=_user(world.occupant_editor))
        ops.request_changes(agreement, reason="La date de début doit être le 1er février.",
                            actor=_user(world.occupant_editor))
        version = agreement.versions[0]
        assert agreement.status == AgreementStatus.draft and version.status == VersionStatus.draft
        assert version.signatures == [] and version.document_digest is None
        ops.update_draft(agreement, {"start_date": date(2027, 2, 1)}, actor=_user(world.owner_editor))
        assert version.start_date == date(2027, 2, 1)


def test_the_occupancy_starts_on_its_date_once_the_checklist_is_complete(app, world, selected_application):
    agreement_id = _signed(app, world, selected_application)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        with pytest.raises(OperationError):      # the certificate is the step
            ops.complete_item(agreement, ChecklistKind.insurance, actor=_user(world.occupant_editor))
        import io

        ops.complete_item(agreement, ChecklistKind.insurance, document=io.BytesIO(PDF), filename="assurance.pdf",
                          actor=_user(world.occupant_editor))
        ops.complete_item(agreement, ChecklistKind.fire_safety, note="Visite du SIAMU le 15/12",
                          actor=_user(world.owner_editor))
        with time_machine.travel(datetime(2027, 1, 1, 8, tzinfo=UTC), tick=False):
            assert not ops.activate(agreement)                     # the entry inventory is missing
            ops.complete_item(agreement, ChecklistKind.entry_inventory, note="Clés remises",
                              actor=_user(world.owner_editor))
        with time_machine.travel(datetime(2026, 12, 31, 8, tzinfo=UTC), tick=False):
            assert not ops.activate(agreement)                     # not before its start date
        with time_machine.travel(datetime(2027, 1, 1, 8, tzinfo=UTC), tick=False):
            assert ops.activate(agreement)
        db.session.commit()
        occupancy = db.session.scalar(select(Occupancy).where(Occupancy.agreement_id == agreement_id))
        assert agreement.status == AgreementStatus.active
        assert occupancy.start_date == START and occupancy.end_date == date(2027, 12, 31)
        assert sorted(b.unit_id for b in occupancy.bookings) == selected_application.units[:2]


def test_a_clash_on_activation_is_refused_with_a_clear_message(app, world, selected_application):
    agreement_id = _signed(app, world, selected_application)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        for kind in (ChecklistKind.fire_safety, ChecklistKind.entry_inventory):
            ops.complete_item(agreement, kind, actor=_user(world.owner_editor))
        import io

        ops.complete_item(agreement, ChecklistKind.insurance, document=io.BytesIO(PDF), filename="a.pdf",
                          actor=_user(world.owner_editor))
        unit = next(u for u in agreement.site.units if u.id == selected_application.units[0])
        make_occupancy(agreement.site, [unit], db.session.get(Organisation, world.other_occupant),
                       start=date(2026, 6, 1), end=date(2027, 3, 31))
        db.session.commit()
        agreement = db.session.get(Agreement, agreement_id)
        with time_machine.travel(datetime(2027, 1, 2, 8, tzinfo=UTC), tick=False):
            with pytest.raises(OperationError) as refused:
                ops.activate(agreement)
        message = str(refused.value.message)   # the request reads French by default
        assert "Classe 1" in message and "Asbl B" in message and "31/03/2027" in message
        assert refused.value.field == "unit_ids"


def _started(app, world, ev):
    """Signed, checklist complete, started on 1 January 2027 by its scheduled job."""
    import io

    agreement_id = _signed(app, world, ev)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        ops.complete_item(agreement, ChecklistKind.insurance, document=io.BytesIO(PDF), filename="a.pdf",
                          actor=_user(world.occupant_editor))
        for kind in (ChecklistKind.fire_safety, ChecklistKind.entry_inventory):
            ops.complete_item(agreement, kind, actor=_user(world.owner_editor))
        db.session.commit()
    return agreement_id


def test_signing_schedules_the_start_the_reminders_and_the_end(app, world, selected_application, jobs):
    from portal.jobs.models import ScheduledJob

    agreement_id = _started(app, world, selected_application)
    with app.app_context():
        planned = {j.key: (j.func.rsplit(".", 1)[1], j.run_at.astimezone(clock.BRUSSELS).date())
                   for j in db.session.scalars(select(ScheduledJob).where(ScheduledJob.key.like(
                       f"agreement-{agreement_id}-%")))}
    # Without Redis the plan is in the scheduled_jobs table; with it, RQ's scheduler holds it (the runs below
    # prove it either way).
    assert app.config.get("REDIS_URL") or planned == {
        f"agreement-{agreement_id}-start": ("activate", date(2027, 1, 1)),
        f"agreement-{agreement_id}-checklist": ("remind_checklist", date(2026, 12, 25)),
        f"agreement-{agreement_id}-remind-3": ("remind_end", date(2027, 9, 30)),
        f"agreement-{agreement_id}-remind-1": ("remind_end", date(2027, 11, 30)),
        f"agreement-{agreement_id}-end": ("end_if_due", date(2028, 1, 1)),
    }
    with time_machine.travel(datetime(2027, 1, 1, 6, tzinfo=UTC), tick=False):
        jobs.run()
    with app.app_context():
        assert db.session.get(Agreement, agreement_id).status == AgreementStatus.active
    with time_machine.travel(datetime(2027, 9, 30, 6, tzinfo=UTC), tick=False):
        jobs.run()
    with app.app_context():
        from portal.notifications.models import Notification

        kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == world.occupant_admin))
        assert "agreement.end_approaching" in list(kinds)
    with time_machine.travel(datetime(2028, 1, 1, 6, tzinfo=UTC), tick=False):
        jobs.run()
    with app.app_context():
        agreement = db.session.get(Agreement, agreement_id)
        assert agreement.status == AgreementStatus.ended and agreement.end_reason.value == "term"


def test_a_notice_from_the_owner_runs_from_the_first_of_the_next_month(app, world, selected_application):
    agreement_id = _started(app, world, selected_application)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        with time_machine.travel(datetime(2027, 1, 2, 8, tzinfo=UTC), tick=False):
            assert ops.activate(agreement)
        with time_machine.travel(datetime(2027, 3, 15, 9, tzinfo=UTC), tick=False):
            with pytest.raises(Forbidden):       # the occupant's editor may not; its admin may, for itself
                ops.give_notice(agreement, "occupant", reason="Fin du projet", actor=_user(world.occupant_editor))
            with pytest.raises(OperationError):
                ops.give_notice(agreement, "owner", reason="", actor=_user(world.owner_admin))
            last_day = ops.give_notice(agreement, "owner", reason="Début des travaux de rénovation",
                                       actor=_user(world.owner_admin))
        assert last_day == date(2027, 6, 30)           # three months: April, May, June
        occupancy = db.session.scalar(select(Occupancy).where(Occupancy.agreement_id == agreement_id))
        assert occupancy.end_date == date(2027, 6, 30) and {b.end_date for b in occupancy.bookings} == {last_day}
        with time_machine.travel(datetime(2027, 3, 16, 9, tzinfo=UTC), tick=False):
            with pytest.raises(Forbidden):           # one notice only
                ops.give_notice(agreement, "occupant", reason="Aussi", actor=_user(world.occupant_admin))
        with time_machine.travel(datetime(2027, 6, 30, 9, tzinfo=UTC), tick=False):
            assert not ops.end_if_due(agreement)     # its last day
            assert ops.notice_ends(agreement)
        with time_machine.travel(datetime(2027, 7, 1, 9, tzinfo=UTC), tick=False):
            assert ops.end_if_due(agreement)
        assert agreement.status == AgreementStatus.ended and agreement.end_reason.value == "notice_by_owner"


def test_an_end_by_mutual_agreement_is_never_past_nor_beyond_the_term(app, world, selected_application):
    agreement_id = _started(app, world, selected_application)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        with time_machine.travel(datetime(2027, 1, 5, 8, tzinfo=UTC), tick=False):
            ops.activate(agreement)
            with pytest.raises(OperationError):
                ops.end_by_mutual_agreement(agreement, last_day=date(2027, 1, 1), reason="Accord",
                                            actor=_user(world.owner_admin))
            with pytest.raises(OperationError):
                ops.end_by_mutual_agreement(agreement, last_day=date(2028, 3, 31), reason="Accord",
                                            actor=_user(world.owner_admin))
            with pytest.raises(Forbidden):
                ops.end_by_mutual_agreement(agreement, last_day=date(2027, 2, 28), reason="Accord",
                                            actor=_user(world.owner_editor))
            ops.end_by_mutual_agreement(agreement, last_day=date(2027, 2, 28), reason="Projet déménagé",
                                        actor=_user(world.owner_admin))
        occupancy = db.session.scalar(select(Occupancy).where(Occupancy.agreement_id == agreement_id))
        assert occupancy.end_date == date(2027, 2, 28) and agreement.end_reason.value == "mutual"


def _active(app, world, ev):
    agreement_id = _started(app, world, ev)
    with app.test_request_context():
        with time_machine.travel(datetime(2027, 1, 2, 8, tzinfo=UTC), tick=False):
            assert ops.activate(db.session.get(Agreement, agreement_id))
        db.session.commit()
    return agreement_id


def _sign(agreement, party: str, user_id: int, password: str = PASSWORD):
    """The user signs for the party with their password and a code of their second factor."""
    return ops.sign(agreement, party, password=password, code=code_of(user_id), actor=_user(user_id))


def _sign_both(agreement, world):
    _sign(agreement, "occupant", world.occupant_admin)
    _sign(agreement, "owner", world.owner_admin)


def test_an_extension_is_a_new_version_signed_the_same_way_and_the_occupancy_follows(app, world, selected_application):
    agreement_id = _active(app, world, selected_application)
    with app.test_request_context(), time_machine.travel(datetime(2027, 10, 1, 8, tzinfo=UTC),
                                                         tick=False):
        agreement = db.session.get(Agreement, agreement_id)
        editor = _user(world.owner_editor)
        with pytest.raises(OperationError) as refused:
            ops.propose_amendment(agreement, AmendmentKind.extension, {"end_date": date(2027, 11, 30)},
                                  reason="Prolonger", actor=editor)
        assert refused.value.field == "end_date"
        version = ops.propose_amendment(agreement, AmendmentKind.extension, {"end_date": date(2028, 6, 30)},
                                        reason="Six mois de plus, les travaux sont reportés.", actor=editor)
        assert version.number == 2 and version.status == VersionStatus.draft
        assert version.unit_ids == agreement.versions[0].unit_ids and version.start_date == START
        # Not sent yet, it is drafted again (replaced, same number); once sent, no other amendment meanwhile.
        again = ops.propose_amendment(agreement, AmendmentKind.extension, {"end_date": date(2028, 6, 30)},
                                      reason="Six mois de plus, les travaux sont reportés.", actor=editor)
        assert again.number == 2 and len(agreement.versions) == 2
        ops.send_version(agreement, actor=editor)
        with pytest.raises(OperationError):
            ops.propose_amendment(agreement, AmendmentKind.fee, {"free_use": False, "monthly_fee": 100},
                                  reason="Redevance", actor=editor)
        db.session.commit()
    Jobs(app).run()
    with app.test_request_context(), time_machine.travel(datetime(2027, 10, 2, 8, tzinfo=UTC),
                                                         tick=False):
        agreement = db.session.get(Agreement, agreement_id)
        assert agreement.binding_version.number == 1          # not in force before both have signed
        _sign_both(agreement, world)
        db.session.commit()
        assert agreement.binding_version.number == 2 and agreement.status == AgreementStatus.active
        assert [v.status for v in agreement.versions] == [VersionStatus.signed, VersionStatus.signed]
        assert agreement.versions[0].end_date == date(2027, 12, 31)       # the signed original never changes
        occupancy = db.session.scalar(select(Occupancy).where(Occupancy.agreement_id == agreement_id))
        assert occupancy.end_date == date(2028, 6, 30)
        assert {b.end_date for b in occupancy.bookings} == {date(2028, 6, 30)}


def test_an_extension_into_another_occupancy_is_refused(app, world, selected_application):
    agreement_id = _active(app, world, selected_application)
    with app.test_request_context():
        agreement = db.session.get(Agreement, agreement_id)
        unit = next(u for u in agreement.site.units if u.id == selected_application.units[1])
        make_occupancy(agreement.site, [unit], db.session.get(Organisation, world.other_occupant),
                       start=date(2028, 2, 1), end=date(2028, 12, 31))
        db.session.commit()
        agreement = db.session.get(Agreement, agreement_id)
        with time_machine.travel(datetime(2027, 10, 1, 8, tzinfo=UTC), tick=False):
            with pytest.raises(OperationError) as refused:
                ops.propose_amendment(agreement, AmendmentKind.extension, {"end_date": date(2028, 6, 30)},
                                      reason="Prolonger", actor=_user(world.owner_editor))
        assert refused.value.field == "unit_ids" and "Asbl B" in str(refused.value.message)
