"""Access matrix of the vacancy register: owner-a is the commune of Ixelles, which reads and moderates its signals
(with a private owner's identity); owner-b is moved to Evere, another commune, and finds none of them; the Guichet
reads the region's without the owner's identity and moderates only where a commune is not on the portal."""
from __future__ import annotations

from occupancies.vacancies.workflow import SignalStatus
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.access_matrix import PRIVATE_OWNER, PUBLIC_REPORTER, PerEndpoint, answer, guichet, tenant
from tests.support.vacancies import make_signal

CONFIRM_TOKEN = "matrix-vacancy-token"


def make_vacancy_world(w) -> dict:
    db.session.get(Organisation, w.other_owner.id).commune = "evere"
    pending = make_signal(owner_name=PRIVATE_OWNER, reporter_email=PUBLIC_REPORTER)
    make_signal(street="Rue du Vide", number="12")                        # the same address: a duplicate
    accepted = make_signal(status=SignalStatus.accepted, street="Avenue Vide", photo=True)
    make_signal(status=SignalStatus.unconfirmed, street="Rue Secrète", token=CONFIRM_TOKEN)
    return {"pending": pending.id, "accepted": accepted.id}


def values(world: dict) -> dict:
    return {"signal_id": PerEndpoint(world["pending"], vacancies__outcome=world["accepted"],
                                     vacancies__photo=world["accepted"],
                                     guichet_vacancies__photo=world["accepted"])}


EXPECTED = {
    # The public's form and figures: anyone, another tenant's admin as much as anybody.
    ("vacancy_reports.report", "GET"): answer(200, other_owner_admin=200),
    ("vacancy_reports.report", "POST"): answer(422, other_owner_admin=422),
    ("vacancy_reports.sent", "GET"): answer(200, other_owner_admin=200),
    ("vacancy_reports.figures", "GET"): answer(200, other_owner_admin=200),
    # The link is its holder's credential: whoever follows it confirms the report.
    ("vacancy_reports.confirm", "GET"): answer(200, other_owner_admin=200),
    ("vacancy_reports.confirm", "POST"): answer(303, other_owner_admin=303),
    # The commune's register: its members read it; its writers report, moderate and record outcomes; another
    # commune (owner-b) finds nothing.
    ("vacancies.index", "GET"): {**tenant(200), "other_owner_admin": 404},
    ("vacancies.new", "GET"): {**tenant(200, evaluator=403), "other_owner_admin": 404},
    ("vacancies.new", "POST"): {**tenant(422, evaluator=403), "other_owner_admin": 404},
    ("vacancies.signal", "GET"): {**tenant(200), "other_owner_admin": 404},
    ("vacancies.decision", "POST"): {**tenant(422, evaluator=403), "other_owner_admin": 404},
    ("vacancies.outcome", "POST"): {**tenant(422, evaluator=403), "other_owner_admin": 404},
    ("vacancies.photo", "GET"): {**tenant(200), "other_owner_admin": 404},
    # The region's register for the Guichet's staff; Ixelles is on the portal, so the Guichet does not moderate.
    ("guichet_vacancies.index", "GET"): {**guichet(200), "other_owner_admin": 404},
    ("guichet_vacancies.new", "GET"): {**guichet(200), "other_owner_admin": 404},
    ("guichet_vacancies.new", "POST"): {**guichet(422), "other_owner_admin": 404},
    ("guichet_vacancies.signal", "GET"): {**guichet(200), "other_owner_admin": 404},
    ("guichet_vacancies.decision", "POST"): {**guichet(403), "other_owner_admin": 404},
    ("guichet_vacancies.photo", "GET"): {**guichet(200), "other_owner_admin": 404},
}
