"""Who may do what with reports: pure predicates on plain objects.

The occupant's admins and editors fill in and submit; the owner's admins and editors acknowledge or return;
every member of either side reads. The Guichet reads the region's figures, never a report itself."""
from __future__ import annotations

from occupancies.permissions import can_manage_sites
from occupancies.reports import rules
from occupancies.reports.workflow import OPEN, ReportStatus
from portal.roles import WRITERS, is_guichet_staff, role_in


def can_read_occupancy_report(user, report) -> bool:
    return role_in(user, report.agreement.owner) is not None or role_in(user, report.occupant) is not None


def can_fill_report(user, report) -> bool:
    return report.status in OPEN and role_in(user, report.occupant) in WRITERS


def can_submit_report(user, report, today) -> bool:
    """Filled in by the occupant's writers, and its period ended (rules.may_submit)."""
    return can_fill_report(user, report) and rules.may_submit(report.period_end, today)


def can_review_report(user, report) -> bool:
    return report.status == ReportStatus.submitted and can_manage_sites(user, report.agreement.owner)


def can_read_figures(user, organisation) -> bool:
    """An owner's figures, for its members."""
    return organisation.is_owner and role_in(user, organisation) is not None


def can_read_region(user) -> bool:
    return is_guichet_staff(user)
