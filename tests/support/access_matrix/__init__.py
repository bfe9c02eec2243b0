"""The vocabulary of the access matrix (tests/web/test_access_matrix.py), shared by the tables of each feature:
agreements, applications, calls, dgp, evaluation, reports and sharing, the modules of this package."""
from __future__ import annotations


class PerEndpoint(dict):
    """A URL value that differs for some endpoints: `default` for the others."""

    def __init__(self, default, **by_endpoint):
        super().__init__({k.replace("__", "."): v for k, v in by_endpoint.items()})
        self.default = default

    def __missing__(self, key):
        return self.default


ROLES = ["anonymous", "guichet_admin", "guichet_moderator", "owner_admin", "owner_editor", "owner_evaluator",
         "occupant_admin", "occupant_editor", "other_owner_admin", "pending_admin"]
GUICHET = {"guichet_admin", "guichet_moderator"}
OWNER_A = {"owner_admin", "owner_editor", "owner_evaluator"}
INVITATION_TOKEN = "matrix-invitation-token"
SIGN_UP_TOKEN = "matrix-sign-up-token"     # an association's registration waiting for its address to be confirmed

OCCUPANT_A = {"occupant_admin", "occupant_editor"}
# Texts that only some roles may see anywhere: owner-a's (and the Guichet's) by default.
SECRETS = {text: GUICHET | OWNER_A for text in (
    "owner.editor@example.org", "contact@owner-a.example.org", "invited.person@example.org",
    "Hidden draft of owner-a")}
# A private owner's identity, and the address of someone of the public who reported a vacant place: the commune
# (owner-a) and its CPAS only, never the Guichet (the vacancy register, vacancies.py).
PRIVATE_OWNER, PUBLIC_REPORTER = "Jeanne Secret-Owner", "reporter.public@example.org"
CASE_OWNER = "Gaston Case-Owner"     # the owner of a DGP case: its operator's members only (dgp.py)
SECRETS.update({PRIVATE_OWNER: OWNER_A, PUBLIC_REPORTER: OWNER_A, CASE_OWNER: OWNER_A})
# The invitation link is the invitee's credential: whoever holds it sees the address it was sent to.
SHOWN_TO_TOKEN_HOLDER = {"registration.accept_invitation": {"invited.person@example.org"}}


def answer(default, **by_role):
    """Expected status for each role: `default`, or the role's own, or a group's (owner_a=, guichet=)."""
    table = {role: default for role in ROLES}
    for role in ROLES:
        if role in GUICHET and "guichet" in by_role:
            table[role] = by_role["guichet"]
        if role in OWNER_A and "owner_a" in by_role:
            table[role] = by_role["owner_a"]
        if role != "anonymous" and "signed_in" in by_role and role not in by_role:
            table[role] = by_role["signed_in"]
    for role, status in by_role.items():
        if role in ROLES:
            table[role] = status
    return table


def tenant(ok, *, admin=None, evaluator=None, anonymous=302):
    """A page of owner-a: its members get `ok` (`admin`: what non-admins get; `evaluator`: what evaluators
    get), everyone else 404."""
    table = answer(404, anonymous=anonymous, owner_a=ok)
    if admin is not None:
        table["owner_editor"] = table["owner_evaluator"] = admin
    if evaluator is not None:
        table["owner_evaluator"] = evaluator
    return table


def guichet(ok, *, moderator=None):
    table = answer(404, anonymous=302, guichet=ok)
    if moderator is not None:
        table["guichet_moderator"] = moderator
    return table
