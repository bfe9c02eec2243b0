"""The only writers of calls and their questions: one function per state change."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from calls import permissions as p
from calls import queries, rules
from calls.models import Addendum, Call, CallUnit, Condition, Criterion, Follower, Question, Visit
from calls.workflow import CallStatus, closed, concerned, deadline_set, published, transition
from occupancies import operations as site_operations
from occupancies import permissions as site_permissions
from occupancies.workflow import PublicationStatus
from portal import audit, clock
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.jobs import schedule_at
from portal.notifications import notify
from portal.organisations.queries import guichet_staff
from portal.permissions import require
from portal.roles import writers_of

CALL_FIELDS = ("title_fr", "title_nl", "title_en", "description_fr", "description_nl", "description_en", "uses",
               "scale", "tie_rule", "support_fr", "support_nl", "support_amount", "free_use", "monthly_fee",
               "min_social_share",
               "min_use_categories", "occupancy_start", "occupancy_end", "publication_at", "questions_deadline",
               "submission_deadline", "decision_on", "appeal_body_fr", "appeal_body_nl", "appeal_days",
               "standstill_days")

WEIGHT_MESSAGES = {
    "none": _l("Give at least one award criterion."),
    "not_positive": _l("Every criterion needs a weight above zero."),
    "not_100": _l("The weights of the criteria must add up to 100."),
}
APPEAL_MISSING = _l("Say who receives an appeal against the decision, in French and in Dutch, and within how many "
                    "days: every applicant reads it with the decision.")
DATE_MESSAGES = {
    "past": _l("This date has already passed."),
    "outside": _l("Visits take place between the publication and the submission deadline."),
    "before_publication": _l("The questions deadline comes after the publication."),
    "before_questions": _l("The submission deadline comes after the questions deadline."),
    "before_submission": _l("The decision comes after the submission deadline."),
    "before_decision": _l("The occupancy starts after the decision."),
    "before_start": _l("The occupancy ends after it starts."),
}


def titles(call: Call) -> dict:
    """The call's title in each language, for notifications read in the recipient's."""
    return {"fr": call.title_fr, "nl": call.title_nl, "en": call.title_en or call.title_fr}


def call_link(call: Call) -> str:
    return url_for("public_calls.call", call_id=call.id)


def owner_link(call: Call) -> str:
    return url_for("calls.call", call_id=call.id, org_slug=call.owner.slug)


class CallProblems(Problems):
    """Every problem of a call's criteria and dates at once, each beside its field."""


DATE_FIELDS = {"publication": "publication_at", "decision": "decision_on"}


def _check(call_values: dict, criteria: list[dict], visits: list, now, *, sending: bool = False) -> None:
    """The dates are checked whenever the call is saved; the weights only when it is sent: a draft may be
    incomplete (a criterion still to add, weights still to share out), what the Guichet receives may not."""
    found = {}
    weight_codes = rules.weight_problems([c.get("weight") for c in criteria])
    if weight_codes and (sending or "not_positive" in weight_codes):
        found["criteria"] = WEIGHT_MESSAGES["not_positive" if "not_positive" in weight_codes else weight_codes[0]]
    dates = rules.CallDates(
        publication=call_values["publication_at"], questions_deadline=call_values["questions_deadline"],
        submission_deadline=call_values["submission_deadline"], decision=call_values["decision_on"],
        visits=tuple(visits), occupancy_start=call_values.get("occupancy_start"),
        occupancy_end=call_values.get("occupancy_end"))
    date_codes = rules.date_problems(dates, now, brussels_date=clock.brussels_date)
    for field, code in date_codes.items():
        found[DATE_FIELDS.get(field, field)] = DATE_MESSAGES[code]
    if sending and not _states_appeal(call_values):
        found["appeal_body_fr"] = APPEAL_MISSING
    if found:
        raise CallProblems(found)


def _fill(call: Call, values: dict, criteria: list[dict], conditions: list[dict], unit_ids: list[int], visits):
    for key in CALL_FIELDS:
        if key in values:
            setattr(call, key, values[key])
    call.criteria = [Criterion(position=n, **c) for n, c in enumerate(criteria)]
    call.conditions = [Condition(position=n, **c) for n, c in enumerate(conditions)]
    site_units = {unit.id for unit in call.site.units}
    if any(unit_id not in site_units for unit_id in unit_ids):
        raise OperationError(_l("Choose units of this site."), field="unit_ids")
    call.units = [CallUnit(unit_id=unit_id) for unit_id in unit_ids]
    call.visits = [Visit(starts_at=moment) for moment in visits]


def create_call(site, values: dict, *, criteria: list[dict], conditions: list[dict], unit_ids: list[int],
                visits: list, actor) -> Call:
    require(p.can_draft_call(actor, site))
    _check(values, criteria, visits, clock.now())
    call = Call(site=site, site_id=site.id, owner=site.owner, organisation_id=site.organisation_id)
    _fill(call, values, criteria, conditions, unit_ids, visits)
    db.session.add(call)
    db.session.flush()
    audit.record("call.created", target=call, actor=actor, changes={"title_fr": [None, call.title_fr]})
    return call


def update_call(call: Call, values: dict, *, criteria: list[dict], conditions: list[dict], unit_ids: list[int],
                visits: list, actor) -> None:
    require(p.can_edit_call(actor, call))
    _check(values, criteria, visits, clock.now())
    _fill(call, values, criteria, conditions, unit_ids, visits)
    audit.record("call.updated", target=call, actor=actor)


def _schedule_deadline(call: Call) -> None:
    """The closing job at the deadline (a later deadline replaces it); the features that act before the deadline
    (applications' reminders) follow."""
    schedule_at(call.submission_deadline, "calls.jobs.close_call", call.id, key=f"close-call-{call.id}")
    deadline_set.send(call)


def _concerned(call: Call, change: str) -> set[int]:
    """The organisations following the call, and those the features above say are concerned by the change."""
    found = set(db.session.scalars(select(Follower.organisation_id).where(Follower.call_id == call.id)))
    for _receiver, organisation_ids in concerned.send(call, change=change):
        found |= set(organisation_ids or ())
    return found


def _states_appeal(values: dict) -> bool:
    return bool((values.get("appeal_body_fr") or "").strip() and (values.get("appeal_body_nl") or "").strip()
                and values.get("appeal_days"))


def missing_before_sending(call: Call) -> list[tuple[str, str]]:
    """What a draft still lacks before it can be sent to the Guichet: (what, the part of the form that takes it).
    Nothing is written."""
    weight_codes = rules.weight_problems([c.weight for c in call.criteria])
    missing = []
    if weight_codes == ["not_100"]:
        missing.append((_l("The weights of the criteria add up to %(total)d, not 100.",
                           total=sum(c.weight for c in call.criteria)), "criteria"))
    elif weight_codes:
        missing.append((WEIGHT_MESSAGES[weight_codes[0]], "criteria"))
    if not call.states_appeal:
        missing.append((APPEAL_MISSING, "appeal"))
    return missing


def submit_call(call: Call, *, actor) -> None:
    require(p.can_submit_call(actor, call))
    _check({k: getattr(call, k) for k in CALL_FIELDS}, [{"weight": c.weight} for c in call.criteria],
           [v.starts_at for v in call.visits], clock.now(), sending=True)
    old = transition(call, CallStatus.submitted)
    audit.record("call.submitted", target=call, actor=actor, changes={"status": [old, call.status]})
    # A public call shows its site: sending the call asks the Guichet for the site's publication too, so that both
    # go public together.
    if call.site.publication in (PublicationStatus.draft, PublicationStatus.returned):
        site_operations.request_publication(call.site, actor=actor)
    notify(guichet_staff(), "call.submitted", params={"call": titles(call)},
           link=url_for("guichet_calls.review", call_id=call.id))


def _brussels(moment) -> str:
    """A moment as every language writes it (day/month/year hour:minute), in Brussels time."""
    return clock.in_brussels(moment).strftime("%d/%m/%Y %H:%M")


def approve_call(call: Call, *, actor) -> None:
    """The Guichet's approval: the call (and its site) goes public at the moment its owner planned, by a job then
    (the sweep is the safety net), or at once when that moment has come."""
    require(p.can_moderate_call(actor, call))
    now = clock.now()
    if not rules.submissions_open(call.submission_deadline, now):
        raise OperationError(_l("The submission deadline has passed: send the call back so that its dates change."))
    site = call.site
    if not site.is_published and site.publication != PublicationStatus.submitted:
        raise OperationError(_l("The call's site is not ready to be published (it was sent back or withdrawn): "
                                "send the call back so that its owner asks again for the site's publication."))
    old = transition(call, CallStatus.approved)
    call.approved_by_id, call.approved_by, call.status_reason = actor.id, actor, None
    audit.record("call.approved", target=call, actor=actor, changes={"status": [old, call.status]})
    if rules.publication_due(call.publication_at, now):
        publish_call(call, actor=actor)
        return
    schedule_at(call.publication_at, "calls.jobs.publish_call", call.id, key=f"publish-call-{call.id}")
    notify(writers_of(call.owner), "call.approved",
           params={"call": titles(call), "date": _brussels(call.publication_at)}, link=owner_link(call),
           organisation=call.owner)


def publish_call(call: Call, *, actor=None) -> bool:
    """An approved call goes public at its planned moment (the scheduled job, the sweep, or the approval itself
    when that moment has come), and its site with it if it still awaits publication, in the name of the person
    who approved the call. False when it is not due."""
    now = clock.now()
    if call.status != CallStatus.approved or not rules.publication_due(call.publication_at, now):
        return False
    if not rules.submissions_open(call.submission_deadline, now):
        raise OperationError(_l("The submission deadline has passed before the call could be published: send it "
                                "back so that its dates change."))
    site, approver = call.site, call.approved_by
    if not site.is_published:
        if approver is None or not site_permissions.can_moderate_site(approver, site):
            raise OperationError(_l("The call's site awaits its publication: the Guichet publishes the site, then "
                                    "the call goes public."))
        site_operations.publish_site(site, actor=approver)
    old = transition(call, CallStatus.published)
    call.published_at = now
    audit.record("call.published", target=call, actor=actor, changes={"status": [old, call.status]})
    _schedule_deadline(call)
    published.send(call)
    notify(writers_of(call.owner), "call.published", params={"call": titles(call)}, link=owner_link(call),
           organisation=call.owner)
    return True


def return_call(call: Call, *, actor, reason: str) -> None:
    require(p.can_return_call(actor, call))
    old = transition(call, CallStatus.returned)
    call.status_reason = reason
    audit.record("call.returned", target=call, actor=actor, changes={"status": [old, call.status]}, reason=reason)
    notify(writers_of(call.owner), "call.returned", params={"call": titles(call), "reason": reason},
           link=owner_link(call), organisation=call.owner)


def close_call(call: Call, *, actor=None) -> bool:
    """Close a published call whose deadline has passed (the scheduled job, the sweep, or any request)."""
    if call.status != CallStatus.published or rules.submissions_open(call.submission_deadline, clock.now()):
        return False
    old = transition(call, CallStatus.closed)
    audit.record("call.closed", target=call, actor=actor, organisation=call.owner,
                 changes={"status": [old, call.status]})
    closed.send(call)  # applications tell the owner how many were submitted
    return True


def publish_addendum(call: Call, *, text_fr: str, text_nl: str, new_deadline=None, actor) -> Addendum:
    now = clock.now()
    require(p.can_publish_addendum(actor, call, now))
    problems = rules.addendum_problems(current_deadline=call.submission_deadline, new_deadline=new_deadline,
                                       now=now, text_fr=text_fr, text_nl=text_nl)
    if problems:
        field, code = next(iter(problems.items()))
        messages = {"required": _l("This field is required."),
                    "earlier": _l("An addendum can only move the deadline later."),
                    "past": _l("This date has already passed."),
                    "closed": _l("The call is closed: no addendum any more.")}
        raise OperationError(messages[code], field=field)
    addendum = Addendum(call=call, text_fr=text_fr, text_nl=text_nl, new_deadline=new_deadline, published_at=now)
    db.session.add(addendum)
    changes = {}
    if new_deadline is not None:
        changes["submission_deadline"] = [call.submission_deadline, new_deadline]
        call.submission_deadline = new_deadline
        _schedule_deadline(call)
    audit.record("call.addendum_published", target=call, actor=actor, changes=changes)
    notify(queries.members_of(_concerned(call, "addendum")), "call.addendum", params={"call": titles(call)},
           link=call_link(call))
    return addendum


def cancel_call(call: Call, *, actor, reason: str) -> None:
    require(p.can_cancel_call(actor, call))
    old = transition(call, CallStatus.cancelled)
    call.status_reason = reason
    audit.record("call.cancelled", target=call, actor=actor, changes={"status": [old, call.status]}, reason=reason)
    notify(queries.members_of(_concerned(call, "cancelled")), "call.cancelled",
           params={"call": titles(call), "reason": reason}, link=call_link(call))


# Questions ------------------------------------------------------------------------------------------

def follow_call(call: Call, organisation, *, actor) -> None:
    require(p.can_view_call(actor, call))
    if db.session.scalar(select(Follower.id).where(Follower.call_id == call.id,
                                                   Follower.organisation_id == organisation.id)) is None:
        follower = Follower(call_id=call.id, organisation_id=organisation.id)
        db.session.add(follower)
        # On the follower, not the call: the owner's history of the call never lists who follows it.
        audit.record("call.followed", target=follower, actor=actor, organisation=organisation)


def ask_question(call: Call, organisation, *, text: str, actor) -> Question:
    require(p.can_ask_question(actor, organisation, call, clock.now()))
    question = Question(call_id=call.id, asked_by_id=organisation.id, text=text.strip())
    db.session.add(question)
    db.session.flush()
    follow_call(call, organisation, actor=actor)
    # On the question, not the call: the call's history, which the owner reads, never names who asked.
    audit.record("call.question_asked", target=question, actor=actor, organisation=organisation)
    notify(writers_of(call.owner), "call.question_asked", params={"call": titles(call)}, link=owner_link(call),
           organisation=call.owner)
    return question


def answer_question(question: Question, call: Call, *, answer_fr: str, answer_nl: str, actor) -> None:
    require(p.can_answer_question(actor, call) and question.call_id == call.id)
    if not answer_fr.strip() or not answer_nl.strip():
        raise OperationError(_l("Answer in French and in Dutch: every applicant reads the same answer."),
                             field="answer_fr" if not answer_fr.strip() else "answer_nl")
    question.answer_fr, question.answer_nl, question.answered_at = answer_fr.strip(), answer_nl.strip(), clock.now()
    audit.record("call.question_answered", target=call, actor=actor)
    followers = set(db.session.scalars(select(Follower.organisation_id).where(Follower.call_id == call.id)))
    notify(queries.members_of(followers), "call.question_answered", params={"call": titles(call)}, link=call_link(call))
