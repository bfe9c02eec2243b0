"""Blueprints of the evaluation: the owner's evaluation of a closed call (evaluators, scores, ranking, decision);
the Guichet's copy of the report extends the calls' Guichet blueprint (views.guichet)."""
from calls.evaluation.views import guichet  # noqa: F401 - its route joins the calls' Guichet blueprint
from calls.evaluation.views.owner import bp as evaluation

BLUEPRINTS = (evaluation,)
