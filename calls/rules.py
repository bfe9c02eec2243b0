"""Pure rules of open calls: criteria weights, the order of the dates, deadlines to the second, sealing,
addenda. No database, no request; `now` is always given (aware UTC)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

SCALES = (5, 10)
TOTAL_WEIGHT = 100


def weight_problems(weights: Iterable[int]) -> list[str]:
    """Codes of what is wrong with the criteria's weights: none, not_positive, not_100."""
    weights = list(weights)
    problems = []
    if not weights:
        problems.append("none")
    if any(w is None or w <= 0 for w in weights):
        problems.append("not_positive")
    if weights and sum(w or 0 for w in weights) != TOTAL_WEIGHT:
        problems.append("not_100")
    return problems


@dataclass(frozen=True)
class CallDates:
    publication: datetime
    questions_deadline: datetime
    submission_deadline: datetime
    decision: date
    visits: tuple[datetime, ...] = ()
    occupancy_start: date | None = None
    occupancy_end: date | None = None


def date_problems(dates: CallDates, now: datetime, *, brussels_date) -> dict[str, str]:
    """Field -> code for each date out of order or in the past (the first problem of each field).

    `brussels_date(dt)` turns an instant into its Brussels calendar day (portal.clock's zone), so that
    a decision "on the deadline's day" compares as people read it.
    """
    problems: dict[str, str] = {}

    def flag(field, code):
        problems.setdefault(field, code)

    if dates.publication <= now:
        flag("publication", "past")
    for visit in dates.visits:
        if not dates.publication <= visit <= dates.submission_deadline:
            flag("visits", "outside")
    if dates.questions_deadline <= dates.publication:
        flag("questions_deadline", "before_publication")
    if dates.submission_deadline <= dates.questions_deadline:
        flag("submission_deadline", "before_questions")
    if dates.decision < brussels_date(dates.submission_deadline):
        flag("decision", "before_submission")
    if dates.occupancy_start is not None and dates.occupancy_start < dates.decision:
        flag("occupancy_start", "before_decision")
    if dates.occupancy_end is not None and dates.occupancy_start is not None \
            and dates.occupancy_end < dates.occupancy_start:
        flag("occupancy_end", "before_start")
    return problems


def publication_due(publication_at: datetime, now: datetime) -> bool:
    """An approved call goes public at its planned moment, to the second, not before."""
    return now >= publication_at


def submissions_open(submission_deadline: datetime, now: datetime) -> bool:
    """Open strictly before the deadline: at the deadline's second it is closed."""
    return now < submission_deadline


def questions_open(questions_deadline: datetime, now: datetime) -> bool:
    return now < questions_deadline


def sealed(submission_deadline: datetime, now: datetime) -> bool:
    """Until the deadline the owner sees how many applications there are, never their content."""
    return now < submission_deadline


def is_past_deadline(submission_deadline: datetime, now: datetime) -> bool:
    return not submissions_open(submission_deadline, now)


# Reminders to organisations with a draft, this many days before the deadline.
REMINDER_DAYS = (3, 1)


def reminder_due(submission_deadline: datetime, days: int, now: datetime) -> bool:
    """A reminder "n days before" is sent from that moment until the deadline, never after it, and not when the
    deadline has since moved further than n days away (an addendum pushed it later)."""
    return submission_deadline - timedelta(days=days) <= now < submission_deadline


# Addenda: once published, a call is frozen (calls.permissions.can_edit_call); a correction is an addendum.

def addendum_problems(*, current_deadline: datetime, new_deadline: datetime | None, now: datetime,
                      text_fr: str, text_nl: str) -> dict[str, str]:
    """An addendum says what changes in both languages; it may only push the deadline later, never earlier."""
    problems: dict[str, str] = {}
    if not (text_fr or "").strip():
        problems["text_fr"] = "required"
    if not (text_nl or "").strip():
        problems["text_nl"] = "required"
    if is_past_deadline(current_deadline, now):
        problems["new_deadline"] = "closed"
    elif new_deadline is not None:
        if new_deadline <= current_deadline:
            problems["new_deadline"] = "earlier"
        elif new_deadline <= now:
            problems["new_deadline"] = "past"
    return problems


# Contesting the decision: the call says who receives an appeal and within how many days of the decision.

APPEAL_DAYS = (1, 365)   # the delay a call may state, in days
MAX_STANDSTILL_DAYS = 60    # days after a decision during which its agreements wait (calls.appeals)


def appeal_deadline(decided_on: date, days: int) -> date:
    """The last day to contest a decision taken (and told to every applicant) on `decided_on`: the delay counts
    from the next day and includes its last day; a last day that falls on a Saturday or a Sunday moves to the
    Monday after."""
    if not APPEAL_DAYS[0] <= days <= APPEAL_DAYS[1]:
        raise ValueError(f"an appeal delay of {days} days")
    last = decided_on + timedelta(days=days)
    while last.weekday() >= 5:
        last += timedelta(days=1)
    return last
