"""The vacancy register: reports of vacant places, the commune's moderation, what became of them, the region's
figures."""
from flask import render_template, url_for
from flask_babel import ngettext
from markupsafe import Markup

from occupancies.vacancies import models, notifications, permissions, queries, rules, workflow
from occupancies.vacancies.views import BLUEPRINTS
from portal import cache
from portal.features import DashboardTask, Feature, helpers_of


def dashboard_tasks(user, organisation, now):
    if organisation is None or not rules.moderates(organisation, organisation.commune):
        return
    waiting = queries.waiting_count(organisation)
    if waiting:
        yield DashboardTask(
            ngettext("%(num)d report of a vacant place waits for your check.",
                     "%(num)d reports of vacant places wait for your check.", waiting),
            url_for("vacancies.index", org_slug=organisation.slug, status="pending"),
            ngettext("Check it", "Check them", waiting))


def guichet_sections(user, guichet, now):
    if permissions.can_report_for_region(user):
        waiting = cache.until_next_operation("vacancies-waiting-for-guichet", queries.waiting_for_guichet)
        yield Markup(render_template("vacancies/partials/_guichet_section.html", waiting=waiting))


FEATURE = Feature(
    name="vacancies",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(
        permissions, STATUS_LABELS=workflow.STATUS_LABELS, STATUS_BADGES=workflow.STATUS_BADGES,
        KIND_LABELS=workflow.KIND_LABELS, OWNER_TYPE_LABELS=workflow.OWNER_TYPE_LABELS,
        EVIDENCE_LABELS=workflow.EVIDENCE_LABELS, CLOSURE_LABELS=workflow.CLOSURE_LABELS),
    dashboard_tasks=dashboard_tasks,
    guichet_sections=guichet_sections,
)
