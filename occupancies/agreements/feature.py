"""Agreements: the precarious occupancy agreement drafted from a decision (or directly), its versions, both
signatures, the checklist before the start, amendments and the end; the clause library."""
from flask import url_for
from flask_babel import gettext

from occupancies.agreements import models, notifications, permissions, queries, workflow
from occupancies.agreements.views import BLUEPRINTS
from portal.features import DashboardTask, Feature, helpers_of


def dashboard_tasks(user, organisation, now):
    for task in queries.agreement_tasks(user, organisation):
        agreement = task.agreement
        if task.kind == "agreement_sign":
            yield DashboardTask(
                gettext("The agreement %(reference)s on %(site)s waits for your signature.",
                        reference=agreement.reference, site=agreement.site.name),
                url_for("agreements.agreement", agreement_id=agreement.id), gettext("Read and sign"))
        else:
            yield DashboardTask(
                gettext("The agreement %(reference)s with %(occupant)s is a draft: complete it and send it.",
                        reference=agreement.reference, occupant=agreement.occupant.name),
                url_for("agreements.agreement", agreement_id=agreement.id), gettext("Open the agreement"))


FEATURE = Feature(
    name="agreements",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(
        permissions, STATUS_LABELS=workflow.STATUS_LABELS, STATUS_BADGES=workflow.STATUS_BADGES,
        CHECKLIST_LABELS=workflow.CHECKLIST_LABELS,
        VERSION_STATUS_LABELS=workflow.VERSION_STATUS_LABELS, END_REASON_LABELS=workflow.END_REASON_LABELS,
        REPORTING_LABELS=workflow.REPORTING_LABELS, signature_hold_of=queries.signature_hold_of),
    dashboard_tasks=dashboard_tasks,
    provides={"agreements_of_applications": queries.agreements_of_applications},
    periodic=(("occupancies.agreements.jobs.sweep_agreements", 300),),
)
