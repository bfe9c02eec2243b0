"""Demo sharing sessions, library and facilitators.

- Three facilitators kept by the Guichet, and a toolbox of two documents (a checklist made here as a PDF, and a
  link to the Charter).
- A past session of the Guichet in the Ransfort school (an occupied site): six people came, the minutes are
  published in French and Dutch with two resources.
- An upcoming session of the Guichet on fire safety and insurance, full: four registered, two on the waiting list
  (L'Ilot's administrator among them), registered through the operations.
- An upcoming online session of Comensia for the Charter's signatories, with places left.

The past session is written as it happened (dated rows); the upcoming ones go through the operations.
Idempotent: a session is found by its French title."""
from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select

from occupancies.models import Site
from occupancies.sharing.models import Facilitator, Registration, Resource, SharingSession
from occupancies.sharing.operations import add_resource, create_session, register_for_session, save_facilitator
from occupancies.sharing.workflow import Audience, PlaceKind, RegistrationStatus, ResourceKind, Theme
from portal import clock
from portal.accounts.models import User
from portal.clock import at_brussels
from portal.demo.organisations import url_context
from portal.extensions import db
from portal.ui.pdf import html_to_pdf

FACILITATORS = [
    {"name": "Julie Verbeke", "structure": "Atelier Commun", "email": "julie.verbeke@atelier-commun.example.org",
     "website": "https://atelier-commun.example.org", "themes": ["neighbourhood", "governance"],
     "languages": ["fr", "nl"], "bio_fr": "Anime des démarches participatives entre voisins, occupants et pouvoirs "
                                          "publics depuis dix ans.",
     "bio_nl": "Begeleidt al tien jaar participatietrajecten tussen buren, bezetters en overheden."},
    {"name": "Youssef Benali", "structure": "Réseau Habitat Solidaire",
     "email": "y.benali@habitat-solidaire.example.org", "website": "",
     "themes": ["social_support", "evaluation"], "languages": ["fr", "en"],
     "bio_fr": "Travailleur social, spécialiste de l'accompagnement vers le logement durable.",
     "bio_nl": "Maatschappelijk werker, gespecialiseerd in de begeleiding naar duurzame huisvesting."},
    {"name": "Lotte De Smet", "structure": "Bouwwerf Advies", "email": "lotte@bouwwerf-advies.example.org",
     "website": "https://bouwwerf-advies.example.org", "themes": ["safety", "works"], "languages": ["nl", "fr"],
     "bio_fr": "Architecte, conseille les propriétaires sur la mise en conformité légère des bâtiments vides.",
     "bio_nl": "Architecte, adviseert eigenaars over de lichte conformiteit van leegstaande gebouwen."},
]

CHECKLIST = """<h1>Liste de contrôle — avant l'entrée dans les lieux</h1>
<p>Checklist — vóór de ingebruikname</p>
<ol><li>Convention d'occupation précaire signée par les deux parties / Overeenkomst ondertekend door beide partijen</li>
<li>Attestation d'assurance de l'occupant / Verzekeringsattest van de bezetter</li>
<li>Visite de prévention incendie (SIAMU) / Brandpreventiebezoek (DBDMH)</li>
<li>État des lieux d'entrée avec photos / Plaatsbeschrijving bij intrede met foto's</li>
<li>Relevé des compteurs d'eau, de gaz et d'électricité / Meterstanden water, gas en elektriciteit</li>
<li>Remise des clés et des contacts d'urgence / Overhandiging van sleutels en noodcontacten</li></ol>"""

MINUTES_FR = """## Ce que nous avons partagé

- **Accompagnement social** : l'équipe de L'Ilot a présenté son suivi des résidents, avec des permanences deux fois
  par semaine sur le site.
- **Relations de voisinage** : une réunion d'information avant l'entrée dans les lieux évite la plupart des
  tensions.
- **Conventions** : les propriétaires souhaitent un modèle commun d'état des lieux.

## Suites

1. Le Guichet diffuse la liste de contrôle mise à jour (voir les ressources).
2. Prochain moment de partage consacré à la sécurité incendie et aux assurances."""

MINUTES_NL = """## Wat we hebben gedeeld

- **Sociale begeleiding**: het team van L'Ilot stelde zijn opvolging van de bewoners voor, met twee keer per week
  een permanentie op de site.
- **Burenrelaties**: een infovergadering vóór de ingebruikname voorkomt de meeste spanningen.
- **Overeenkomsten**: de eigenaars wensen een gemeenschappelijk model van plaatsbeschrijving.

## Vervolg

1. Het Loket verspreidt de bijgewerkte checklist (zie de documenten).
2. Volgend deelmoment over brandveiligheid en verzekeringen."""


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _session(title_fr: str) -> SharingSession | None:
    return db.session.scalar(select(SharingSession).where(SharingSession.title_fr == title_fr))


class _Upload:
    """A file as a form would hand it over."""

    def __init__(self, data: bytes, filename: str):
        self.stream, self.filename = io.BytesIO(data), filename


def _checklist_pdf() -> bytes:
    return html_to_pdf(f"<html lang='fr'><body style='font-family: sans-serif'>{CHECKLIST}</body></html>")


def _library(guichet_admin) -> None:
    if db.session.scalar(select(Facilitator.id).limit(1)) is None:
        for values in FACILITATORS:
            save_facilitator(None, values, actor=guichet_admin)
    if db.session.scalar(select(Resource.id).where(Resource.session_id.is_(None)).limit(1)) is None:
        add_resource(None, {"title_fr": "Liste de contrôle avant l'entrée dans les lieux",
                            "title_nl": "Checklist vóór de ingebruikname", "theme": "legal",
                            "description_fr": "Les six points à vérifier avec l'occupant avant de remettre les clés.",
                            "description_nl": "De zes punten om met de bezetter na te gaan vóór de sleuteloverdracht."},
                     _Upload(_checklist_pdf(), "liste-de-controle-entree.pdf"), actor=guichet_admin)
        add_resource(None, {"title_fr": "Charte régionale de l'occupation temporaire",
                            "title_nl": "Gewestelijk charter voor tijdelijke bezetting", "theme": "governance",
                            "description_fr": "Les engagements des pouvoirs publics signataires.",
                            "description_nl": "De engagementen van de ondertekenende overheden.",
                            "url": "https://perspective.brussels/fr/occupation-temporaire"}, actor=guichet_admin)


def _past(guichet, guichet_admin, organisations, school, today) -> None:
    title = "Occupation à finalité sociale : retours d'expérience"
    if _session(title) is not None:
        return
    day = today - timedelta(days=47)
    session = SharingSession(
        organisation_id=guichet.id, organiser=guichet, created_by_id=guichet_admin.id, title_fr=title,
        title_nl="Bezetting met een sociaal doel: ervaringen uitwisselen", theme=Theme.social_support,
        agenda_fr="14:00 Accueil dans la cour de l'école\n14:15 Tour de table des occupations en cours\n"
                  "15:00 Ateliers : accompagnement, voisinage, conventions\n16:15 Mise en commun",
        agenda_nl="14:00 Onthaal op de speelplaats\n14:15 Rondetafel over de lopende bezettingen\n"
                  "15:00 Workshops: begeleiding, buurt, overeenkomsten\n16:15 Terugkoppeling",
        starts_at=at_brussels(day, 14), ends_at=at_brussels(day, 16, 30), place_kind=PlaceKind.site, site_id=school.id,
        capacity=25, audience=Audience.partners, registration_deadline=at_brussels(day - timedelta(days=2), 12),
        facilitator_id=db.session.scalar(select(Facilitator.id).where(Facilitator.name == "Julie Verbeke")),
        minutes_fr=MINUTES_FR, minutes_nl=MINUTES_NL, minutes_published_at=at_brussels(day + timedelta(days=3), 10),
        attendance_recorded_at=at_brussels(day, 17), reminded_at=at_brussels(day - timedelta(days=1), 14),
        created_at=at_brussels(day - timedelta(days=30), 9))
    db.session.add(session)
    db.session.flush()
    people = [("guichet.admin", "guichet", True), ("owner.admin", "comensia", True),
              ("commune.admin", "commune-molenbeek", True), ("occupant.admin", "l-ilot", True),
              ("occupant.editor", "l-ilot", True), ("owner.evaluator", "comensia", False),
              ("guichet.moderator", "guichet", True)]
    for index, (local, slug, came) in enumerate(people):
        user = _user(f"{local}@demo.entretemps.brussels")
        db.session.add(Registration(session_id=session.id, user_id=user.id, organisation_id=organisations[slug].id,
                                    registered_by_id=user.id, status=RegistrationStatus.registered, attended=came,
                                    queued_at=at_brussels(day - timedelta(days=20 - index), 10)))
    db.session.add(Resource(session_id=session.id, theme=session.theme, kind=ResourceKind.minutes,
                            title_fr=f"Compte rendu : {session.title_fr}", title_nl=f"Verslag: {session.title_nl}",
                            added_by_id=guichet_admin.id, created_at=session.minutes_published_at))
    db.session.add(Resource(session_id=session.id, theme=Theme.social_support, kind=ResourceKind.link,
                            title_fr="Présentation de l'accompagnement par L'Ilot",
                            title_nl="Voorstelling van de begeleiding door L'Ilot",
                            description_fr="Les diapositives présentées en ouverture.",
                            description_nl="De slides van de inleiding.", url="https://ilot.be",
                            added_by_id=guichet_admin.id, created_at=at_brussels(day + timedelta(days=3), 10)))
    db.session.flush()
    add_resource(session, {"title_fr": "Modèle d'état des lieux d'entrée", "title_nl": "Model van plaatsbeschrijving",
                           "theme": "legal", "description_fr": "Le modèle discuté dans l'atelier « conventions ».",
                           "description_nl": "Het model besproken in de workshop ‘overeenkomsten’."},
                 _Upload(_checklist_pdf(), "modele-etat-des-lieux.pdf"), actor=guichet_admin)


def _upcoming(guichet, guichet_admin, organisations, today) -> None:
    title = "Sécurité incendie et assurances des occupations temporaires"
    if _session(title) is None:
        day = today + timedelta(days=21)
        session = create_session(guichet, {
            "title_fr": title, "title_nl": "Brandveiligheid en verzekeringen van tijdelijke bezettingen",
            "agenda_fr": "09:30 Accueil\n09:45 Les exigences du SIAMU pour une occupation temporaire\n"
                         "10:30 Quelles assurances, pour qui ?\n11:30 Questions des participants",
            "agenda_nl": "09:30 Onthaal\n09:45 De vereisten van de DBDMH voor een tijdelijke bezetting\n"
                         "10:30 Welke verzekeringen, voor wie?\n11:30 Vragen van de deelnemers",
            "theme": "safety", "starts_at": at_brussels(day, 9, 30), "ends_at": at_brussels(day, 12),
            "place_kind": "address", "site_id": None, "address": "Rue de Namur 59, 1000 Bruxelles",
            "online_url": "", "capacity": 4, "places_per_organisation": 2, "audience": "partners",
            "registration_deadline": at_brussels(day - timedelta(days=3), 12),
            "facilitator_id": db.session.scalar(select(Facilitator.id).where(Facilitator.name == "Lotte De Smet"))},
            actor=guichet_admin)
        for slug, locals_ in (("comensia", ["owner.admin", "owner.editor"]), ("commune-molenbeek", ["commune.admin"]),
                              ("l-ilot", ["occupant.editor", "occupant.admin"])):
            people = [_user(f"{local}@demo.entretemps.brussels") for local in locals_]
            if people:
                register_for_session(session, organisations[slug], people, actor=people[0])
        register_for_session(session, organisations["guichet"], [_user("guichet.moderator@demo.entretemps.brussels")],
                             actor=_user("guichet.moderator@demo.entretemps.brussels"))
    title = "Mixité des usages : partager les sites entre logement et activités"
    if _session(title) is None:
        owner_admin = _user("owner.admin@demo.entretemps.brussels")
        day = today + timedelta(days=45)
        session = create_session(organisations["comensia"], {
            "title_fr": title, "title_nl": "Gemengd gebruik: sites delen tussen wonen en activiteiten",
            "agenda_fr": "Retours de Comensia et de CityDev sur les sites mixtes, puis échange.",
            "agenda_nl": "Ervaringen van Comensia en CityDev met gemengde sites, daarna uitwisseling.",
            "theme": "governance", "starts_at": at_brussels(day, 10), "ends_at": at_brussels(day, 11, 30),
            "place_kind": "online", "site_id": None, "address": "",
            "online_url": "https://meet.example.org/entretemps-mixite", "capacity": 30, "places_per_organisation": 3,
            "audience": "signatories", "registration_deadline": None, "facilitator_id": None}, actor=owner_admin)
        register_for_session(session, organisations["comensia"], [owner_admin], actor=owner_admin)
        commune_admin = _user("commune.admin@demo.entretemps.brussels")
        register_for_session(session, organisations["commune-molenbeek"], [commune_admin], actor=commune_admin)


def load_sharing(organisations) -> None:
    with url_context():
        _load(organisations)


def _load(organisations) -> None:
    guichet_admin = _user("guichet.admin@demo.entretemps.brussels")
    guichet = organisations["guichet"]
    today = clock.today()
    _library(guichet_admin)
    school = db.session.scalar(select(Site).where(Site.name == "Ancienne école Ransfort"))
    _past(guichet, guichet_admin, organisations, school, today)
    _upcoming(guichet, guichet_admin, organisations, today)
