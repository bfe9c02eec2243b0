"""The only writers of reports: one function per state change, each checking who may do it, recording it in the
audit log and queuing its notifications."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from occupancies.agreements.workflow import AgreementStatus
from occupancies.reports import permissions as p
from occupancies.reports import queries, rules
from occupancies.reports.models import Report
from occupancies.reports.workflow import (
    ACTIVITY_COUNTS,
    AXES,
    HOUSING_COUNTS,
    OPEN,
    TEXTS,
    ReportKind,
    ReportStatus,
    transition,
)
from occupancies.rules import HOUSING_USES
from portal import audit, clock
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.notifications import notify
from portal.permissions import require
from portal.roles import writers_of

REPORTING = (AgreementStatus.active, AgreementStatus.ended)
EDITABLE = (*HOUSING_COUNTS, *ACTIVITY_COUNTS, *TEXTS, "consistency_note", "occupant_answer")


def _link(report, organisation) -> str:
    return url_for("reports.report", report_id=report.id, org_slug=organisation.slug)


def _params(report) -> dict:
    return {"site": report.site.name, "occupant": report.occupant.name,
            "period": f"{report.period_start:%d/%m/%Y} – {report.period_end:%d/%m/%Y}",
            "due_on": f"{report.due_on:%d/%m/%Y}"}


def _parties(report) -> tuple:
    """The organisations a report's history may name beside a person: its occupant's and its owner's."""
    return report.occupant, report.agreement.owner


def _tell(report, organisation, kind: str, **extra) -> None:
    notify(writers_of(organisation), kind, params={**_params(report), **extra}, link=_link(report, organisation),
           organisation=organisation)


# The schedule --------------------------------------------------------------------------------------------------

def schedule_reports(agreement, today=None) -> list[Report]:
    """The reports due on an agreement in force (or ended), one per period that has begun: created as a draft
    for the occupant to fill in. A draft whose period changed (an extension, an early end) follows it."""
    if agreement.status not in REPORTING:
        return []
    today = today or clock.today()
    version = agreement.binding_version
    existing = {r.period_start: r for r in db.session.scalars(
        select(Report).where(Report.agreement_id == agreement.id))}
    kind = ReportKind.housing if version.use_category in HOUSING_USES else ReportKind.activity
    created = []
    for period in rules.periods(version.start_date, agreement.ends_on, agreement.reporting, today):
        report = existing.get(period.start)
        if report is None:
            report = Report(organisation_id=agreement.organisation_id, agreement=agreement, site_id=agreement.site_id,
                            occupant_id=agreement.occupant_id, use_category=version.use_category, kind=kind,
                            period_start=period.start)
            created.append(report)
            db.session.add(report)
        elif report.status not in OPEN or report.period_end == period.end:
            continue
        report.period_end, report.due_on = period.end, period.due_on
        report.quarter, report.closes_quarter = period.quarter, period.closes_quarter
    db.session.flush()
    for report in created:
        audit.record("report.scheduled", target=report, organisation=agreement.owner,
                     changes={"period": [None, f"{report.period_start} – {report.period_end}"]})
    return created


def remind(report, today=None) -> bool:
    """A week before its due day, then on the day, the occupant is told (once each)."""
    today = today or clock.today()
    which = rules.reminder_due(report.due_on, today)
    if report.status not in OPEN or which is None or (report.reminded_soon if which == "soon"
                                                      else report.reminded_due):
        return False
    if which == "soon":
        report.reminded_soon = True
    else:
        report.reminded_due = True
    _tell(report, report.occupant, "report.due_soon" if which == "soon" else "report.due_today")
    return True


# The occupant's report --------------------------------------------------------------------------------------


def _clean(report, values: dict) -> dict:
    """The values the report's kind asks for, checked: counts never negative, the people of each axis and the
    households within the people housed, and no text that identifies a person. A report returned with a question
    also takes the occupant's answer."""
    counts = HOUSING_COUNTS if report.kind == ReportKind.housing else ACTIVITY_COUNTS
    texts = (*TEXTS, "consistency_note", *(("occupant_answer",) if report.status == ReportStatus.returned else ()))
    clean = {name: values.get(name) or 0 for name in counts}
    clean.update({name: (values.get(name) or "").strip() for name in texts})
    problems = {}
    for name in counts:
        if not isinstance(clean[name], int) or clean[name] < 0:
            problems[name] = _l("A count is a whole number, zero or more.")
    if not problems and report.kind == ReportKind.housing:
        if clean["households"] > clean["persons"]:
            problems["households"] = _l("There cannot be more households than persons housed.")
        if sum(clean[a] for a in AXES) > clean["persons"]:
            problems["persons_axis1"] = _l("The persons of the three axes cannot outnumber the persons housed.")
    for name in texts:
        reason = rules.personal_data(clean[name])
        if reason is not None:
            problems[name] = reason
    if problems:
        raise Problems(problems)
    return clean


def _apply(report, clean: dict) -> dict:
    changes = {name: [getattr(report, name), value] for name, value in clean.items()
               if getattr(report, name) != value and name in EDITABLE}
    for name, value in clean.items():
        setattr(report, name, value)
    return changes


def save_report(report, values: dict, *, actor) -> None:
    """A draft kept for later: checked the same way, never counted."""
    require(p.can_fill_report(actor, report))
    changes = _apply(report, _clean(report, values))
    db.session.flush()
    audit.record("report.saved", target=report, actor=actor, parties=_parties(report),
                 changes={k: v for k, v in changes.items() if k in HOUSING_COUNTS + ACTIVITY_COUNTS})


def submit_report(report, values: dict, *, actor) -> None:
    """The occupant submits: the owner's writers are told. Counts that do not add up from the previous period
    need an explanation; a report returned with a question, an answer (which the owner's writers are sent). A
    report is sent once its period has ended (until then it is prepared and saved as a draft)."""
    require(p.can_fill_report(actor, report))
    if not rules.may_submit(report.period_end, clock.today()):
        raise OperationError(_l("This report can be submitted from %(date)s, once its period has ended. Until then, "
                                "save it as a draft.",
                                date=f"{rules.submittable_from(report.period_end):%d/%m/%Y}"))
    clean = _clean(report, values)
    answering = report.status == ReportStatus.returned
    if answering and not clean["occupant_answer"]:
        raise OperationError(_l("Answer the owner's question before submitting the report again."),
                             field="occupant_answer")
    warning = queries.consistency_warning(report, clean)
    if warning is not None and not clean["consistency_note"]:
        raise OperationError(_l("The counts do not add up: %(previous)s persons at the end of the previous period, "
                                "plus %(entries)s entries, minus %(exits)s exits, make %(expected)s, not "
                                "%(reported)s. Correct the counts, or explain the difference here.", **warning),
                             field="consistency_note")
    changes = _apply(report, clean)
    old = transition(report, ReportStatus.submitted)
    report.submitted_at, report.submitted_by_id = clock.now(), actor.id
    db.session.flush()
    counts = {k: v for k, v in changes.items() if k in HOUSING_COUNTS + ACTIVITY_COUNTS}
    if answering:
        audit.record("report.answered", target=report, actor=actor, parties=_parties(report),
                     changes={"status": [old, report.status], "answer": [None, report.occupant_answer], **counts})
        _tell(report, report.agreement.owner, "report.answered", question=report.owner_question,
              answer=report.occupant_answer)
    else:
        audit.record("report.submitted", target=report, actor=actor, parties=_parties(report),
                     changes={"status": [old, report.status], **counts})
        _tell(report, report.agreement.owner, "report.submitted")


# The owner's review -------------------------------------------------------------------------------------------

def acknowledge_report(report, comment: str, *, actor) -> None:
    require(p.can_review_report(actor, report))
    comment = (comment or "").strip()
    reason = rules.personal_data(comment)
    if reason is not None:
        raise OperationError(reason, field="comment")
    old = transition(report, ReportStatus.acknowledged)
    report.owner_comment, report.reviewed_at, report.reviewed_by_id = comment, clock.now(), actor.id
    db.session.flush()
    audit.record("report.acknowledged", target=report, actor=actor, parties=_parties(report),
                 changes={"status": [old, report.status]}, reason=comment or None)
    _tell(report, report.occupant, "report.acknowledged", comment=comment or "—")


def return_report(report, question: str, *, actor) -> None:
    require(p.can_review_report(actor, report))
    question = (question or "").strip()
    if not question:
        raise OperationError(_l("Write the question the occupant should answer."), field="question")
    reason = rules.personal_data(question)
    if reason is not None:
        raise OperationError(reason, field="question")
    old = transition(report, ReportStatus.returned)
    report.owner_question, report.reviewed_at, report.reviewed_by_id = question, clock.now(), actor.id
    report.occupant_answer = ""      # a new question waits for its own answer
    report.reminded_due = report.reminded_soon = False
    db.session.flush()
    audit.record("report.returned", target=report, actor=actor, parties=_parties(report),
                 changes={"status": [old, report.status]}, reason=question)
    _tell(report, report.occupant, "report.returned", question=question)
