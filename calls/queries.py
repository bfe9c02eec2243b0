"""Reads about calls, each page at a constant number of queries. The owner's reads go through the tenant;
the public ones see only calls the Guichet has published."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import abort
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, lazyload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from calls.models import Call, Question
from calls.workflow import PUBLIC_STATUSES, CallStatus, effective_status
from occupancies.models import Site
from occupancies.workflow import UseCategory
from portal import cache, clock, features, listing
from portal.extensions import db
from portal.organisations.models import Membership
from portal.region import COMMUNES
from portal.roles import WRITERS
from portal.tenancy import get_in_tenant_or_404, tenant_select

PAGE_SIZE = 20
FEED_SIZE = 200
_DETAILS = (selectinload(Call.criteria), selectinload(Call.conditions), selectinload(Call.units),
            selectinload(Call.visits), selectinload(Call.addenda))


@dataclass(frozen=True)
class CallRow:
    call: Call
    submitted: int          # applications received
    drafts: int             # in preparation


def _no_counts(call_ids) -> dict:
    return {}


def _rows(query) -> list[CallRow]:
    """The calls of a list, with the counts of their applications as the applications feature tells them (one
    grouped query, whatever the number of calls)."""
    calls = list(db.session.scalars(query).unique())
    counts = features.provided("application_counts", default=_no_counts)([call.id for call in calls])
    return [CallRow(call, *counts.get(call.id, (0, 0))) for call in calls]


def owner_calls(organisation) -> list[CallRow]:
    return _rows(tenant_select(Call, organisation).order_by(Call.submission_deadline.desc()))


def call_in_tenant_or_404(call_id: int) -> Call:
    """A call of the request's organisation, with its terms (another tenant's call is not found)."""
    call = db.session.scalar(tenant_select(Call).where(Call.id == call_id).options(*_DETAILS))
    if call is None:
        abort(404)
    return call


def read_as_closed(call: Call, now) -> Call:
    """The call as its pages must read it: a published call past its deadline is closed, even before the closing
    job (or the sweep) has written it.

    A GET never writes, so it cannot close the call itself; the loaded object is given the closed status as if
    the database held it (set_committed_value: no change for the session to flush, no UPDATE, no audit entry),
    so that the permissions and templates that read `call.status` see what the rules say. The job writes it."""
    if call.status == CallStatus.published and effective_status(call, now) == CallStatus.closed:
        set_committed_value(call, "status", CallStatus.closed)
    return call


def owner_sites(organisation) -> list[Site]:
    return list(db.session.scalars(tenant_select(Site, organisation).options(selectinload(Site.units))
                                   .order_by(Site.name)))


def site_of_owner_or_404(organisation, site_id) -> Site:
    return get_in_tenant_or_404(Site, site_id, organisation)


def questions_of(call, *, answered_only: bool) -> list[Question]:
    query = select(Question).where(Question.call_id == call.id)
    if answered_only:
        query = query.where(Question.answered_at.is_not(None))
    return list(db.session.scalars(query.order_by(Question.asked_at)))


def question_of_call_or_404(call, question_id) -> Question:
    question = db.session.scalar(select(Question).where(Question.id == question_id, Question.call_id == call.id))
    if question is None:
        abort(404)
    return question


# The Guichet ------------------------------------------------------------------------------------------


def calls_to_moderate() -> list[CallRow]:
    return _rows(select(Call).where(Call.status == CallStatus.submitted).order_by(Call.publication_at))


def calls_to_be_published() -> list[CallRow]:
    """Approved by the Guichet, waiting for their planned publication: the soonest first."""
    return _rows(select(Call).where(Call.status == CallStatus.approved).order_by(Call.publication_at))


def recent_calls(limit: int = 30) -> list[CallRow]:
    return _rows(select(Call).where(Call.status.in_(PUBLIC_STATUSES | {CallStatus.returned}))
                 .order_by(Call.submission_deadline.desc()).limit(limit))


def call_or_404(call_id: int) -> Call:
    call = db.session.scalar(select(Call).where(Call.id == call_id).options(*_DETAILS))
    if call is None:
        abort(404)
    return call


# The public list and feeds -----------------------------------------------------------------------------


_date = listing.day  # a day within the calendar's bounds, else None


@dataclass(frozen=True)
class CallFilters:
    commune: str | None = None
    use: str | None = None
    deadline_before: date | None = None
    state: str = "open"            # open, closed, all
    q: str = ""

    @classmethod
    def from_args(cls, args) -> CallFilters:
        """Unknown values are ignored: a shared link never breaks."""
        commune = args.get("commune")
        use = args.get("use")
        state = args.get("state")
        return cls(commune=commune if commune in COMMUNES else None,
                   use=use if use in UseCategory.__members__ else None,
                   deadline_before=_date(args.get("deadline_before")),
                   state=state if state in ("open", "closed", "all") else "open",
                   q=(args.get("q") or "")[:100].strip())

    def args(self, **changes) -> dict:
        values = {"commune": self.commune, "use": self.use, "q": self.q or None,
                  "deadline_before": self.deadline_before.isoformat() if self.deadline_before else None,
                  "state": self.state if self.state != "open" else None, **changes}
        return {k: v for k, v in values.items() if v}


def _public(filters: CallFilters, now: datetime):
    query = select(Call).join(Site, Site.id == Call.site_id).where(Call.status.in_(PUBLIC_STATUSES))
    is_open = (Call.status == CallStatus.published) & (Call.submission_deadline > now)
    if filters.state == "open":
        query = query.where(is_open)
    elif filters.state == "closed":
        query = query.where(~is_open)
    if filters.commune:
        query = query.where(Site.commune == filters.commune)
    if filters.use:
        # uses is a JSON list: match the quoted value, which works alike on SQLite and PostgreSQL.
        query = query.where(func.cast(Call.uses, db.String).contains(f'"{filters.use}"'))
    if filters.deadline_before:
        end = datetime.combine(filters.deadline_before + timedelta(days=1), time(), clock.BRUSSELS)
        query = query.where(Call.submission_deadline < end)
    if filters.q:
        like = f"%{filters.q}%"
        query = query.where(or_(Call.title_fr.ilike(like), Call.title_nl.ilike(like), Site.name.ilike(like)))
    return query


def public_calls(filters: CallFilters, page: int, per_page: int = PAGE_SIZE) -> tuple[list[Call], int]:
    """One page of the public calls that match, and how many match in all.

    Open or closed is judged at the start of the current minute, as public pages are (their validators change
    each minute, browsers and nginx keep them a minute): so the count of the filters everybody uses can be kept
    until the next operation or the next minute, whichever comes first, and the list always agrees with it."""
    minute = clock.now().replace(second=0, microsecond=0)
    query = _public(filters, minute)

    def count() -> int:
        return db.session.scalar(select(func.count()).select_from(query.with_only_columns(Call.id).subquery())) or 0

    if filters.q or filters.deadline_before:
        total = count()     # what anyone may type is counted each time, so that it never fills the cache
    else:
        total = cache.until_next_operation(
            f"calls-total:{filters.commune or ''}:{filters.use or ''}:{filters.state}:{minute.isoformat()}", count)
    order = (Call.submission_deadline.asc(),) if filters.state == "open" else (Call.submission_deadline.desc(),)
    calls = list(db.session.scalars(query.options(joinedload(Call.site).lazyload("*"))
                                    .order_by(*order, Call.id).offset((page - 1) * per_page).limit(per_page)))
    _site_owned_by_the_caller(calls)
    return calls, total


def _site_owned_by_the_caller(calls) -> None:
    """A call is on its owner's site: the site's owner is the call's, attached as loaded rather than joined a second
    time (23 more columns a row)."""
    for call in calls:
        set_committed_value(call.site, "owner", call.owner)


def public_call_or_404(call_id: int) -> Call:
    call = db.session.scalar(select(Call).where(Call.id == call_id, Call.status.in_(PUBLIC_STATUSES))
                             .options(*_DETAILS, joinedload(Call.site).lazyload(Site.owner)))
    if call is None:
        abort(404)
    _site_owned_by_the_caller([call])
    return call


def public_calls_of_site(site) -> list[Call]:
    """The site's public calls, the site and its owner attached as they are (nothing joined)."""
    calls = list(db.session.scalars(select(Call).where(Call.site_id == site.id, Call.status.in_(PUBLIC_STATUSES))
                                    .options(lazyload("*")).order_by(Call.submission_deadline.desc())))
    for call in calls:
        set_committed_value(call, "site", site)
        set_committed_value(call, "owner", site.owner)
    return calls


def feed_calls_of(filters: CallFilters) -> list[Call]:
    """The public calls a filter keeps, the most recently published first (an Atom feed of that filter)."""
    return list(db.session.scalars(
        _public(filters, clock.now()).options(selectinload(Call.visits), selectinload(Call.addenda))
        .order_by(Call.published_at.desc(), Call.id.desc()).limit(FEED_SIZE)).unique())


def calls_kept(filters: CallFilters, call_ids) -> set[int]:
    """Which of these calls the filter keeps (one query): a saved search's alert."""
    return set(db.session.scalars(_public(filters, clock.now()).with_only_columns(Call.id)
                                  .where(Call.id.in_(call_ids))))


def feed_calls() -> list[Call]:
    """Published calls for the Atom and iCalendar feeds, newest first, with their visits and addenda."""
    return list(db.session.scalars(
        select(Call).where(Call.status == CallStatus.published)
        .options(selectinload(Call.visits), selectinload(Call.addenda))
        .order_by(Call.published_at.desc(), Call.id.desc()).limit(FEED_SIZE)))


# What waits on an organisation's dashboard ------------------------------------------------------------


def calls_sent_back(organisation) -> list[Call]:
    """The organisation's calls that the Guichet sent back, to correct and send again."""
    return list(db.session.scalars(tenant_select(Call, organisation).where(Call.status == CallStatus.returned)
                                   .options(lazyload("*")).order_by(Call.id)))        # their titles only


def calls_past_deadline(organisation, now) -> list[Call]:
    """The organisation's calls closed at their deadline (by the job, or not yet) and not yet under evaluation."""
    return list(db.session.scalars(tenant_select(Call, organisation).where(
        or_(Call.status == CallStatus.closed,
            (Call.status == CallStatus.published) & (Call.submission_deadline <= now)))
        .options(lazyload("*")).order_by(Call.id)))                                     # their titles only


def unanswered_questions(organisation) -> list[tuple[Call, int]]:
    """Per call of the organisation still open or closed, how many questions wait for an answer (one query)."""
    return [tuple(row) for row in db.session.execute(
        select(Call, func.count(Question.id)).join(Question, Question.call_id == Call.id)
        .where(Call.organisation_id == organisation.id, Question.answered_at.is_(None),
               Call.status.in_((CallStatus.published, CallStatus.closed)))
        .options(lazyload("*")).group_by(Call.id).order_by(Call.id)).unique().all()]     # their titles only


def calls_to_moderate_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Call).where(Call.status == CallStatus.submitted))


def members_of(organisation_ids) -> list:
    """The admins and editors of these organisations: who is told of a call's change."""
    if not organisation_ids:
        return []
    memberships = db.session.scalars(select(Membership).where(Membership.organisation_id.in_(organisation_ids),
                                                              Membership.role.in_(WRITERS)))
    return [m.user for m in memberships]
