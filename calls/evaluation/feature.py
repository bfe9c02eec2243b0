"""Evaluation: evaluators declare their conflicts and score on the call's grid; the ranking, the decision, the
report, and each applicant's own result."""
from flask import url_for
from flask_babel import gettext, ngettext

from calls import queries as call_queries
from calls.evaluation import models, notifications, permissions, queries
from calls.evaluation.views import BLUEPRINTS
from portal.features import DashboardTask, Feature, helpers_of
from portal.roles import administers


def dashboard_tasks(user, organisation, now):
    if not organisation.is_owner:
        return
    if administers(user, organisation):
        for call in call_queries.calls_past_deadline(organisation, now):
            yield DashboardTask(
                gettext("The call “%(call)s” is closed: assign the evaluators to start the evaluation of its "
                        "applications.", call=call.title),
                url_for("evaluation.overview", call_id=call.id), gettext("Start the evaluation"))
    for work in queries.evaluation_work(user, organisation):
        title = work.call.title
        if work.kind == "declare":
            yield DashboardTask(
                gettext("You evaluate the call “%(call)s”: first declare any conflict of interest with its "
                        "applicants.", call=title),
                url_for("evaluation.declare", call_id=work.call.id), gettext("Declare my conflicts of interest"))
        elif work.kind == "score":
            yield DashboardTask(
                ngettext("%(num)d application of “%(call)s” waits for your scores.",
                         "%(num)d applications of “%(call)s” wait for your scores.", work.count, call=title),
                url_for("evaluation.overview", call_id=work.call.id), gettext("Score"))
        else:
            yield DashboardTask(
                gettext("Every score is in for “%(call)s”: propose the selection and record the decision.",
                        call=title),
                url_for("evaluation.ranking", call_id=work.call.id), gettext("Ranking and decision"))


FEATURE = Feature(
    name="evaluation",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, prefixes=("can_", "may_")),
    dashboard_tasks=dashboard_tasks,
)
