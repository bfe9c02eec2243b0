"""The vacancy register's rules and permissions (issue 19): addresses that meet, whom a commune's signals concern,
who reads a private owner's identity, who moderates; pure, on plain objects."""
from types import SimpleNamespace as NS

import pytest

from occupancies.vacancies import permissions as p
from occupancies.vacancies import rules
from occupancies.vacancies.workflow import SIGNALS, OwnerType, SignalStatus
from portal.organisations.workflow import OrganisationStatus as S
from portal.roles import OrganisationKind as K
from portal.roles import Role as R
from tests.support.people import ANONYMOUS, User


def test_two_writings_of_one_address_meet_and_others_do_not():
    key = rules.address_key("Rue de l'Église", "12A", "1080")
    assert rules.address_key("rue de l eglise", "12 a", "1080 ") == key
    assert rules.address_key("RUE DE L'EGLISE", "12a", "1080") == key
    assert rules.address_key("Av. Louise", "5", "1050") == rules.address_key("Avenue Louise", "5", "1050")
    assert rules.address_key("Rue de l'Église", "12", "1080") != key          # another number
    assert rules.address_key("Rue de l'Église", "12A", "1081") != key         # another postcode


def org(legal_form, commune="ixelles", *, kind=K.public_owner, status=S.approved):
    org.n = getattr(org, "n", 0) + 1
    return NS(id=org.n, kind=kind, legal_form=legal_form, commune=commune, status=status, memberships=[],
              is_guichet=kind == K.guichet)


@pytest.fixture
def cast():
    commune, cpas, sisp = org("commune"), org("cpas"), org("sisp")
    other_commune, guichet = org("commune", "evere"), org("public_service", kind=K.guichet)
    association = org("asbl", "saint-gilles", kind=K.occupant)
    return NS(commune=commune, association=association,
              commune_editor=User((commune, R.editor)), commune_evaluator=User((commune, R.evaluator)),
              cpas_admin=User((cpas, R.admin)), sisp_admin=User((sisp, R.admin)),
              other_commune_admin=User((other_commune, R.admin)), moderator=User((guichet, R.moderator)),
              association_admin=User((association, R.admin)))


def signal(status=SignalStatus.pending, owner_type=OwnerType.private, reporter=None):
    return NS(status=status, commune="ixelles", owner_type=owner_type, photo_file=None,
              reporter_organisation_id=reporter.id if reporter else None, reporter_organisation=reporter)


def test_a_communes_signals_concern_the_commune_and_its_cpas_only(cast):
    assert rules.concerns(cast.commune, "ixelles") and not rules.concerns(cast.commune, "evere")
    assert rules.moderates(cast.commune, "ixelles")
    pending_commune = org("commune", status=S.pending)
    assert not rules.concerns(pending_commune, "ixelles")
    sisp = cast.sisp_admin.memberships[0].organisation
    assert not rules.concerns(sisp, "ixelles")


def test_a_private_owner_is_read_by_the_commune_and_its_cpas_only(cast):
    private = signal(SignalStatus.accepted)
    for reader in (cast.commune_editor, cast.commune_evaluator, cast.cpas_admin):
        assert p.can_read_owner(reader, private)
    for outsider in (cast.moderator, cast.other_commune_admin, cast.sisp_admin, cast.association_admin, ANONYMOUS):
        assert not p.can_read_owner(outsider, private)
    assert p.can_read_signal(cast.moderator, private)                      # the place, without its owner
    public_owner = signal(SignalStatus.accepted, OwnerType.public)
    assert p.can_read_owner(cast.moderator, public_owner)                   # a public body is no person


def test_the_reporting_association_follows_its_report_but_not_the_owner(cast):
    reported = signal(reporter=cast.association)
    assert p.can_read_signal(cast.association_admin, reported)
    assert not p.can_read_owner(cast.association_admin, reported)
    assert not p.can_read_signal(cast.association_admin, signal())


def test_an_unconfirmed_report_is_read_by_nobody(cast):
    unconfirmed = signal(SignalStatus.unconfirmed)
    for reader in (cast.commune_editor, cast.cpas_admin, cast.moderator):
        assert not p.can_read_signal(reader, unconfirmed) and not p.can_read_owner(reader, unconfirmed)


def test_the_commune_moderates_and_the_guichet_only_where_the_commune_is_not_on_the_portal(cast):
    pending = signal()
    assert p.can_moderate(cast.commune_editor, pending, commune_on_portal=True)
    assert not p.can_moderate(cast.commune_evaluator, pending, commune_on_portal=True)
    assert not p.can_moderate(cast.cpas_admin, pending, commune_on_portal=True)
    assert not p.can_moderate(cast.moderator, pending, commune_on_portal=True)
    assert p.can_moderate(cast.moderator, pending, commune_on_portal=False)
    assert not p.can_moderate(cast.commune_editor, signal(SignalStatus.accepted), commune_on_portal=True)


def test_outcomes_are_recorded_by_the_commune_and_its_cpas_on_the_register_only(cast):
    accepted = signal(SignalStatus.accepted)
    assert p.can_record_outcome(cast.commune_editor, accepted) and p.can_record_outcome(cast.cpas_admin, accepted)
    assert not p.can_record_outcome(cast.commune_evaluator, accepted)
    assert not p.can_record_outcome(cast.moderator, accepted)
    assert not p.can_record_outcome(cast.commune_editor, signal(SignalStatus.pending))


def test_who_reports(cast):
    assert p.can_report(cast.commune_editor, cast.commune) and p.can_report(cast.association_admin, cast.association)
    assert not p.can_report(cast.commune_evaluator, cast.commune)
    sisp = cast.sisp_admin.memberships[0].organisation
    assert not p.can_report(cast.sisp_admin, sisp)                           # an owner that is no local authority
    assert p.can_report_for_region(cast.moderator) and not p.can_report_for_region(cast.commune_editor)


def test_the_signals_workflow():
    assert SIGNALS.allowed(SignalStatus.unconfirmed, SignalStatus.pending)
    assert not SIGNALS.allowed(SignalStatus.unconfirmed, SignalStatus.accepted)     # never without its check
    for outcome in (SignalStatus.site, SignalStatus.dgp_case, SignalStatus.occupancy, SignalStatus.closed):
        assert SIGNALS.allowed(SignalStatus.accepted, outcome)
        assert not SIGNALS.allowed(SignalStatus.pending, outcome)
    assert not SIGNALS.allowed(SignalStatus.rejected, SignalStatus.accepted)
