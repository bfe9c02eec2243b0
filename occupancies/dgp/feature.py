"""The public management right (seed 001): its rules, the index series the Guichet keeps, the capped rents, the
operators' cases."""
from flask import g, render_template, url_for
from flask_babel import gettext, ngettext
from markupsafe import Markup

from occupancies.dgp import models, notifications, permissions, queries, rules, workflow
from occupancies.dgp.views import BLUEPRINTS
from occupancies.dgp.views.supported import region_figures
from occupancies.vacancies import permissions as vacancy_permissions
from portal import clock
from portal.features import DashboardTask, Feature, Urgency, helpers_of
from portal.i18n import format_day
from portal.roles import is_guichet_staff


def dashboard_tasks(user, organisation, now):
    """The operator's deadlines passed or coming within two weeks: the first few, and the way to all of them."""
    if organisation is None or not permissions.can_read_cases(user, organisation):
        return
    today = clock.brussels_date(now)
    cases, total = queries.cases_due(organisation, today)
    for case in cases:
        overdue = case.next_due < today
        what = workflow.DEADLINE_LABELS.get(case.next_kind, "")
        text = (gettext("%(reference)s, %(address)s: %(what)s, passed since %(day)s.", reference=case.reference,
                        address=case.address, what=what, day=format_day(case.next_due)) if overdue else
                gettext("%(reference)s, %(address)s: %(what)s, by %(day)s.", reference=case.reference,
                        address=case.address, what=what, day=format_day(case.next_due)))
        yield DashboardTask(text, url_for("dgp_cases.case", case_id=case.id, org_slug=organisation.slug),
                            gettext("Open the case"), due=case.next_due,
                            urgency=Urgency.overdue if overdue else Urgency.due)
    if total > len(cases):
        yield DashboardTask(ngettext("%(num)d case has a deadline within two weeks or passed.",
                                     "%(num)d cases have a deadline within two weeks or passed.", total),
                            url_for("dgp_cases.index", org_slug=organisation.slug), gettext("See the cases"))


def guichet_sections(user, guichet, now):
    if is_guichet_staff(user):
        yield Markup(render_template("dgp/partials/_guichet_section.html", **region_figures()))


def open_case_button(signal, user):
    """On a signal of the register that the acting organisation follows up: the way to open a case on it."""
    organisation = g.get("organisation")
    if organisation is not None and permissions.can_open_case(user, organisation) and \
            vacancy_permissions.can_record_outcome(user, signal):
        yield Markup(render_template("dgp/partials/_open_case.html", signal=signal))


FEATURE = Feature(
    name="dgp",
    blueprints=BLUEPRINTS,
    models=(models,),
    audit_labels=workflow.AUDIT_LABELS,
    notification_kinds=notifications.KINDS,
    periodic=(("occupancies.dgp.jobs.sweep_deadlines", 3600),),
    dashboard_tasks=dashboard_tasks,
    guichet_sections=guichet_sections,
    panels={"signal.actions": open_case_button},
    template_helpers=helpers_of(permissions, prefixes=("can_", "is_", "may_"), or_more=rules.or_more,
                                PHASES=rules.PHASES,
                                PHASE_LABELS=workflow.PHASE_LABELS, PHASE_BADGES=workflow.PHASE_BADGES,
                                STEP_LABELS=workflow.STEP_LABELS, DEADLINE_LABELS=workflow.DEADLINE_LABELS,
                                WHOSE_LABELS=workflow.WHOSE_LABELS, KIND_LABELS=workflow.KIND_LABELS,
                                ENTRY_LABELS=workflow.ENTRY_LABELS, management_period=rules.management_period),
)
