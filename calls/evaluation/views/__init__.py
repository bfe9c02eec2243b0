"""Blueprints of the evaluation: the owner's evaluation of a closed call (evaluators, scores, ranking, decision)."""
from calls.evaluation.views.owner import bp as evaluation

BLUEPRINTS = (evaluation,)
