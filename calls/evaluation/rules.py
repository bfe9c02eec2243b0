"""Pure rules of the evaluation (issue 6): the weighted score, the ranking and its tie rule, the disagreement
flag and the check of a selection against the call's mix targets. No database, no request."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from occupancies.rules import SOCIAL_PURPOSE_USES

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def _mean(values: Iterable[int]) -> Decimal | None:
    values = list(values)
    return Decimal(sum(values)) / len(values) if values else None


def criterion_means(scores: Mapping[int, Mapping[int, int]], *, excluded: Iterable[int] = ()) -> dict[int, Decimal]:
    """Mean score of each criterion over the evaluators who scored it, leaving out the excluded ones (a declared
    conflict of interest). `scores` is evaluator id -> criterion id -> score."""
    excluded = set(excluded)
    by_criterion: dict[int, list[int]] = {}
    for evaluator, given in scores.items():
        if evaluator in excluded:
            continue
        for criterion, score in given.items():
            by_criterion.setdefault(criterion, []).append(score)
    return {criterion: _mean(values) for criterion, values in by_criterion.items()}


def weighted_score(weights: Mapping[int, int], scores: Mapping[int, Mapping[int, int]], scale: int, *,
                   excluded: Iterable[int] = (), agreed: Mapping[int, int] | None = None) -> Decimal | None:
    """The application's result on 100, two decimals (half up): the sum over the criteria of
    weight × (mean of the evaluators' scores ÷ the scale's maximum). None while a criterion has no score.

    `agreed` holds the scores the evaluators agreed on in a consensus discussion: such a score replaces the
    mean of that criterion (the individual scores stay on record)."""
    means = criterion_means(scores, excluded=excluded)
    means.update({criterion: Decimal(score) for criterion, score in (agreed or {}).items()})
    if any(criterion not in means for criterion in weights):
        return None
    total = sum((Decimal(weight) * means[criterion] / Decimal(scale) for criterion, weight in weights.items()),
                Decimal(0))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def disagreements(scores: Mapping[int, Mapping[int, int]], scale: int, *,
                  excluded: Iterable[int] = ()) -> set[int]:
    """Criteria on which the evaluators' scores spread by more than a third of the scale: flagged for a
    consensus discussion."""
    excluded = set(excluded)
    by_criterion: dict[int, list[int]] = {}
    for evaluator, given in scores.items():
        if evaluator not in excluded:
            for criterion, score in given.items():
                by_criterion.setdefault(criterion, []).append(score)
    limit = Decimal(scale) / 3
    return {criterion for criterion, values in by_criterion.items()
            if len(values) > 1 and Decimal(max(values) - min(values)) > limit}


# Ranking -------------------------------------------------------------------------------------------------

TIE_RULES = ("highest_first_criterion", "earliest_submission")


@dataclass(frozen=True)
class Result:
    application_id: int
    score: Decimal
    first_criterion: Decimal          # mean on the call's first criterion
    submitted_at: datetime


@dataclass(frozen=True)
class Ranked:
    rank: int
    result: Result
    tie_broken: bool = False          # placed by the tie rule, not by the score alone


def rank(results: Iterable[Result], tie_rule: str) -> list[Ranked]:
    """Best score first. Equal scores are ordered by the call's tie rule; those still equal share a rank
    (1, 2, 2, 4)."""
    if tie_rule not in TIE_RULES:
        raise ValueError(f"unknown tie rule {tie_rule}")

    def key(result: Result):
        breaker = -result.first_criterion if tie_rule == "highest_first_criterion" else result.submitted_at
        return (-result.score, breaker)

    ordered = sorted(results, key=lambda r: (key(r), r.application_id))
    keys_by_score: dict[Decimal, set] = {}
    for result in ordered:
        keys_by_score.setdefault(result.score, set()).add(key(result))
    ranked: list[Ranked] = []
    for position, result in enumerate(ordered, start=1):
        shared = ranked and key(ranked[-1].result) == key(result)
        ranked.append(Ranked(ranked[-1].rank if shared else position, result,
                             tie_broken=len(keys_by_score[result.score]) > 1))
    return ranked


def threshold(scores: Iterable[Decimal | None]) -> Decimal | None:
    """The score an application needed to be selected: the lowest score among the selected ones."""
    scores = [score for score in scores if score is not None]
    return min(scores) if scores else None


# The mix of a selection -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pick:
    application_id: int
    use: str
    unit_ids: tuple[int, ...]


@dataclass
class MixCheck:
    units_twice: dict[int, list[int]] = field(default_factory=dict)   # unit -> applications given it
    units_not_offered: set[int] = field(default_factory=set)
    social_share: Decimal = Decimal(0)                                  # percent of the units selected
    social_missing_points: Decimal | None = None                       # below the target, in points
    social_missing_units: int | None = None                            # units to move to social purposes
    uses: int = 0
    uses_missing: int | None = None

    @property
    def ok(self) -> bool:
        return not (self.units_twice or self.units_not_offered or self.social_missing_points
                    or self.uses_missing)


def check_mix(picks: Iterable[Pick], *, offered_units: Iterable[int], min_social_share: int | None,
              min_use_categories: int | None) -> MixCheck:
    """A proposed selection against the units offered (none given twice, none outside the call) and the call's
    mix targets, saying by how much a target is missed."""
    picks = list(picks)
    offered = set(offered_units)
    holders: dict[int, list[int]] = {}
    for pick in picks:
        for unit in pick.unit_ids:
            holders.setdefault(unit, []).append(pick.application_id)
    check = MixCheck(units_twice={u: apps for u, apps in holders.items() if len(apps) > 1},
                     units_not_offered={u for u in holders if u not in offered})
    units_by_use = Counter()
    for pick in picks:
        units_by_use[pick.use] += len(set(pick.unit_ids))
    total = sum(units_by_use.values())
    social = sum(n for use, n in units_by_use.items() if use in SOCIAL_PURPOSE_USES)
    check.social_share = (Decimal(social) * HUNDRED / total).quantize(CENT, ROUND_HALF_UP) if total else Decimal(0)
    if min_social_share and check.social_share < min_social_share:
        check.social_missing_points = Decimal(min_social_share) - check.social_share
        needed = -(-min_social_share * total // 100)  # social-purpose units needed, rounded up
        check.social_missing_units = needed - social if total else None
    check.uses = len({pick.use for pick in picks})
    if min_use_categories and check.uses < min_use_categories:
        check.uses_missing = min_use_categories - check.uses
    return check
