"""The calls and their outcomes as open data (issue 20): a CSV and an OCDS 1.1 release package, listed in the
DCAT catalogue, on the open-data page and in the API's description of the sites' open data (occupancies.views.
open_data asks for them through `provided`)."""
from flask import render_template
from markupsafe import Markup

from calls.opendata.views import bp
from portal.features import Feature

OCDS_SCHEMA = "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"


def datasets(base: str, distribution, common: dict) -> list[dict]:
    """The calls' dataset of the DCAT catalogue."""
    return [{
        "@id": f"{base}/open-data/calls", "@type": "dcat:Dataset", "dct:identifier": "entretemps-calls",
        "dct:title": [{"@language": "fr", "@value": "Appels à occupation temporaire et leurs résultats"},
                      {"@language": "nl", "@value": "Oproepen voor tijdelijke bezetting en hun resultaten"}],
        "dct:description": [
            {"@language": "fr", "@value": "Les appels publiés par les propriétaires publics : critères et "
                                          "pondérations, périodes, unités, addenda et attributions aux "
                                          "organisations retenues (Open Contracting Data Standard 1.1)."},
            {"@language": "nl", "@value": "De oproepen van de openbare eigenaars: criteria en wegingen, periodes, "
                                          "eenheden, addenda en toewijzingen aan de gekozen organisaties (Open "
                                          "Contracting Data Standard 1.1)."}],
        **common,
        "dcat:keyword": ["appel à projets", "projectoproep", "occupation temporaire", "OCDS"],
        "dct:conformsTo": {"@id": OCDS_SCHEMA},
        "dcat:distribution": [
            distribution("CSV", f"{base}/open-data/calls.csv", "text/csv", "CSV"),
            distribution("OCDS JSON", f"{base}/open-data/calls.json", "application/json", "JSON"),
        ],
    }]


def openapi_paths(base: str) -> dict:
    """The calls' files in the API's description (served at the portal's root, not under /api/v1)."""
    def file(summary: str, media_type: str, schema: dict) -> dict:
        return {"servers": [{"url": base}], "get": {"summary": summary, "responses": {"200": {
            "description": summary, "content": {media_type: {"schema": schema}}}}}}

    return {
        "/open-data/calls.json": file("Every public call as an OCDS 1.1 release package: the call as a tender, its "
                                      "addenda as amendments, its decision as awards to the selected organisations",
                                      "application/json", {"$ref": OCDS_SCHEMA}),
        "/open-data/calls.csv": file("Every public call, one line each (UTF-8, cells that would start a formula "
                                     "begin with an apostrophe)", "text/csv", {"type": "string"}),
    }


def open_data_panel():
    yield Markup(render_template("calls/partials/_open_data.html"))


FEATURE = Feature(
    name="calls_open_data",
    blueprints=(bp,),
    provides={"open_data_datasets": datasets, "openapi_paths": openapi_paths},
    panels={"open_data": open_data_panel},
)
