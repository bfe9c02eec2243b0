"""The demo's organisations (those named in the source documents), one account per role, and what the other demo
modules share: the demo's password and domain, a request context for links.

Idempotent: organisations are found by their slug and users by their email, so loading twice changes nothing.
"""
from __future__ import annotations

from contextlib import nullcontext
from datetime import date

from flask import current_app, has_request_context
from sqlalchemy import select

from portal import audit
from portal.accounts.models import User
from portal.accounts.operations import create_user
from portal.extensions import db
from portal.organisations.models import Membership, Organisation
from portal.organisations.workflow import LegalForm, OrganisationStatus
from portal.roles import OrganisationKind, Role

DEMO_PASSWORD = "Entretemps-demo-2026"
DOMAIN = "demo.entretemps.brussels"

K, F = OrganisationKind, LegalForm
ORGANISATIONS = [
    # slug, kind, legal form, name fr, name nl, commune, address, postcode, charter signed on
    ("guichet", K.guichet, F.public_service, "Guichet des Occupations Temporaires",
     "Loket voor Tijdelijke Bezettingen", "bruxelles", "Rue de Namur 59", "1000", None),
    ("comensia", K.public_owner, F.sisp, "SISP Comensia", "OVM Comensia", "molenbeek-saint-jean",
     "Rue Joseph Schols 12", "1080", date(2023, 3, 14)),
    ("log-iris", K.public_owner, F.sisp, "SISP Log'Iris", "OVM Log'Iris", "evere",
     "Rue Edouard Stuckens 6", "1140", date(2023, 3, 14)),
    ("les-trois-pommiers", K.public_owner, F.ais, "AIS Les Trois Pommiers", "SVK Les Trois Pommiers",
     "etterbeek", "Rue des Champs 38", "1040", date(2023, 6, 2)),
    ("citydev", K.public_owner, F.regional_company, "CityDev.brussels", "CityDev.brussels", "bruxelles",
     "Rue Gabrielle Petit 6", "1080", date(2023, 3, 14)),
    ("logement-molenbeekois", K.public_owner, F.sisp, "SISP Le Logement Molenbeekois",
     "OVM Le Logement Molenbeekois", "molenbeek-saint-jean", "Rue Comte de Flandre 39", "1080",
     date(2023, 9, 21)),
    ("commune-molenbeek", K.public_owner, F.commune, "Commune de Molenbeek-Saint-Jean",
     "Gemeente Sint-Jans-Molenbeek", "molenbeek-saint-jean", "Rue du Comte de Flandre 20", "1080",
     date(2024, 1, 25)),
    ("cpas-molenbeek", K.public_owner, F.cpas, "CPAS de Molenbeek-Saint-Jean", "OCMW Sint-Jans-Molenbeek",
     "molenbeek-saint-jean", "Rue Alphonse Vandenpeereboom 14", "1080", None),
    ("regie-fonciere", K.public_owner, F.regional_company, "Régie foncière régionale", "Gewestelijke Grondregie",
     "saint-josse-ten-noode", "Rue du Progrès 80", "1035", None),
    ("bruxelles-logement", K.public_owner, F.public_service, "Bruxelles Logement – cellule Réhabilitation",
     "Brussel Huisvesting – cel Renovatie", "saint-josse-ten-noode", "Rue du Progrès 80", "1035", None),
    ("l-ilot", K.occupant, F.asbl, "L'Ilot", "L'Ilot", "saint-gilles", "Rue de la Victoire 140", "1060", None),
    ("diogenes", K.occupant, F.asbl, "DIOGENES", "DIOGENES", "bruxelles", "Rue Haute 36", "1000", None),
    ("smes", K.occupant, F.asbl, "Smes", "Smes", "saint-gilles", "Rue Jourdan 34", "1060", None),
    ("pierre-d-angle", K.occupant, F.asbl, "Pierre d'Angle", "Pierre d'Angle", "bruxelles",
     "Rue Terre-Neuve 153", "1000", None),
    ("new-samusocial", K.occupant, F.asbl, "New Samusocial", "New Samusocial", "bruxelles",
     "Rue Royale 55", "1000", None),
    ("communa", K.occupant, F.asbl, "Communa", "Communa", "ixelles", "Rue de la Croix 22", "1050", None),
    ("collectif-interstices", K.occupant, F.asbl, "Collectif Interstices", "Collectief Interstices",
     "saint-gilles", "Rue de Moscou 9", "1060", None),
]

ACCOUNTS = [
    # role label, email local part, name, organisation slug, role, language
    ("Guichet admin", "guichet.admin", "Anne Dubois", "guichet", Role.admin, "fr"),
    ("Guichet moderator", "guichet.moderator", "Pieter Janssens", "guichet", Role.moderator, "nl"),
    ("Owner admin", "owner.admin", "Sophie Lambert", "comensia", Role.admin, "fr"),
    ("Owner editor", "owner.editor", "Karim El Amrani", "comensia", Role.editor, "fr"),
    ("Owner evaluator", "owner.evaluator", "Els Peeters", "comensia", Role.evaluator, "nl"),
    ("Commune admin", "commune.admin", "Nathalie Dupont", "commune-molenbeek", Role.admin, "fr"),
    ("CPAS admin", "cpas.admin", "Luc Martens", "cpas-molenbeek", Role.admin, "nl"),
    ("Regional land board admin", "regie.admin", "Isabelle Moreau", "regie-fonciere", Role.admin, "fr"),
    ("Réhabilitation cell editor", "rehabilitation.editor", "Bart Claes", "bruxelles-logement", Role.editor, "nl"),
    ("Occupant admin", "occupant.admin", "Marie Lejeune", "l-ilot", Role.admin, "fr"),
    ("Occupant editor", "occupant.editor", "Tom Wouters", "l-ilot", Role.editor, "nl"),
]


def url_context():
    """A request context for url_for (the links of notifications) when loading outside a request."""
    return nullcontext() if has_request_context() else \
        current_app.test_request_context(base_url=current_app.config["BASE_URL"])


def load_organisations() -> tuple[dict, list[tuple[str, str, str]]]:
    """The organisations by slug, and the accounts (role, e-mail, password) to print."""
    organisations = {}
    for slug, kind, form, name_fr, name_nl, commune, address, postcode, signed in ORGANISATIONS:
        organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
        if organisation is None:
            organisation = Organisation(
                slug=slug, kind=kind, legal_form=form, name_fr=name_fr, name_nl=name_nl, commune=commune,
                address=address, postcode=postcode, contact_email=f"contact@{slug}.{DOMAIN}",
                status=OrganisationStatus.approved, charter_signed_on=signed,
            )
            db.session.add(organisation)
            db.session.flush()
            audit.record("organisation.created", target=organisation, actor=None, organisation=None,
                         changes={"status": [None, organisation.status], "kind": [None, kind]})
        organisations[slug] = organisation

    accounts = []
    for label, local, name, slug, role, language in ACCOUNTS:
        email = f"{local}@{DOMAIN}"
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = create_user(email=email, name=name, password=DEMO_PASSWORD, language=language)
        if user.membership_in(organisations[slug].id) is None:
            db.session.add(Membership(user=user, organisation=organisations[slug], role=role))
        accounts.append((label, email, DEMO_PASSWORD))
    db.session.commit()
    return organisations, accounts
