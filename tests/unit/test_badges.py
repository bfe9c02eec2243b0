"""Every state of every workflow has its badge's colour, from the one table beside its labels (the badge macro of
portal/ui/templates/_macros.html reads both), and a colour Bootstrap knows."""
import pytest

from calls import workflow as calls
from calls.applications import workflow as applications
from occupancies import workflow as sites
from occupancies.agreements import workflow as agreements
from occupancies.reports import workflow as reports
from occupancies.sharing import workflow as sharing
from portal.organisations import workflow as organisations

COLOURS = {"primary", "secondary", "success", "danger", "warning", "info", "light", "dark"}
TABLES = [
    (organisations.OrganisationStatus, organisations.STATUS_LABELS, organisations.STATUS_BADGES),
    (sites.PublicationStatus, sites.PUBLICATION_LABELS, sites.PUBLICATION_BADGES),
    (calls.CallStatus, calls.STATUS_LABELS, calls.STATUS_BADGES),
    (applications.ApplicationStatus, applications.STATUS_LABELS, applications.STATUS_BADGES),
    (agreements.AgreementStatus, agreements.STATUS_LABELS, agreements.STATUS_BADGES),
    (reports.ReportStatus, reports.STATUS_LABELS, reports.STATUS_BADGES),
    (sharing.Phase, sharing.PHASE_LABELS, sharing.PHASE_BADGES),
    (sharing.RegistrationStatus, sharing.REGISTRATION_LABELS, sharing.REGISTRATION_BADGES),
]


@pytest.mark.parametrize("states, labels, badges", TABLES, ids=lambda value: getattr(value, "__name__", ""))
def test_every_state_has_a_label_and_a_known_colour(states, labels, badges):
    assert set(badges) == set(states) == set(labels)
    assert set(badges.values()) <= COLOURS
