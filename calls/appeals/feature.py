"""Appeals (issue 21): an applicant contests a call's decision within the call's delay; the owner's admin answers
(rejected with reasons, or upheld, which reopens the evaluation); the call's agreements wait during its standstill
and while an appeal waits for its answer."""
from datetime import timedelta

from flask import render_template, url_for
from flask_babel import gettext, ngettext
from markupsafe import Markup

from calls.appeals import models, notifications, permissions, queries, workflow
from calls.appeals.views import BLUEPRINTS
from calls.applications.workflow import DECIDED
from calls.workflow import CallStatus
from portal import clock
from portal.features import DashboardTask, Feature, helpers_of
from portal.roles import administers


def own_appeals(application, user):
    """On the applicant's page of a decided application: its appeals, and the way to lodge one."""
    appeals = queries.appeals_of_application(application)
    can_lodge = permissions.can_lodge(user, application)
    if appeals or (application.status in DECIDED and can_lodge):
        yield Markup(render_template("appeals/partials/_result.html", application=application, appeals=appeals,
                                     can_lodge=can_lodge, deadline=queries.appeal_deadline(application.call),
                                     today=clock.today()))


def call_standing(call, user):
    """On a decided call's pages (public, owner's, Guichet's): where its appeals and standstill stand."""
    if call.status not in (CallStatus.decided, CallStatus.evaluation):
        return
    standing = queries.standing(call)
    if standing is not None:
        resumes = standing.standstill_end + timedelta(days=1) if standing.standstill_end else None
        yield Markup(render_template("appeals/partials/_standing.html", standing=standing, today=clock.today(),
                                     resumes_on=resumes))


def dashboard_tasks(user, organisation, now):
    if not administers(user, organisation):
        return
    waiting = queries.waiting_for_answer(organisation)
    if waiting:
        yield DashboardTask(
            ngettext("%(num)d appeal against a decision of yours waits for your answer: the call's agreements wait "
                     "too.", "%(num)d appeals against decisions of yours wait for your answer: the calls' "
                     "agreements wait too.", len(waiting)),
            url_for("appeals.appeal", appeal_id=waiting[0], org_slug=organisation.slug),
            gettext("Answer the appeal"))


FEATURE = Feature(
    name="appeals",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, STATUS_LABELS=workflow.STATUS_LABELS,
                                STATUS_BADGES=workflow.STATUS_BADGES),
    dashboard_tasks=dashboard_tasks,
    provides={"applications_under_appeal": queries.applications_under_appeal},
    panels={"application.result": own_appeals, "call.decision": call_standing, "call.owner": call_standing,
            "call.guichet": call_standing},
)
