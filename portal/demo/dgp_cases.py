"""Demo cases of the public management right, recorded step by step through the operations (each with its history
and its deadlines), their days counted back from today where the issue asks for a delay near:

- the regional land board (Régie foncière régionale) began in April 2023 on a dwelling empty since 2014, the owner
  stayed silent, the formal notice ran out: taken over in June 2024, in renovation; Bruxelles Logement's
  Réhabilitation cell, invited onto the case, filed the loan with it and follows the works;
- Molenbeek's commune, on the signal of the Rue de Ribaucourt: the proposal was presented 53 days ago, the owner's
  2 months run out within days;
- Molenbeek's CPAS: the owner refused with a legitimate reason (a lease signed), the case stopped;
- Molenbeek's commune: a house taken over in 2015 and let since 2016, whose owner asked 20 days ago to take it back
  early; the statement of the costs still to repay was presented 10 days ago.

Idempotent: nothing is loaded when a case exists."""
from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from sqlalchemy import select

from occupancies.dgp import operations as ops
from occupancies.dgp.models import DgpCase
from occupancies.dgp.rules import DwellingKind
from occupancies.dgp.rules import EntryKind as E
from occupancies.dgp.rules import Step as S
from occupancies.vacancies.models import VacancySignal
from portal import clock
from portal.accounts.models import User
from portal.demo.organisations import DOMAIN, url_context
from portal.extensions import db


def _user(local: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{local}@{DOMAIN}"))


def _steps(case, actor, steps) -> None:
    for step, on, *more in steps:
        extra = more[0] if more else {}
        ops.record_step(case, step, on=on, actor=actor, **extra)


def _dwelling(case, actor, label, kind, bedrooms, surface, rent) -> None:
    ops.add_dwelling(case, {"label": label, "kind": kind, "bedrooms": bedrooms,
                            "gross_surface": Decimal(surface), "rent": Decimal(rent) if rent else None}, actor=actor)


def _entries(case, actor, lines) -> None:
    for kind, on, amount, note in lines:
        ops.add_entry(case, {"kind": kind, "on": on, "amount": Decimal(amount), "note": note}, actor=actor)


def load_dgp_cases(organisations: dict) -> None:
    if db.session.scalar(select(DgpCase.id).limit(1)) is not None:
        return
    today = clock.today()
    ago = lambda days: today - timedelta(days=days)  # noqa: E731 - days counted back from today
    commune, cpas, regie, cell = (organisations[slug] for slug in ("commune-molenbeek", "cpas-molenbeek",
                                                                   "regie-fonciere", "bruxelles-logement"))
    commune_admin, cpas_admin, regie_admin = _user("commune.admin"), _user("cpas.admin"), _user("regie.admin")
    cell_editor = _user("rehabilitation.editor")
    with url_context():
        land = ops.open_case(regie, {"street": "Rue de Laeken", "number": "131", "postcode": "1000",
                                     "commune": "bruxelles", "vacant_since": date(2014, 5, 1),
                                     "owner_name": "M. Frans De Smet", "owner_contact": "Kerkstraat 4, 9000 Gent"},
                             actor=regie_admin)
        _dwelling(land, regie_admin, "Rez-de-chaussée / Gelijkvloers", DwellingKind.flat, 1, "68.40", "450.00")
        _dwelling(land, regie_admin, "1er étage / 1ste verdieping", DwellingKind.flat, 2, "82.10", "520.00")
        _steps(land, regie_admin, [
            (S.data_selected, date(2023, 4, 3), {"note": "Taxe régionale et communale, aucun domicilié depuis 2014."}),
            (S.decided_to_proceed, date(2023, 4, 12)), (S.visit_requested, date(2023, 5, 2)),
            (S.visit_agreed, date(2023, 5, 8)), (S.visit_held, date(2023, 5, 16), {"at": time(10, 0)}),
            (S.visit_report, date(2023, 5, 30)), (S.works_listed, date(2023, 7, 14)),
            (S.budget_estimated, date(2023, 9, 1)), (S.studies_go_on, date(2023, 9, 15)),
            (S.proposal_received, date(2023, 10, 2)),
        ])
        ops.save_estimates(land, {
            "works_description": "Toiture, menuiseries, électricité et chauffage / Dak, schrijnwerk, elektriciteit en "
                                 "verwarming", "works_cost": Decimal("86400.00"), "works_months": 6,
            "takeover_costs": Decimal("97200.00"), "management_costs": Decimal("14500.00"),
            "monthly_charges": Decimal("45.00"), "common_provision": Decimal("20.00"), "joint_holders": False,
            "communications": "Un rapport annuel avant le 31 mars / Een jaarverslag vóór 31 maart"}, actor=regie_admin)
        ops.invite_support(land, cell, actor=regie_admin)
        ops.save_loan(land, {"loan_amount": Decimal("94200.00"), "loan_months": 120}, actor=cell_editor)
        _steps(land, cell_editor, [(S.loan_filed, date(2023, 10, 20))])
        _steps(land, regie_admin, [(S.formal_notice_received, date(2023, 12, 5), {"works_months": 6})])
        _steps(land, cell_editor, [(S.loan_answered, date(2023, 12, 12))])
        ops.save_loan(land, {"loan_amount": Decimal("94200.00"), "loan_months": 120,
                             "loan_granted": Decimal("94200.00"), "loan_contract_on": date(2024, 1, 15)},
                      actor=regie_admin)
        _steps(land, regie_admin, [
            (S.taken_over, date(2024, 6, 10)), (S.planning_told, date(2024, 6, 12)),
            (S.legal_registration, date(2024, 6, 20)), (S.loan_released, date(2024, 7, 1)),
        ])
        _steps(land, cell_editor, [(S.final_project, date(2024, 9, 16)), (S.permit_requested, date(2024, 11, 4))])
        _steps(land, regie_admin, [(S.annual_report_sent, date(2025, 3, 20), {"year": 2024})])
        _steps(land, cell_editor, [(S.works_started, date(2025, 5, 5))])
        _steps(land, regie_admin, [(S.annual_report_sent, date(2026, 3, 18), {"year": 2025})])
        _entries(land, regie_admin, [
            (E.takeover_cost, date(2023, 9, 20), "7800.00", "Études et architecte / Studies en architect"),
            (E.takeover_cost, date(2024, 7, 15), "2350.00", "Évacuation du mobilier / Ontruiming"),
            (E.takeover_cost, date(2025, 6, 30), "41250.00", "Travaux, 1re tranche / Werken, 1ste schijf"),
        ])
        ribaucourt = db.session.scalar(select(VacancySignal).where(VacancySignal.street == "Rue de Ribaucourt"))
        waiting = ops.open_case(commune, {"street": "Rue de Ribaucourt", "number": "51", "postcode": "1080",
                                          "commune": "molenbeek-saint-jean", "vacant_since": date(2014, 3, 1),
                                          "owner_name": "Succession Vermeulen",
                                          "owner_contact": "Notaire Peeters, rue Haute 12, 1000 Bruxelles"},
                                signal=ribaucourt, actor=commune_admin)
        _dwelling(waiting, commune_admin, "Maison unifamiliale / Eengezinswoning", DwellingKind.house, 3, "124.00",
                  None)
        _steps(waiting, commune_admin, [
            (S.decided_to_proceed, ago(120)), (S.visit_requested, ago(110)), (S.visit_refused, ago(104)),
            (S.court_authorisation_asked, ago(103)), (S.police_booked, ago(98)),
            (S.visit_held, ago(95), {"at": time(9, 30), "note": "Avec la police et un serrurier."}),
            (S.visit_report, ago(90)), (S.works_listed, ago(80)), (S.budget_estimated, ago(75)),
            (S.studies_go_on, ago(70)), (S.proposal_received, ago(53)),
        ])
        refused = ops.open_case(cpas, {"street": "Rue Vandenpeereboom", "number": "30", "postcode": "1080",
                                       "commune": "molenbeek-saint-jean", "vacant_since": date(2019, 9, 1),
                                       "owner_name": "SRL Immo Canal", "owner_contact": "info@immocanal.example.org"},
                                actor=cpas_admin)
        _steps(refused, cpas_admin, [
            (S.decided_to_proceed, ago(300)), (S.visit_requested, ago(290)), (S.visit_agreed, ago(285)),
            (S.visit_held, ago(270), {"at": time(14, 0)}), (S.visit_report, ago(260)), (S.studies_go_on, ago(200)),
            (S.proposal_received, ago(150)),
            (S.owner_refused_with_reason, ago(120), {"note": "Un bail a été signé avant la proposition."}),
        ])
        early = ops.open_case(commune, {"street": "Rue de la Colonne", "number": "9", "postcode": "1080",
                                        "commune": "molenbeek-saint-jean", "vacant_since": date(2009, 1, 1),
                                        "owner_name": "Mme Rachida Benali", "owner_contact": "Rue de la Colonne 11"},
                              actor=commune_admin)
        _dwelling(early, commune_admin, "Maison / Woning", DwellingKind.house, 2, "96.00", "500.00")
        reports = [(S.annual_report_sent, date(year + 1, 3, 15), {"year": year}) for year in range(2015, today.year)]
        _steps(early, commune_admin, [
            (S.decided_to_proceed, date(2015, 2, 2)), (S.visit_requested, date(2015, 3, 2)),
            (S.visit_held, date(2015, 3, 20), {"at": time(10, 0)}), (S.visit_report, date(2015, 4, 1)),
            (S.studies_go_on, date(2015, 6, 1)), (S.proposal_received, date(2015, 7, 1)),
            (S.owner_agreed, date(2015, 8, 20)), (S.taken_over, date(2015, 9, 1)),
            (S.final_project, date(2015, 10, 15)), (S.works_started, date(2016, 1, 11)),
            (S.annual_report_sent, date(2016, 3, 15), {"year": 2015}),
            (S.final_acceptance, date(2016, 10, 3)), (S.lease_signed, date(2016, 11, 1)),
            *[r for r in reports if r[2]["year"] > 2015 and r[1] < ago(20)],
            (S.early_requested, ago(20)), (S.costs_notified, ago(10)),
        ])
        ops.save_estimates(early, {"works_description": "Rénovation complète / Volledige renovatie",
                                   "works_cost": Decimal("61000.00"), "works_months": 9,
                                   "takeover_costs": Decimal("68500.00"), "management_costs": Decimal("9000.00"),
                                   "joint_holders": False, "communications": "Rapport annuel / Jaarverslag"},
                           actor=commune_admin)
        _entries(early, commune_admin, [
            (E.takeover_cost, date(2015, 12, 1), "68500.00", "Études et travaux / Studies en werken"),
            (E.management_cost, date(2021, 4, 12), "2150.00", "Chaudière / Verwarmingsketel"),
            *[(E.rent, date(year, 12, 31), "6000.00", f"Loyers {year} / Huur {year}") for year in range(2017, 2026)],
        ])
