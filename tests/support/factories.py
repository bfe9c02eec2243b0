"""Small makers of test data, with role-named users."""
from __future__ import annotations

import itertools
from types import SimpleNamespace

from portal.accounts.models import User
from portal.accounts.operations import create_user
from portal.accounts.rules import second_factor_required
from portal.demo.second_factor import enrol, fresh_code
from portal.extensions import db
from portal.organisations.models import Membership, Organisation
from portal.organisations.workflow import LegalForm, OrganisationStatus
from portal.roles import OrganisationKind, Role

PASSWORD = "Correct-horse-battery-9"
_counter = itertools.count(1)


def make_user(email: str | None = None, *, name: str | None = None, language: str = "en", password: str = PASSWORD):
    n = next(_counter)
    return create_user(email=email or f"user{n}@example.org", name=name or f"User {n}", password=password,
                       language=language)


def make_org(slug: str | None = None, *, kind=OrganisationKind.occupant, status=OrganisationStatus.approved,
             name: str | None = None, **fields):
    n = next(_counter)
    slug = slug or f"org-{n}"
    legal_form = fields.pop("legal_form", {
        OrganisationKind.occupant: LegalForm.asbl, OrganisationKind.public_owner: LegalForm.commune,
        OrganisationKind.guichet: LegalForm.public_service}[kind])
    organisation = Organisation(
        slug=slug, kind=kind, status=status, legal_form=legal_form, name_fr=name or f"Organisation {slug}",
        name_nl=(name or f"Organisatie {slug}"), commune=fields.pop("commune", "ixelles"),
        address=fields.pop("address", "Rue de la Loi 1"), postcode=fields.pop("postcode", "1050"),
        contact_email=fields.pop("contact_email", f"contact@{slug}.example.org"), **fields,
    )
    db.session.add(organisation)
    db.session.flush()
    return organisation


def make_member(organisation, role: Role, email: str | None = None, **user_fields):
    user = make_user(email, **user_fields)
    db.session.add(Membership(user=user, organisation=organisation, role=role))
    db.session.flush()
    return user


def make_world():
    """The standard cast: the Guichet, two owners, two occupants and a pending registration; the Guichet's staff and
    the approved organisations' admins have their second factor set up."""
    K, R = OrganisationKind, Role
    guichet = make_org("guichet", kind=K.guichet, name="Guichet")
    owner = make_org("owner-a", kind=K.public_owner, name="Commune A")
    other_owner = make_org("owner-b", kind=K.public_owner, name="Commune B")
    occupant = make_org("occupant-a", kind=K.occupant, name="Asbl A")
    other_occupant = make_org("occupant-b", kind=K.occupant, name="Asbl B")
    pending = make_org("pending-c", kind=K.occupant, status=OrganisationStatus.pending, name="Asbl pending C")
    w = SimpleNamespace(
        guichet=guichet, owner=owner, other_owner=other_owner, occupant=occupant, other_occupant=other_occupant,
        pending=pending,
        guichet_admin=make_member(guichet, R.admin, "guichet.admin@example.org", name="Gina Guichet"),
        guichet_moderator=make_member(guichet, R.moderator, "guichet.moderator@example.org", name="Mo Moderator"),
        owner_admin=make_member(owner, R.admin, "owner.admin@example.org", name="Olga Owner"),
        owner_editor=make_member(owner, R.editor, "owner.editor@example.org", name="Ed Editor"),
        owner_evaluator=make_member(owner, R.evaluator, "owner.evaluator@example.org", name="Eva Evaluator"),
        occupant_admin=make_member(occupant, R.admin, "occupant.admin@example.org", name="Otto Occupant"),
        occupant_editor=make_member(occupant, R.editor, "occupant.editor@example.org", name="Emma Editor",
                                    language="nl"),
        other_owner_admin=make_member(other_owner, R.admin, "other.owner@example.org", name="Bruno Other"),
        other_occupant_admin=make_member(other_occupant, R.admin, "other.occupant@example.org", name="Zoe Other"),
        pending_admin=make_member(pending, R.admin, "pending.admin@example.org", name="Paula Pending",
                                  language="nl"),
    )
    # Whoever must have a second factor has it, with the demo's secret of their address (as `flask demo load` gives
    # the demo's accounts): code_of(user) computes its code, and the browser's sign-in types it.
    for user in vars(w).values():
        if isinstance(user, User) and second_factor_required(user):
            enrol(user)
    db.session.commit()
    return w


def code_of(user_id: int) -> str:
    """A code of the user's second factor that its next use accepts (in an app context). A test signs in and signs
    faster than a code changes, which a person cannot: as the demo does, the step last used is moved back first."""
    code = fresh_code(db.session.get(User, user_id))
    db.session.commit()
    return code
