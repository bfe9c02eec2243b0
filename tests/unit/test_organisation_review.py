"""Issue 17, item 17: the Guichet reviews a registration on more than declared data. Pure rules and predicates:
the link to the public register (KBO/BCE), the state "more information asked" and who moves it."""
import pytest

from portal.organisations import permissions as p
from portal.organisations import rules
from portal.organisations.workflow import OrganisationStatus as S
from portal.organisations.workflow import organisation_workflow
from portal.roles import OrganisationKind as K
from portal.roles import Role as R
from tests.support.people import ANONYMOUS, User, org


def test_the_enterprise_number_opens_the_public_registers_page_in_the_readers_language():
    assert rules.register_url("0403170701", "fr") == (
        "https://kbopub.economie.fgov.be/kbopub/toonondernemingps.html?lang=fr&ondernemingsnummer=0403170701")
    assert rules.register_url("0403170701", "nl").endswith("lang=nl&ondernemingsnummer=0403170701")
    assert "lang=en" in rules.register_url("0403170701", "en")
    assert "lang=fr" in rules.register_url("0403170701", "de")      # a language the portal does not speak
    assert rules.register_url(None, "fr") == "" and rules.register_url("123", "fr") == ""


@pytest.mark.parametrize("source, target, allowed", [
    (S.pending, S.information_requested, True),
    (S.information_requested, S.pending, True),          # the association answers
    (S.information_requested, S.approved, True),
    (S.information_requested, S.rejected, True),
    (S.information_requested, S.suspended, False),
    (S.approved, S.information_requested, False),
    (S.rejected, S.information_requested, False),
])
def test_more_information_is_asked_of_a_waiting_registration_only(source, target, allowed):
    assert organisation_workflow.allowed(source, target) is allowed


@pytest.fixture
def cast():
    guichet, waiting, asked = org(K.guichet), org(status=S.pending), org(status=S.information_requested)
    owner, approved = org(K.public_owner), org()
    return {
        "guichet": guichet, "waiting": waiting, "asked": asked, "owner": owner, "approved": approved,
        "moderator": User((guichet, R.moderator)), "waiting_admin": User((waiting, R.admin)),
        "waiting_editor": User((waiting, R.editor)), "asked_admin": User((asked, R.admin)),
        "asked_editor": User((asked, R.editor)), "owner_admin": User((owner, R.admin)),
        "approved_admin": User((approved, R.admin)),
    }


def test_the_guichet_asks_for_more_information_and_still_decides(cast):
    assert p.can_request_information(cast["moderator"], cast["waiting"])
    assert not p.can_request_information(cast["moderator"], cast["asked"])          # already asked
    assert not p.can_request_information(cast["moderator"], cast["approved"])
    assert not p.can_request_information(cast["waiting_admin"], cast["waiting"])
    assert p.can_approve_organisation(cast["moderator"], cast["asked"])
    assert p.can_reject_organisation(cast["moderator"], cast["asked"])


def test_the_associations_admin_answers(cast):
    assert p.can_answer_information_request(cast["asked_admin"], cast["asked"])
    assert not p.can_answer_information_request(cast["asked_editor"], cast["asked"])
    assert not p.can_answer_information_request(cast["waiting_admin"], cast["waiting"])   # nothing asked
    assert not p.can_answer_information_request(cast["moderator"], cast["asked"])
    assert not p.can_answer_information_request(ANONYMOUS, cast["asked"])
    # Waiting for its answer, the association still manages its members and its details.
    assert p.can_manage_members(cast["asked_admin"], cast["asked"])
    assert p.can_edit_organisation(cast["asked_admin"], cast["asked"])


def test_an_association_adds_its_statutes_while_it_waits(cast):
    assert p.can_upload_statutes(cast["waiting_admin"], cast["waiting"])
    assert p.can_upload_statutes(cast["asked_admin"], cast["asked"])
    assert not p.can_upload_statutes(cast["waiting_editor"], cast["waiting"])
    assert not p.can_upload_statutes(cast["approved_admin"], cast["approved"])   # approved: the review is over
    assert not p.can_upload_statutes(cast["owner_admin"], cast["owner"])         # public owners have no statutes
    assert not p.can_upload_statutes(cast["moderator"], cast["waiting"])


def test_the_statutes_are_read_by_the_association_and_the_guichet(cast):
    waiting = cast["waiting"]
    waiting.statutes_file = "a.pdf"
    assert p.can_read_statutes(cast["waiting_editor"], waiting)
    assert p.can_read_statutes(cast["moderator"], waiting)
    assert not p.can_read_statutes(cast["owner_admin"], waiting)
    assert not p.can_read_statutes(ANONYMOUS, waiting)
    cast["asked"].statutes_file = None
    assert not p.can_read_statutes(cast["moderator"], cast["asked"])            # nothing to read
