"""Demonstration data (`flask demo load`): the organisations and accounts, then each feature's data, each step
committed. Idempotent: loading twice changes nothing."""
from __future__ import annotations

from portal.demo.agreements import load_agreements
from portal.demo.calls import load_calls
from portal.demo.dgp import load_dgp
from portal.demo.dgp_cases import load_dgp_cases
from portal.demo.evaluation import load_evaluations
from portal.demo.needs import load_needs
from portal.demo.organisations import DOMAIN, load_organisations
from portal.demo.registrations import load_registrations
from portal.demo.reports import load_reports
from portal.demo.second_factor import load_second_factors
from portal.demo.sharing import load_sharing
from portal.demo.sites import load_sites
from portal.demo.vacancies import load_vacancies
from portal.extensions import db


def load() -> list[tuple[str, str, str]]:
    """Load everything; returns the demo accounts (role, e-mail, password) to print."""
    organisations, accounts = load_organisations()
    accounts += load_registrations()
    load_sites(organisations)
    db.session.commit()
    accounts += load_calls(organisations)
    db.session.commit()
    accounts += load_evaluations(organisations)
    db.session.commit()
    accounts += load_agreements(organisations)
    db.session.commit()
    load_reports()
    db.session.commit()
    load_sharing(organisations)
    db.session.commit()
    load_vacancies(organisations)
    db.session.commit()
    load_dgp()
    db.session.commit()
    load_dgp_cases(organisations)
    db.session.commit()
    load_needs(organisations)
    db.session.commit()
    load_second_factors(DOMAIN)
    db.session.commit()
    return accounts
