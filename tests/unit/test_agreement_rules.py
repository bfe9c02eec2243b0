"""Rules of agreements (issue 7): the state machines, month and notice arithmetic, reminders, activation and
amendments. Pure functions; the clock is frozen where "today" matters."""
import itertools
from datetime import date
from decimal import Decimal
from types import SimpleNamespace as NS

import pytest
import time_machine

from occupancies.agreements import rules
from occupancies.agreements.workflow import AgreementStatus as S
from occupancies.agreements.workflow import AmendmentKind as K
from occupancies.agreements.workflow import ChecklistKind as C
from occupancies.agreements.workflow import VersionStatus as V
from occupancies.agreements.workflow import transition, version_transition
from portal import clock
from portal.workflow import InvalidTransition

ALLOWED = {(S.draft, S.sent), (S.draft, S.abandoned), (S.sent, S.draft), (S.sent, S.signed_by_occupant),
           (S.sent, S.abandoned), (S.signed_by_occupant, S.draft), (S.signed_by_occupant, S.signed),
           (S.signed, S.active), (S.signed, S.ended), (S.active, S.ended)}


@pytest.mark.parametrize("source, target", list(itertools.product(S, S)))
def test_every_agreement_transition(source, target):
    agreement = NS(status=source)
    if (source, target) in ALLOWED:
        assert transition(agreement, target) == source and agreement.status == target
    else:
        with pytest.raises(InvalidTransition):
            transition(agreement, target)


VERSION_ALLOWED = {(V.draft, V.sent), (V.sent, V.draft), (V.sent, V.signed_by_occupant),
                   (V.signed_by_occupant, V.draft), (V.signed_by_occupant, V.signed)}


@pytest.mark.parametrize("source, target", list(itertools.product(V, V)))
def test_every_version_transition_and_a_signed_version_never_moves(source, target):
    version = NS(status=source)
    if (source, target) in VERSION_ALLOWED:
        assert version_transition(version, target) == source
    else:
        with pytest.raises(InvalidTransition):
            version_transition(version, target)


@pytest.mark.parametrize("day, months, expected", [
    (date(2027, 1, 31), 1, date(2027, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),          # leap year
    (date(2027, 3, 31), -1, date(2027, 2, 28)),
    (date(2027, 11, 15), 3, date(2028, 2, 15)),
    (date(2027, 5, 31), -3, date(2027, 2, 28)),
    (date(2027, 1, 10), -13, date(2025, 12, 10)),
])
def test_months_are_added_on_the_calendar(day, months, expected):
    assert rules.add_months(day, months) == expected


@pytest.mark.parametrize("given_on, months, expected", [
    (date(2027, 3, 15), 3, date(2027, 6, 30)),          # runs April, May, June
    (date(2027, 3, 31), 3, date(2027, 6, 30)),          # the last day of the month: still from 1 April
    (date(2027, 4, 1), 1, date(2027, 5, 31)),
    (date(2027, 11, 20), 3, date(2028, 2, 29)),          # across the year, into a leap February
    (date(2027, 3, 15), 0, date(2027, 3, 15)),
])
def test_a_notice_runs_from_the_first_of_the_next_month(given_on, months, expected):
    assert rules.notice_end(given_on, months) == expected


def test_a_notice_never_prolongs_the_agreement():
    assert rules.effective_end(date(2027, 5, 31), date(2027, 3, 15), 3) == date(2027, 5, 31)
    assert rules.effective_end(date(2027, 12, 31), date(2027, 3, 15), 3) == date(2027, 6, 30)
    assert rules.effective_end(None, date(2027, 3, 15), 1) == date(2027, 4, 30)


def test_a_notice_given_today_with_a_frozen_clock():
    with time_machine.travel(date(2027, 8, 20), tick=False):
        assert rules.effective_end(date(2028, 12, 31), clock.today(), 2) == date(2027, 10, 31)


def test_reminders_three_months_and_one_month_before_the_end_and_a_week_before_the_start():
    assert rules.reminder_dates(date(2027, 5, 31)) == [date(2027, 2, 28), date(2027, 4, 30)]
    assert rules.reminder_dates(None) == []
    assert rules.checklist_reminder_date(date(2027, 1, 1)) == date(2026, 12, 25)


def test_an_agreement_becomes_active_on_its_start_date_with_its_checklist_complete():
    done = [C.insurance, C.fire_safety, C.entry_inventory]
    start = date(2027, 1, 1)
    assert rules.may_activate(S.signed, start, date(2027, 1, 1), done)
    assert not rules.may_activate(S.signed, start, date(2026, 12, 31), done)
    assert not rules.may_activate(S.signed_by_occupant, start, date(2027, 1, 2), done)
    assert not rules.may_activate(S.signed, start, date(2027, 1, 2), done[:2])
    assert rules.checklist_missing([C.fire_safety]) == [C.insurance, C.entry_inventory]
    assert rules.checklist_missing(done + [C.exit_inventory]) == []


def test_an_active_agreement_ends_at_term_the_day_after_its_last_day():
    assert not rules.is_due_to_end(S.active, date(2027, 6, 30), date(2027, 6, 30))
    assert rules.is_due_to_end(S.active, date(2027, 6, 30), date(2027, 7, 1))
    assert not rules.is_due_to_end(S.active, None, date(2030, 1, 1))
    assert not rules.is_due_to_end(S.signed, date(2027, 6, 30), date(2027, 7, 1))


CURRENT = rules.Terms(start=date(2027, 1, 1), end=date(2027, 12, 31), unit_ids=frozenset({1, 2}),
                      monthly_fee=None)
TODAY = date(2027, 6, 1)


def _amended(**changes):
    return rules.Terms(**{**CURRENT.__dict__, **changes})


def test_an_extension_moves_the_end_later_and_nothing_else():
    assert rules.amendment_problems(K.extension, CURRENT, _amended(end=date(2028, 6, 30)), TODAY) == {}
    assert rules.amendment_problems(K.extension, CURRENT, _amended(end=date(2027, 12, 31)), TODAY) == \
        {"end": "not_later"}
    assert rules.amendment_problems(K.extension, CURRENT, _amended(end=date(2027, 10, 31)), TODAY) == \
        {"end": "not_later"}
    assert rules.amendment_problems(K.extension, CURRENT, _amended(end=date(2028, 6, 30),
                                                                   unit_ids=frozenset({1})), TODAY) == \
        {"unit_ids": "unchanged_here"}
    assert rules.amendment_problems(K.extension, CURRENT, _amended(end=date(2028, 6, 30),
                                                                   start=date(2027, 2, 1)), TODAY) == \
        {"start": "start_fixed"}


def test_a_change_of_units_or_of_fee_changes_something():
    assert rules.amendment_problems(K.units, CURRENT, _amended(unit_ids=frozenset({1, 3})), TODAY) == {}
    assert rules.amendment_problems(K.units, CURRENT, _amended(unit_ids=frozenset()), TODAY) == {"unit_ids": "none"}
    assert rules.amendment_problems(K.units, CURRENT, CURRENT, TODAY) == {"unit_ids": "same"}
    assert rules.amendment_problems(K.fee, CURRENT, _amended(monthly_fee=Decimal("150.00")), TODAY) == {}
    assert rules.amendment_problems(K.fee, CURRENT, CURRENT, TODAY) == {"monthly_fee": "same"}


def test_versions_count_from_one_and_references_read_like_a_legal_services():
    assert rules.next_version_number([]) == 1
    assert rules.next_version_number([1, 2]) == 3
    assert rules.reference(2027, 42) == "CONV-2027-0042"
