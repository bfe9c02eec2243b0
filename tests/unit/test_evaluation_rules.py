"""The evaluation's pure rules (issue 6): weighted score, tie rule, disagreement flag, mix check."""
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from calls.evaluation.rules import (
    Pick,
    Result,
    check_mix,
    criterion_means,
    disagreements,
    rank,
    threshold,
    weighted_score,
)

WEIGHTS = {1: 50, 2: 30, 3: 20}
T = datetime(2027, 1, 20, 10, 0, tzinfo=UTC)


def test_the_weighted_score_is_on_100_with_two_decimals():
    # One evaluator, full marks: 100; all 3 of 5: 60.
    assert weighted_score(WEIGHTS, {7: {1: 5, 2: 5, 3: 5}}, 5) == Decimal("100.00")
    assert weighted_score(WEIGHTS, {7: {1: 3, 2: 3, 3: 3}}, 5) == Decimal("60.00")
    # Two evaluators: means 4, 3.5, 2 -> 50*4/5 + 30*3.5/5 + 20*2/5 = 40 + 21 + 8 = 69.
    assert weighted_score(WEIGHTS, {7: {1: 5, 2: 3, 3: 2}, 8: {1: 3, 2: 4, 3: 2}}, 5) == Decimal("69.00")
    # On a scale of 10.
    assert weighted_score(WEIGHTS, {7: {1: 10, 2: 0, 3: 5}}, 10) == Decimal("60.00")


def test_rounding_is_half_up_on_the_cent():
    # Three evaluators: mean 13/3 on the first criterion -> 50 * 4.3333 / 5 = 43.3333...
    scores = {7: {1: 4, 2: 0, 3: 0}, 8: {1: 4, 2: 0, 3: 0}, 9: {1: 5, 2: 0, 3: 0}}
    assert weighted_score(WEIGHTS, scores, 5) == Decimal("43.33")
    # Exactly half a cent: weight 1, mean 0.25 on a scale of 10 -> 0.025, rounded up (not to the even 0.02).
    quarter = {e: {1: 1 if e == 7 else 0, 2: 0} for e in (7, 8, 9, 10)}
    assert weighted_score({1: 1, 2: 99}, quarter, 10) == Decimal("0.03")
    assert weighted_score({1: 25, 2: 75}, {7: {1: 1, 2: 0}, 8: {1: 0, 2: 0}, 9: {1: 0, 2: 0}}, 10) \
        == Decimal("0.83")   # 25 * (1/3) / 10 = 0.8333...


def test_an_excluded_evaluator_does_not_count():
    scores = {7: {1: 5, 2: 5, 3: 5}, 8: {1: 0, 2: 0, 3: 0}}
    assert weighted_score(WEIGHTS, scores, 5) == Decimal("50.00")
    assert weighted_score(WEIGHTS, scores, 5, excluded=[8]) == Decimal("100.00")
    assert criterion_means(scores, excluded=[7]) == {1: 0, 2: 0, 3: 0}


def test_a_score_agreed_in_a_consensus_replaces_the_mean_of_its_criterion_only():
    scores = {7: {1: 5, 2: 4, 3: 3}, 8: {1: 1, 2: 4, 3: 3}}     # 5 and 1 on the first criterion: flagged
    assert disagreements(scores, 5) == {1}
    assert weighted_score(WEIGHTS, scores, 5) == Decimal("66.00")             # 30 + 24 + 12
    assert weighted_score(WEIGHTS, scores, 5, agreed={1: 4}) == Decimal("76.00")   # 40 + 24 + 12
    # An agreed score can complete a criterion nobody could score.
    assert weighted_score(WEIGHTS, {7: {2: 5, 3: 5}}, 5, agreed={1: 0}) == Decimal("50.00")


def test_the_threshold_is_the_lowest_score_selected():
    assert threshold([Decimal("76.00"), Decimal("60.00"), None]) == Decimal("60.00")
    assert threshold([]) is None and threshold([None]) is None


def test_no_score_while_a_criterion_is_unscored():
    assert weighted_score(WEIGHTS, {7: {1: 5, 2: 5}}, 5) is None
    assert weighted_score(WEIGHTS, {}, 5) is None
    assert weighted_score(WEIGHTS, {7: {1: 5, 2: 5, 3: 5}}, 5, excluded=[7]) is None


def test_a_spread_above_a_third_of_the_scale_is_flagged():
    # Scale 5: a third is 1.67 -> a spread of 2 is flagged, 1 is not.
    assert disagreements({7: {1: 5, 2: 3}, 8: {1: 3, 2: 4}}, 5) == {1}
    # Scale 10: a third is 3.33 -> 3 is not flagged, 4 is.
    assert disagreements({7: {1: 7, 2: 2}, 8: {1: 4, 2: 6}}, 10) == {2}
    # One evaluator alone never disagrees; an excluded one does not count.
    assert disagreements({7: {1: 0}}, 5) == set()
    assert disagreements({7: {1: 5}, 8: {1: 0}}, 5, excluded=[8]) == set()


def result(app_id, score, first="3", minutes=0):
    return Result(app_id, Decimal(score), Decimal(first), T + timedelta(minutes=minutes))


def test_the_ranking_puts_the_best_score_first():
    ranked = rank([result(1, "60"), result(2, "80.5"), result(3, "72")], "highest_first_criterion")
    assert [(r.rank, r.result.application_id, r.tie_broken) for r in ranked] == [
        (1, 2, False), (2, 3, False), (3, 1, False)]


def test_ties_are_broken_by_the_rule_stated_on_the_call():
    tied = [result(1, "70", first="3", minutes=0), result(2, "70", first="4.5", minutes=30), result(3, "90")]
    by_criterion = rank(tied, "highest_first_criterion")
    assert [(r.rank, r.result.application_id) for r in by_criterion] == [(1, 3), (2, 2), (3, 1)]
    assert [r.tie_broken for r in by_criterion] == [False, True, True]
    by_time = rank(tied, "earliest_submission")
    assert [(r.rank, r.result.application_id) for r in by_time] == [(1, 3), (2, 1), (3, 2)]


def test_applications_still_equal_after_the_tie_rule_share_a_rank():
    same = [result(1, "70", first="4"), result(2, "70", first="4"), result(3, "50")]
    assert [(r.rank, r.result.application_id) for r in rank(same, "highest_first_criterion")] == [
        (1, 1), (1, 2), (3, 3)]
    with pytest.raises(ValueError):
        rank(same, "coin_toss")


def test_a_selection_that_meets_the_targets():
    picks = [Pick(1, "emergency_housing", (10, 11)), Pick(2, "circular_economy", (12,)), Pick(3, "culture", (13,))]
    check = check_mix(picks, offered_units=[10, 11, 12, 13], min_social_share=50, min_use_categories=2)
    assert check.ok and check.social_share == Decimal("75.00") and check.uses == 3


def test_a_missed_target_says_by_how_much():
    picks = [Pick(1, "emergency_housing", (10,)), Pick(2, "circular_economy", (11, 12))]
    check = check_mix(picks, offered_units=[10, 11, 12], min_social_share=60, min_use_categories=3)
    assert not check.ok
    assert check.social_share == Decimal("33.33")
    assert check.social_missing_points == Decimal("26.67") and check.social_missing_units == 1
    assert check.uses == 2 and check.uses_missing == 1


def test_a_unit_given_twice_or_not_offered_is_refused():
    picks = [Pick(1, "culture", (10, 11)), Pick(2, "social_economy", (11,)), Pick(3, "culture", (99,))]
    check = check_mix(picks, offered_units=[10, 11], min_social_share=None, min_use_categories=None)
    assert check.units_twice == {11: [1, 2]} and check.units_not_offered == {99} and not check.ok


def test_an_empty_selection_misses_the_targets_without_dividing_by_zero():
    check = check_mix([], offered_units=[1], min_social_share=50, min_use_categories=1)
    assert check.social_share == 0 and check.social_missing_points == 50 and check.uses_missing == 1
