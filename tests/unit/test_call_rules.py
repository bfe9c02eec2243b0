"""Open calls: weights, dates, the deadline to the second, sealing, addenda; the workflow tables."""
import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from calls.applications import rules as app_rules
from calls.applications.workflow import ApplicationStatus as A
from calls.applications.workflow import transition as move_application
from calls.rules import (
    CallDates,
    addendum_problems,
    date_problems,
    questions_open,
    reminder_due,
    sealed,
    submissions_open,
    weight_problems,
)
from calls.workflow import CallStatus as S
from calls.workflow import transition as move_call
from portal import clock
from portal.workflow import InvalidTransition

UTC = UTC
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 4, 30, 10, 0, tzinfo=UTC)  # noon in Brussels (summer time)


def brussels_date(moment):
    return moment.astimezone(clock.BRUSSELS).date()


@pytest.mark.parametrize("weights, problems", [
    ([40, 35, 25], []),
    ([100], []),
    ([50, 40], ["not_100"]),
    ([60, 50], ["not_100"]),
    ([110, -10], ["not_positive"]),
    ([0, 100], ["not_positive"]),
    ([], ["none"]),
])
def test_weights_sum_to_100(weights, problems):
    assert weight_problems(weights) == problems


def good_dates(**changes):
    values = dict(publication=NOW + timedelta(days=1), questions_deadline=datetime(2026, 4, 15, 10, 0, tzinfo=UTC),
                  submission_deadline=DEADLINE, decision=date(2026, 5, 31),
                  visits=(datetime(2026, 3, 20, 14, 0, tzinfo=UTC),), occupancy_start=date(2026, 7, 1),
                  occupancy_end=date(2028, 6, 30))
    values.update(changes)
    return CallDates(**values)


def test_dates_in_order_and_in_the_future():
    assert date_problems(good_dates(), NOW, brussels_date=brussels_date) == {}


@pytest.mark.parametrize("changes, field, code", [
    ({"publication": NOW - timedelta(minutes=1)}, "publication", "past"),
    ({"publication": NOW}, "publication", "past"),
    ({"questions_deadline": NOW + timedelta(hours=1)}, "questions_deadline", "before_publication"),
    ({"submission_deadline": datetime(2026, 4, 15, 10, 0, tzinfo=UTC)}, "submission_deadline", "before_questions"),
    ({"decision": date(2026, 4, 29)}, "decision", "before_submission"),
    ({"visits": (datetime(2026, 5, 2, 9, 0, tzinfo=UTC),)}, "visits", "outside"),
    ({"occupancy_start": date(2026, 5, 1)}, "occupancy_start", "before_decision"),
    ({"occupancy_end": date(2026, 6, 30)}, "occupancy_end", "before_start"),
])
def test_each_date_error_names_its_field(changes, field, code):
    assert date_problems(good_dates(**changes), NOW, brussels_date=brussels_date)[field] == code


def test_a_decision_on_the_deadlines_brussels_day_is_allowed():
    # 23:30 UTC on 30 April is already 1 May in Brussels.
    late = datetime(2026, 4, 30, 23, 30, tzinfo=UTC)
    problems = date_problems(good_dates(submission_deadline=late, decision=date(2026, 5, 1)), NOW,
                             brussels_date=brussels_date)
    assert "decision" not in problems
    problems = date_problems(good_dates(submission_deadline=late, decision=date(2026, 4, 30)), NOW,
                             brussels_date=brussels_date)
    assert problems["decision"] == "before_submission"


@pytest.mark.parametrize("offset, is_open", [(-1, True), (0, False), (1, False)])
def test_the_deadline_to_the_second(offset, is_open):
    with time_machine.travel(DEADLINE + timedelta(seconds=offset), tick=False):
        now = clock.now()
        assert submissions_open(DEADLINE, now) is is_open
        assert sealed(DEADLINE, now) is is_open
        assert app_rules.may_submit(A.draft, DEADLINE, now) is is_open
        assert app_rules.may_withdraw(A.submitted, DEADLINE, now) is is_open
        assert app_rules.may_edit(A.draft, DEADLINE, now) is is_open
        assert app_rules.may_edit(A.withdrawn, DEADLINE, now) is is_open
        assert app_rules.owner_may_read(DEADLINE, now) is not is_open
        assert questions_open(DEADLINE, now) is is_open


def test_a_submitted_application_is_frozen_and_can_be_withdrawn_then_submitted_again():
    assert not app_rules.may_edit(A.submitted, DEADLINE, NOW)
    assert app_rules.may_withdraw(A.submitted, DEADLINE, NOW)
    assert app_rules.may_submit(A.withdrawn, DEADLINE, NOW)
    assert not app_rules.may_submit(A.submitted, DEADLINE, NOW)


def test_published_calls_freeze_criteria_weights_and_deadlines():
    from types import SimpleNamespace as NS

    from calls.permissions import can_edit_call
    from calls.workflow import CallStatus
    from portal.organisations.workflow import OrganisationStatus
    from portal.roles import OrganisationKind, Role

    owner = NS(id=1, kind=OrganisationKind.public_owner, status=OrganisationStatus.approved)
    editor = NS(is_authenticated=True, active=True,
                membership_in=lambda organisation_id: NS(role=Role.editor) if organisation_id == 1 else None)
    editable = {s for s in CallStatus if can_edit_call(editor, NS(status=s, owner=owner))}
    assert editable == {CallStatus.draft, CallStatus.returned}   # from publication on, only addenda


def test_addenda():
    later = DEADLINE + timedelta(days=7)
    assert addendum_problems(current_deadline=DEADLINE, new_deadline=later, now=NOW,
                             text_fr="Report", text_nl="Uitstel") == {}
    assert addendum_problems(current_deadline=DEADLINE, new_deadline=None, now=NOW, text_fr="Précision",
                             text_nl="Verduidelijking") == {}
    assert addendum_problems(current_deadline=DEADLINE, new_deadline=DEADLINE - timedelta(days=1), now=NOW,
                             text_fr="x", text_nl="y") == {"new_deadline": "earlier"}
    assert addendum_problems(current_deadline=DEADLINE, new_deadline=later, now=DEADLINE,
                             text_fr="x", text_nl="y") == {"new_deadline": "closed"}
    assert addendum_problems(current_deadline=DEADLINE, new_deadline=None, now=NOW, text_fr=" ",
                             text_nl="") == {"text_fr": "required", "text_nl": "required"}


def test_the_receipts_digest_is_canonical():
    a = app_rules.content_digest({"summary": "Projet", "answers": {"2": "B", "1": "A"}})
    b = app_rules.content_digest({"answers": {"1": "A", "2": "B"}, "summary": "Projet"})
    assert a == b and len(a) == 64
    assert app_rules.content_digest({"summary": "Projet!"}) != a


CALL_ALLOWED = {(S.draft, S.submitted), (S.returned, S.submitted), (S.submitted, S.approved),
                (S.submitted, S.returned), (S.approved, S.published), (S.approved, S.returned),
                (S.published, S.closed), (S.published, S.cancelled),
                (S.closed, S.evaluation), (S.closed, S.cancelled), (S.evaluation, S.decided),
                (S.evaluation, S.cancelled),
                (S.decided, S.evaluation)}             # an appeal upheld reopens the evaluation (calls.appeals)


class Thing:
    def __init__(self, status):
        self.status = status


@pytest.mark.parametrize("source, target", list(itertools.product(S, S)))
def test_every_call_transition(source, target):
    call = Thing(source)
    if (source, target) in CALL_ALLOWED:
        assert move_call(call, target) == source and call.status == target
    else:
        with pytest.raises(InvalidTransition):
            move_call(call, target)


APPLICATION_ALLOWED = {(A.draft, A.submitted), (A.submitted, A.withdrawn), (A.withdrawn, A.submitted),
                       (A.submitted, A.selected), (A.submitted, A.not_selected), (A.submitted, A.ineligible),
                       # an appeal upheld sends every decided application of the call back to the evaluation
                       (A.selected, A.submitted), (A.not_selected, A.submitted), (A.ineligible, A.submitted)}


@pytest.mark.parametrize("source, target", list(itertools.product(A, A)))
def test_every_application_transition(source, target):
    application = Thing(source)
    if (source, target) in APPLICATION_ALLOWED:
        assert move_application(application, target) == source
    else:
        with pytest.raises(InvalidTransition):
            move_application(application, target)


def test_a_reminder_is_due_from_its_moment_until_the_deadline_only():
    deadline = datetime(2027, 1, 31, 11, 0, tzinfo=UTC)
    three_days = deadline - timedelta(days=3)
    assert not reminder_due(deadline, 3, three_days - timedelta(seconds=1))
    assert reminder_due(deadline, 3, three_days)
    assert reminder_due(deadline, 1, deadline - timedelta(seconds=1))
    assert not reminder_due(deadline, 1, deadline)                       # closed: nothing to remind
    # The deadline moved a week later: the old "3 days before" moment no longer reminds.
    assert not reminder_due(deadline + timedelta(days=7), 3, three_days)


def test_why_an_action_on_an_application_is_refused():
    deadline = datetime(2027, 1, 31, 11, 0, tzinfo=UTC)
    before, at = deadline - timedelta(seconds=1), deadline
    assert app_rules.refusal(A.draft, True, deadline, before, "edit") is None
    assert app_rules.refusal(A.draft, True, deadline, at, "edit") == "deadline"
    assert app_rules.refusal(A.submitted, True, deadline, at, "withdraw") == "deadline_withdraw"
    assert app_rules.refusal(A.draft, False, deadline, before, "submit") == "call_not_open"
    assert app_rules.refusal(A.draft, True, deadline, before, "withdraw") == "not_submitted"
    assert app_rules.refusal(A.submitted, True, deadline, before, "withdraw") is None
    assert app_rules.refusal(A.submitted, True, deadline, before, "submit") == "already_submitted"
    assert app_rules.refusal(A.submitted, True, deadline, before, "edit") == "frozen"
    assert app_rules.refusal(A.withdrawn, True, deadline, before, "submit") is None
