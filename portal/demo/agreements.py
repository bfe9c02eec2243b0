"""Demo agreements, one at each stage.

- ISSUE's six sites (seed 004): agreements signed on paper before Entretemps, kept here with their occupancies and
  ended; Ganshoren's was extended by an amendment, Peterbos' ended early by the owner's notice.
- The Ransfort school's current occupants: agreements signed on Entretemps and in force; Communa's extended by an
  amendment signed by both.
- New Samusocial, selected by the decided call: its agreement signed by both, waiting for its start on
  1 January 2027 and its checklist (the insurance certificate is in).
- L'Ilot and Comensia: an agreement for a house, sent and waiting for L'Ilot's administrator's signature.
- DIOGENES and Comensia: a draft.
- The Guichet's clause library, which the owners' drafting form offers; Comensia's two agreements use some of its
  clauses.

What can go through the operations does (the documents are then rendered and their digests signed); what lies
in the past is written directly, dated as it happened. Idempotent: an agreement is found again by its site and
occupant."""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from sqlalchemy import select

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from occupancies.agreements import operations as ops
from occupancies.agreements import pdf
from occupancies.agreements import queries as agreement_queries
from occupancies.agreements.jobs import render_document
from occupancies.agreements.models import Agreement, AgreementVersion, ChecklistItem, Clause, Signature
from occupancies.agreements.queries import terms_from_application
from occupancies.agreements.workflow import AgreementStatus, AmendmentKind, ChecklistKind, EndReason, VersionStatus
from occupancies.models import Occupancy, Site
from occupancies.workflow import UseCategory
from portal import clock
from portal.accounts.models import User
from portal.accounts.operations import create_user
from portal.demo.calls import acting_for
from portal.demo.organisations import DEMO_PASSWORD, DOMAIN, ORGANISATIONS, url_context
from portal.demo.second_factor import enrol, fresh_code
from portal.demo.sites import ISSUE_SITES
from portal.extensions import db
from portal.organisations.models import Membership, Organisation
from portal.roles import Role
from portal.ui.pdf import html_to_pdf

PAPER = "Convention signée sur papier avant qu'Entretemps ne la conserve."


def _at(day: date, hour: int = 10) -> datetime:
    return clock.at_brussels(day, hour)


def _find(site, occupant) -> Agreement | None:
    return db.session.scalar(select(Agreement).where(Agreement.site_id == site.id,
                                                     Agreement.occupant_id == occupant.id))


def _site(owner, name) -> Site:
    return db.session.scalar(select(Site).where(Site.organisation_id == owner.id, Site.name == name))


def _occupancy(site, occupant) -> Occupancy | None:
    return db.session.scalar(select(Occupancy).where(Occupancy.site_id == site.id,
                                                     Occupancy.occupant_id == occupant.id))


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _version(number, occupancy, start, end, *, status=VersionStatus.signed, **fields) -> AgreementVersion:
    return AgreementVersion(number=number, status=status, unit_ids=[b.unit_id for b in occupancy.bookings],
                            use_category=occupancy.use_category, start_date=start, end_date=end,
                            purpose_fr=fields.pop("purpose_fr", ""), purpose_nl=fields.pop("purpose_nl", ""),
                            created_at=_at(start - timedelta(days=20)), **fields)


def _checklist(start, end=None) -> list[ChecklistItem]:
    items = [ChecklistItem(kind=kind, done_at=_at(start - timedelta(days=3))) for kind in ChecklistKind
             if kind != ChecklistKind.exit_inventory]
    items.append(ChecklistItem(kind=ChecklistKind.exit_inventory,
                               done_at=_at(end + timedelta(days=1)) if end else None))
    return items


def _written(owner, site, occupant, occupancy, versions, *, status, checklist, reference_year, **fields):
    agreement = Agreement(organisation_id=owner.id, owner=owner, site_id=site.id, site=site, occupant_id=occupant.id,
                          occupant=occupant, status=status, reference=agreement_queries.next_reference(reference_year),
                          created_at=versions[0].created_at, **fields)
    agreement.versions = versions
    agreement.checklist = checklist
    db.session.add(agreement)
    db.session.flush()
    occupancy.agreement_id = agreement.id
    return agreement


# ISSUE's sites: on paper, kept here --------------------------------------------------------------------------

def _issue(organisations) -> None:
    for name, owner_slug, occupant_slug, *_rest, start, end, _use in ISSUE_SITES:
        owner, occupant = organisations[owner_slug], organisations[occupant_slug]
        site = _site(owner, name)
        occupancy = _occupancy(site, occupant) if site is not None else None
        if occupancy is None or _find(site, occupant) is not None:
            continue
        purpose = {"purpose_fr": "Logements pour des personnes accompagnées par le partenariat ISSUE.",
                   "purpose_nl": "Woningen voor personen die door het ISSUE-partnerschap begeleid worden.",
                   "reason": PAPER, "domiciliation": True}
        fields = {"end_reason": EndReason.term, "ended_on": end}
        if name == "Ganshoren":
            # Signed for three years, extended by an amendment to October 2024.
            versions = [_version(1, occupancy, start, date(2023, 1, 31), **purpose),
                        _version(2, occupancy, start, end, amendment=AmendmentKind.extension,
                                 **{**purpose, "reason": "Prolongation : le projet de rénovation est reporté."})]
        elif name == "Peterbos":
            # Signed until March 2021; the owner gave notice in June 2020 (three months from 1 July).
            versions = [_version(1, occupancy, start, date(2021, 2, 28), **purpose)]
            fields = {"end_reason": EndReason.notice_by_owner, "ended_on": end,
                      "notice_given_on": date(2020, 6, 15)}
        else:
            versions = [_version(1, occupancy, start, end, **purpose)]
        _written(owner, site, occupant, occupancy, versions, status=AgreementStatus.ended,
                 checklist=_checklist(start, end), reference_year=start.year, **fields)


# The school's occupants: signed on Entretemps, in force ------------------------------------------------------

def _signed_on_portal(agreement, version, owner_signer: User | None, occupant_signer: str) -> None:
    """The document rendered and stored, then signed by both, as the operations would have (dated)."""
    version.document_file, version.document_digest = pdf.store(
        pdf.document_pdf(agreement, version, agreement.language))
    version.sent_at = version.created_at
    version.signatures = [
        Signature(party="occupant", user_id=None, signer_name=occupant_signer, organisation_id=agreement.occupant_id,
                  document_digest=version.document_digest, signed_at=version.created_at + timedelta(days=4)),
        Signature(party="owner", user_id=owner_signer.id if owner_signer else None,
                  signer_name=owner_signer.name if owner_signer else "", organisation_id=agreement.organisation_id,
                  document_digest=version.document_digest, signed_at=version.created_at + timedelta(days=6))]


SCHOOL = [
    # occupant, units' occupant signer, purpose fr, purpose nl
    ("collectif-interstices", "Léa Fontaine", "Ateliers artistiques et scène ouverte pour le quartier.",
     "Artistieke workshops en een open podium voor de buurt."),
    ("communa", "Jonas Claes", "Ateliers d'économie sociale et moestuin dans la cour.",
     "Ateliers van sociale economie en een moestuin op de speelplaats."),
    ("l-ilot", "Marie Lejeune", "Jardin partagé et compostage de quartier dans la cour.",
     "Gedeelde tuin en buurtcompostering op de speelplaats."),
]


def _school(organisations, domain: str) -> None:
    commune = organisations["commune-molenbeek"]
    school = _site(commune, "Ancienne école Ransfort")
    admin = _user(f"commune.admin@{domain}")
    for slug, signer, purpose_fr, purpose_nl in SCHOOL:
        occupant = organisations[slug]
        occupancy = _occupancy(school, occupant) if school is not None else None
        if occupancy is None or _find(school, occupant) is not None:
            continue
        start, end = occupancy.start_date, occupancy.end_date
        purpose = {"purpose_fr": purpose_fr, "purpose_nl": purpose_nl, "owner_representative": admin.name,
                   "owner_representative_role": "Échevine de la propriété communale",
                   "occupant_representative": signer, "occupant_representative_role": "Coordination",
                   "heritage_fr": school.constraints_fr, "heritage_nl": school.constraints_nl}
        if slug == "communa":
            versions = [_version(1, occupancy, start, date(2026, 6, 30), **purpose),
                        _version(2, occupancy, start, end, amendment=AmendmentKind.extension,
                                 reason="Prolongation d'un an : la rénovation de l'école commence en 2027.",
                                 **purpose)]
            versions[1].created_at = _at(date(2026, 3, 2))
        else:
            versions = [_version(1, occupancy, start, end, **purpose)]
        agreement = _written(commune, school, occupant, occupancy, versions, status=AgreementStatus.active,
                             checklist=_checklist(start), reference_year=start.year)
        for version in versions:
            _signed_on_portal(agreement, version, admin, signer)


# Through the operations: signed and waiting, sent, draft ------------------------------------------------------

def _samusocial(organisations, domain: str, password: str) -> tuple[str, str, str] | None:
    """New Samusocial's administrator account, and its agreement from the decided call, signed by both."""
    occupant = organisations["new-samusocial"]
    email = f"admin@new-samusocial.{domain}"
    user = _user(email) or create_user(email=email, name="Karim Haddouchi", password=password, language="fr")
    if user.membership_in(occupant.id) is None:
        db.session.add(Membership(user=user, organisation=occupant, role=Role.admin))
        db.session.flush()
    account = ("New Samusocial admin", email, password)
    application = db.session.scalar(select(Application).where(Application.organisation_id == occupant.id,
                                                              Application.status == ApplicationStatus.selected))
    if application is None or _find(application.call.site, occupant) is not None:
        return account
    commune = application.call.owner
    admin = _user(f"commune.admin@{domain}")
    values = {**terms_from_application(application), "owner_representative": admin.name,
              "owner_representative_role": "Échevine de la propriété communale",
              "occupant_representative": user.name, "occupant_representative_role": "Directeur",
              "domiciliation": True, "notice_months_owner": 3, "notice_months_occupant": 2}
    agreement = ops.draft_agreement(commune, application.call.site, occupant, values, actor=admin,
                                    application=application)
    ops.send_version(agreement, actor=admin)
    db.session.commit()
    render_document(agreement.versions[0].id)    # now, rather than by the queued job, to sign it at once
    for party, signer in (("occupant", user), ("owner", admin)):
        enrol(signer)      # whoever signs has a second factor
        ops.sign(agreement, party, password=password, code=fresh_code(signer), actor=signer)
    # Its occupancy was already on the register: the agreement is its own from now on.
    occupancy = _occupancy(application.call.site, occupant)
    if occupancy is not None:
        occupancy.agreement_id = agreement.id
    ops.complete_item(agreement, ChecklistKind.insurance, document=io.BytesIO(_certificate()),
                      filename="attestation-assurance.pdf", note="Police RC et incendie", actor=user)
    return account


def _certificate() -> bytes:
    """A one-page PDF standing for the insurance certificate."""
    return html_to_pdf("<p>Attestation d'assurance responsabilité civile et incendie — document de "
                       "démonstration.</p>")


# The Guichet's clause library -----------------------------------------------------------------------------

CLAUSES = [
    ("Entretien et petites réparations", "Onderhoud en kleine herstellingen",
     "L'occupant entretient les lieux en bon père de famille et prend en charge les petites réparations locatives "
     "(robinetterie, serrures, vitres brisées de son fait). Il signale sans délai au propriétaire tout dégât ou toute "
     "défectuosité relevant des grosses réparations, qui restent à charge du propriétaire.",
     "De bezetter onderhoudt het pand als een goede huisvader en neemt de kleine herstellingen ten laste (kranen, "
     "sloten, door zijn toedoen gebroken ruiten). Hij meldt de eigenaar onverwijld elke schade of elk gebrek dat "
     "onder de grote herstellingen valt, die ten laste van de eigenaar blijven."),
    ("Sécurité incendie", "Brandveiligheid",
     "L'occupant respecte les recommandations du Service d'incendie et d'aide médicale urgente (SIAMU) et la "
     "capacité d'accueil fixée pour les lieux. Il maintient les issues de secours dégagées, ne stocke aucune matière "
     "inflammable en dehors des locaux prévus et laisse visiter les lieux par le SIAMU à sa demande.",
     "De bezetter volgt de aanbevelingen van de Dienst voor Brandbestrijding en Dringende Medische Hulp (DBDMH) en "
     "de voor het pand vastgelegde capaciteit. Hij houdt de nooduitgangen vrij, slaat geen ontvlambare stoffen op "
     "buiten de daartoe bestemde ruimten en laat de DBDMH het pand bezoeken wanneer die erom vraagt."),
    ("Accès du propriétaire", "Toegang van de eigenaar",
     "Le propriétaire peut visiter les lieux pour en vérifier l'état ou y faire réaliser des travaux urgents, après "
     "en avoir averti l'occupant au moins cinq jours ouvrables à l'avance, sauf urgence. Les visites se déroulent en "
     "présence de l'occupant et dans le respect de la vie privée des personnes hébergées.",
     "De eigenaar mag het pand bezoeken om de staat ervan na te gaan of er dringende werken te laten uitvoeren, "
     "nadat hij de bezetter minstens vijf werkdagen vooraf heeft verwittigd, behalve bij hoogdringendheid. De "
     "bezoeken vinden plaats in aanwezigheid van de bezetter en met respect voor het privéleven van de gehuisveste "
     "personen."),
    ("Relations avec le voisinage", "Relaties met de buurt",
     "L'occupant informe le voisinage de son projet avant son installation, désigne une personne de contact et veille "
     "à ce que ses activités ne causent pas de nuisances anormales. Les plaintes reçues sont signalées au "
     "propriétaire dans le rapport d'occupation suivant.",
     "De bezetter informeert de buurt over zijn project voor zijn intrek, duidt een contactpersoon aan en zorgt "
     "ervoor dat zijn activiteiten geen abnormale hinder veroorzaken. Ontvangen klachten worden aan de eigenaar "
     "gemeld in het volgende bezettingsverslag."),
    ("Cession et sous-occupation", "Overdracht en onderbezetting",
     "L'occupant ne peut céder la présente convention ni mettre les lieux à la disposition d'un tiers, en tout ou en "
     "partie, sans l'accord écrit et préalable du propriétaire. Les personnes qu'il héberge dans le cadre de son "
     "projet social ne sont pas des tiers au sens de la présente clause.",
     "De bezetter mag deze overeenkomst niet overdragen en het pand niet geheel of gedeeltelijk ter beschikking van "
     "een derde stellen zonder voorafgaand schriftelijk akkoord van de eigenaar. De personen die hij in het kader "
     "van zijn sociaal project huisvest, zijn geen derden in de zin van deze clausule."),
    ("Restitution des lieux", "Teruggave van het pand",
     "Au terme de l'occupation, l'occupant restitue les lieux vidés de ses biens et dans l'état décrit par l'état "
     "des lieux d'entrée, compte tenu de l'usure normale. Les aménagements réalisés avec l'accord du propriétaire "
     "restent acquis à celui-ci sans indemnité, sauf convention contraire.",
     "Bij het einde van de bezetting geeft de bezetter het pand terug, ontruimd en in de staat beschreven in de "
     "plaatsbeschrijving bij intrek, rekening houdend met normale slijtage. Inrichtingen die met akkoord van de "
     "eigenaar zijn uitgevoerd, blijven zonder vergoeding verworven door de eigenaar, tenzij anders overeengekomen."),
]


def _clause_library(domain: str) -> list[int]:
    """The Guichet's shared clauses, added by its administrator as through its page; returns their ids."""
    admin = _user(f"guichet.admin@{domain}")
    existing = {c.title_fr: c for c in db.session.scalars(select(Clause).where(Clause.organisation_id.is_(None)))}
    ids = []
    for title_fr, title_nl, text_fr, text_nl in CLAUSES:
        clause = existing.get(title_fr) or ops.add_clause(
            None, {"title_fr": title_fr, "title_nl": title_nl, "text_fr": text_fr, "text_nl": text_nl}, actor=admin)
        ids.append(clause.id)
    return ids


def _comensia(organisations, domain: str, clause_ids=()) -> None:
    comensia = organisations["comensia"]
    houses = _site(comensia, "Maisons Brigade Piron")
    if houses is None:
        return
    editor = _user(f"owner.editor@{domain}")
    today = clock.today()
    start = (today.replace(day=1) + timedelta(days=45)).replace(day=1)
    for slug, unit_label, send in (("l-ilot", "Maison 1", True), ("diogenes", "Maison 2", False)):
        occupant = organisations[slug]
        if _find(houses, occupant) is not None:
            continue
        unit = next(u for u in houses.units if u.label_fr == unit_label)
        values = {"unit_ids": [unit.id], "use_category": "housing_insertion", "start_date": start,
                  "end_date": houses.available_until, "owner_representative": "Sophie Lambert",
                  "owner_representative_role": "Directrice générale",
                  "occupant_representative": "Marie Lejeune" if slug == "l-ilot" else "Nadia Benali",
                  "occupant_representative_role": "Direction",
                  "purpose_fr": "Logement de transit vers le Housing First pour une famille accompagnée.",
                  "purpose_nl": "Transitwoning naar Housing First voor een begeleid gezin.",
                  "domiciliation": True, "free_use": True}

        values["use_category"] = UseCategory.housing_insertion
        agreement = ops.draft_agreement(comensia, houses, occupant, values, clause_ids=clause_ids, actor=editor)
        if send:
            ops.send_version(agreement, actor=editor)


def load_agreements(organisations: dict) -> list[tuple[str, str, str]]:
    """The demo agreements; returns the account added (New Samusocial's administrator)."""
    with url_context():
        return _load()


def _load() -> list[tuple[str, str, str]]:
    organisations = {slug: db.session.scalar(select(Organisation).where(Organisation.slug == slug))
                     for slug, *_rest in ORGANISATIONS}
    _issue(organisations)
    clause_ids = _clause_library(DOMAIN)
    with acting_for(organisations["commune-molenbeek"]):
        _school(organisations, DOMAIN)
        account = _samusocial(organisations, DOMAIN, DEMO_PASSWORD)
    with acting_for(organisations["comensia"]):
        # Maintenance, fire safety, the owner's access and the return of the premises.
        _comensia(organisations, DOMAIN, [clause_ids[i] for i in (0, 1, 2, 5)])
    return [account] if account else []
