"""Where a site is placed is checked against its declared commune (the vendored territories of the 19 communes) and
against the other sites of the same address (issue 17, item 3)."""
from __future__ import annotations

import json

from occupancies import rules
from occupancies.rules import Neighbour

GRAND_PLACE = (50.8467, 4.3525)           # Bruxelles
RUE_RANSFORT = (50.8539, 4.3360)          # Molenbeek-Saint-Jean
ULB_SOLBOSCH = (50.8125, 4.3817)          # Bruxelles (the city's part south of Ixelles)
FLAGEY = (50.8275, 4.3725)                # Ixelles
WATERMAEL_STATION = (50.8080, 4.4100)     # Watermael-Boitsfort
ZAVENTEM = (50.8980, 4.4750)              # Flanders, inside the region's bounding box


def test_the_vendored_territories_cover_the_19_communes_with_their_licence():
    collection = json.loads(rules.COMMUNES_GEOJSON.read_text(encoding="utf-8"))
    assert "CC BY 4.0" in collection["attribution"] and "NGI" in collection["attribution"]
    communes = {c for area in rules.commune_areas() for c in area.communes}
    assert len(communes) == 19


def test_a_point_is_placed_in_its_commune():
    assert rules.communes_at(*GRAND_PLACE) == ("bruxelles",)
    assert rules.communes_at(*RUE_RANSFORT) == ("molenbeek-saint-jean",)
    assert rules.communes_at(*ULB_SOLBOSCH) == ("bruxelles",)
    assert rules.communes_at(*FLAGEY) == ("ixelles",)
    assert rules.communes_at(*ZAVENTEM) == ()


def test_a_pin_in_central_brussels_for_an_address_in_molenbeek_is_flagged():
    [warning] = rules.location_warnings(*GRAND_PLACE, "molenbeek-saint-jean")
    assert (warning.code, warning.commune, warning.found) == ("outside_commune", "molenbeek-saint-jean",
                                                              ("bruxelles",))
    assert rules.location_warnings(*RUE_RANSFORT, "molenbeek-saint-jean") == []
    [outside] = rules.location_warnings(*ZAVENTEM, "evere")
    assert outside.found == ()  # in no commune of the region


def test_a_pin_on_the_boundary_street_is_not_flagged():
    molenbeek = next(a for a in rules.commune_areas() if a.communes == ("molenbeek-saint-jean",))
    longitude, latitude = molenbeek.polygons[0][0][0]  # a point of its boundary, inside or a hair outside
    assert rules.distance_to_commune(latitude, longitude, "molenbeek-saint-jean") < 1
    assert rules.location_warnings(latitude, longitude, "molenbeek-saint-jean") == []
    # 0.0002° of longitude (about 14 m) beyond it is still the width of a street.
    for shift in (-0.0002, 0.0002):
        assert rules.distance_to_commune(latitude, longitude + shift, "molenbeek-saint-jean") < \
            rules.BOUNDARY_TOLERANCE_M
    assert rules.distance_to_commune(*GRAND_PLACE, "molenbeek-saint-jean") > 500


def test_communes_that_share_an_area_are_told_apart_from_their_neighbours_only():
    # Auderghem and Watermael-Boitsfort share one area in the vendored data: documented, and no false alarm.
    assert rules.location_warnings(*WATERMAEL_STATION, "auderghem") == []
    assert rules.location_warnings(*WATERMAEL_STATION, "watermael-boitsfort") == []
    [warning] = rules.location_warnings(*WATERMAEL_STATION, "ixelles")
    assert set(warning.found) == {"auderghem", "watermael-boitsfort"}


def test_sites_of_the_same_address_are_expected_within_150_metres():
    near = Neighbour(1, "Aile A", 7, 50.8542, 4.3362)      # about 35 m away
    far = Neighbour(2, "Aile B", 7, 50.8580, 4.3360)       # about 450 m away
    assert rules.location_warnings(*RUE_RANSFORT, "molenbeek-saint-jean", [near]) == []
    [warning] = rules.location_warnings(*RUE_RANSFORT, "molenbeek-saint-jean", [near, far])
    assert warning.code == "far_from_same_address"
    assert [(other.name, 400 < metres < 500) for other, metres in warning.far] == [("Aile B", True)]


def test_an_address_is_compared_without_case_accents_or_punctuation():
    assert rules.address_key("Rue Ransfort 27", "1080") == rules.address_key(" rue  RANSFORT, 27 ", "1080 ")
    assert rules.address_key("Chaussée de Gand 1", "1080") == rules.address_key("chaussee de gand 1", "1080")
    assert rules.address_key("Rue Ransfort 27", "1080") != rules.address_key("Rue Ransfort 29", "1080")
    assert rules.address_key("Rue Ransfort 27", "1080") != rules.address_key("Rue Ransfort 27", "1000")


def test_distances_are_in_metres():
    assert 1350 < rules.distance_m(*GRAND_PLACE, *RUE_RANSFORT) < 1450
