"""The matching of a need with a site or a call (issue 20) and its expiry: pure rules, each condition on its own, the
score and its explanation, with the day given."""
from datetime import date
from decimal import Decimal as D

from occupancies.needs.rules import (
    Need,
    Offer,
    expires_on,
    expiry_reminder_due,
    is_current,
    match,
)

NEED = Need(communes=frozenset({"ixelles", "saint-gilles"}), kind="built", start=date(2027, 3, 1), months=12,
            monthly_max=D("500"), surface_min=D("80"), surface_max=D("150"), uses=frozenset({"culture"}),
            equipment=frozenset({"water", "electricity"}))
OFFER = Offer(commune="ixelles", kind="built", available_from=date(2027, 2, 1), available_until=date(2028, 6, 30),
              free_use=False, monthly_fee=D("300"), surface=D("120"), uses=frozenset({"culture", "social_economy"}),
              equipment=frozenset({"water", "electricity", "heating"}))


def lines(result):
    return {line.code: line for line in result.lines}


def test_an_offer_that_meets_everything_scores_100_and_says_why():
    result = match(NEED, OFFER)
    assert result.eligible and result.score == 100
    assert [line.code for line in result.lines] == ["commune", "kind", "period", "budget", "surface", "uses",
                                                    "equipment"]
    surface = lines(result)["surface"]
    assert surface.met and surface.values == {"surface": D("120"), "min": D("80"), "max": D("150")}


def test_each_hard_condition_on_its_own_makes_the_offer_ineligible():
    from dataclasses import replace

    for changed, code in ((replace(OFFER, commune="uccle"), "commune"), (replace(OFFER, kind="unbuilt"), "kind"),
                          (replace(OFFER, available_from=date(2027, 6, 2)), "period"),
                          (replace(OFFER, available_until=date(2027, 12, 31)), "period"),
                          (replace(OFFER, monthly_fee=D("500.01")), "budget")):
        result = match(NEED, changed)
        assert not result.eligible and result.score == 0, code
        assert [line.code for line in result.lines if not line.met and line.points is None] == [code]


def test_the_period_allows_a_start_a_little_later_and_needs_the_months_asked():
    from dataclasses import replace

    assert lines(match(NEED, replace(OFFER, available_from=date(2027, 6, 1))))["period"].met      # within 3 months
    late = lines(match(NEED, replace(OFFER, available_from=date(2027, 6, 2))))["period"]
    assert not late.met and late.values["late"]
    assert lines(match(NEED, replace(OFFER, available_until=date(2028, 2, 29))))["period"].met    # 12 months
    short = lines(match(NEED, replace(OFFER, available_until=date(2028, 2, 28))))["period"]
    assert not short.met and short.values["short"] and short.values["end"] == date(2028, 2, 29)
    assert lines(match(NEED, replace(OFFER, available_from=None, available_until=None)))["period"].met


def test_the_budget_takes_a_free_use_always_and_a_fee_up_to_the_maximum():
    from dataclasses import replace

    free = replace(OFFER, free_use=True, monthly_fee=None)
    assert lines(match(replace(NEED, free_only=True), free))["budget"].met
    assert not lines(match(replace(NEED, free_only=True), OFFER))["budget"].met
    assert lines(match(NEED, replace(OFFER, monthly_fee=D("500"))))["budget"].met
    assert lines(match(replace(NEED, monthly_max=None), replace(OFFER, monthly_fee=D("9000"))))["budget"].met
    # A site proposed outside a call has its terms agreed later: the budget is no reason to leave it out.
    unknown = lines(match(replace(NEED, free_only=True), replace(OFFER, terms_known=False)))["budget"]
    assert unknown.met and unknown.values["unknown"]


def test_the_score_weighs_the_surface_the_uses_and_the_equipment():
    from dataclasses import replace

    near = match(NEED, replace(OFFER, surface=D("170")))            # within a fifth above 150
    assert near.score == 80 and lines(near)["surface"].values["near"]
    assert match(NEED, replace(OFFER, surface=D("200"))).score == 60
    assert match(NEED, replace(OFFER, surface=None)).score == 70     # unknown: a quarter of its points
    other_use = match(NEED, replace(OFFER, uses=frozenset({"emergency_housing"})))
    assert other_use.score == 60 and lines(other_use)["uses"].values["missing"] == ["culture"]
    assert match(NEED, replace(OFFER, uses=frozenset())).score == 100            # the owner takes any use
    dry = match(NEED, replace(OFFER, equipment=frozenset({"electricity"})))
    assert dry.score == 90 and lines(dry)["equipment"].values["missing"] == ["water"]


def test_a_need_expires_three_months_after_its_confirmation_and_is_reminded_the_week_before():
    confirmed = date(2026, 11, 30)
    assert expires_on(confirmed) == date(2027, 2, 28)                # month ends: 30 November + 3 months
    assert is_current(confirmed, date(2027, 2, 28)) and not is_current(confirmed, date(2027, 3, 1))
    assert not expiry_reminder_due(confirmed, date(2027, 2, 20))
    assert expiry_reminder_due(confirmed, date(2027, 2, 21)) and expiry_reminder_due(confirmed, date(2027, 2, 28))
    assert not expiry_reminder_due(confirmed, date(2027, 3, 1))


def test_a_need_is_listed_while_published_and_current():
    from occupancies.needs.rules import is_listed

    confirmed = date(2026, 12, 3)
    assert is_listed("published", confirmed, date(2027, 3, 3))
    assert not is_listed("published", confirmed, date(2027, 3, 4))              # expired
    assert not is_listed("withdrawn", confirmed, date(2026, 12, 3))             # withdrawn
