"""The agreements' tables (issue 7): what the database itself refuses, and what links an occupancy to its
agreement."""
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from occupancies.agreements.models import Agreement, AgreementVersion, ChecklistItem, Signature
from occupancies.agreements.workflow import ChecklistKind
from occupancies.workflow import PublicationStatus, UseCategory
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_occupancy, make_site, make_unit


def agreement(world, reference="CONV-2027-0001"):
    owner = db.session.get(Organisation, world.owner)
    site = make_site(owner, "École", publication=PublicationStatus.published)
    unit = make_unit(site, "Classe 1")
    record = Agreement(organisation_id=owner.id, reference=reference, site_id=site.id, occupant_id=world.occupant)
    record.versions = [AgreementVersion(number=1, unit_ids=[unit.id], use_category=UseCategory.culture,
                                        start_date=date(2027, 1, 1), end_date=date(2027, 12, 31))]
    db.session.add(record)
    db.session.flush()
    return record, site, unit


def test_a_version_is_numbered_once_and_its_period_is_in_order(app, world):
    with app.test_request_context():
        record, _site, unit = agreement(world)
        db.session.commit()
        record.versions.append(AgreementVersion(number=1, unit_ids=[unit.id], use_category=UseCategory.culture,
                                                start_date=date(2027, 1, 1)))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        record = db.session.get(Agreement, record.id)
        record.versions.append(AgreementVersion(number=2, unit_ids=[unit.id], use_category=UseCategory.culture,
                                                start_date=date(2027, 1, 1), end_date=date(2026, 12, 31)))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_each_party_signs_a_version_once_and_each_checklist_step_is_kept_once(app, world):
    with app.test_request_context():
        record, _site, _unit = agreement(world)
        version = record.versions[0]
        db.session.add(Signature(version_id=version.id, party="occupant", user_id=world.occupant_admin,
                                 signer_name="Otto Occupant", organisation_id=world.occupant, document_digest="a" * 64))
        db.session.commit()
        db.session.add(Signature(version_id=version.id, party="occupant", user_id=world.occupant_editor,
                                 signer_name="Emma Editor", organisation_id=world.occupant, document_digest="a" * 64))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.add(Signature(version_id=version.id, party="witness", user_id=world.owner_admin,
                                 signer_name="Olga Owner", organisation_id=world.owner, document_digest="a" * 64))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.add_all([ChecklistItem(agreement_id=record.id, kind=ChecklistKind.insurance),
                            ChecklistItem(agreement_id=record.id, kind=ChecklistKind.insurance)])
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_an_occupancy_keeps_its_agreement_and_a_reference_is_unique(app, world):
    with app.test_request_context():
        record, site, unit = agreement(world)
        occupancy = make_occupancy(site, [unit], db.session.get(Organisation, world.occupant),
                                   start=date(2027, 1, 1), end=date(2027, 12, 31))
        occupancy.agreement_id = record.id
        db.session.commit()
        assert occupancy.agreement_id == record.id
        db.session.add(Agreement(organisation_id=world.owner, reference="CONV-2027-0001", site_id=site.id,
                                 occupant_id=world.occupant))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
