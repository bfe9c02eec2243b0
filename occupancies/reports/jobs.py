"""Jobs of reports: the schedule and the reminders, swept every hour (each step is idempotent). The job runner
commits (portal.jobs)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select

from occupancies.agreements.models import Agreement
from occupancies.agreements.workflow import AgreementStatus
from occupancies.reports import operations, rules
from occupancies.reports.models import Report
from occupancies.reports.workflow import OPEN
from portal import clock
from portal.extensions import db


def sweep_reports() -> int:
    """Create the reports whose period has begun, on every agreement in force or ended within the last year
    and a half (its last periods are still to report), then send the reminders due today."""
    today = clock.today()
    agreements = db.session.scalars(select(Agreement).where(or_(
        Agreement.status == AgreementStatus.active,
        (Agreement.status == AgreementStatus.ended) & (Agreement.ended_on >= today - timedelta(days=550))))).unique()
    moved = 0
    for agreement in agreements:
        moved += len(operations.schedule_reports(agreement, today))
    reports = db.session.scalars(select(Report).where(
        Report.status.in_(OPEN), Report.due_on.between(today, today + rules.REMIND_BEFORE))).unique()
    for report in reports:
        moved += operations.remind(report, today)
    return moved
