"""Who may do what with sharing sessions (issue 9): pure predicates on plain objects, and the workflow tables."""
from types import SimpleNamespace as NS

import pytest

from occupancies.sharing import permissions as p
from occupancies.sharing.workflow import Audience, registration_workflow, session_workflow
from occupancies.sharing.workflow import RegistrationStatus as RS
from occupancies.sharing.workflow import SessionStatus as SS
from portal.organisations.workflow import OrganisationStatus as S
from portal.roles import OrganisationKind as K
from portal.roles import Role as R
from tests.support.people import ANONYMOUS, User


def org(kind, *, signed=False, status=S.approved):
    org.n = getattr(org, "n", 0) + 1
    return NS(id=org.n, kind=kind, status=status, memberships=[], is_approved=status == S.approved,
              is_signatory=signed, is_guichet=kind == K.guichet, is_owner=kind == K.public_owner)


@pytest.fixture
def plain_cast():
    """The Guichet, a Charter signatory, an owner, an occupant and a pending registration, with their users: plain
    objects (tests.support.people), no database."""
    guichet, signatory = org(K.guichet), org(K.public_owner, signed=True)
    owner, occupant, pending = org(K.public_owner), org(K.occupant), org(K.occupant, status=S.pending)
    return NS(guichet=guichet, signatory=signatory, owner=owner, occupant=occupant,
              moderator=User((guichet, R.moderator)), signatory_editor=User((signatory, R.editor)),
              signatory_evaluator=User((signatory, R.evaluator)), owner_admin=User((owner, R.admin)),
              occupant_admin=User((occupant, R.admin)), pending_admin=User((pending, R.admin)))


def session(organiser, audience):
    return NS(organiser=organiser, organisation_id=organiser.id, audience=audience, status=SS.planned)


def test_each_audience_reaches_whom_it_says(plain_cast):
    public, partners = session(plain_cast.guichet, Audience.public), session(plain_cast.guichet, Audience.partners)
    signatories = session(plain_cast.guichet, Audience.signatories)
    assert p.can_read_session(ANONYMOUS, public) and not p.can_read_session(ANONYMOUS, partners)
    assert p.can_read_session(plain_cast.occupant_admin, partners)
    assert not p.can_read_session(plain_cast.pending_admin, partners)
    assert not p.can_read_session(plain_cast.occupant_admin, signatories)
    assert not p.can_read_session(plain_cast.owner_admin, signatories)                 # an owner that did not sign
    assert p.can_read_session(plain_cast.signatory_evaluator, signatories)
    assert p.can_read_session(plain_cast.moderator, signatories)
    # A signatory owner's own session for signatories: its members read it, others as the audience says.
    own = session(plain_cast.signatory, Audience.signatories)
    assert p.can_read_session(plain_cast.signatory_evaluator, own)
    assert not p.can_read_session(plain_cast.occupant_admin, own)


def test_only_invited_organisations_register_and_anyone_signed_out_does_not(plain_cast):
    signatories = session(plain_cast.guichet, Audience.signatories)
    assert p.eligible_organisations(plain_cast.signatory_editor, signatories) == [plain_cast.signatory]
    assert p.eligible_organisations(plain_cast.moderator, signatories) == [plain_cast.guichet]
    assert not p.can_register_for_session(plain_cast.occupant_admin, signatories)
    assert p.can_register_for_session(plain_cast.occupant_admin, session(plain_cast.guichet, Audience.public))
    assert not p.can_register_for_session(ANONYMOUS, session(plain_cast.guichet, Audience.public))


def test_the_guichet_and_signatory_owners_organise(plain_cast):
    assert p.can_organise_sessions(plain_cast.moderator, plain_cast.guichet)
    assert p.can_organise_sessions(plain_cast.signatory_editor, plain_cast.signatory)
    assert not p.can_organise_sessions(plain_cast.signatory_evaluator, plain_cast.signatory)
    assert not p.can_organise_sessions(plain_cast.owner_admin, plain_cast.owner)                 # not a signatory
    assert not p.can_organise_sessions(plain_cast.occupant_admin, plain_cast.occupant)
    assert not p.can_organise_sessions(plain_cast.moderator, plain_cast.signatory)              # someone else's space
    assert p.can_keep_library(plain_cast.moderator) and not p.can_keep_library(plain_cast.signatory_editor)


def test_an_online_link_is_for_the_people_with_a_place_and_the_organisers(plain_cast):
    online = session(plain_cast.guichet, Audience.partners)
    assert p.can_see_online_link(plain_cast.occupant_admin, online, has_place=True)
    assert not p.can_see_online_link(plain_cast.occupant_admin, online, has_place=False)
    assert p.can_see_online_link(plain_cast.moderator, online, has_place=False)


def test_a_registration_is_cancelled_by_the_person_their_organisation_or_the_organiser(plain_cast):
    held = session(plain_cast.guichet, Audience.partners)
    registration = NS(user_id=plain_cast.occupant_admin.id, organisation=plain_cast.occupant, session=held,
                      status=RS.waiting)
    assert p.can_cancel_registration(plain_cast.occupant_admin, registration)
    assert p.can_cancel_registration(plain_cast.moderator, registration)                  # the organiser
    assert not p.can_cancel_registration(plain_cast.owner_admin, registration)
    registration.status = RS.cancelled
    assert not p.can_cancel_registration(plain_cast.occupant_admin, registration)


@pytest.mark.parametrize(("workflow", "source", "target", "allowed"), [
    (session_workflow, SS.planned, SS.cancelled, True),
    (session_workflow, SS.cancelled, SS.planned, False),
    (registration_workflow, RS.waiting, RS.registered, True),
    (registration_workflow, RS.registered, RS.waiting, False),       # a place once given is never taken back
    (registration_workflow, RS.registered, RS.cancelled, True),
    (registration_workflow, RS.waiting, RS.cancelled, True),
    (registration_workflow, RS.cancelled, RS.registered, True),      # back again
    (registration_workflow, RS.cancelled, RS.waiting, True),
])
def test_the_workflow_tables(workflow, source, target, allowed):
    assert workflow.allowed(source, target) is allowed
