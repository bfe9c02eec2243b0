"""The demo of the public management right (issue 19): the regional land board's case begun in April 2023, taken
over and in renovation; Molenbeek's case, opened on a signal of the register, waiting for the owner's answer whose
2 months run out within days (on the commune's dashboard); the CPAS's case stopped by a refusal with a legitimate
reason; an early takeover under way; the register's signals (the public's awaiting the commune, one merged, one
become the commune's case); the health index the 2023 rents are computed with; loading twice changes nothing. The
demo is loaded on a frozen day: its delays count back from it."""
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from sqlalchemy import func, select

from occupancies.dgp import queries, rules
from occupancies.dgp.models import DgpCase, DgpDwelling, DgpEntry, DgpStep, IndexValue
from occupancies.dgp.rules import Phase
from occupancies.dgp.rules import Step as S
from occupancies.dgp.workflow import Series
from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.workflow import SignalStatus
from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.demo.organisations import DOMAIN
from portal.extensions import db

NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
TODAY = date(2026, 12, 3)


def _load(jobs):
    from portal.demo import load

    with time_machine.travel(NOW, tick=False):
        load()
        jobs.run()                      # with Redis, the jobs of the load run in RQ's workers


@pytest.fixture
def demo(app, jobs):
    """The demo, loaded on the frozen day in a request context of its own (a test's requests need theirs)."""
    with app.test_request_context():
        _load(jobs)


def _cases() -> dict:
    """The demo's cases by their operator and street."""
    return {(case.organisation.slug, case.street): case for case in db.session.scalars(select(DgpCase))}


def _signal(street: str, status: SignalStatus) -> VacancySignal:
    return db.session.scalars(select(VacancySignal).where(VacancySignal.street == street,
                                                          VacancySignal.status == status)).one()


def test_the_four_cases_are_at_their_phases(demo, app_context):
    cases = _cases()
    assert len(cases) == 4
    land = cases[("regie-fonciere", "Rue de Laeken")]
    assert land.phase == Phase.renovation and land.support.slug == "bruxelles-logement"
    assert (land.steps[0].step, land.steps[0].on) == (S.data_selected, date(2023, 4, 3))       # begun April 2023
    dates = rules.case_dates([s.recorded() for s in land.steps])
    assert dates.taken_over_on == date(2024, 6, 10) and S.works_started in {s.step for s in land.steps}
    assert len(land.dwellings) == 2 and land.loan_granted == Decimal("94200.00")

    waiting = cases[("commune-molenbeek", "Rue de Ribaucourt")]
    assert waiting.phase == Phase.proposal and waiting.steps[-1].step == S.proposal_received
    assert waiting.steps[-1].on == date(2026, 10, 11)                                          # 53 days ago
    assert (waiting.next_kind, waiting.next_due) == ("owner_answer", date(2026, 12, 11))      # 2 months: in 8 days

    refused = cases[("cpas-molenbeek", "Rue Vandenpeereboom")]
    assert refused.phase == Phase.stopped and refused.next_due is None
    assert refused.steps[-1].step == S.owner_refused_with_reason and "bail" in refused.steps[-1].note

    early = cases[("commune-molenbeek", "Rue de la Colonne")]
    assert early.phase == Phase.end
    assert [(s.step, s.on) for s in early.steps[-2:]] == [(S.early_requested, date(2026, 11, 13)),
                                                           (S.costs_notified, date(2026, 11, 23))]
    assert rules.case_dates([s.recorded() for s in early.steps]).ended_on is None              # not repaid yet
    assert (early.next_kind, early.next_due) == ("repayment", date(2027, 1, 23))


def test_the_communes_dashboard_shows_the_owners_answer_due_within_days(app, demo, make_client):
    with app.app_context():
        admin = db.session.scalar(select(User.id).where(User.email == f"commune.admin@{DOMAIN}"))
        case_id = db.session.scalar(select(DgpCase.id).where(DgpCase.street == "Rue de Ribaucourt"))
    with time_machine.travel(NOW, tick=False):
        page = make_client().login(admin).get("/o/commune-molenbeek/").get_data(as_text=True)
    # Nathalie Dupont reads French.
    assert "Rue de Ribaucourt 51 : La réponse du propriétaire à la proposition de gestion (2 mois), au plus tard " \
           "le 11 déc. 2026." in page and f'href="/o/commune-molenbeek/dgp/{case_id}"' in page
    assert "Rue de la Colonne" not in page                           # its owner's repayment is 7 weeks away


def test_the_signals_await_the_commune_are_merged_or_became_the_communes_case(demo, app_context):
    public = _signal("Rue Vandenboogaerde", SignalStatus.pending)
    assert public.reporter_organisation_id is None and public.reporter_email == f"voisine@{DOMAIN}"
    assert public.commune == "molenbeek-saint-jean"                  # the commune's to check
    merged = _signal("Chaussée de Gand", SignalStatus.merged)
    kept = _signal("Chaussée de Gand", SignalStatus.accepted)
    assert merged.reporter_organisation_id is None and merged.merged_into_id == kept.id
    assert kept.reporter_organisation.slug == "l-ilot"
    ribaucourt = _signal("Rue de Ribaucourt", SignalStatus.dgp_case)
    case = _cases()[("commune-molenbeek", "Rue de Ribaucourt")]
    assert case.signal_id == ribaucourt.id and ribaucourt.reason == case.reference


def test_the_health_index_gives_the_2023_rents(demo, app_context):
    assert [(v.month, v.value) for v in queries.series_values(Series.health)] == [
        (date(2022, 8, 1), Decimal("123.68"))]
    table = queries.rent_table(2023)
    assert table.index == Decimal("123.68") and table.rows and all(cap for *_, cap in table.rows)
    assert len(queries.series_values(Series.abex)) == 2


def test_loading_twice_changes_nothing(demo, app_context, jobs):
    def counts():
        return [db.session.scalar(select(func.count()).select_from(model))
                for model in (DgpCase, DgpStep, DgpDwelling, DgpEntry, IndexValue, VacancySignal, AuditEvent)]

    before = counts()
    assert before[:2] == [4, sum(len(case.steps) for case in _cases().values())]
    _load(jobs)
    assert counts() == before
