"""The demo's agreements: one at each stage, consistent with the sites' occupancies, and loaded once."""
from sqlalchemy import func, select

from occupancies.agreements.models import Agreement
from occupancies.agreements.workflow import AgreementStatus as S
from occupancies.models import Occupancy
from portal.extensions import db


def _load():
    from portal.demo import load

    return load()


def test_there_is_an_agreement_at_each_stage_and_each_is_its_occupancys(app_context):
    _load()
    agreements = db.session.scalars(select(Agreement).order_by(Agreement.id)).all()
    assert {a.status for a in agreements} >= {S.draft, S.sent, S.signed, S.active, S.ended}
    by_site = {(a.site.name, a.occupant.slug): a for a in agreements}
    # ISSUE's sites: kept from paper, ended; one extended by an amendment, one ended early by the owner's notice.
    issue = [a for a in agreements if a.site.name in ("Peterbos", "Grande Haie", "3 pommiers", "Ganshoren",
                                                        "Trèfles", "Dubrucq")]
    assert len(issue) == 6 and all(a.status == S.ended for a in issue)
    assert len(by_site[("Ganshoren", "pierre-d-angle")].versions) == 2
    peterbos = by_site[("Peterbos", "l-ilot")]
    assert peterbos.end_reason.value == "notice_by_owner" and peterbos.notice_given_on is not None
    # In force on Entretemps: every version signed by both, on the digest of its stored document.
    for agreement in (a for a in agreements if a.status == S.active):
        for version in agreement.versions:
            assert {s.party for s in version.signatures} == {"occupant", "owner"}
            assert {s.document_digest for s in version.signatures} == {version.document_digest}
    assert len(by_site[("Ancienne école Ransfort", "communa")].versions) == 2
    # Every agreement in force or ended has its occupancy on the register.
    for agreement in (a for a in agreements if a.status in (S.active, S.ended, S.signed)):
        assert db.session.scalar(select(Occupancy.id).where(Occupancy.agreement_id == agreement.id)), \
            agreement.reference
    assert by_site[("Maisons Brigade Piron", "l-ilot")].status == S.sent


def test_loading_twice_adds_no_agreement(app_context):
    _load()
    db.session.commit()
    count = db.session.scalar(select(func.count(Agreement.id)))
    _load()
    assert db.session.scalar(select(func.count(Agreement.id))) == count
