"""Who keeps the index series (the Guichet's admins; its staff read them; the capped rents are public), and who
opens and keeps the cases (an operator's writers; its members read them)."""
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
