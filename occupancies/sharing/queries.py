"""Reads of sharing sessions and the library. A session is reached only through the audience rule (a visitor
finds nothing of a session not meant for them: 404) or, for its management, in its organiser's space."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import abort
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from occupancies.models import Occupancy, Site
from occupancies.sharing import permissions as p
from occupancies.sharing.models import Facilitator, Registration, Resource, SharingSession
from occupancies.sharing.workflow import ACTIVE, Audience, RegistrationStatus, ResourceKind, SessionStatus, Theme
from occupancies.workflow import PublicationStatus
from portal import clock
from portal.accounts.models import User
from portal.database import MAX_ID
from portal.extensions import db
from portal.organisations.models import Membership, Organisation
from portal.organisations.workflow import OrganisationStatus
from portal.roles import OrganisationKind
from portal.tenancy import get_in_tenant_or_404, tenant_select

PAGE = 30
LIBRARY_PAGE = 50


def _visible(user):
    """The SQL condition of the sessions the user may read."""
    own = [m.organisation_id for m in user.memberships] if getattr(user, "is_authenticated", False) else []
    return or_(SharingSession.audience.in_(sorted(p.audiences_of(user))), SharingSession.organisation_id.in_(own))


def session_or_404(user, session_id) -> SharingSession:
    session = db.session.scalar(select(SharingSession).where(SharingSession.id == session_id, _visible(user)))
    if session is None:
        abort(404)
    return session


def managed_session_or_404(session_id) -> SharingSession:
    """A session of the organiser whose space this is."""
    return get_in_tenant_or_404(SharingSession, session_id)


def counts(session_ids) -> dict[int, dict]:
    """Registered and waiting people per session (one query)."""
    found = {i: {RegistrationStatus.registered: 0, RegistrationStatus.waiting: 0} for i in session_ids}
    if found:
        for session_id, status, n in db.session.execute(
                select(Registration.session_id, Registration.status, func.count(Registration.id))
                .where(Registration.session_id.in_(found), Registration.status.in_(ACTIVE))
                .group_by(Registration.session_id, Registration.status)):
            found[session_id][status] = n
    return found


@dataclass
class SessionRow:
    session: SharingSession
    registered: int
    waiting: int


def _rows(sessions) -> list[SessionRow]:
    found = counts([s.id for s in sessions])
    return [SessionRow(s, found[s.id][RegistrationStatus.registered], found[s.id][RegistrationStatus.waiting])
            for s in sessions]


def visible_sessions(user, *, past: bool, theme: Theme | None = None, page: int = 1) -> tuple[list[SessionRow], int]:
    """Upcoming sessions (soonest first) or past ones (latest first), with their counts (three queries)."""
    now = clock.now()
    query = select(SharingSession).where(_visible(user))
    query = query.where(SharingSession.ends_at <= now) if past else query.where(SharingSession.ends_at > now)
    if theme:
        query = query.where(SharingSession.theme == theme)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    order = SharingSession.starts_at.desc() if past else SharingSession.starts_at
    sessions = db.session.scalars(query.order_by(order, SharingSession.id).limit(PAGE)
                                  .offset((page - 1) * PAGE)).unique().all()
    return _rows(sessions), total


def organised_sessions(organisation) -> list[SessionRow]:
    """The organiser's sessions, latest first."""
    sessions = db.session.scalars(tenant_select(SharingSession, organisation)
                                  .order_by(SharingSession.starts_at.desc()).limit(200)).unique().all()
    return _rows(sessions)


def feed_sessions(user) -> list[SharingSession]:
    """The sessions of the calendar feed: from three months back to a year ahead."""
    now = clock.now()
    return db.session.scalars(select(SharingSession).where(
        _visible(user), SharingSession.starts_at >= now - timedelta(days=92),
        SharingSession.starts_at <= now + timedelta(days=366)).order_by(SharingSession.starts_at)).unique().all()


def registrations_of(session) -> list[Registration]:
    """Registered people in the order they came, then the waiting list in its order, then the cancelled."""
    rank = {RegistrationStatus.registered: 0, RegistrationStatus.waiting: 1, RegistrationStatus.cancelled: 2}
    # The people's memberships are not needed here: 300 people of one organisation loaded 600 more objects.
    found = db.session.scalars(select(Registration).where(Registration.session_id == session.id)
                               .options(joinedload(Registration.user).lazyload(User.memberships))
                               .order_by(Registration.queued_at, Registration.id)).unique().all()
    return sorted(found, key=lambda r: rank[r.status])


@dataclass
class Yours:
    """On a session's page, the registrations of the reader and of the reader's organisations (not cancelled): the
    first shown, the reader's own first, then the registered before the waiting, in the order they came; how many
    there are in all; the number on the waiting list of those shown waiting."""

    shown: list[Registration]
    count: int
    positions: dict[int, int]


def yours(session, user_id: int | None, organisation_ids, limit: int | None) -> Yours:
    """Three queries whatever the number of people registered (a session of 300 loaded them all, with their
    accounts, to show 20)."""
    if user_id is None:
        return Yours([], 0, {})
    concerned = and_(Registration.session_id == session.id, Registration.status.in_(ACTIVE),
                     or_(Registration.user_id == user_id, Registration.organisation_id.in_(list(organisation_ids))))
    query = (select(Registration).where(concerned)
             .options(joinedload(Registration.user).lazyload(User.memberships))
             .order_by(Registration.user_id != user_id, Registration.status != RegistrationStatus.registered,
                       Registration.queued_at, Registration.id))
    shown = list(db.session.scalars(query.limit(limit) if limit is not None else query).unique())
    count = db.session.scalar(select(func.count(Registration.id)).where(concerned)) or 0
    waiting_ids = [r.id for r in shown if r.status == RegistrationStatus.waiting]
    positions = {}
    if waiting_ids:
        numbered = (select(Registration.id, func.row_number().over(order_by=(Registration.queued_at,
                                                                             Registration.id)).label("number"))
                    .where(Registration.session_id == session.id, Registration.status == RegistrationStatus.waiting)
                    .subquery())
        positions = dict(db.session.execute(select(numbered.c.id, numbered.c.number)
                                            .where(numbered.c.id.in_(waiting_ids))).all())
    return Yours(shown, count, positions)


def members_not_on(session, organisation) -> list:
    """The organisation's active members not registered nor waiting on the session: whom its registration form
    offers (one query)."""
    on_it = select(Registration.id).where(Registration.session_id == session.id, Registration.user_id == User.id,
                                          Registration.status.in_(ACTIVE)).exists()
    return db.session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.organisation_id == organisation.id, User.active.is_(True), ~on_it)
        .options(lazyload(User.memberships))).all()


def registrations_outside_signatories(session) -> int:
    """Active registrations of organisations that neither signed the Charter, nor are the Guichet or the
    organiser: those a signatories-only session would strand."""
    return db.session.scalar(select(func.count(Registration.id)).join(
        Organisation, Organisation.id == Registration.organisation_id).where(
        Registration.session_id == session.id, Registration.status.in_(ACTIVE),
        Organisation.charter_signed_on.is_(None), Organisation.kind != OrganisationKind.guichet,
        Organisation.id != session.organisation_id))


def registration_or_404(session, registration_id) -> Registration:
    registration = db.session.scalar(select(Registration).where(Registration.id == registration_id,
                                                                Registration.session_id == session.id))
    if registration is None:
        abort(404)
    return registration


def waiting_list(session, limit: int | None = None) -> list[Registration]:
    query = select(Registration).where(Registration.session_id == session.id,
                                       Registration.status == RegistrationStatus.waiting) \
        .order_by(Registration.queued_at, Registration.id)
    return db.session.scalars(query.limit(limit) if limit is not None else query).unique().all()


def active_count(session, *, status=None, organisation_id=None) -> int:
    query = select(func.count(Registration.id)).where(Registration.session_id == session.id)
    query = query.where(Registration.status == status) if status else query.where(Registration.status.in_(ACTIVE))
    if organisation_id is not None:
        query = query.where(Registration.organisation_id == organisation_id)
    return db.session.scalar(query)


def people(user_ids) -> list:
    """The users of the ids ticked, in the order ticked (unknown ids left out; the operation checks the rest)."""
    ids = list(dict.fromkeys(i for i in user_ids if isinstance(i, int) and 0 < i <= MAX_ID))[:50]
    found = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    return [found[i] for i in ids if i in found]


def audience_members(session) -> list:
    """Everyone the session's audience covers, once each, in one query: the active members of every approved
    organisation (partners, public), or of the signatories, the Guichet and the organiser (signatories). A person
    in several of these organisations is one row."""
    covered = select(Membership.user_id).join(Organisation, Organisation.id == Membership.organisation_id).where(
        Organisation.status == OrganisationStatus.approved)
    if session.audience == Audience.signatories:
        covered = covered.where(or_(Organisation.charter_signed_on.is_not(None),
                                    Organisation.kind == OrganisationKind.guichet,
                                    Organisation.id == session.organisation_id))
    return db.session.scalars(select(User).where(User.active.is_(True), User.id.in_(covered))
                              .order_by(User.id)).all()


def hidden_upcoming_count(user, *, theme: Theme | None = None) -> int:
    """How many planned sessions to come are for an audience the user is not in (members', signatories'): the
    visitor is told they exist, never what they are."""
    query = select(func.count(SharingSession.id)).where(
        ~_visible(user), SharingSession.status == SessionStatus.planned, SharingSession.ends_at > clock.now())
    if theme:
        query = query.where(SharingSession.theme == theme)
    return db.session.scalar(query) or 0


def occupied_sites(today=None) -> list[Site]:
    """Published sites of the register with an occupancy today: where a session may be held."""
    today = today or clock.today()
    return db.session.scalars(select(Site).where(
        Site.publication == PublicationStatus.published,
        Site.id.in_(select(Occupancy.site_id).where(Occupancy.start_date <= today, or_(
            Occupancy.end_date.is_(None), Occupancy.end_date >= today)))).order_by(Site.name)).all()


def facilitators(*, active_only: bool = True) -> list[Facilitator]:
    query = select(Facilitator).order_by(Facilitator.name)
    return db.session.scalars(query.where(Facilitator.active.is_(True)) if active_only else query).all()


def facilitator_or_404(facilitator_id) -> Facilitator:
    facilitator = db.session.get(Facilitator, facilitator_id)
    if facilitator is None:
        abort(404)
    return facilitator


def _like(text: str) -> str:
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def library(user, *, text: str = "", theme: Theme | None = None, page: int = 1) -> tuple[list[Resource], int]:
    """The toolbox and the resources of the sessions the user reads, newest first, searched in both languages."""
    query = select(Resource).outerjoin(SharingSession, SharingSession.id == Resource.session_id).where(
        or_(Resource.session_id.is_(None), and_(_visible(user), SharingSession.status == SessionStatus.planned)))
    if theme:
        query = query.where(Resource.theme == theme)
    if text:
        pattern = _like(text)
        query = query.where(or_(*(func.lower(column).like(pattern, escape="\\") for column in (
            Resource.title_fr, Resource.title_nl, Resource.description_fr, Resource.description_nl,
            Resource.original_name, SharingSession.minutes_fr, SharingSession.minutes_nl))))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    resources = db.session.scalars(query.order_by(Resource.created_at.desc(), Resource.id.desc())
                                   .limit(LIBRARY_PAGE).offset((page - 1) * LIBRARY_PAGE)).unique().all()
    return resources, total


def toolbox() -> list[Resource]:
    """The Guichet's own documents, newest first."""
    return db.session.scalars(select(Resource).where(Resource.session_id.is_(None))
                              .order_by(Resource.created_at.desc(), Resource.id.desc())).unique().all()


def resources_of(session) -> list[Resource]:
    """The files and links shared at the session (its minutes are on its page already). Their session is the one
    given, attached as loaded: the query does not join it again with its site, organiser and facilitator."""
    found = db.session.scalars(select(Resource).where(Resource.session_id == session.id,
                                                      Resource.kind != ResourceKind.minutes)
                               .options(lazyload("*")).order_by(Resource.created_at, Resource.id)).unique().all()
    for resource in found:
        set_committed_value(resource, "session", session)
    return found


def resource_or_404(user, resource_id) -> Resource:
    resource = db.session.get(Resource, resource_id)
    if resource is None or not p.can_read_resource(user, resource):
        abort(404)
    return resource


@dataclass
class Initiative:
    site: Site
    occupant: str
    use: object
    since: object


def initiatives(today=None, *, commune: str | None = None) -> list[Initiative]:
    """The registry of ongoing initiatives: today's occupancies of the published sites (one query); organisations
    by name, a private individual never."""
    today = today or clock.today()
    query = select(Occupancy).join(Site, Site.id == Occupancy.site_id).where(
        Site.publication == PublicationStatus.published, Occupancy.start_date <= today,
        or_(Occupancy.end_date.is_(None), Occupancy.end_date >= today))
    if commune:
        query = query.where(Site.commune == commune)
    found = db.session.scalars(query.options(contains_eager(Occupancy.site))
                               .order_by(Site.commune, Site.name, Occupancy.start_date)).unique().all()
    return [Initiative(o.site, o.public_name, o.use_category, o.start_date) for o in found]


@dataclass(frozen=True)
class Task:
    kind: str          # session_minutes (organiser), session_registered / session_waiting (participant)
    session: SharingSession
    position: int = 0


def session_tasks(user, organisation, now) -> list[Task]:
    """What waits for this member: the organiser's sessions held without minutes, and the sessions of the coming
    month the member is registered for or waiting on (two queries)."""
    tasks = []
    if p.can_organise_sessions(user, organisation):
        # A task names the session and links to its organiser's pages: the organiser is read, not its site
        # with the site's owner nor its facilitator.
        tasks += [Task("session_minutes", s) for s in db.session.scalars(
            tenant_select(SharingSession, organisation).where(
                SharingSession.status == SessionStatus.planned, SharingSession.ends_at <= now,
                SharingSession.minutes_published_at.is_(None))
            .options(lazyload("*"), joinedload(SharingSession.organiser))
            .order_by(SharingSession.starts_at).limit(5)).unique()]
    mine = db.session.scalars(select(Registration).join(SharingSession, SharingSession.id == Registration.session_id)
                              .where(Registration.user_id == user.id, Registration.status.in_(ACTIVE),
                                     SharingSession.status == SessionStatus.planned, SharingSession.starts_at > now,
                                     SharingSession.starts_at <= now + timedelta(days=31))
                              .options(lazyload("*"), contains_eager(Registration.session).lazyload("*"))
                              .order_by(SharingSession.starts_at).limit(5)).unique().all()
    return tasks + [Task(f"session_{r.status.value}", r.session) for r in mine]
