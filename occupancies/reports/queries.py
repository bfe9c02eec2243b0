"""Reads of reports: each party's list, one report for a party, what waits on the dashboard."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import func, select, union
from sqlalchemy.orm import joinedload, lazyload

from occupancies.reports import rules
from occupancies.reports.models import Report
from occupancies.reports.rules import REMIND_BEFORE
from occupancies.reports.workflow import EXITS, HOUSING_COUNTS, OPEN, ReportKind, ReportStatus
from portal.extensions import db
from portal.roles import WRITERS, role_in
from portal.tenancy import current_organisation

PAGE = 100


def _of_party(organisation):
    return (Report.organisation_id == organisation.id) | (Report.occupant_id == organisation.id)


def reports_of(organisation, *, site_id=None, status=None, overdue_on=None, page: int = 1) -> tuple[list, int]:
    """The reports of the organisation's agreements, as owner or as occupant, the latest due first, a page at a
    time, with their total (three queries). The page's ids are taken from each side on its own index
    (organisation or occupant, then due date) and the two merged: an OR would make PostgreSQL walk the due dates
    of every report. The reports themselves are then read by id (as a subquery, PostgreSQL would join every report
    to its agreement, site and occupant before keeping the page)."""
    def filtered(query):
        if site_id is not None:
            query = query.where(Report.site_id == site_id)
        if overdue_on is not None:
            return query.where(Report.status.in_(OPEN), Report.due_on < overdue_on)
        return query.where(Report.status == status) if status is not None else query

    total = db.session.scalar(filtered(select(func.count(Report.id)).where(_of_party(organisation))))
    order, last = (Report.due_on.desc(), Report.id.desc()), max(page, 1) * PAGE
    sides = [filtered(select(Report.id, Report.due_on).where(side == organisation.id)).order_by(*order).limit(last)
             .subquery() for side in (Report.organisation_id, Report.occupant_id)]
    merged = union(*(select(side.c.id, side.c.due_on) for side in sides)).subquery()
    page_ids = db.session.scalars(select(merged.c.id).order_by(merged.c.due_on.desc(), merged.c.id.desc())
                                  .limit(PAGE).offset(last - PAGE)).all()
    rows = db.session.scalars(select(Report).where(Report.id.in_(page_ids)).order_by(*order)).unique().all()
    return list(rows), total


def report_of_party_or_404(report_id) -> Report:
    """A report of the organisation the request acts for, as owner or as occupant; anyone else finds nothing."""
    try:
        report_id = int(report_id)
    except (TypeError, ValueError):
        abort(404)
    report = db.session.scalar(select(Report).where(Report.id == report_id, _of_party(current_organisation())))
    if report is None:
        abort(404)
    return report


def reports_of_agreement(agreement) -> list:
    return list(db.session.scalars(select(Report).where(Report.agreement_id == agreement.id)
                                   .order_by(Report.period_start.desc())).unique())


@dataclass(frozen=True)
class Task:
    kind: str          # report_due (occupant), report_overdue (occupant), report_review (owner)
    report: object = None
    count: int = 0


def report_tasks(user, organisation, today) -> list[Task]:
    """What waits for this member in reports: the occupant's writers fill in those due within a week or late;
    the owner's writers read those submitted. One query."""
    if role_in(user, organisation) not in WRITERS:
        return []
    if organisation.is_owner:
        waiting = db.session.scalar(select(func.count(Report.id)).where(
            Report.organisation_id == organisation.id, Report.status == ReportStatus.submitted))
        return [Task("report_review", count=waiting)] if waiting else []
    # A task names the report's site: that one relationship is read, not the agreement with its parties and its
    # site's owner (224 columns a row, for a few lines of text).
    rows = db.session.scalars(select(Report).where(
        Report.occupant_id == organisation.id, Report.status.in_(OPEN), Report.due_on <= today + REMIND_BEFORE)
        .options(lazyload("*"), joinedload(Report.site).lazyload("*"))
        .order_by(Report.due_on)).unique().all()
    return [Task("report_overdue" if r.overdue(today) else "report_due", r) for r in rows]


def previous_report(report) -> Report | None:
    return db.session.scalar(select(Report).where(Report.agreement_id == report.agreement_id,
                                                  Report.period_start < report.period_start)
                             .order_by(Report.period_start.desc()).limit(1))


def consistency_warning(report, values: dict | None = None) -> dict | None:
    """When the people housed do not follow from the previous period's, plus entries, minus exits: what they
    would be. Checked against a previous report the occupant has submitted (or none, for the first period)."""
    if report.kind != ReportKind.housing:
        return None
    source = values if values is not None else {name: getattr(report, name) for name in HOUSING_COUNTS}
    previous = previous_report(report)
    if previous is not None and previous.status in OPEN:
        return None
    before = previous.persons if previous is not None else 0
    expected = rules.inconsistency(before, source["persons"], source["entries"], (source[e] for e in EXITS))
    if expected is None:
        return None
    return {"previous": before, "entries": source["entries"], "exits": sum(source[e] for e in EXITS),
            "expected": expected, "reported": source["persons"]}
