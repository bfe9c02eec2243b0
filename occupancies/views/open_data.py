"""Open data at stable addresses: CSV, GeoJSON, a read-only JSON API with its OpenAPI document, and a DCAT-AP
catalogue for the regional open-data portal. Published sites only, and no personal data."""
from __future__ import annotations

import csv
import io
import json
import zlib

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.exceptions import BadRequest

from occupancies import queries
from occupancies.models import equipment_of, public_occupant_name
from occupancies.rules import duration_as_of, occupancy_status
from occupancies.views.common import public_point
from occupancies.workflow import SiteKind, UnitKind, UseCategory
from portal import clock, features
from portal.cache import of_this_revision, read, write
from portal.exports import spreadsheet_text
from portal.i18n import current_language, localized
from portal.listing import FIRST_DAY, LAST_DAY, MAX_PAGE, day, page_count, whole_number
from portal.region import COMMUNES, commune_name
from portal.ui.caching import public_page

bp = Blueprint("open_data", __name__, template_folder="../templates")

CSV_COLUMNS = ("id", "name", "owner", "address", "postcode", "commune", "commune_nl", "latitude", "longitude",
               "location_protected", "kind", "total_surface_m2", "units", "dwellings", "units_occupied", "water",
               "heating", "electricity", "step_free", "public_transport", "heritage_protected", "available_from",
               "available_until", "first_occupancy_start", "last_occupancy_end", "duration_months", "status", "as_of",
               "url")
MAX_PER_PAGE, DEFAULT_PER_PAGE = 100, 50


def _absolute(endpoint: str, **values) -> str:
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def _iso(value):
    return value.isoformat() if value else None


def _records(filters):
    """Batches of the values of each published site that matches, in the order of CSV_COLUMNS, as the query streams
    them."""
    as_of = filters.as_of
    site_url = _absolute("public_sites.site", site_id=0).removesuffix("0")      # one url_for, not 10,000
    for batch in queries.public_site_batches(filters):
        yield [_values(row, as_of, site_url) for row in batch]


def _values(row, as_of, site_url: str) -> tuple:
    last_end = None if row.open_ended else row.last_end
    duration = queries.summary_duration(row.first_start, last_end, as_of)
    latitude, longitude = public_point(row.id, row.latitude, row.longitude, row.protected)
    return (row.id, row.name, row.owner, "" if row.protected else row.address, row.postcode,
            commune_name(row.commune, "fr"), commune_name(row.commune, "nl"), latitude, longitude, row.protected,
            row.kind.value,
            str(row.total_surface) if row.total_surface is not None else None, row.units, row.dwellings,
            row.occupied, row.has_water, row.has_heating, row.has_electricity, row.step_free, row.public_transport,
            row.heritage_protected, _iso(row.available_from), _iso(row.available_until), _iso(row.first_start),
            _iso(last_end), str(duration) if duration is not None else None,
            queries.summary_status(row.first_start, last_end, as_of), as_of.isoformat(), f"{site_url}{row.id}")


# In a spreadsheet, what people wrote is neutralised against formulas; yes and no read "true" and "false".
_WRITTEN = tuple(CSV_COLUMNS.index(name) for name in ("name", "owner", "address"))
_FLAGS = tuple(CSV_COLUMNS.index(name) for name in ("location_protected", "water", "heating", "electricity",
                                                    "step_free", "public_transport", "heritage_protected"))


def _csv_cells(values) -> list:
    cells = list(values)
    for index in _WRITTEN:
        cells[index] = spreadsheet_text(cells[index])
    for index in _FLAGS:
        cells[index] = "true" if cells[index] else "false"
    return cells


@bp.route("/open-data/")
@public_page
def index():
    return render_template("occupancies/public/open_data.html")


@bp.route("/open-data/sites.csv")
@public_page
def sites_csv():
    """The whole register as CSV, streamed as the database gives the rows: the first bytes leave at once."""
    filters = queries.SiteFilters.from_args(request.args)

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        # The BOM lets Excel read the accents (Trèfles); the charset is said once, in content_type.
        buffer.write("\ufeff")
        writer.writerow(CSV_COLUMNS)
        yield buffer.getvalue()
        for batch in _records(filters):
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(_csv_cells(values) for values in batch)
            yield buffer.getvalue()

    return _file(lines(), "text/csv; charset=utf-8", filters, {"Content-Disposition": "inline; filename=sites.csv"})


@bp.route("/open-data/sites.geojson")
@public_page
def sites_geojson():
    """The whole register as GeoJSON points, streamed as the CSV is."""
    filters = queries.SiteFilters.from_args(request.args)

    def feature(values):
        record = dict(zip(CSV_COLUMNS, values, strict=True))
        return {"type": "Feature", "id": record["id"],
                "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                "properties": record}

    def parts():
        yield '{"type":"FeatureCollection","features":['
        separator = ""
        for batch in _records(filters):
            yield separator + ",".join(json.dumps(feature(record), ensure_ascii=False, separators=(",", ":"))
                                       for record in batch)
            separator = ","
        yield "]}"

    return _file(parts(), "application/geo+json; charset=utf-8", filters)


GZIP_LEVEL = 5  # the register's GeoJSON (7 MB for 10,000 sites) leaves in about a tenth of it


def _file(chunks, content_type: str, filters, headers: dict | None = None) -> Response:
    """An open-data file streamed as it is written, compressed (gzip) for a client that accepts it: nginx then
    keeps and sends the compressed file as it is, instead of compressing it again for every client.

    The whole register as of today (no filter), once sent in full, is kept REVISION_CACHE_SECONDS (portal.cache)
    under the register's revision and the day: the next client of any web process gets it from the cache until an
    operation changes the register. A filtered file is written each time: addresses that anyone may vary never
    fill the cache."""
    headers = {"Access-Control-Allow-Origin": "*", "Vary": "Accept-Encoding", **(headers or {})}
    packed = "gzip" in request.accept_encodings
    if packed:
        headers["Content-Encoding"] = "gzip"
    seconds = current_app.config["REVISION_CACHE_SECONDS"] if filters == queries.SiteFilters() else 0
    key = None
    if seconds:
        key = of_this_revision(f"open-data:{clock.today().isoformat()}:{request.path}:{packed}")
        kept = read(key)
        if kept is not None:
            return Response(kept, content_type=content_type, headers=headers)
    body = (chunk.encode() for chunk in chunks)
    if packed:
        body = _gzipped(body)
    if key is not None:
        body = _kept_once_sent(body, key, seconds)
    return Response(stream_with_context(body), content_type=content_type, headers=headers)


def _kept_once_sent(body, key: str, seconds: int):
    """The body as it comes, kept whole once the last chunk has left (a client that hangs up keeps nothing)."""
    sent = []
    for chunk in body:
        sent.append(chunk)
        yield chunk
    write(key, b"".join(sent), seconds)


def _gzipped(chunks):
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # the gzip container
    for chunk in chunks:
        compressed = compressor.compress(chunk)
        if compressed:
            yield compressed
    yield compressor.flush()


def _occupancy(occupancy, unit_ids: list[int], as_of, language: str) -> dict:
    """An occupancy row of queries.site_documents, with the ids of its units; the occupant organisation's name in
    the reader's `language` (read once for the page, not once for each of its hundreds of occupancies)."""
    duration = duration_as_of(occupancy.start_date, occupancy.end_date, as_of)
    organisation = localized(occupancy, "name", language) if occupancy.occupant_id is not None else None
    return {
        "id": occupancy.id,
        "occupant": public_occupant_name(organisation, occupancy.occupant_type, occupancy.external_occupant),
        "occupant_type": occupancy.occupant_type.value, "use": occupancy.use_category.value,
        "units": sorted(unit_ids), "start": occupancy.start_date.isoformat(),
        "end": _iso(occupancy.end_date), "duration_months": float(duration) if duration is not None else None,
        "status": occupancy_status(occupancy.start_date, occupancy.end_date, as_of),
    }


def _site_document(document, as_of, language: str) -> dict:
    """A queries.SiteDocument as the API gives it."""
    site = document.site
    return {
        "id": site.id, "name": site.name, "owner": {"name_fr": site.owner_fr, "name_nl": site.owner_nl},
        "address": None if site.protected else site.address, "postcode": site.postcode, "commune": site.commune,
        "location": dict(zip(("latitude", "longitude"),
                             public_point(site.id, site.latitude, site.longitude, site.protected), strict=True)),
        "protected": site.protected,
        "kind": site.kind.value, "total_surface_m2": float(site.total_surface) if site.total_surface else None,
        "equipment": equipment_of(site), "heritage_protected": site.heritage_protected,
        "availability": {"from": _iso(site.available_from), "until": _iso(site.available_until)},
        "description": {"fr": site.description_fr, "nl": site.description_nl, "en": site.description_en or None},
        # "label" (the French name) is kept for the clients written before units were named in both languages.
        "units": [{"id": u.id, "kind": u.kind.value, "bedrooms": u.bedrooms, "name": {"fr": u.label_fr,
                                                                                    "nl": u.label_nl},
                   "label": u.label_fr, "surface_m2": float(u.surface) if u.surface is not None else None}
                  for u in document.units],
        "occupancies": [_occupancy(o, unit_ids, as_of, language) for o, unit_ids in document.occupancies],
        "url": _absolute("public_sites.site", site_id=site.id),
    }


def _api(payload, status=200):
    response = jsonify(payload)
    response.status_code = status
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


class InvalidParameters(BadRequest):
    """A 400 of the API that names each parameter refused and why: the app answers it as problem details
    (RFC 9457), with these in `invalid_params` (portal.app)."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(description="; ".join(f"{name}: {reason}" for name, reason in problems.items()))
        self.problem = {"invalid_params": [{"name": name, "reason": reason} for name, reason in problems.items()]}


# The API's parameters and what each accepts: a value outside these is refused with 400, never ignored.
ENUMS = {"commune": list(COMMUNES), "kind": [k.value for k in SiteKind], "unit_kind": [k.value for k in UnitKind],
         "use": [u.value for u in UseCategory], "status": [s for s in queries.SITE_STATUSES if s != "vacant"],
         "availability": list(queries.AVAILABILITY)}
DATES = ("available_on", "available_from", "as_of")


def _api_arguments(*, paged: bool) -> tuple[queries.SiteFilters, int, int]:
    """The filters, page and page size of a list (`paged`), or the day of one site, each checked as documented;
    InvalidParameters names every one refused."""
    args, problems, values = request.args, {}, {}
    for name, allowed in ENUMS.items() if paged else ():
        if name in args:
            if args[name] in allowed:
                values[name] = args[name]
            else:
                problems[name] = "must be one of " + ", ".join(allowed)
    for name in DATES if paged else ("as_of",):
        if name in args:
            values[name] = day(args[name])
            if values[name] is None:
                problems[name] = (f"must be a date written YYYY-MM-DD, from {FIRST_DAY.isoformat()} "
                                  f"to {LAST_DAY.isoformat()}")
    paging = {"page": 1, "per_page": DEFAULT_PER_PAGE}
    for name, maximum in (("page", MAX_PAGE), ("per_page", MAX_PER_PAGE)) if paged else ():
        if name in args:
            paging[name] = whole_number(args[name], minimum=1, maximum=maximum)
            if paging[name] is None:
                problems[name] = f"must be a whole number from 1 to {maximum}"
    if problems:
        raise InvalidParameters(problems)
    as_of = values.pop("as_of", None) or clock.today()
    former = values.pop("available_from", None)   # links written before `available_on`
    if former is not None:
        values.setdefault("available_on", former)
    if values.get("available_on") is not None:
        values.setdefault("availability", "date")
    return queries.SiteFilters(**values, as_of=as_of), paging["page"], paging["per_page"]


def _page_links(page: int, pages: int, per_page: int) -> dict:
    """Links to this page and its neighbours, at the public address (BASE_URL) whatever the request's Host."""
    def link(number):
        args = {k: v for k, v in request.args.items() if k not in ("page", "per_page")}
        return _absolute("open_data.api_sites", **args, page=number, per_page=per_page)

    links = {"self": link(page), "first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(min(page - 1, pages))
    if page < pages:
        links["next"] = link(page + 1)
    return links


@bp.route("/api/v1/sites")
@public_page
def api_sites():
    filters, page, per_page = _api_arguments(paged=True)
    site_ids, total = queries.public_site_ids(filters, page, per_page)
    pages, language = page_count(total, per_page), current_language()
    return _api({
        "as_of": filters.as_of.isoformat(), "page": page, "per_page": per_page, "total": total, "pages": pages,
        "links": _page_links(page, pages, per_page),
        "sites": [_site_document(document, filters.as_of, language)
                  for document in queries.site_documents(site_ids)],
    })


@bp.route("/api/v1/sites/<int:site_id>")
@public_page
def api_site(site_id: int):
    filters, _, _ = _api_arguments(paged=False)
    site = queries.public_site_or_404(site_id)
    [document] = queries.site_documents([site.id])
    return _api({"as_of": filters.as_of.isoformat(),
                 "site": _site_document(document, filters.as_of, current_language())})


@bp.route("/api/v1/openapi.json")
@public_page
def openapi():
    return _api(openapi_document(current_app.config["BASE_URL"]))


# DCAT-AP's controlled vocabularies: media types as IANA's URIs, formats, languages and licences as the EU's.
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANGUAGES = "http://publications.europa.eu/resource/authority/language/"
LICENCE = {"@id": "http://creativecommons.org/publicdomain/zero/1.0/"}


@bp.route("/open-data/catalog.jsonld")
@public_page
def catalog():
    base = current_app.config["BASE_URL"]
    today = {"@value": clock.today().isoformat(), "@type": "xsd:date"}
    languages = [{"@id": EU_LANGUAGES + code} for code in ("FRA", "NLD")]
    publisher = {"@type": "foaf:Organization", "foaf:name": "Guichet des Occupations Temporaires / "
                                                            "Loket voor Tijdelijke Bezettingen"}

    def distribution(name, url, media_type, file_type):
        return {"@type": "dcat:Distribution", "@id": f"{url}#distribution", "dct:title": name,
                "dcat:accessURL": {"@id": url}, "dcat:downloadURL": {"@id": url},
                "dcat:mediaType": {"@id": IANA_MEDIA_TYPES + media_type},
                "dct:format": {"@id": EU_FILE_TYPES + file_type}, "dct:license": LICENCE}

    common = {"dct:publisher": publisher, "dct:modified": today, "dct:language": languages,
              "dct:accrualPeriodicity": {"@id": "http://publications.europa.eu/resource/authority/frequency/DAILY"},
              "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/place/BEL_BRU"},
              "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": "Guichet des Occupations Temporaires"}}
    document = {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
                     "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": f"{base}/open-data/catalog.jsonld", "@type": "dcat:Catalog",
        "dct:title": [{"@language": "fr", "@value": "Entretemps : occupations temporaires à Bruxelles"},
                      {"@language": "nl", "@value": "Entretemps: tijdelijke bezettingen in Brussel"}],
        "dct:description": [
            {"@language": "fr", "@value": "Les espaces vacants publics proposés à l'occupation temporaire."},
            {"@language": "nl", "@value": "De leegstaande openbare ruimten die voor tijdelijke bezetting "
                                          "worden aangeboden."}],
        "dct:publisher": publisher, "dct:modified": today, "dct:license": LICENCE, "dct:language": languages,
        "foaf:homepage": {"@id": f"{base}/open-data/"},
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
            **common,
            "dcat:keyword": ["occupation temporaire", "tijdelijke bezetting", "vacant", "leegstand"],
            "dcat:distribution": [
                distribution("CSV", f"{base}/open-data/sites.csv", "text/csv", "CSV"),
                distribution("GeoJSON", f"{base}/open-data/sites.geojson", "application/geo+json", "GEOJSON"),
                distribution("API JSON", f"{base}/api/v1/sites", "application/json", "JSON"),
            ],
        }, *features.provided("open_data_datasets", lambda *_: [])(base, distribution, common)],
    }
    response = jsonify(document)
    response.mimetype = "application/ld+json"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def openapi_document(base: str) -> dict:
    def enum(name):
        return {"type": "string", "enum": ENUMS[name]}

    date = {"type": "string", "format": "date", "minLength": 10}
    filter_parameters = [
        {"name": name, "in": "query", "required": False, "description": text, "schema": schema}
        for name, text, schema in (
            ("commune", "One of the 19 communes (code, e.g. molenbeek-saint-jean)", enum("commune")),
            ("kind", "built or unbuilt", enum("kind")),
            ("unit_kind", "Sites with at least one unit of this kind", enum("unit_kind")),
            ("use", "Sites with a current or planned occupancy of this use", enum("use")),
            ("status", "Occupancy status of the site on as_of", enum("status")),
            ("availability", "now: sites available today (their availability window covers it and a unit is free "
             "that day); date: available on available_on; all (the default): every published site",
             enum("availability")),
            ("available_on", "The day of availability=date, YYYY-MM-DD", date),
            ("available_from", "Former name of available_on (availability=date on that day), YYYY-MM-DD", date),
            ("as_of", "Day on which statuses and durations are computed, YYYY-MM-DD (default: today)", date),
        )
    ]
    problem = {"description": "", "content": {"application/problem+json": {
        "schema": {"$ref": "#/components/schemas/Problem"}}}}
    bad_request = {**problem, "description": "A parameter is not valid: each one refused is named in "
                                             "invalid_params, and nothing is ignored"}
    not_found = {**problem, "description": "No published site with this id"}
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
        "address": {"type": ["string", "null"], "description": "None for a protected site (a shelter): its point is "
                                                                "then about 500 m from the real one"},
        "postcode": {"type": "string"}, "commune": {"type": "string"}, "protected": {"type": "boolean"},
        "location": {"type": "object", "properties": {"latitude": {"type": "number"}, "longitude": {"type": "number"}}},
        "kind": {"type": "string"}, "total_surface_m2": {"type": ["number", "null"]},
        "equipment": {"type": "object"}, "heritage_protected": {"type": "boolean"},
        "availability": {"type": "object"}, "description": {"type": "object"},
        "units": {"type": "array", "items": {"type": "object"}},
        "occupancies": {"type": "array", "items": {"$ref": "#/components/schemas/Occupancy"}},
        "url": {"type": "string", "format": "uri"}}}
    uri = {"type": "string", "format": "uri"}
    links = {"type": "object", "description": "This page, the first and the last, and its neighbours when there are",
             "properties": {name: uri for name in ("self", "first", "last", "prev", "next")},
             "required": ["self", "first", "last"]}
    problem_schema = {"type": "object", "description": "Problem details (RFC 9457)", "properties": {
        "type": {"type": "string", "format": "uri-reference"}, "title": {"type": "string"},
        "status": {"type": "integer"}, "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "invalid_params": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "reason": {"type": "string"}}}}},
        "required": ["type", "title", "status"]}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Entretemps open data API", "version": "1.0.0",
                 "description": "Published sites of temporary occupancy in the Brussels-Capital Region, read-only. "
                                "No personal data. Errors are problem details (RFC 9457).",
                 "license": {"name": "CC0 1.0", "identifier": "CC0-1.0"}},
        "servers": [{"url": f"{base}/api/v1"}],
        "paths": {
            "/sites": {"get": {
                "summary": "Published sites with their units and occupancies",
                "parameters": filter_parameters + [
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                               "maximum": MAX_PAGE, "default": 1}},
                    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                   "maximum": MAX_PER_PAGE,
                                                                   "default": DEFAULT_PER_PAGE}}],
                "responses": {"200": {"description": "A page of sites", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {
                        "as_of": {"type": "string", "format": "date"}, "page": {"type": "integer"},
                        "per_page": {"type": "integer"}, "total": {"type": "integer"}, "pages": {"type": "integer"},
                        "links": links,
                        "sites": {"type": "array", "items": {"$ref": "#/components/schemas/Site"}}}}}}},
                              "400": bad_request}}},
            "/sites/{id}": {"get": {
                "summary": "One published site",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                               filter_parameters[-1]],
                "responses": {"200": {"description": "The site", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"as_of": {"type": "string", "format": "date"},
                                                     "site": {"$ref": "#/components/schemas/Site"}}}}}},
                              "400": bad_request, "404": not_found}}},
            **features.provided("openapi_paths", lambda _base: {})(base),
        },
        "components": {"schemas": {"Site": site, "Occupancy": occupancy, "Problem": problem_schema}},
    }
