"""Open data at stable addresses: CSV, GeoJSON, a read-only JSON API with its OpenAPI document, and a DCAT-AP
catalogue for the regional open-data portal. Published sites only, and no personal data."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from occupancies import queries
from portal import clock
from portal.exports import spreadsheet_text
from portal.listing import MAX_PAGE, page_count
from portal.region import commune_name

bp = Blueprint("open_data", __name__, template_folder="../templates")

CSV_COLUMNS = ("id", "name", "owner", "address", "postcode", "commune", "commune_nl", "latitude", "longitude",
               "kind", "total_surface_m2", "units", "dwellings", "units_occupied", "water", "heating", "electricity",
               "step_free", "public_transport", "heritage_protected", "available_from", "available_until",
               "first_occupancy_start", "last_occupancy_end", "duration_months", "status", "as_of", "url")
MAX_PER_PAGE = 100


def _absolute(endpoint: str, **values) -> str:
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def _iso(value):
    return value.isoformat() if value else None


def _row(row) -> dict:
    site = row.site
    return {
        "id": site.id, "name": site.name, "owner": site.owner.name_fr, "address": site.address,
        "postcode": site.postcode, "commune": commune_name(site.commune, "fr"),
        "commune_nl": commune_name(site.commune, "nl"), "latitude": round(site.latitude, 6),
        "longitude": round(site.longitude, 6), "kind": site.kind.value,
        "total_surface_m2": str(site.total_surface) if site.total_surface is not None else None,
        "units": row.units, "dwellings": row.dwellings, "units_occupied": row.occupied,
        "water": site.has_water, "heating": site.has_heating, "electricity": site.has_electricity,
        "step_free": site.step_free, "public_transport": site.public_transport,
        "heritage_protected": site.heritage_protected, "available_from": _iso(site.available_from),
        "available_until": _iso(site.available_until), "first_occupancy_start": _iso(row.first_start),
        "last_occupancy_end": _iso(row.last_end),
        "duration_months": str(row.duration) if row.duration is not None else None, "status": row.status,
        "as_of": row.as_of.isoformat(), "url": _absolute("public_sites.site", site_id=site.id),
    }


@bp.route("/open-data/")
def index():
    return render_template("occupancies/public/open_data.html")


@bp.route("/open-data/sites.csv")
def sites_csv():
    filters = queries.SiteFilters.from_args(request.args)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in queries.all_public_sites(filters):
        writer.writerow({k: ("true" if v is True else "false" if v is False else spreadsheet_text(v))
                         for k, v in _row(row).items()})
    return Response(buffer.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "inline; filename=sites.csv",
                             "Access-Control-Allow-Origin": "*"})


@bp.route("/open-data/sites.geojson")
def sites_geojson():
    filters = queries.SiteFilters.from_args(request.args)
    features = []
    for row in queries.all_public_sites(filters):
        properties = _row(row)
        features.append({"type": "Feature", "id": row.site.id,
                         "geometry": {"type": "Point",
                                      "coordinates": [properties["longitude"], properties["latitude"]]},
                         "properties": properties})
    response = jsonify({"type": "FeatureCollection", "features": features})
    response.mimetype = "application/geo+json"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _occupancy(occupancy, as_of) -> dict:
    duration = occupancy.duration(as_of)
    return {
        "id": occupancy.id, "occupant": occupancy.public_name,
        "occupant_type": occupancy.occupant_type.value, "use": occupancy.use_category.value,
        "units": sorted(occupancy.unit_ids), "start": occupancy.start_date.isoformat(),
        "end": _iso(occupancy.end_date), "duration_months": float(duration) if duration is not None else None,
        "status": occupancy.status(as_of),
    }


def _site_document(site, as_of) -> dict:
    return {
        "id": site.id, "name": site.name, "owner": {"name_fr": site.owner.name_fr, "name_nl": site.owner.name_nl},
        "address": site.address, "postcode": site.postcode, "commune": site.commune,
        "location": {"latitude": round(site.latitude, 6), "longitude": round(site.longitude, 6)},
        "kind": site.kind.value, "total_surface_m2": float(site.total_surface) if site.total_surface else None,
        "equipment": site.equipment, "heritage_protected": site.heritage_protected,
        "availability": {"from": _iso(site.available_from), "until": _iso(site.available_until)},
        "description": {"fr": site.description_fr, "nl": site.description_nl, "en": site.description_en or None},
        # "label" (the French name) is kept for the clients written before units were named in both languages.
        "units": [{"id": u.id, "kind": u.kind.value, "bedrooms": u.bedrooms, "name": u.names, "label": u.label_fr,
                   "surface_m2": float(u.surface) if u.surface is not None else None} for u in site.units],
        "occupancies": [_occupancy(o, as_of) for o in site.loaded_occupancies],
        "url": _absolute("public_sites.site", site_id=site.id),
    }


def _api(payload, status=200):
    response = jsonify(payload)
    response.status_code = status
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _as_of_or_error(filters):
    raw = request.args.get("as_of")
    if raw and filters.as_of.isoformat() != raw:
        return _api({"error": "as_of must be a date written YYYY-MM-DD"}, 400)
    return None


@bp.route("/api/v1/sites")
def api_sites():
    filters = queries.SiteFilters.from_args(request.args)
    if (error := _as_of_or_error(filters)) is not None:
        return error
    try:
        page = min(MAX_PAGE, max(1, int(request.args.get("page", 1))))
        per_page = max(1, min(MAX_PER_PAGE, int(request.args.get("per_page", 50))))
    except ValueError:
        return _api({"error": "page and per_page must be whole numbers"}, 400)
    rows, total = queries.public_sites(filters, page, per_page)
    sites = queries.sites_with_details([row.site.id for row in rows])
    return _api({
        "as_of": filters.as_of.isoformat(), "page": page, "per_page": per_page, "total": total,
        "pages": page_count(total, per_page),
        "sites": [_site_document(site, filters.as_of) for site in sites],
    })


@bp.route("/api/v1/sites/<int:site_id>")
def api_site(site_id: int):
    filters = queries.SiteFilters.from_args(request.args)
    if (error := _as_of_or_error(filters)) is not None:
        return error
    site = queries.public_site_or_404(site_id)
    [site] = queries.sites_with_details([site.id])
    return _api({"as_of": filters.as_of.isoformat(), "site": _site_document(site, filters.as_of)})


@bp.route("/api/v1/openapi.json")
def openapi():
    return _api(openapi_document(current_app.config["BASE_URL"]))


@bp.route("/open-data/catalog.jsonld")
def catalog():
    base = current_app.config["BASE_URL"]
    today = clock.today().isoformat()
    publisher = {"@type": "foaf:Organization", "foaf:name": "Guichet des Occupations Temporaires / "
                                                            "Loket voor Tijdelijke Bezettingen"}

    def distribution(name, url, media_type, fmt):
        return {"@type": "dcat:Distribution", "@id": f"{url}#distribution", "dct:title": name,
                "dcat:accessURL": {"@id": url}, "dcat:downloadURL": {"@id": url}, "dcat:mediaType": media_type,
                "dct:format": fmt, "dct:license": {"@id": "http://creativecommons.org/publicdomain/zero/1.0/"}}

    document = {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#"},
        "@id": f"{base}/open-data/catalog.jsonld", "@type": "dcat:Catalog",
        "dct:title": [{"@language": "fr", "@value": "Entretemps : occupations temporaires à Bruxelles"},
                      {"@language": "nl", "@value": "Entretemps: tijdelijke bezettingen in Brussel"}],
        "dct:description": [
            {"@language": "fr", "@value": "Les espaces vacants publics proposés à l'occupation temporaire."},
            {"@language": "nl", "@value": "De leegstaande openbare ruimten die voor tijdelijke bezetting "
                                          "worden aangeboden."}],
        "dct:publisher": publisher, "dct:modified": today, "foaf:homepage": {"@id": f"{base}/open-data/"},
        "dcat:dataset": [{
            "@id": f"{base}/open-data/sites", "@type": "dcat:Dataset",
            "dct:identifier": "entretemps-sites",
            "dct:title": [{"@language": "fr", "@value": "Sites d'occupation temporaire publiés"},
                          {"@language": "nl", "@value": "Gepubliceerde sites voor tijdelijke bezetting"}],
            "dct:description": [
                {"@language": "fr", "@value": "Sites, unités et occupations (début, fin, durée en mois, statut). "
                                              "Aucune donnée personnelle."},
                {"@language": "nl", "@value": "Sites, eenheden en bezettingen (begin, einde, duur in maanden, "
                                              "status). Geen persoonsgegevens."}],
            "dct:publisher": publisher, "dct:modified": today, "dct:accrualPeriodicity":
                {"@id": "http://publications.europa.eu/resource/authority/frequency/DAILY"},
            "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/place/BEL_BRU"},
            "dcat:keyword": ["occupation temporaire", "tijdelijke bezetting", "vacant", "leegstand"],
            "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": "Guichet des Occupations Temporaires"},
            "dcat:distribution": [
                distribution("CSV", f"{base}/open-data/sites.csv", "text/csv", "CSV"),
                distribution("GeoJSON", f"{base}/open-data/sites.geojson", "application/geo+json", "GEOJSON"),
                distribution("API JSON", f"{base}/api/v1/sites", "application/json", "JSON"),
            ],
        }],
    }
    response = jsonify(document)
    response.mimetype = "application/ld+json"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def openapi_document(base: str) -> dict:
    filter_parameters = [
        {"name": name, "in": "query", "required": False, "description": text, "schema": schema}
        for name, text, schema in (
            ("commune", "One of the 19 communes (code, e.g. molenbeek-saint-jean)", {"type": "string"}),
            ("kind", "built or unbuilt", {"type": "string", "enum": ["built", "unbuilt"]}),
            ("unit_kind", "Sites with at least one unit of this kind", {"type": "string", "enum": [
                "studio", "flat", "house", "room", "floor", "plot", "other"]}),
            ("use", "Sites with a current or planned occupancy of this use", {"type": "string"}),
            ("status", "Occupancy status of the site on as_of",
             {"type": "string", "enum": [s for s in queries.SITE_STATUSES if s != "vacant"]}),
            ("availability", "now: sites available today (their availability window covers it and a unit is free "
             "that day); date: available on available_on; all (the default): every published site",
             {"type": "string", "enum": list(queries.AVAILABILITY)}),
            ("available_on", "The day of availability=date", {"type": "string", "format": "date"}),
            ("as_of", "Day on which statuses and durations are computed (default: today)",
             {"type": "string", "format": "date"}),
        )
    ]
    occupancy = {"type": "object", "properties": {
        "id": {"type": "integer"}, "occupant": {"type": "string", "description": "Organisation name only"},
        "occupant_type": {"type": "string"}, "use": {"type": "string"},
        "units": {"type": "array", "items": {"type": "integer"}},
        "start": {"type": "string", "format": "date"}, "end": {"type": ["string", "null"], "format": "date"},
        "duration_months": {"type": ["number", "null"],
                            "description": "First to last day inclusive, to the half month"},
        "status": {"type": "string", "enum": ["planned", "ongoing", "ended"]}}}
    site = {"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"}, "owner": {"type": "object"},
        "address": {"type": "string"}, "postcode": {"type": "string"}, "commune": {"type": "string"},
        "location": {"type": "object", "properties": {"latitude": {"type": "number"}, "longitude": {"type": "number"}}},
        "kind": {"type": "string"}, "total_surface_m2": {"type": ["number", "null"]},
        "equipment": {"type": "object"}, "heritage_protected": {"type": "boolean"},
        "availability": {"type": "object"}, "description": {"type": "object"},
        "units": {"type": "array", "items": {"type": "object"}},
        "occupancies": {"type": "array", "items": {"$ref": "#/components/schemas/Occupancy"}},
        "url": {"type": "string", "format": "uri"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Entretemps open data API", "version": "1.0.0",
                 "description": "Published sites of temporary occupancy in the Brussels-Capital Region, read-only. "
                                "No personal data.", "license": {"name": "CC0 1.0",
                                                                 "identifier": "CC0-1.0"}},
        "servers": [{"url": f"{base}/api/v1"}],
        "paths": {
            "/sites": {"get": {
                "summary": "Published sites with their units and occupancies",
                "parameters": filter_parameters + [
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                   "maximum": MAX_PER_PAGE}}],
                "responses": {"200": {"description": "A page of sites", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {
                        "as_of": {"type": "string", "format": "date"}, "page": {"type": "integer"},
                        "per_page": {"type": "integer"}, "total": {"type": "integer"}, "pages": {"type": "integer"},
                        "sites": {"type": "array", "items": {"$ref": "#/components/schemas/Site"}}}}}}},
                              "400": {"description": "A parameter is not valid"}}}},
            "/sites/{id}": {"get": {
                "summary": "One published site",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                               filter_parameters[-1]],
                "responses": {"200": {"description": "The site", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"as_of": {"type": "string", "format": "date"},
                                                     "site": {"$ref": "#/components/schemas/Site"}}}}}},
                              "404": {"description": "No published site with this id"}}}},
        },
        "components": {"schemas": {"Site": site, "Occupancy": occupancy}},
    }
