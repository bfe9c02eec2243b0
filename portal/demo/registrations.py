"""Two associations waiting for the Guichet (issue 17), each with its administrator's account:

- Atelier des Voisins has registered and added its statutes: the Guichet reviews it, with the link to the public
  register and the statutes on its page.
- Jardins de la Senne added statutes that do not show a seat in Brussels: the Guichet has asked it for more
  information, and the question waits on its administrator's dashboard.

Their enterprise numbers are fictional (valid check digits only). The statutes go through the operation that checks
and stores them; the Guichet's question through its own. Idempotent: found again by slug and email."""
from __future__ import annotations

import io

from sqlalchemy import select

from portal import audit, clock
from portal.accounts.models import User
from portal.accounts.operations import create_user
from portal.demo.calls import acting_for
from portal.demo.organisations import DEMO_PASSWORD, DOMAIN, url_context
from portal.extensions import db
from portal.organisations import operations as ops
from portal.organisations.models import Membership, Organisation
from portal.organisations.workflow import LegalForm, OrganisationStatus
from portal.roles import OrganisationKind, Role
from portal.ui.pdf import html_to_pdf

QUESTION = ("Vos statuts ne mentionnent pas de siège social en Région de Bruxelles-Capitale. Pouvez-vous nous "
            "transmettre la dernière publication aux annexes du Moniteur belge, ou confirmer l'adresse du siège ?")

REGISTRATIONS = [
    # slug, name fr, name nl, commune, address, postcode, enterprise number, admin's name, language, asked?
    ("atelier-des-voisins", "Atelier des Voisins", "Buurtatelier", "anderlecht", "Rue de la Clinique 40", "1070",
     "0812345603", "Inès Moreau", "fr", False),
    ("jardins-de-la-senne", "Jardins de la Senne", "Tuinen van de Zenne", "forest", "Rue du Charroi 12", "1190",
     "0765432146", "Joris Van Damme", "nl", True),
]


def _statutes(name: str) -> bytes:
    """A short PDF standing for an association's statutes."""
    return html_to_pdf(f"<h1>{name} asbl</h1><p>Statuts coordonnés — document de démonstration.</p>"
                       "<p>Article 1. L'association a pour objet l'occupation temporaire de lieux vacants à des fins "
                       "sociales et culturelles.</p>")


def load_registrations() -> list[tuple[str, str, str]]:
    """The waiting associations; returns their administrators' accounts (role, e-mail, password)."""
    with url_context():
        return _load()


def _load() -> list[tuple[str, str, str]]:
    moderator = db.session.scalar(select(User).where(User.email == f"guichet.moderator@{DOMAIN}"))
    guichet = db.session.scalar(select(Organisation).where(Organisation.slug == "guichet"))
    accounts = []
    for slug, name_fr, name_nl, commune, address, postcode, number, person, language, asked in REGISTRATIONS:
        email = f"admin@{slug}.{DOMAIN}"
        user = db.session.scalar(select(User).where(User.email == email)) or create_user(
            email=email, name=person, password=DEMO_PASSWORD, language=language)
        accounts.append((f"{name_fr} admin", email, DEMO_PASSWORD))
        if db.session.scalar(select(Organisation).where(Organisation.slug == slug)) is not None:
            continue
        organisation = Organisation(
            slug=slug, kind=OrganisationKind.occupant, legal_form=LegalForm.asbl, name_fr=name_fr, name_nl=name_nl,
            commune=commune, address=address, postcode=postcode, enterprise_number=number,
            contact_email=f"contact@{slug}.{DOMAIN}", status=OrganisationStatus.pending,
            created_at=clock.now())
        db.session.add(organisation)
        db.session.flush()
        db.session.add(Membership(user=user, organisation=organisation, role=Role.admin))
        db.session.flush()
        audit.record("organisation.registered", target=organisation, actor=user, organisation=organisation,
                     changes={"status": [None, organisation.status]})
        ops.upload_statutes(organisation, io.BytesIO(_statutes(name_fr)), f"Statuts {name_fr}.pdf", actor=user)
        if asked and moderator is not None:
            with acting_for(guichet):
                ops.request_information(organisation, actor=moderator, reason=QUESTION)
    db.session.commit()
    return accounts
