"""The calls and their outcomes as open data: /open-data/calls.csv (one line per call) and /open-data/calls.json
(an OCDS 1.1 release package), for anyone, kept until the next operation."""
from __future__ import annotations

import csv
import io
import json

from flask import Blueprint, Response, current_app

from calls.opendata import ocds, queries
from portal import clock
from portal.cache import of_this_revision, read, write
from portal.exports import spreadsheet_text
from portal.organisations.queries import guichet_organisation
from portal.region import commune_name
from portal.ui.caching import public_page

bp = Blueprint("calls_open_data", __name__)

CSV_COLUMNS = ("id", "ocid", "title_fr", "title_nl", "owner", "site", "commune_fr", "commune_nl", "status",
               "published_at", "questions_deadline", "submission_deadline", "decision_on", "occupancy_start",
               "occupancy_end", "free_use", "monthly_fee_eur", "uses", "criteria", "units", "surface_m2",
               "addenda", "tenderers", "selected", "url")
WRITTEN = ("title_fr", "title_nl", "owner", "site", "criteria", "units", "selected")


def _kept(name: str, build, content_type: str) -> Response:
    """The file of every public call, built once per revision of the register (portal.cache; REVISION_CACHE_SECONDS,
    never kept when 0)."""
    seconds = current_app.config["REVISION_CACHE_SECONDS"]
    key = of_this_revision(f"open-data:{clock.today().isoformat()}:{name}") if seconds else None
    body = read(key) if key else None
    if body is None:
        body = build()
        if key:
            write(key, body, seconds)
    return Response(body, content_type=content_type, headers={"Access-Control-Allow-Origin": "*"})


def _row(facts, base: str, prefix: str) -> dict:
    call = facts.call

    def iso(value):
        return clock.as_utc(value).isoformat() if hasattr(value, "hour") else (value.isoformat() if value else "")

    surface = sum((unit.surface for unit in facts.units if unit.surface), 0)
    return {
        "id": call.id, "ocid": f"{prefix}-call-{call.id}", "title_fr": call.title_fr, "title_nl": call.title_nl,
        "owner": call.owner.name_fr or call.owner.name_nl, "site": call.site.name,
        "commune_fr": commune_name(call.site.commune, "fr"), "commune_nl": commune_name(call.site.commune, "nl"),
        "status": call.status.value, "published_at": iso(call.published_at),
        "questions_deadline": iso(call.questions_deadline), "submission_deadline": iso(call.submission_deadline),
        "decision_on": iso(call.decision_on), "occupancy_start": iso(call.occupancy_start),
        "occupancy_end": iso(call.occupancy_end), "free_use": "true" if call.free_use else "false",
        "monthly_fee_eur": "" if call.free_use or call.monthly_fee is None else str(call.monthly_fee),
        "uses": " ".join(call.uses or ()),
        "criteria": "; ".join(f"{c.label_fr} / {c.label_nl}: {c.weight}"
                              for c in sorted(call.criteria, key=lambda c: c.position)),
        "units": "; ".join(unit.label_fr or unit.label_nl for unit in facts.units),
        "surface_m2": str(surface) if surface else "", "addenda": len(call.addenda),
        "tenderers": "" if facts.tenderers is None else facts.tenderers,
        "selected": "; ".join(organisation.name_fr or organisation.name_nl for organisation in facts.selected),
        "url": f"{base}/calls/{call.id}",
    }


@bp.route("/open-data/calls.csv")
@public_page
def calls_csv():
    base, prefix = current_app.config["BASE_URL"], current_app.config["OCDS_PREFIX"]

    def build() -> bytes:
        buffer = io.StringIO()
        buffer.write("\ufeff")              # Excel reads the accents
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for facts in queries.calls_facts():
            row = _row(facts, base, prefix)
            writer.writerow({key: spreadsheet_text(value) if key in WRITTEN else value for key, value in row.items()})
        return buffer.getvalue().encode()

    response = _kept("calls.csv", build, "text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = "inline; filename=calls.csv"
    return response


@bp.route("/open-data/calls.json")
@public_page
def calls_json():
    base, prefix = current_app.config["BASE_URL"], current_app.config["OCDS_PREFIX"]

    def build() -> bytes:
        facts = queries.calls_facts()
        if not facts:                       # a package holds one release at least: none yet is "not found"
            return b""
        releases = [ocds.release(item, base, prefix) for item in facts]
        published = max((ocds.latest_change(item) for item in facts), default=clock.now())
        guichet = guichet_organisation()
        publisher = guichet.name_fr if guichet is not None else "Guichet des Occupations Temporaires"
        return json.dumps(ocds.package(releases, base, published, publisher), ensure_ascii=False).encode()

    response = _kept("calls.json", build, "application/json")
    if not response.get_data():
        return Response(json.dumps({"type": "about:blank", "title": "No call has been published yet", "status": 404}),
                        status=404, content_type="application/problem+json",
                        headers={"Access-Control-Allow-Origin": "*"})
    return response
