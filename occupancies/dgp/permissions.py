"""Who keeps the index series (the Guichet's admins; its staff read them; the capped rents are public), who opens
and keeps the cases (an operator's writers; its members read them), and who supports them (the organisation an
operator invites: Bruxelles Logement's Réhabilitation cell, a regional public service)."""
from __future__ import annotations

from portal.roles import APPROVED, WRITERS, OrganisationKind, is_guichet_admin, is_guichet_staff, role_in


def can_read_indices(user) -> bool:
    return is_guichet_staff(user)


def can_maintain_indices(user) -> bool:
    return is_guichet_admin(user)


# The operators of the public management right: the communes and CPAS, the municipal and regional boards, the
# regional public service (portal.organisations.workflow.LegalForm), never a social housing company or an agency.
OPERATOR_FORMS = frozenset({"commune", "cpas", "regional_company", "public_service"})


def is_operator(organisation) -> bool:
    return organisation is not None and organisation.kind == OrganisationKind.public_owner \
        and organisation.status == APPROVED and organisation.legal_form in OPERATOR_FORMS


def can_open_case(user, organisation) -> bool:
    return is_operator(organisation) and role_in(user, organisation) in WRITERS


def can_read_cases(user, organisation) -> bool:
    return is_operator(organisation) and role_in(user, organisation) is not None


def can_read_case(user, case) -> bool:
    """The operator's members read its cases, with the owner's identity; no one else does."""
    return role_in(user, case.organisation) is not None


def can_act_on_case(user, case) -> bool:
    return is_operator(case.organisation) and role_in(user, case.organisation) in WRITERS


# The organisations an operator may invite to support a case: the region's public services (Bruxelles Logement, whose
# Réhabilitation cell supports the visit, the studies, the proposal and the loan, the works).
SUPPORT_FORMS = frozenset({"public_service"})


def may_support(organisation) -> bool:
    return organisation is not None and organisation.kind == OrganisationKind.public_owner \
        and organisation.status == APPROVED and organisation.legal_form in SUPPORT_FORMS


def can_read_supported(user, organisation) -> bool:
    """The members of a supporting organisation read the cases it is invited onto (never their owner)."""
    return may_support(organisation) and role_in(user, organisation) is not None


def can_support_case(user, case) -> bool:
    """The writers of the organisation invited onto a case record the steps it supports."""
    return case.support is not None and may_support(case.support) and role_in(user, case.support) in WRITERS


def can_read_region(user, organisation) -> bool:
    """The region's figures of the cases (by phase, dwellings let, time per phase): the Guichet's staff, and the
    members of a supporting organisation."""
    return is_guichet_staff(user) or can_read_supported(user, organisation)
