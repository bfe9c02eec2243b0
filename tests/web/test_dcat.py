"""The DCAT-AP catalogue as the regional and European open-data portals harvest it: media types as IANA URIs,
formats from the EU's file-type authority, dates typed, and a licence on the catalogue as on each distribution."""
from __future__ import annotations

import time_machine

IANA = "http://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def _catalog(client):
    with time_machine.travel("2026-12-02 10:00:00+00:00", tick=False):
        response = client.get("/open-data/catalog.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    return response.json


def _expand(document, term: str) -> str:
    """A compact IRI (xsd:date) expanded with the document's context."""
    prefix, _, local = term.partition(":")
    return document["@context"][prefix] + local if prefix in document["@context"] else term


def test_distributions_give_their_media_type_and_format_as_uris(client):
    catalog = _catalog(client)
    distributions = {d["dct:title"]: d for d in catalog["dcat:dataset"][0]["dcat:distribution"]}
    assert {name: (d["dcat:mediaType"], d["dct:format"]) for name, d in distributions.items()} == {
        "CSV": ({"@id": IANA + "text/csv"}, {"@id": FILE_TYPE + "CSV"}),
        "GeoJSON": ({"@id": IANA + "application/geo+json"}, {"@id": FILE_TYPE + "GEOJSON"}),
        "API JSON": ({"@id": IANA + "application/json"}, {"@id": FILE_TYPE + "JSON"}),
    }
    assert all(d["dct:license"] == {"@id": CC0} for d in distributions.values())


def test_dates_are_typed_and_the_catalogue_has_its_licence(client):
    catalog = _catalog(client)
    dataset = catalog["dcat:dataset"][0]
    for thing in (catalog, dataset):
        modified = thing["dct:modified"]
        assert modified["@value"] == "2026-12-02" and _expand(catalog, modified["@type"]) == XSD_DATE
    assert catalog["dct:license"] == {"@id": CC0}
    languages = {"http://publications.europa.eu/resource/authority/language/FRA",
                 "http://publications.europa.eu/resource/authority/language/NLD"}
    assert {item["@id"] for item in catalog["dct:language"]} == languages
