"""Makers of reports' worlds: an agreement in force between owner-a and occupant-a, as signed."""
from __future__ import annotations

from datetime import date

from occupancies.agreements.models import Agreement, AgreementVersion, ChecklistItem
from occupancies.agreements.workflow import AgreementStatus, ChecklistKind, ReportingFrequency, VersionStatus
from occupancies.workflow import UseCategory
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.sites import make_site, make_unit


def make_active_agreement(owner_id, occupant_id, *, use=UseCategory.emergency_housing, start=date(2027, 1, 15),
                          end=date(2027, 12, 31), reporting=ReportingFrequency.quarterly, site=None,
                          reference="CONV-2027-0001") -> Agreement:
    owner = db.session.get(Organisation, owner_id)
    if site is None:
        site = make_site(owner, "Maison Test")
        make_unit(site, "Rez")
    agreement = Agreement(organisation_id=owner.id, owner=owner, reference=reference, site_id=site.id, site=site,
                          occupant_id=occupant_id, status=AgreementStatus.active, reporting=reporting)
    agreement.versions = [AgreementVersion(number=1, status=VersionStatus.signed, unit_ids=[site.units[0].id],
                                           use_category=use, start_date=start, end_date=end)]
    agreement.checklist = [ChecklistItem(kind=kind) for kind in ChecklistKind]
    db.session.add(agreement)
    db.session.flush()
    return agreement
