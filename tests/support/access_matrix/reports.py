"""Access matrix of reports: a report of owner-a's agreement with occupant-a, submitted and waiting for the owner.
Its pages live in each party's space: members of either party read it, anyone else (the Guichet included: it
reads the region's figures, never a report) finds nothing; the owner's writers acknowledge or return it."""
from __future__ import annotations

from datetime import date

from occupancies.reports.models import Report
from occupancies.reports.workflow import ReportKind, ReportStatus
from occupancies.workflow import UseCategory
from portal.extensions import db
from tests.support.access_matrix import OCCUPANT_A, OWNER_A, SECRETS, PerEndpoint, guichet, tenant

SECRETS.update({"Incident known to owner-a and occupant-a": OWNER_A | OCCUPANT_A})


def make_report_world(w, agreement_id: int, site_id: int) -> dict:
    report = Report(organisation_id=w.owner.id, agreement_id=agreement_id, site_id=site_id,
                    occupant_id=w.occupant.id, use_category=UseCategory.emergency_housing, kind=ReportKind.housing,
                    period_start=date(2027, 1, 1), period_end=date(2027, 3, 31), due_on=date(2027, 4, 30),
                    quarter=20271, status=ReportStatus.submitted, persons=3, households=2, entries=3,
                    incidents="Incident known to owner-a and occupant-a")
    db.session.add(report)
    db.session.flush()
    return {"report": report.id}


def values(ids: dict) -> dict:
    return {"report_id": ids["report"], "key": PerEndpoint("people", public_needs__figure_file="needs-by-use"),
            "fmt": "csv"}


EXPECTED: dict = {
    ("reports.index", "GET"): tenant(200),
    ("reports.report", "GET"): tenant(200),
    ("reports.save", "POST"): tenant(403),                        # the occupant's to write, and submitted already
    ("reports.acknowledge", "POST"): tenant(303, evaluator=403),  # a comment is optional
    ("reports.return_", "POST"): tenant(422, evaluator=403),      # the question is required
    # The figures: an owner's for its members, the region's for the Guichet's staff.
    ("reports.figures_page", "GET"): tenant(200),
    ("reports.figures_download", "GET"): tenant(200),
    ("guichet_figures.region", "GET"): guichet(200),
    ("guichet_figures.region_download", "GET"): guichet(200),
}
