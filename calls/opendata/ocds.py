"""The calls as Open Contracting Data Standard 1.1 releases: a call is a tender (its criteria and weights, periods,
units as items, documents), its addenda amendments, its decision awards to the selected organisations. Plain
functions of what queries.py reads; no request, no database.

Identifiers are stable: the ocid is the publisher's prefix and the call's id; a release's id adds the moment of its
latest change and the call's version (every operation on the call moves it), so that a change gives a new release and
the same state the same one."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from calls.workflow import CallStatus
from portal import clock

VERSION = "1.1"
LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/"
PUBLICATION_POLICY = "/open-data/"


@dataclass
class CallFacts:
    """What a call's release says, read once for all calls (queries.calls_facts)."""

    call: object                                    # calls.models.Call, with its site, owner, criteria, addenda
    units: list = field(default_factory=list)       # the call's units (occupancies.models.Unit)
    tenderers: int | None = None                    # applications submitted, once the deadline has passed
    decided_at: datetime | None = None
    selected: list = field(default_factory=list)    # the selected organisations (Organisation), never a person


def _moment(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return clock.as_utc(value).isoformat()
    if isinstance(value, date):
        return clock.at_brussels(value).isoformat()
    return str(value)


def _period(start=None, end=None) -> dict:
    return {key: _moment(value) for key, value in (("startDate", start), ("endDate", end)) if value is not None}


def party_id(organisation) -> str:
    """The Crossroads Bank for Enterprises number when known (BE-BCE_KBO, org-id.guide), else the portal's id."""
    if organisation.enterprise_number:
        return f"BE-BCE_KBO-{organisation.enterprise_number}"
    return f"entretemps-organisation-{organisation.id}"


def _party(organisation, roles: list[str]) -> dict:
    party = {"id": party_id(organisation), "name": organisation.name_fr or organisation.name_nl, "roles": roles}
    if organisation.name_nl and organisation.name_nl != party["name"]:
        party["additionalIdentifiers"] = [{"scheme": "entretemps-name-nl", "legalName": organisation.name_nl}]
    return party


def _reference(organisation) -> dict:
    return {"id": party_id(organisation), "name": organisation.name_fr or organisation.name_nl}


def _tender_status(facts: CallFacts) -> str:
    status = facts.call.status
    if status == CallStatus.cancelled:
        return "cancelled"
    if status == CallStatus.decided:
        return "complete" if facts.selected else "unsuccessful"     # decided, nobody selected
    return "active"


def _tags(facts: CallFacts) -> list[str]:
    call = facts.call
    if call.status == CallStatus.cancelled:
        return ["tenderCancellation"]
    tags = ["tender"] if not call.addenda else ["tenderAmendment"]
    if call.status == CallStatus.decided:
        tags.append("award")
    return tags


def latest_change(facts: CallFacts) -> datetime:
    call = facts.call
    moments = [call.published_at] + [addendum.published_at for addendum in call.addenda]
    if facts.decided_at is not None:
        moments.append(facts.decided_at)
    return max(clock.as_utc(moment) for moment in moments if moment is not None)


def _criteria(call) -> str:
    return "; ".join(f"{criterion.label_fr} / {criterion.label_nl}: {criterion.weight} %"
                     for criterion in sorted(call.criteria, key=lambda c: c.position))


def release(facts: CallFacts, base: str, prefix: str) -> dict:
    """One call as a release (OCDS 1.1)."""
    call, ocid = facts.call, f"{prefix}-call-{facts.call.id}"
    changed = latest_change(facts)
    url = f"{base}/calls/{call.id}"
    tender = {
        "id": str(call.id),
        "title": call.title_fr or call.title_nl,
        "description": call.description_fr or call.description_nl,
        "status": _tender_status(facts),
        "procurementMethod": "open",
        "procurementMethodDetails": "Appel à projets pour une occupation temporaire / Projectoproep voor een "
                                    "tijdelijke bezetting",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _criteria(call),
        "procuringEntity": _reference(call.owner),
        "tenderPeriod": _period(call.published_at, call.submission_deadline),
        "enquiryPeriod": _period(call.published_at, call.questions_deadline),
        "awardPeriod": _period(None, call.decision_on),
        "contractPeriod": _period(call.occupancy_start, call.occupancy_end),
        "items": [{"id": str(unit.id), "description": unit.label_fr or unit.label_nl,
                   **({"quantity": float(unit.surface), "unit": {"name": "m²", "scheme": "UNCEFACT", "id": "MTK"}}
                      if unit.surface else {})}
                  for unit in facts.units],
        "documents": [{"id": f"call-{call.id}-notice", "documentType": "tenderNotice",
                       "title": call.title_fr or call.title_nl, "url": url, "format": "text/html",
                       "datePublished": _moment(call.published_at), "language": "fr"}],
    }
    # The occupant pays the fee to the owner: not a value of the contract in OCDS's sense, said in words.
    tender["procurementMethodRationale"] = (
        "Occupation gratuite / Kosteloze bezetting" if call.free_use or call.monthly_fee is None else
        f"Redevance mensuelle de {call.monthly_fee} EUR / Maandelijkse vergoeding van {call.monthly_fee} EUR")
    if facts.tenderers is not None:
        tender["numberOfTenderers"] = facts.tenderers
    if call.addenda:
        tender["amendments"] = [{"id": f"call-{call.id}-addendum-{addendum.id}",
                                 "date": _moment(addendum.published_at),
                                 "description": addendum.text_fr or addendum.text_nl,
                                 "rationale": "Addendum"} for addendum in call.addenda]
    if call.status == CallStatus.cancelled and call.status_reason:
        tender["statusDetails"] = call.status_reason
    parties = [_party(call.owner, ["buyer", "procuringEntity"])]
    # The call's version changes with each of its operations (closed, cancelled, decided…): a new release id.
    document = {"ocid": ocid, "id": f"{ocid}-{changed.strftime('%Y%m%dT%H%M%SZ')}-{call.version}",
                "date": changed.isoformat(),
                "tag": _tags(facts), "initiationType": "tender", "language": "fr",
                "buyer": _reference(call.owner), "tender": tender}
    if call.status == CallStatus.decided:
        document["awards"] = [{
            "id": f"call-{call.id}-award-{organisation.id}", "status": "active",
            "title": call.title_fr or call.title_nl, "date": _moment(facts.decided_at),
            "suppliers": [_reference(organisation)]} for organisation in facts.selected]
        parties += [_party(organisation, ["supplier"]) for organisation in facts.selected]
    document["parties"] = parties
    return document


def package(releases: list[dict], base: str, published: datetime, publisher: str) -> dict:
    """The release package of every public call (OCDS 1.1), newest change as its publication date."""
    return {"uri": f"{base}/open-data/calls.json", "version": VERSION, "publishedDate": published.isoformat(),
            "publisher": {"name": publisher, "uri": f"{base}/"}, "license": LICENSE,
            "publicationPolicy": f"{base}{PUBLICATION_POLICY}", "releases": releases}
