"""The only writers of the evaluation: one function per state change, each checking who may do it, recording
it in the audit log and queuing its notifications."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.orm import lazyload

from calls.applications.models import Application, Attachment
from calls.applications.workflow import ApplicationStatus
from calls.applications.workflow import transition as application_transition
from calls.evaluation import permissions as p
from calls.evaluation import queries
from calls.evaluation.models import (
    ConflictDeclaration,
    Consensus,
    Decision,
    EligibilityMark,
    Evaluator,
    Score,
    ScoreSheet,
    Selection,
)
from calls.operations import titles
from calls.workflow import CallStatus, transition
from portal import audit, clock, uploads
from portal.accounts.models import User
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.features import provided
from portal.i18n import LANGUAGES, format_day, format_number, localized
from portal.jobs import after_commit
from portal.notifications import notify
from portal.permissions import require
from portal.roles import admins_of, writers_of

MAX_TEXT = 4000

PROBLEM_MESSAGES = {
    "no_evaluators": _l("Assign at least one evaluator."),
    "undeclared": _l("Every evaluator must first declare their conflicts of interest."),
    "eligibility": _l("Mark the eligibility of every application."),
    "no_evaluator_left": _l("An eligible application has no evaluator without a conflict of interest: assign "
                            "another evaluator."),
    "sheets": _l("Some evaluators have not submitted their scores yet."),
    "disagreements": _l("Record the outcome of every disagreement flagged."),
}


def _link(call, endpoint="evaluation.overview", **values) -> str:
    return url_for(endpoint, call_id=call.id, org_slug=call.owner.slug, **values)


def _names(users) -> list[str]:
    return sorted(user.name for user in users)


# Evaluators and their declarations ------------------------------------------------------------------------

def assign_evaluators(call, users, *, actor) -> list[Evaluator]:
    """The call's evaluators become exactly `users`; a closed call enters its evaluation. One whose scores are
    submitted stays: the record keeps them."""
    require(p.can_assign_evaluators(actor, call))
    users = list({user.id: user for user in users}.values())
    if not users:
        raise OperationError(_l("Choose at least one evaluator."), field="evaluators")
    if any(not p.may_be_assigned(user, call) for user in users):
        raise OperationError(_l("Only members of your organisation with the evaluator or administrator role can "
                                "evaluate."), field="evaluators")
    current = {e.user_id: e for e in db.session.scalars(select(Evaluator).where(Evaluator.call_id == call.id))}
    wanted = {user.id for user in users}
    leaving = [e for user_id, e in current.items() if user_id not in wanted]
    if leaving and db.session.scalar(select(ScoreSheet.id).where(
            ScoreSheet.evaluator_id.in_([e.id for e in leaving]), ScoreSheet.submitted_at.is_not(None)).limit(1)):
        raise OperationError(_l("An evaluator who has submitted scores stays on the call: their scores are part of "
                                "the record."), field="evaluators")
    before = _names(e.user for e in current.values())
    for evaluator in leaving:
        db.session.delete(evaluator)
    added = [user for user in users if user.id not in current]
    for user in added:
        db.session.add(Evaluator(call_id=call.id, user_id=user.id, user=user))
    changes = {"evaluators": [before, _names(users)]}
    if call.status == CallStatus.closed:
        changes["status"] = [transition(call, CallStatus.evaluation), call.status]
    db.session.flush()
    audit.record("evaluation.evaluators_assigned", target=call, actor=actor, organisation=call.owner,
                 changes=changes)
    notify(added, "evaluation.assigned", params={"call": titles(call)}, link=_link(call, "evaluation.declare"),
           organisation=call.owner)
    return list(db.session.scalars(select(Evaluator).where(Evaluator.call_id == call.id)))


def assign_evaluators_by_id(call, user_ids, *, actor) -> list[Evaluator]:
    """The evaluators chosen in the form, by their ids: an id that is no account is left out; an account that is
    not a member of the call's owner is refused by the rule of assign_evaluators."""
    users = [db.session.get(User, user_id) for user_id in set(user_ids)]
    return assign_evaluators(call, [user for user in users if user is not None], actor=actor)


def declare_conflicts(call, standing, answers: dict[int, tuple[bool | None, str]], *, actor) -> None:
    """For each applicant organisation of the call, whether the evaluator has a conflict of interest (and, if so,
    why). Made once, before opening any application, and kept."""
    require(p.can_declare_conflicts(actor, call, standing))
    applicants = [line.application.applicant for line in queries.board(call).lines]
    problems = {}
    for organisation in applicants:
        conflict, note = answers.get(organisation.id, (None, ""))
        if conflict is None:
            problems[f"conflict_{organisation.id}"] = _l("Say whether you have a conflict of interest with this "
                                                        "applicant.")
        elif conflict and not note.strip():
            problems[f"note_{organisation.id}"] = _l("Say briefly what links you to this applicant.")
    if problems:
        raise Problems(problems)
    evaluator = standing.evaluator
    conflicts = []
    for organisation in applicants:
        conflict, note = answers[organisation.id]
        db.session.add(ConflictDeclaration(evaluator_id=evaluator.id, applicant_id=organisation.id,
                                           conflict=bool(conflict), note=note.strip() if conflict else ""))
        if conflict:
            conflicts.append(organisation.name)
    evaluator.declared_at = clock.now()
    audit.record("evaluation.conflicts_declared", target=call, actor=actor, organisation=call.owner,
                 changes={"evaluator": [None, actor.name], "conflicts": [None, sorted(conflicts)]})
    if conflicts:
        notify(admins_of(call.owner), "evaluation.conflict_declared",
               params={"call": titles(call), "evaluator": actor.name, "count": len(conflicts)},
               link=_link(call), organisation=call.owner)


def declare_late_conflict(application, standing, *, note: str, actor) -> None:
    """A conflict of interest the evaluator discovers after the declarations: from now on they no longer open
    the application, and their scores of it (kept on record) no longer count."""
    call = application.call
    require(call.status == CallStatus.evaluation and standing.evaluator is not None
            and standing.evaluator.user_id == actor.id
            and p.may_open(actor, call, application, standing))
    if not note.strip():
        raise OperationError(_l("Say briefly what links you to this applicant."), field="note")
    if len(note) > MAX_TEXT:
        raise OperationError(_l("At most %(max)d characters.", max=MAX_TEXT), field="note")
    declaration = db.session.scalar(select(ConflictDeclaration).where(
        ConflictDeclaration.evaluator_id == standing.evaluator.id,
        ConflictDeclaration.applicant_id == application.organisation_id))
    if declaration is None:
        declaration = ConflictDeclaration(evaluator_id=standing.evaluator.id, applicant_id=application.organisation_id)
        db.session.add(declaration)
    declaration.conflict, declaration.note, declaration.declared_at = True, note.strip(), clock.now()
    audit.record("evaluation.conflicts_declared", target=call, actor=actor, organisation=call.owner,
                 changes={"evaluator": [None, actor.name], "conflicts": [None, [application.applicant.name]]})
    notify(admins_of(call.owner), "evaluation.conflict_declared",
           params={"call": titles(call), "evaluator": actor.name, "count": 1}, link=_link(call),
           organisation=call.owner)


# Eligibility ------------------------------------------------------------------------------------------------

def mark_eligibility(application, standing, marks: dict[int, tuple[bool | None, str]], *, actor) -> bool:
    """Each condition met or not, with the reason (required when not met). Returns whether it is eligible."""
    call = application.call
    require(p.can_mark_eligibility(actor, call, application, standing))
    problems = {}
    for condition in call.conditions:
        met, reason = marks.get(condition.id, (None, ""))
        if met is None:
            problems[f"met_{condition.id}"] = _l("Say whether this condition is met.")
        elif not met and not reason.strip():
            problems[f"reason_{condition.id}"] = _l("Give the reason: the applicant will read it.")
        elif len(reason) > MAX_TEXT:
            problems[f"reason_{condition.id}"] = _l("At most %(max)d characters.", max=MAX_TEXT)
    if problems:
        raise Problems(problems)
    existing = {m.condition_id: m for m in db.session.scalars(
        select(EligibilityMark).where(EligibilityMark.application_id == application.id))}
    for condition in call.conditions:
        met, reason = marks[condition.id]
        mark = existing.get(condition.id) or EligibilityMark(application_id=application.id,
                                                             condition_id=condition.id)
        mark.met, mark.reason, mark.marked_by_id, mark.marked_at = bool(met), reason.strip(), actor.id, clock.now()
        db.session.add(mark)
    eligible = all(met for met, _reason in marks.values())
    audit.record("evaluation.eligibility_marked", target=call, actor=actor, organisation=call.owner,
                 changes={"application": [None, application.applicant.name], "eligible": [None, eligible]})
    return eligible


# Scores ---------------------------------------------------------------------------------------------------

def save_scores(application, standing, values: dict[int, tuple[int | None, str]], *, actor,
                submit: bool = False) -> ScoreSheet:
    """The evaluator's scores of one application, each with its justification; saved as a draft, or submitted
    (every criterion scored and justified), after which the sheet never changes."""
    call = application.call
    result = queries.board(call)
    line = result.line(application.id)
    evaluator = standing.evaluator
    sheet = line.sheets.get(evaluator.id) if evaluator is not None and line is not None else None
    require(line is not None and p.can_score(actor, call, application, standing,
                                             eligible=line.eligibility == queries.ELIGIBLE,
                                             sheet_submitted=sheet is not None and sheet.submitted_at is not None))
    problems = {}
    for criterion in call.criteria:
        score, justification = values.get(criterion.id, (None, ""))
        if score is not None and not 0 <= score <= call.scale:
            problems[f"score_{criterion.id}"] = _l("Give a score from 0 to %(max)d.", max=call.scale)
        elif score is not None and not justification.strip():
            problems[f"justification_{criterion.id}"] = _l("Justify the score: the applicant will read it.")
        elif submit and score is None:
            problems[f"score_{criterion.id}"] = _l("Score every criterion before submitting.")
        elif len(justification) > MAX_TEXT:
            problems[f"justification_{criterion.id}"] = _l("At most %(max)d characters.", max=MAX_TEXT)
    if problems:
        raise Problems(problems)
    # The board's sheets are rows: the one to write is read as an object.
    sheet = db.session.scalar(select(ScoreSheet).where(ScoreSheet.application_id == application.id,
                                                       ScoreSheet.evaluator_id == evaluator.id)
                              .options(lazyload(ScoreSheet.scores)))
    if sheet is None:
        sheet = ScoreSheet(application_id=application.id, evaluator_id=evaluator.id)
        db.session.add(sheet)
        db.session.flush()
    kept = {s.criterion_id: s for s in db.session.scalars(select(Score).where(Score.sheet_id == sheet.id))}
    for criterion in call.criteria:
        score, justification = values.get(criterion.id, (None, ""))
        if score is None:
            if criterion.id in kept:
                db.session.delete(kept[criterion.id])
            continue
        row = kept.get(criterion.id) or Score(sheet_id=sheet.id, criterion_id=criterion.id)
        row.score, row.justification = score, justification.strip()
        db.session.add(row)
    if submit:
        sheet.submitted_at = clock.now()
        db.session.flush()
        audit.record("evaluation.sheet_submitted", target=call, actor=actor, organisation=call.owner,
                     changes={"application": [None, application.applicant.name]})
        after = queries.board(call)
        if not after.problems():
            notify(admins_of(call.owner), "evaluation.scores_complete", params={"call": titles(call)},
                   link=_link(call, "evaluation.ranking"), organisation=call.owner)
    return sheet


def record_consensus(application, criterion, *, outcome: str, score: int | None, actor) -> Consensus:
    """The outcome of the discussion of a disagreement on one criterion; an agreed score replaces the mean."""
    call = application.call
    require(p.can_record_consensus(actor, call) and criterion.call_id == call.id)
    line = queries.board(call).line(application.id)
    if line is None or criterion.id not in line.flagged:
        raise OperationError(_l("No disagreement is flagged on this criterion."), field="outcome")
    if not outcome.strip():
        raise OperationError(_l("Write down the outcome of the discussion."), field="outcome")
    if len(outcome) > MAX_TEXT:
        raise OperationError(_l("At most %(max)d characters.", max=MAX_TEXT), field="outcome")
    if score is not None and not 0 <= score <= call.scale:
        raise OperationError(_l("Give a score from 0 to %(max)d.", max=call.scale), field="score")
    consensus = line.consensus.get(criterion.id) or Consensus(application_id=application.id,
                                                              criterion_id=criterion.id)
    old = [consensus.score, consensus.outcome] if consensus.id else None
    consensus.outcome, consensus.score = outcome.strip(), score
    consensus.recorded_by_id, consensus.recorded_at = actor.id, clock.now()
    db.session.add(consensus)
    audit.record("evaluation.consensus_recorded", target=call, actor=actor, organisation=call.owner,
                 changes={"application": [None, application.applicant.name], "criterion": [None, criterion.label],
                          "agreed": [old, [score, consensus.outcome]]})
    return consensus


# Selection and decision -----------------------------------------------------------------------------------

def propose_selection(call, picks: dict[int, list[int]], *, actor):
    """The applications the owner proposes to select, each with its units. Refused if a unit is given twice or
    is not offered; a missed mix target is saved and reported (the MixCheck returned)."""
    require(p.can_decide(actor, call))
    result = queries.board(call)
    ranked = {line.application.id: line for line in result.ranked}
    if any(application_id not in ranked for application_id in picks):
        raise OperationError(_l("Only eligible applications with a result can be selected."), field="selection")
    offered = {u.id for u in result.offered}
    problems = {}
    holders: dict[int, list[int]] = {}
    for application_id, units in picks.items():
        if not units:
            problems[f"units_{application_id}"] = _l("Give at least one unit to a selected application.")
        elif any(unit not in offered for unit in units):
            problems[f"units_{application_id}"] = _l("Choose units offered by the call.")
        for unit in units:
            holders.setdefault(unit, []).append(application_id)
    labels = {u.id: u.label for u in result.offered}
    for unit, holders_of_unit in holders.items():
        if len(holders_of_unit) > 1:
            for application_id in holders_of_unit:
                problems.setdefault(f"units_{application_id}", _l(
                    "%(unit)s is given to more than one application: a unit goes to one occupant only.",
                    unit=labels.get(unit, unit)))
    if problems:
        raise Problems(problems)
    before = sorted(line.application.applicant.name for line in result.selection)
    db.session.execute(delete(Selection).where(Selection.call_id == call.id))
    for application_id, units in picks.items():
        db.session.add(Selection(call_id=call.id, application_id=application_id, unit_ids=sorted(set(units))))
    db.session.flush()
    after = queries.board(call)
    audit.record("evaluation.selection_proposed", target=call, actor=actor, organisation=call.owner,
                 changes={"selection": [before, sorted(line.application.applicant.name for line in after.selection)],
                          "mix_met": [None, after.mix.ok]})
    return after.mix


def _number(value, language) -> str:
    return "—" if value is None else format_number(value, 2, language)


def _result_text(call, line, language: str) -> str:
    """The applicant's own scores, per criterion, with the justifications, in one language."""
    with force_locale(language):
        parts = []
        for criterion in call.criteria:
            label = getattr(criterion, f"label_{language}", "") or criterion.label_fr
            mean = line.means.get(criterion.id)
            parts.append(_("%(criterion)s (weight %(weight)d): %(score)s out of %(scale)d",
                           criterion=label, weight=criterion.weight, score=_number(mean, language),
                           scale=call.scale))
            for number, evaluator in enumerate(line.submitted, start=1):
                score = line.scores.get(evaluator, {}).get(criterion.id)
                if score is not None:
                    parts.append(_("  Evaluator %(number)d: %(score)d. %(justification)s", number=number,
                                   score=score.score, justification=score.justification))
            agreed = line.consensus.get(criterion.id)
            if agreed is not None:
                parts.append(_("  After discussion: %(outcome)s", outcome=agreed.outcome))
        return "\n".join(parts)


def _reasons_text(call, line, language: str) -> str:
    with force_locale(language):
        return "\n".join(
            _("%(condition)s: not met. %(reason)s", condition=getattr(c, f"text_{language}", "") or c.text_fr,
              reason=line.marks[c.id].reason)
            for c in call.conditions if c.id in line.marks and not line.marks[c.id].met)


def _decision_text(call, decision, language: str) -> str:
    """The reasons of the decision in one language (French for English readers), then how to contest it."""
    reasons = localized(decision, "reasons", language if language in ("fr", "nl") else "fr")
    with force_locale(language):
        text = "\n\n" + _("Reasons for the decision:") + "\n" + reasons
    appeal = _appeal_text(call, decision, language)
    return text + ("\n\n" + appeal if appeal else "")


def _appeal_text(call, decision, language: str) -> str:
    """How to contest the decision, and by when, in one language (nothing when the call does not say)."""
    last = queries.appeal_until(call, decision)
    if last is None:
        return ""
    with force_locale(language):
        return _("To contest this decision, write to %(body)s by %(date)s at the latest.",
                 body=localized(call, "appeal_body", language), date=format_day(last, "long", language))


def decide(call, *, reasons_fr: str, reasons_nl: str, accept_missed_targets: bool = False, actor) -> Decision:
    """Record the decision with its reasons in French and in Dutch: the selected applications become the starting
    point of an agreement; every applicant is told, in its own language, its own scores, justifications, rank and
    the threshold, the reasons, and how to contest the decision by when."""
    require(p.can_decide(actor, call))
    result = queries.board(call)
    problems = result.problems()
    if problems:
        raise OperationError(PROBLEM_MESSAGES[problems[0]], field="reasons_fr")
    reasons = {"reasons_fr": (reasons_fr or "").strip(), "reasons_nl": (reasons_nl or "").strip()}
    found = {}
    for field, text in reasons.items():
        if not text:
            found[field] = _l("Give the reasons for the decision in French and in Dutch: every applicant reads "
                              "them in its language.")
        elif len(text) > MAX_TEXT * 2:
            found[field] = _l("At most %(max)d characters.", max=MAX_TEXT * 2)
    if found:
        raise Problems(found)
    if result.selection and not result.mix.ok and (result.mix.units_twice or result.mix.units_not_offered):
        raise OperationError(_l("Correct the selection: a unit is given twice or is not offered."),
                             field="reasons_fr")
    if result.selection and not result.mix.ok and not accept_missed_targets:
        raise OperationError(_l("The selection misses a mix target of the call: change the selection, or confirm "
                                "that you decide so and say why in the reasons."), field="accept_missed_targets")
    decision = Decision(call_id=call.id, reasons_fr=reasons["reasons_fr"], reasons_nl=reasons["reasons_nl"],
                        decided_by_id=actor.id, decided_at=clock.now())
    db.session.add(decision)
    old = transition(call, CallStatus.decided)
    selected = {line.application.id for line in result.selection}
    for line in result.lines:
        application = line.application
        if line.eligibility == queries.INELIGIBLE:
            before = application_transition(application, ApplicationStatus.ineligible)
        elif application.id in selected:
            before = application_transition(application, ApplicationStatus.selected)
        else:
            before = application_transition(application, ApplicationStatus.not_selected)
        # On the application too: its history, which its applicant reads, says what was decided.
        audit.record("application.decided", target=application, actor=actor, organisation=call.owner,
                     changes={"status": [before, application.status]})
    db.session.flush()
    threshold = result.threshold
    audit.record("call.decided", target=call, actor=actor, organisation=call.owner,
                 reason="\n\n".join((reasons["reasons_fr"], reasons["reasons_nl"])),
                 changes={"status": [old, call.status],
                          "selected": [None, sorted(line.application.applicant.name for line in result.selection)],
                          "threshold": [None, str(threshold) if threshold is not None else None],
                          "mix_met": [None, result.mix.ok]})
    for line in result.lines:
        application = line.application
        params = {"call": titles(call), "rank": line.rank or "—", "ranked": len(result.ranked),
                  "score": {lang: _number(line.score, lang) for lang in LANGUAGES},
                  "threshold": {lang: _number(threshold, lang) for lang in LANGUAGES}}
        # The decision's reasons and how to contest it close the applicant's own part (the kinds' texts stay those
        # of the notifications already sent).
        if application.status == ApplicationStatus.ineligible:
            kind = "evaluation.decided_ineligible"
            params["reasons"] = {lang: _reasons_text(call, line, lang) + _decision_text(call, decision, lang)
                                 for lang in LANGUAGES}
        else:
            kind = "evaluation.decided_" + application.status.value
            params["scores"] = {lang: _result_text(call, line, lang) + _decision_text(call, decision, lang)
                                for lang in LANGUAGES}
        notify(writers_of(application.applicant), kind, params=params,
               link=url_for("applications.edit", application_id=application.id, org_slug=application.applicant.slug,
                            _anchor="result"),
               organisation=application.applicant)
    return decision


def erase_unselected_documents(now) -> int:
    """The retention schedule: RETENTION_UNSELECTED_DAYS after a call's decision (the time to contest it is long
    past), the documents of its applications that were not selected (nor eligible, or withdrawn) are deleted, their
    files once the deletion commits; the application itself, its digest and the decision stay. Each is audited."""
    before = now - timedelta(days=current_app.config["RETENTION_UNSELECTED_DAYS"])
    kept_apart = (ApplicationStatus.not_selected, ApplicationStatus.ineligible, ApplicationStatus.withdrawn)
    applications = db.session.scalars(
        select(Application).join(Decision, Decision.call_id == Application.call_id)
        .where(Decision.decided_at < before, Application.status.in_(kept_apart),
               Application.id.in_(select(Attachment.application_id)))).all()
    under_appeal = provided("applications_under_appeal", lambda: set())()
    applications = [application for application in applications if application.id not in under_appeal]
    for application in applications:
        count = len(application.attachments)
        for attachment in application.attachments:
            after_commit(uploads.remove, "attachments", attachment.filename)
        application.attachments.clear()
        audit.record("application.documents_erased", target=application, organisation=application.applicant,
                     changes={"documents": [count, 0]})
    return len(applications)
