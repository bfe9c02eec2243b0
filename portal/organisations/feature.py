"""Organisations: registration, members and invitations, the Guichet's approval and the Charter."""
from flask import url_for
from flask_babel import gettext

from portal.features import DashboardTask, Feature, helpers_of
from portal.organisations import models, notifications, permissions, rules, workflow
from portal.organisations.queries import guichet_organisation, member_count, open_invitations
from portal.organisations.views import BLUEPRINTS
from portal.roles import KIND_LABELS, ROLE_LABELS


def dashboard_tasks(user, organisation, now):
    if permissions.can_answer_information_request(user, organisation):
        yield DashboardTask(gettext("The Guichet asks for more information before it decides: “%(question)s”",
                                    question=organisation.status_reason or ""),
                            url_for("organisations.profile", _anchor="question"), gettext("Answer the Guichet"))
    if permissions.can_upload_statutes(user, organisation) and not organisation.statutes_file:
        yield DashboardTask(gettext("Add your association's statutes (PDF): the Guichet checks them with your "
                                    "registration."), url_for("organisations.profile", _anchor="statutes-section"),
                            gettext("Add the statutes"))
    if organisation.status == workflow.OrganisationStatus.pending and permissions.can_edit_organisation(
            user, organisation):
        yield DashboardTask(gettext("Check that your organisation's details are complete while the Guichet reviews "
                                    "them."), url_for("organisations.edit"), gettext("Complete the details"))
    if (permissions.can_invite_member(user, organisation) and member_count(organisation) < 2
            and not open_invitations(organisation)):
        yield DashboardTask(gettext("You are the only member: invite your colleagues so that the work can be "
                                    "shared."), url_for("organisations.members"), gettext("Invite a colleague"))


FEATURE = Feature(
    name="organisations",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(
        permissions, KIND_LABELS=KIND_LABELS, ROLE_LABELS=ROLE_LABELS, STATUS_LABELS=workflow.STATUS_LABELS,
        STATUS_BADGES=workflow.STATUS_BADGES,
        LEGAL_FORM_LABELS=workflow.LEGAL_FORM_LABELS, NEXT_STEP=workflow.NEXT_STEP, ROLE_HINTS=workflow.ROLE_HINTS,
        format_enterprise_number=rules.format_enterprise_number, register_url=rules.register_url),
    dashboard_tasks=dashboard_tasks,
    periodic=(("portal.organisations.jobs.sweep_retention", 86400),),
    provides={"guichet_contact": guichet_organisation},
)
