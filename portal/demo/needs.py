"""Demo needs of associations (issue 20), published through the operations: L'Ilot's public need of a place for a
night shelter, New Samusocial's need kept for the owners, and L'Ilot's workshop for its training in a trade,
confirmed almost 3 months ago, which expires within the week unless confirmed; then a site published that meets the
first two, whose associations are told; Comensia proposes it to both, L'Ilot accepts (its agreement is drafted) and
New Samusocial has not answered yet; L'Ilot's admin has two saved searches, one of which the site alerts; the
Guichet's moderator chose a weekly digest of what waits for moderation, and has last week's. Idempotent: nothing is
loaded when a need exists."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from occupancies import operations as site_ops
from occupancies.models import Site, Unit
from occupancies.needs import operations as ops
from occupancies.needs import rules
from occupancies.needs.models import Need
from occupancies.needs.workflow import Visibility
from occupancies.workflow import PublicationStatus, SiteKind, UnitKind
from portal import audit, clock
from portal.accounts.models import User
from portal.demo.organisations import DOMAIN, url_context
from portal.extensions import db
from portal.notifications import operations as notification_ops
from portal.notifications import rules as notification_rules
from portal.notifications.models import Notification
from portal.organisations.models import Membership
from portal.roles import Role


def _admin(organisation) -> User | None:
    return db.session.scalar(select(User).join(Membership).where(
        Membership.organisation_id == organisation.id, Membership.role == Role.admin).order_by(User.id))


def load_needs(organisations: dict) -> None:
    if db.session.scalar(select(Need.id).limit(1)) is not None:
        return
    today = clock.today()
    ilot = db.session.scalar(select(User).where(User.email == f"occupant.admin@{DOMAIN}"))
    samusocial = _admin(organisations["new-samusocial"])
    ops.publish_need(organisations["l-ilot"], {
        "title_fr": "Un bâtiment pour un abri de nuit de 30 lits",
        "title_nl": "Een gebouw voor een nachtopvang met 30 bedden",
        "description_fr": "Nous cherchons un bâtiment chauffé, avec sanitaires, pour accueillir 30 personnes sans "
                          "abri la nuit, de l'automne au printemps, près des transports en commun.",
        "description_nl": "Wij zoeken een verwarmd gebouw met sanitair om 's nachts 30 daklozen op te vangen, van "
                          "de herfst tot de lente, dicht bij het openbaar vervoer.",
        "uses": ["emergency_housing"], "kind": "built", "communes": ["bruxelles", "saint-gilles", "ixelles"],
        "surface_min": Decimal("300"), "surface_max": Decimal("800"), "start_on": today + timedelta(days=60),
        "months": 24, "free_only": True, "equipment": ["water", "electricity", "heating"], "people": 30,
        "visibility": Visibility.public}, actor=ilot)
    if samusocial is not None:
        ops.publish_need(organisations["new-samusocial"], {
            "title_fr": "Des logements de transit pour des familles",
            "title_nl": "Transitwoningen voor gezinnen",
            "description_fr": "Cinq à dix appartements pour des familles sortant de l'hébergement d'urgence, "
                              "avec un accompagnement social sur place.",
            "description_nl": "Vijf tot tien appartementen voor gezinnen die de noodopvang verlaten, met sociale "
                              "begeleiding ter plaatse.",
            "uses": ["housing_insertion"], "kind": "built", "communes": [], "surface_min": Decimal("250"),
            "surface_max": None, "start_on": today + timedelta(days=30), "months": 36, "free_only": False,
            "monthly_max": Decimal("1500.00"), "equipment": ["water", "electricity", "heating"], "people": 40,
            "visibility": Visibility.owners}, actor=samusocial)
    expiring = ops.publish_need(organisations["l-ilot"], {
        "title_fr": "Un atelier partagé pour des artisans", "title_nl": "Een gedeeld atelier voor ambachtslui",
        "description_fr": "Un rez-de-chaussée de 100 à 200 m² pour un atelier de menuiserie et de réparation où "
                          "nos stagiaires apprennent un métier, ouvert au quartier.",
        "description_nl": "Een gelijkvloers van 100 tot 200 m² voor een schrijnwerk- en herstelatelier waar onze "
                          "stagiairs een vak leren, open voor de buurt.",
        "uses": ["circular_economy", "culture"], "kind": "built", "communes": ["molenbeek-saint-jean", "anderlecht"],
        "surface_min": Decimal("100"), "surface_max": Decimal("200"), "start_on": today, "months": 12,
        "free_only": False, "monthly_max": Decimal("400.00"), "equipment": ["electricity", "step_free"],
        "people": 15, "visibility": Visibility.public}, actor=ilot)
    # Confirmed almost 3 months ago: it expires within the week (its association sees it on its page).
    expiring.confirmed_on = rules.current_since(today) + timedelta(days=4)
    # L'Ilot's admin follows the sites of Saint-Gilles and the calls for emergency housing: the site below alerts.
    ops.save_search(ilot, "sites", {"commune": "saint-gilles", "availability": "all"}, "Lieux à Saint-Gilles",
                    actor=ilot)
    ops.save_search(ilot, "calls", {"use": "emergency_housing", "state": "all"}, "Appels : hébergement d'urgence",
                    actor=ilot)
    db.session.commit()     # the needs are matched first; the site below then tells their associations
    site = _offer_site(organisations)
    db.session.commit()
    _propose(organisations, site, ilot, samusocial)
    _preferences()
    _week_digest()


def _offer_site(organisations: dict) -> Site:
    """Comensia's former rest home in Saint-Gilles, published by the Guichet: it meets L'Ilot's night shelter and
    New Samusocial's transit housing, whose associations are told (occupancies.needs.jobs.match_site)."""
    comensia = organisations["comensia"]
    site = Site(organisation_id=comensia.id, owner=comensia, name="Ancien home Victoire",
                address="Rue de la Victoire 96", postcode="1060", commune="saint-gilles", latitude=50.8303,
                longitude=4.3432, kind=SiteKind.built, total_surface=Decimal(540), has_water=True,
                has_electricity=True, has_heating=True, step_free=True, public_transport=True,
                available_from=clock.today() + timedelta(days=45), publication=PublicationStatus.submitted,
                description_fr="Ancienne maison de repos de trois niveaux, chambres et sanitaires en état, en "
                               "attente d'un projet de reconversion en logements.",
                description_nl="Voormalig rusthuis met drie verdiepingen, kamers en sanitair in goede staat, in "
                               "afwachting van een herbestemming tot woningen.")
    db.session.add(site)
    for n, (label_fr, label_nl) in enumerate((("Rez-de-chaussée", "Gelijkvloers"), ("1er étage", "1ste verdieping"),
                                              ("2e étage", "2de verdieping"))):
        db.session.add(Unit(site=site, kind=UnitKind.floor, label_fr=label_fr, label_nl=label_nl,
                            surface=Decimal(180), position=n))
    db.session.flush()
    audit.record("site.created", target=site, actor=None, organisation=None, changes={"name": [None, site.name]})
    guichet = db.session.scalar(select(User).where(User.email == f"guichet.admin@{DOMAIN}"))
    with url_context():
        site_ops.publish_site(site, actor=guichet)
    return site


def _propose(organisations: dict, site, ilot, samusocial) -> None:
    """Comensia proposes two floors of the former rest home to L'Ilot's night shelter, which accepts after a
    question: the agreement is drafted on both sides; its second floor waits for New Samusocial's answer."""
    comensia = organisations["comensia"]
    owner = db.session.scalar(select(User).where(User.email == f"owner.admin@{DOMAIN}"))
    shelter = next(need for need in db.session.scalars(select(Need).where(
        Need.organisation_id == organisations["l-ilot"].id)) if need.uses == ["emergency_housing"])
    floors = sorted(site.units, key=lambda unit: unit.position)
    start = site.available_from
    with url_context():
        proposal = ops.propose_site(comensia, shelter, site, {
            "unit_ids": [floors[0].id, floors[1].id], "use_category": "emergency_housing", "start_date": start,
            "end_date": start + timedelta(days=2 * 365), "free_use": True,
            "message": "Le rez-de-chaussée et le premier étage sont chauffés et leurs sanitaires sont en état. Nous "
                       "pouvons organiser une visite dès la semaine prochaine."}, actor=owner)
        ops.write_about(proposal, "Merci ! Les chambres du premier étage peuvent-elles accueillir deux lits "
                                  "chacune ? Nous viendrions visiter mardi.", actor=ilot)
        ops.write_about(proposal, "Oui, elles font 14 m² chacune. Mardi à 10 h nous convient.", actor=owner)
        ops.accept_proposal(proposal, actor=ilot)
        if samusocial is not None:
            families = db.session.scalar(select(Need).where(
                Need.organisation_id == organisations["new-samusocial"].id))
            ops.propose_site(comensia, families, site, {
                "unit_ids": [floors[2].id], "use_category": "housing_insertion", "start_date": start,
                "end_date": None, "free_use": False, "monthly_fee": Decimal("450.00"),
                "message": "Le deuxième étage compte six chambres et une cuisine commune."}, actor=owner)


DEMO_PREFERENCES = {
    # The Guichet's moderator reads what waits for moderation once a week, on Monday; L'Ilot's editor gets the
    # places that meet its needs once a day.
    "guichet.moderator": {"site.publication_requested": "weekly", "call.submitted": "weekly",
                          "organisation.registered": "weekly"},
    "occupant.editor": {"needs.match": "daily", "call.published": "daily"},
}


def _preferences() -> None:
    for local, choices in DEMO_PREFERENCES.items():
        person = db.session.scalar(select(User).where(User.email == f"{local}@{DOMAIN}"))
        if person is not None:
            notification_ops.set_preferences(person, choices, actor=person)


def _week_digest() -> None:
    """The Guichet's moderator's weekly digest: what came for moderation during the week before the latest Monday,
    grouped in one e-mail sent that Monday at 7:00 (the outbox shows it, in Dutch)."""
    moderator = db.session.scalar(select(User).where(User.email == f"guichet.moderator@{DOMAIN}"))
    if moderator is None:
        return
    today = clock.today()
    monday = today - timedelta(days=today.weekday())
    sent_at = clock.at_brussels(monday, notification_rules.DIGEST_HOUR)
    if sent_at > clock.now():
        sent_at = clock.at_brussels(monday - timedelta(days=7), notification_rules.DIGEST_HOUR)
    weekly = [kind for kind, frequency in DEMO_PREFERENCES["guichet.moderator"].items() if frequency == "weekly"]
    waiting = db.session.scalars(select(Notification).where(Notification.user_id == moderator.id,
                                                            Notification.kind.in_(weekly))
                                 .order_by(Notification.id)).all()
    for number, notification in enumerate(waiting):     # spread over the week before that Monday
        notification.digest, notification.digest_sent_at = "weekly", None
        notification.created_at = sent_at - timedelta(days=7 - number % 7, hours=2)
    db.session.flush()
    with url_context():
        notification_ops.send_digests(now=sent_at)
