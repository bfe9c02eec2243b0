"""Demo sites: ISSUE's six sites of seed 004 (operators, dwellings and periods as published), and a few
current sites with mixed uses so that the timeline, the mix and the map have something to show.

Which ISSUE partner occupied which site, the exact addresses and coordinates are plausible guesses."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from occupancies.models import Occupancy, OccupancyUnit, Site, Unit
from occupancies.workflow import OccupantType, PublicationStatus, SiteKind, UnitKind, UseCategory
from portal import audit, clock
from portal.extensions import db

U = UseCategory
ISSUE_SITES = [
    # name, owner, occupant, commune, postcode, address, lat, lng, dwellings, start, end, use
    ("Peterbos", "comensia", "l-ilot", "anderlecht", "1070", "Parc du Peterbos 9", 50.8390, 4.2930, 7,
     date(2020, 3, 1), date(2020, 9, 30), U.emergency_housing),
    ("Grande Haie", "log-iris", "diogenes", "evere", "1140", "Rue de la Grande Haie 2", 50.8716, 4.4047, 3,
     date(2020, 3, 1), date(2021, 7, 31), U.emergency_housing),
    ("3 pommiers", "les-trois-pommiers", "smes", "etterbeek", "1040", "Rue des Champs 40", 50.8337, 4.3893, 13,
     date(2021, 1, 1), date(2023, 12, 31), U.housing_insertion),
    ("Ganshoren", "citydev", "pierre-d-angle", "ganshoren", "1083", "Avenue Charles-Quint 270", 50.8716, 4.3095, 1,
     date(2020, 2, 1), date(2024, 10, 31), U.housing_insertion),
    ("Trèfles", "citydev", "new-samusocial", "anderlecht", "1070", "Rue des Trèfles 60", 50.8196, 4.2868, 1,
     date(2022, 4, 1), date(2024, 6, 30), U.emergency_housing),
    ("Dubrucq", "logement-molenbeekois", "communa", "molenbeek-saint-jean", "1080", "Boulevard Dubrucq 80",
     50.8624, 4.3363, 14, date(2023, 3, 16), date(2025, 7, 31), U.emergency_housing),
]

DESCRIPTIONS = {
    "fr": "Logements temporairement inoccupés mis à disposition du projet ISSUE sous convention d'occupation "
          "précaire, avec un accompagnement psychosocial des personnes hébergées.",
    "nl": "Tijdelijk leegstaande woningen ter beschikking gesteld van het project ISSUE met een overeenkomst "
          "van precaire bezetting, met psychosociale begeleiding van de bewoners.",
}


def _site(owner, name, **fields):
    site = db.session.scalar(select(Site).where(Site.organisation_id == owner.id, Site.name == name))
    if site is not None:
        return site, False
    site = Site(organisation_id=owner.id, owner=owner, name=name, **fields)
    db.session.add(site)
    db.session.flush()
    audit.record("site.created", target=site, actor=None, organisation=None, changes={"name": [None, name]})
    return site, True


def _occupy(site, units, occupant, start, end, use, occupant_type=OccupantType.association, reference=""):
    occupancy = Occupancy(site=site, occupant_id=occupant.id, start_date=start, end_date=end, use_category=use,
                          occupant_type=occupant_type, agreement_reference=reference)
    occupancy.bookings = [OccupancyUnit(unit_id=unit.id, start_date=start, end_date=end) for unit in units]
    db.session.add(occupancy)


def _publish(site):
    site.publication, site.published_at = PublicationStatus.published, clock.now()


def load_sites(organisations: dict) -> None:
    for name, owner, occupant, commune, postcode, address, lat, lng, dwellings, start, end, use in ISSUE_SITES:
        site, created = _site(
            organisations[owner], name, address=address, postcode=postcode, commune=commune, latitude=lat,
            longitude=lng, kind=SiteKind.built, has_water=True, has_heating=True, has_electricity=True,
            public_transport=True, available_from=start, available_until=end,
            description_fr=DESCRIPTIONS["fr"], description_nl=DESCRIPTIONS["nl"],
            protected=True,     # ISSUE's housing: its occupants' address is never published (issue 21)
        )
        if not created:
            continue
        units = []
        for n in range(dwellings):
            unit = Unit(site=site, kind=UnitKind.flat if n % 3 else UnitKind.studio,
                        bedrooms=(1 + n % 2) if n % 3 else None, label_fr=f"Logement {n + 1}",
                        label_nl=f"Woning {n + 1}",
                        surface=Decimal(38 + (n % 4) * 12), position=n)
            db.session.add(unit)
            units.append(unit)
        db.session.flush()
        _occupy(site, units, organisations[occupant], start, end, use, reference=f"ISSUE-{name[:4].upper()}")
        _publish(site)

    # A current site with several uses and occupant types (commune of Molenbeek).
    school, created = _site(
        organisations["commune-molenbeek"], "Ancienne école Ransfort", address="Rue Ransfort 27", postcode="1080",
        commune="molenbeek-saint-jean", latitude=50.8539, longitude=4.3360, kind=SiteKind.built,
        total_surface=Decimal(2400), has_water=True, has_electricity=True, has_heating=True, step_free=True,
        public_transport=True, heritage_protected=True, constraints_fr="Façade classée : aucun affichage.",
        constraints_nl="Beschermde gevel: geen affichage.", available_from=date(2025, 1, 1),
        available_until=date(2028, 12, 31),
        description_fr="Ancienne école de quatre niveaux et sa cour, en attente de rénovation.",
        description_nl="Voormalige school met vier verdiepingen en een speelplaats, in afwachting van renovatie.",
    )
    if created:
        floors = []
        for n, (label, label_nl, surface) in enumerate([
                ("Rez-de-chaussée", "Gelijkvloers", 600), ("1er étage", "1ste verdieping", 600),
                ("2e étage", "2de verdieping", 600), ("Cour", "Speelplaats", 450),
                ("Préau", "Overdekte speelplaats", 150)]):
            unit = Unit(site=school, kind=UnitKind.plot if label == "Cour" else UnitKind.floor, label_fr=label,
                        label_nl=label_nl,
                        surface=Decimal(surface), position=n)
            db.session.add(unit)
            floors.append(unit)
        db.session.flush()
        _occupy(school, floors[:1], organisations["collectif-interstices"], date(2025, 2, 1), date(2027, 12, 31),
                U.culture, OccupantType.collective)
        _occupy(school, floors[1:2], organisations["communa"], date(2025, 3, 1), date(2027, 6, 30),
                U.social_economy, OccupantType.social_enterprise)
        _occupy(school, floors[3:4], organisations["l-ilot"], date(2025, 4, 1), None, U.climate_transition)
        _occupy(school, floors[2:3], organisations["new-samusocial"], date(2027, 1, 1), date(2028, 12, 31),
                U.emergency_housing)
        _publish(school)

    # A site waiting for the Guichet, and a draft.
    waiting, created = _site(
        organisations["cpas-molenbeek"], "Maison Vandenpeereboom", address="Rue Vandenpeereboom 92",
        postcode="1080", commune="molenbeek-saint-jean", latitude=50.8508, longitude=4.3285,
        kind=SiteKind.built, total_surface=Decimal(180), has_water=True, has_electricity=True,
        available_from=date(2027, 1, 1),
        description_fr="Maison unifamiliale vide en attente de rénovation.",
        description_nl="Leegstaande eengezinswoning in afwachting van renovatie.",
    )
    if created:
        db.session.add(Unit(site=waiting, kind=UnitKind.house, bedrooms=3, label_fr="Maison", label_nl="Huis",
                            surface=Decimal(180)))
        waiting.publication = PublicationStatus.submitted
    draft, created = _site(
        organisations["comensia"], "Terrain Scheut", address="Avenue de Scheut 120", postcode="1070",
        commune="anderlecht", latitude=50.8432, longitude=4.3075, kind=SiteKind.unbuilt,
        total_surface=Decimal(3200), description_fr="Terrain en friche.", description_nl="Braakliggend terrein.",
    )
    if created:
        db.session.add(Unit(site=draft, kind=UnitKind.plot, label_fr="Parcelle", label_nl="Perceel",
                            surface=Decimal(3200)))

    # Comensia's sites for the demo calls: a building emptied before its renovation, and three houses before
    # their rebuilding. Their windows follow the day the demo is loaded, like the calls on them.
    today = clock.today()
    building, created = _site(
        organisations["comensia"], "Immeuble Ribaucourt", address="Rue de Ribaucourt 47", postcode="1080",
        commune="molenbeek-saint-jean", latitude=50.8589, longitude=4.3418, kind=SiteKind.built,
        total_surface=Decimal(620), has_water=True, has_heating=True, has_electricity=True, public_transport=True,
        constraints_fr="Caves fermées : désamiantage prévu avant la rénovation.",
        constraints_nl="Kelders gesloten: asbestverwijdering gepland vóór de renovatie.",
        available_from=today, available_until=today + timedelta(days=3 * 365),
        description_fr="Immeuble de logements sociaux de quatre niveaux, vidé de ses locataires en vue d'une "
                       "rénovation lourde : six logements et un ancien commerce au rez-de-chaussée.",
        description_nl="Sociaal woongebouw met vier bouwlagen, leeggemaakt met het oog op een zware renovatie: "
                       "zes woningen en een voormalige winkel op de benedenverdieping.",
    )
    if created:
        for n, (kind, bedrooms, label, label_nl, surface) in enumerate([
                (UnitKind.studio, None, "Logement 1", "Woning 1", 32),
                (UnitKind.studio, None, "Logement 2", "Woning 2", 34),
                (UnitKind.flat, 1, "Logement 3", "Woning 3", 52), (UnitKind.flat, 1, "Logement 4", "Woning 4", 55),
                (UnitKind.flat, 2, "Logement 5", "Woning 5", 68), (UnitKind.flat, 3, "Logement 6", "Woning 6", 84),
                (UnitKind.floor, None, "Rez-de-chaussée commercial", "Handelsruimte op het gelijkvloers", 120)]):
            db.session.add(Unit(site=building, kind=kind, bedrooms=bedrooms, label_fr=label, label_nl=label_nl,
                                surface=Decimal(surface), position=n))
        _publish(building)
    houses, created = _site(
        organisations["comensia"], "Maisons Brigade Piron", address="Avenue Brigade Piron 112", postcode="1080",
        commune="molenbeek-saint-jean", latitude=50.8556, longitude=4.3254, kind=SiteKind.built,
        total_surface=Decimal(330), has_water=True, has_heating=True, has_electricity=True, public_transport=True,
        available_from=today, available_until=today + timedelta(days=2 * 365),
        description_fr="Trois maisons mitoyennes vides en attendant leur démolition et la construction de "
                       "logements sociaux neufs.",
        description_nl="Drie leegstaande rijhuizen in afwachting van hun afbraak en de bouw van nieuwe "
                       "sociale woningen.",
    )
    if created:
        for n, (bedrooms, surface) in enumerate([(2, 95), (3, 115), (3, 120)]):
            db.session.add(Unit(site=houses, kind=UnitKind.house, bedrooms=bedrooms, label_fr=f"Maison {n + 1}",
                                label_nl=f"Huis {n + 1}",
                                surface=Decimal(surface), position=n))
        _publish(houses)
