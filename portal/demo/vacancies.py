"""Demo vacancy register, through the operations (each signal has its history):

- Molenbeek (its commune is on the portal and checks its reports):
  - Rue de Ribaucourt 51, a dwelling empty since 2014, reported by the commune itself: on the register, private
    owner (a DGP case will be opened on it);
  - Chaussée de Gand 120, a ground floor reported by L'Ilot and accepted by the commune; someone of the public
    reported the same address afterwards, and the commune merged that report into it;
  - Rue Vandenboogaerde 88, a house reported by the public, confirmed, waiting for the commune's check;
  - Rue de l'Avenir 3, reported by the commune, closed: occupied again.
- Anderlecht (no commune on the portal): a building reported by the public, waiting for the Guichet's check.
- Saint-Gilles and Ixelles: a ground floor and land reported by the Guichet, on the register.

Idempotent: nothing is loaded when the register holds a signal."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from occupancies.vacancies import operations as ops
from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.workflow import Closure, Evidence, OwnerType, PlaceKind, SignalStatus
from portal.accounts.models import User
from portal.demo.organisations import DOMAIN, url_context
from portal.extensions import db
from portal.organisations.models import Organisation


def _place(street, number, postcode, commune, latitude, longitude, kind, *, owner_type=OwnerType.unknown,
           owner_name="", owner_contact="", since=None, evidence=(), notes=""):
    return {"street": street, "number": number, "postcode": postcode, "commune": commune, "latitude": latitude,
            "longitude": longitude, "kind": kind, "owner_type": owner_type, "owner_name": owner_name,
            "owner_contact": owner_contact, "vacant_since": since, "evidence": list(evidence), "notes": notes}


RIBAUCOURT = _place("Rue de Ribaucourt", "51", "1080", "molenbeek-saint-jean", 50.8601, 4.3420, PlaceKind.dwelling,
                    owner_type=OwnerType.private, owner_name="Succession Vermeulen",
                    owner_contact="Notaire Peeters, rue Haute 12, 1000 Bruxelles", since=date(2014, 3, 1),
                    evidence=(Evidence.low_consumption, Evidence.fiscal_data, Evidence.population_data),
                    notes="Taxe sur les immeubles inoccupés enrôlée depuis 2016. / Belasting op leegstand sinds 2016.")
GAND = _place("Chaussée de Gand", "120", "1080", "molenbeek-saint-jean", 50.8575, 4.3345, PlaceKind.ground_floor,
              owner_type=OwnerType.private, owner_name="SRL Gentse Handel", since=date(2021, 9, 1),
              evidence=(Evidence.no_furniture, Evidence.neighbours), notes="Vitrine vide, courrier accumulé.")
VANDENBOOGAERDE = _place("Rue Vandenboogaerde", "88", "1080", "molenbeek-saint-jean", 50.8622, 4.3399,
                         PlaceKind.dwelling, since=date(2019, 1, 1), evidence=(Evidence.neighbours,),
                         notes="Maison aux volets fermés depuis plusieurs années.")
AVENIR = _place("Rue de l'Avenir", "3", "1080", "molenbeek-saint-jean", 50.8561, 4.3311, PlaceKind.dwelling,
                owner_type=OwnerType.public, owner_name="Commune de Molenbeek-Saint-Jean",
                evidence=(Evidence.population_data,))
WAYEZ = _place("Rue Wayez", "77", "1070", "anderlecht", 50.8370, 4.3098, PlaceKind.building,
               since=date(2020, 6, 1), evidence=(Evidence.neighbours, Evidence.no_furniture),
               notes="Immeuble de trois étages, fenêtres murées au rez.")
MIDI = _place("Avenue du Roi", "15", "1060", "saint-gilles", 50.8299, 4.3398, PlaceKind.ground_floor,
              owner_type=OwnerType.public, owner_name="SNCB / NMBS", evidence=(Evidence.no_furniture,))
ETANGS = _place("Rue Gray", "180", "1050", "ixelles", 50.8290, 4.3830, PlaceKind.land,
                owner_type=OwnerType.public, owner_name="Région de Bruxelles-Capitale",
                evidence=(Evidence.fiscal_data,))


def _user(local: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{local}@{DOMAIN}"))


def _public_report(values: dict, email: str) -> VacancySignal:
    tokens = []
    signal = ops.report_from_public(values, email=email, language="fr",
                                    confirm_link=lambda token: tokens.append(token) or "")
    ops.confirm_public_signal(tokens[0])
    return signal


def load_vacancies(organisations: dict) -> None:
    if db.session.scalar(select(VacancySignal.id).limit(1)) is not None:
        return
    commune = organisations["commune-molenbeek"]
    ilot: Organisation = organisations["l-ilot"]
    commune_admin, guichet_admin, ilot_admin = _user("commune.admin"), _user("guichet.admin"), _user("occupant.admin")
    with url_context():
        ops.report_signal(commune, RIBAUCOURT, actor=commune_admin)
        gand = ops.report_signal(ilot, GAND, actor=ilot_admin)
        ops.accept_signal(gand, actor=commune_admin)
        again = _public_report({**GAND, "owner_name": "", "notes": "Commerce fermé depuis longtemps."},
                               f"riverain@{DOMAIN}")
        ops.merge_signal(again, gand, actor=commune_admin)
        _public_report(VANDENBOOGAERDE, f"voisine@{DOMAIN}")
        avenir = ops.report_signal(commune, AVENIR, actor=commune_admin)
        ops.record_outcome(avenir, SignalStatus.closed, closure=Closure.occupied_again,
                           reason="Relogement d'une famille par le CPAS.", actor=commune_admin)
        _public_report(WAYEZ, f"passant@{DOMAIN}")
        ops.report_signal(None, MIDI, actor=guichet_admin)
        ops.report_signal(None, ETANGS, actor=guichet_admin)
