"""Evaluation: evaluators declare their conflicts and score on the call's grid; the ranking, the decision, the
report, and each applicant's own result."""
from flask import render_template, url_for
from flask_babel import gettext, ngettext
from markupsafe import Markup

from calls import queries as call_queries
from calls.applications import workflow as application_events
from calls.applications.workflow import DECIDED
from calls.evaluation import models, notifications, permissions, queries
from calls.evaluation.views import BLUEPRINTS
from occupancies.permissions import can_manage_sites
from portal.features import DashboardTask, Feature, helpers_of
from portal.roles import administers


def dashboard_tasks(user, organisation, now):
    if not organisation.is_owner:
        return
    if can_manage_sites(user, organisation):
        selected = queries.selected_applications(organisation)
        drafted = queries.agreements_of(selected)
        for application in selected:
            if application.id not in drafted:
                yield DashboardTask(
                    gettext("“%(applicant)s” is selected on “%(call)s”: draft the occupancy agreement with it.",
                            applicant=application.applicant.name, call=application.call.title),
                    url_for("agreements.new", application_id=application.id), gettext("Draft the agreement"))
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
                url_for("evaluation.overview", call_id=work.call.id), gettext("Score the applications"))
        else:
            yield DashboardTask(
                gettext("Every score is in for “%(call)s”: propose the selection and record the decision.",
                        call=title),
                url_for("evaluation.ranking", call_id=work.call.id), gettext("Ranking and decision"))


def evaluation_button(call, user):
    """In the applications section of the owner's page of a call: the way to its evaluation."""
    if permissions.can_view_evaluation(user, call, queries.standing(user, call)):
        yield Markup(render_template("evaluation/partials/_call_button.html", call=call))


def report_links(call, user):
    """In the applications section of the Guichet's review: the evaluation report once decided."""
    if permissions.can_read_report(user, call):
        yield Markup(render_template("evaluation/partials/_report_links.html", call=call))


def public_decision(call, user):
    decision, selected = queries.public_decision(call)
    if decision is not None:
        yield Markup(render_template("evaluation/partials/_public_decision.html", decision=decision,
                                     selected=selected))


def own_result(application, user):
    """On the applicant's page of a decided application: its scores, rank and the threshold."""
    if application.status in DECIDED:
        result = queries.own_result(application)
        if result is not None:
            yield Markup(render_template("evaluation/partials/_own_result.html", application=application,
                                         call=application.call, result=result))


def closed_to(call, user, applications) -> set[int]:
    """The applications an owner's member may not open: an evaluator before declaring, or with a conflict."""
    standing = queries.standing(user, call)
    return {a.id for a in applications if not permissions.may_open(user, call, a, standing)}


FEATURE = Feature(
    name="evaluation",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, prefixes=("can_", "may_")),
    dashboard_tasks=dashboard_tasks,
    periodic=(("calls.evaluation.jobs.sweep_retention", 86400),),
    panels={"call.applications": evaluation_button, "call.applications.guichet": report_links,
            "call.decision": public_decision, "application.result": own_result},
    subscriptions={application_events.opening: closed_to},
)
