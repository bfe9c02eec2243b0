"""Reports: what occupants report on their occupancy (people housed by ISSUE axis, exits, activities), the owner's
reading, and the figures of each owner and of the region."""
from flask import render_template, url_for
from flask_babel import format_date, gettext, ngettext
from markupsafe import Markup

from occupancies.agreements import workflow as agreement_events
from occupancies.reports import models, notifications, operations, permissions, queries, workflow
from occupancies.reports.views import BLUEPRINTS
from portal import clock
from portal.features import DashboardTask, Feature, Urgency, helpers_of


def dashboard_tasks(user, organisation, now):
    today = clock.brussels_date(now)
    for task in queries.report_tasks(user, organisation, today):
        if task.kind == "report_review":
            yield DashboardTask(
                ngettext("%(num)d report of your occupants waits for you to read it.",
                         "%(num)d reports of your occupants wait for you to read them.", task.count),
                url_for("reports.index", status="submitted"), gettext("Read the reports"))
            continue
        report = task.report
        values = {"site": report.site.name, "end": format_date(report.period_end, "short"),
                  "date": format_date(report.due_on, "short")}
        if task.kind == "report_overdue":
            text = gettext("The report on %(site)s for the period ending %(end)s is overdue since %(date)s.", **values)
        else:
            text = gettext("The report on %(site)s for the period ending %(end)s is due on %(date)s.", **values)
        yield DashboardTask(text, url_for("reports.report", report_id=report.id), gettext("Fill in the report"),
                            due=report.due_on,
                            urgency=Urgency.overdue if task.kind == "report_overdue" else Urgency.due)


def agreement_reports(agreement, user):
    """On an agreement's page: its latest reports, and the way to all of them."""
    reports = queries.reports_of_agreement(agreement)
    if reports:
        yield Markup(render_template("reports/partials/_agreement_reports.html", agreement=agreement,
                                     reports=reports, today=clock.today()))


def start_reporting(agreement) -> None:
    """An agreement in force: its first report is there for the occupant from the first day (the hourly sweep
    creates the next ones)."""
    operations.schedule_reports(agreement)


FEATURE = Feature(
    name="reports",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, STATUS_LABELS=workflow.STATUS_LABELS, STATUS_BADGES=workflow.STATUS_BADGES,
                                  KIND_LABELS=workflow.KIND_LABELS),
    dashboard_tasks=dashboard_tasks,
    periodic=(("occupancies.reports.jobs.sweep_reports", 3600),),
    panels={"agreement": agreement_reports},
    subscriptions={agreement_events.activated: start_reporting},
)
