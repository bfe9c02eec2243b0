"""Reads of the evaluation: the whole board of a call (every application, mark, sheet, score, consensus and
the proposed selection) in a constant number of queries, whatever the number of applications and evaluators,
and the standing of one user in it. Who may see what of the board is the templates' and permissions' business:
the board holds everything and is never given whole to an applicant."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Row, and_, or_, select
from sqlalchemy.orm import aliased, defer, joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from calls import rules as call_rules
from calls.applications.models import Application
from calls.applications.queries import offered_units
from calls.applications.workflow import RECEIVED, ApplicationStatus
from calls.evaluation import rules
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
from calls.models import Call, Condition
from calls.workflow import CallStatus
from portal import clock
from portal.accounts.models import User
from portal.cache import until_next_operation
from portal.extensions import db
from portal.features import provided
from portal.listing import page_count
from portal.organisations.models import Membership
from portal.roles import Role, role_in

PENDING, ELIGIBLE, INELIGIBLE = "pending", "eligible", "ineligible"


@dataclass(frozen=True)
class Standing:
    """A user's place in the evaluation of a call: their assignment, whether their declarations are made, and
    the applicant organisations they declared a conflict with."""

    evaluator: Evaluator | None
    conflicted: frozenset[int] = frozenset()

    @property
    def declared(self) -> bool:
        return self.evaluator is not None and self.evaluator.declared_at is not None


@dataclass
class Line:
    """One application in the evaluation."""

    application: Application
    marks: dict[int, EligibilityMark] = field(default_factory=dict)        # condition id -> mark
    eligibility: str = PENDING
    sheets: dict[int, Row] = field(default_factory=dict)                   # evaluator id -> sheet (submitted_at)
    scores: dict[int, dict[int, Row]] = field(default_factory=dict)        # evaluator id -> criterion id -> score
    expected: list[int] = field(default_factory=list)                      # evaluators without a conflict
    excluded: set[int] = field(default_factory=set)                        # evaluators with a conflict
    consensus: dict[int, Consensus] = field(default_factory=dict)          # criterion id -> outcome
    flagged: set[int] = field(default_factory=set)                         # criteria in disagreement
    means: dict[int, Decimal] = field(default_factory=dict)
    score: Decimal | None = None
    rank: int | None = None
    tie_broken: bool = False
    selected_units: list[int] | None = None                                # None: not in the selection

    @property
    def submitted(self) -> list[int]:
        return [e for e in self.expected if e in self.sheets and self.sheets[e].submitted_at is not None]

    @property
    def unresolved(self) -> set[int]:
        return self.flagged - set(self.consensus)

    @property
    def complete(self) -> bool:
        """Every evaluator without a conflict has submitted, and every disagreement is settled."""
        return bool(self.expected) and len(self.submitted) == len(self.expected) and not self.unresolved

    def submitted_scores(self) -> dict[int, dict[int, int]]:
        return {e: {c: s.score for c, s in self.scores.get(e, {}).items()} for e in self.submitted}

    @property
    def application_id(self) -> int:
        return self.application.id


@dataclass
class Board:
    call: object
    evaluators: list[Evaluator]
    declarations: dict[int, dict[int, Row]]                                # evaluator id -> applicant id -> decl.
    lines: list[Line]
    decision: Decision | None
    offered: list = field(default_factory=list)                            # units offered by the call
    mix: rules.MixCheck | None = None

    @property
    def ranked(self) -> list[Line]:
        return sorted((line for line in self.lines if line.rank is not None),
                      key=lambda line: (line.rank, line.application.submitted_at, line.application.id))

    @property
    def ineligible(self) -> list[Line]:
        return [line for line in self.lines if line.eligibility == INELIGIBLE]

    @property
    def selection(self) -> list[Line]:
        return [line for line in self.ranked if line.selected_units is not None]

    def line(self, application_id: int) -> Line | None:
        return next((line for line in self.lines if line.application.id == application_id), None)

    def conflicts(self, evaluator_id: int) -> set[int]:
        return {a for a, d in self.declarations.get(evaluator_id, {}).items() if d.conflict}

    def sheets_done(self, evaluator) -> bool:
        """Every application the evaluator has to score is submitted (None: not an evaluator, nothing to wait)."""
        if evaluator is None:
            return True
        return all(line.sheets.get(evaluator.id) is not None and line.sheets[evaluator.id].submitted_at is not None
                   for line in self.lines if line.eligibility == ELIGIBLE and evaluator.id in line.expected)

    def problems(self) -> list[str]:
        """Codes of what still stands before a decision (calls.evaluation.operations says them in words)."""
        found = []
        if not self.evaluators:
            found.append("no_evaluators")
        if any(e.declared_at is None for e in self.evaluators):
            found.append("undeclared")
        if any(line.eligibility == PENDING for line in self.lines):
            found.append("eligibility")
        eligible = [line for line in self.lines if line.eligibility == ELIGIBLE]
        if any(not line.expected for line in eligible):
            found.append("no_evaluator_left")
        if any(len(line.submitted) < len(line.expected) for line in eligible):
            found.append("sheets")
        if any(line.unresolved for line in eligible):
            found.append("disagreements")
        return found

    @property
    def threshold(self) -> Decimal | None:
        return rules.threshold(line.score for line in self.selection)


RANKING_PAGE_SIZE = 50  # lines of the ranking on one page: each carries the call's units to give


@dataclass(frozen=True)
class RankingPage:
    """One page of a board's ranking: its lines, and the selection proposed on the other pages (application id ->
    units), which saving this page's picks keeps."""

    number: int
    pages: int
    total: int
    lines: list[Line]
    selected_elsewhere: dict[int, list[int]]

    @classmethod
    def of(cls, board: Board | Ranking, number: int, size: int | None = None) -> RankingPage:
        size = size or RANKING_PAGE_SIZE
        ranked = board.ranked
        pages = page_count(len(ranked), size)
        number = min(max(number, 1), pages)
        lines = ranked[(number - 1) * size:number * size]
        shown = {line.application_id for line in lines}
        elsewhere = {line.application_id: list(line.selected_units) for line in board.selection
                     if line.application_id not in shown}
        return cls(number, pages, len(ranked), lines, elsewhere)

    @property
    def first_rank_shown(self) -> int:
        return self.lines[0].rank if self.lines else 0

    @property
    def last_rank_shown(self) -> int:
        return self.lines[-1].rank if self.lines else 0

    @property
    def link_number(self) -> int | None:
        """The page's number in a link: none for the first."""
        return self.number if self.number > 1 else None


@dataclass
class RankedLine:
    """A line of the ranking as its page shows it, in plain values; `application` is attached to the lines a page
    shows (attach_applications)."""

    application_id: int
    rank: int | None
    tie_broken: bool
    complete: bool
    score: Decimal | None
    means: dict[int, Decimal]
    selected_units: list[int] | None
    application: Application | None = None


@dataclass
class Ranking:
    """What the ranking's page reads of a board, in plain values: the ranked lines in order, the ineligible ones,
    what still stands before a decision, whether each evaluator's sheets are in, the threshold and the check of
    the selection. Kept until the next operation (ranking()): every score, mark, declaration and pick is one.
    The decision and the units offered are read with each page, as are the applications of the lines shown."""

    ranked: list[RankedLine]
    ineligible: list[RankedLine]
    problem_codes: list[str]
    sheets_in: dict[int, bool]                                             # evaluator id -> all submitted
    threshold: Decimal | None
    mix: rules.MixCheck | None
    decision: Decision | None = None
    offered: list = field(default_factory=list)

    @property
    def selection(self) -> list[RankedLine]:
        return [line for line in self.ranked if line.selected_units is not None]

    def problems(self) -> list[str]:
        return self.problem_codes

    def sheets_done(self, evaluator) -> bool:
        return evaluator is None or self.sheets_in.get(evaluator.id, True)


def ranking_of(result: Board) -> Ranking:
    """The ranking of a board just built, its applications, decision and units attached."""
    def plain(line: Line) -> RankedLine:
        return RankedLine(line.application.id, line.rank, line.tie_broken, line.complete, line.score,
                          dict(line.means), None if line.selected_units is None else list(line.selected_units),
                          line.application)

    return Ranking([plain(line) for line in result.ranked], [plain(line) for line in result.ineligible],
                   result.problems(), {e.id: result.sheets_done(e) for e in result.evaluators}, result.threshold,
                   result.mix, result.decision, result.offered)


def ranking(call) -> Ranking:
    """The call's ranking, kept until the next operation as plain values (a call of 500 applications scored by 5
    evaluators reads 12,500 scores to rank them), with its decision and the units it offers read now. Attach the
    applications of the lines a page shows with attach_applications."""
    built = {}

    def compute() -> Ranking:       # kept without what is read each time: the objects stay in this request
        found = ranking_of(board(call))
        built.update(decision=found.decision, offered=found.offered,
                     applications={line.application_id: line.application for line in (*found.ranked,
                                                                                       *found.ineligible)})
        for line in (*found.ranked, *found.ineligible):
            line.application = None
        found.decision, found.offered = None, []
        return found

    found = until_next_operation(f"ranking:{call.id}", compute)
    if built:                       # just built: its objects are at hand
        found.decision, found.offered = built["decision"], built["offered"]
        for line in (*found.ranked, *found.ineligible):
            line.application = built["applications"][line.application_id]
    else:
        found.decision = db.session.scalar(select(Decision).where(Decision.call_id == call.id))
        found.offered = offered_units(call)
    return found


def attach_applications(found: Ranking, page: RankingPage) -> None:
    """Loads the applications (with their applicants) of the lines the page shows: its own, the selection listed
    under it, the ineligible (one query)."""
    lines = [line for line in (*page.lines, *found.selection, *found.ineligible) if line.application is None]
    if not lines:
        return
    loaded = {a.id: a for a in db.session.scalars(
        select(Application).where(Application.id.in_({line.application_id for line in lines}))
        .options(lazyload("*"), joinedload(Application.applicant), defer(Application.answers),
                 defer(Application.statements))).unique()}
    for line in lines:
        line.application = loaded[line.application_id]


def board(call) -> Board:
    """The evaluation of a call: ten queries, whatever its size."""
    applications = list(db.session.scalars(
        select(Application).where(Application.call_id == call.id, Application.status.in_(RECEIVED))
        # The answers and statements (long texts, decoded from JSON: a third of the ranking's time for 500
        # applications) are read on each application's own page, never on the board.
        .options(lazyload(Application.call), defer(Application.answers), defer(Application.statements))
        .order_by(Application.submitted_at, Application.id)).unique())
    for application in applications:
        # The call is loaded already: attached as the database's own value, so that no query runs per row and the
        # session has nothing to flush (an assignment would be a change to write, on a page that only reads).
        set_committed_value(application, "call", call)
    evaluators = list(db.session.scalars(select(Evaluator).where(Evaluator.call_id == call.id)
                                         .options(joinedload(Evaluator.user).lazyload(User.memberships))
                                         .order_by(Evaluator.id)))
    evaluator_ids = [e.id for e in evaluators]
    declarations: dict[int, dict[int, Row]] = {}
    for declaration in db.session.execute(  # rows (conflict, note): one per evaluator and applicant
            select(ConflictDeclaration.evaluator_id, ConflictDeclaration.applicant_id, ConflictDeclaration.conflict,
                   ConflictDeclaration.note).join(Evaluator).where(Evaluator.call_id == call.id)):
        declarations.setdefault(declaration.evaluator_id, {})[declaration.applicant_id] = declaration
    lines = {a.id: Line(application=a) for a in applications}
    of_call = select(Application.id).where(Application.call_id == call.id).scalar_subquery()
    for mark in db.session.scalars(select(EligibilityMark).where(EligibilityMark.application_id.in_(of_call))):
        if mark.application_id in lines:
            lines[mark.application_id].marks[mark.condition_id] = mark
    # Sheets as rows (application_id, evaluator_id, submitted_at): 2,500 for 500 applications and 5 evaluators.
    for sheet in db.session.execute(select(ScoreSheet.application_id, ScoreSheet.evaluator_id,
                                           ScoreSheet.submitted_at).where(ScoreSheet.application_id.in_(of_call))):
        if sheet.application_id in lines:
            lines[sheet.application_id].sheets[sheet.evaluator_id] = sheet
    # Scores are read as rows (criterion_id, score, justification), not entities: a call of 500 applications
    # scored by 5 evaluators on 5 criteria has 12,500 of them, and the board only reads them.
    for score in db.session.execute(
            select(Score.criterion_id, Score.score, Score.justification, ScoreSheet.application_id,
                   ScoreSheet.evaluator_id).join(ScoreSheet).where(ScoreSheet.application_id.in_(of_call))):
        if score.application_id in lines:
            lines[score.application_id].scores.setdefault(score.evaluator_id, {})[score.criterion_id] = score
    for consensus in db.session.scalars(select(Consensus).where(Consensus.application_id.in_(of_call))):
        if consensus.application_id in lines:
            lines[consensus.application_id].consensus[consensus.criterion_id] = consensus
    selection = {s.application_id: s for s in db.session.scalars(select(Selection).where(Selection.call_id == call.id))}
    decision = db.session.scalar(select(Decision).where(Decision.call_id == call.id))
    result = Board(call=call, evaluators=evaluators, declarations=declarations, lines=list(lines.values()),
                   decision=decision)
    _compute(result, selection, evaluator_ids)
    result.offered = offered_units(call)
    result.mix = rules.check_mix(
        [rules.Pick(line.application.id, getattr(line.application.use_category, "value", ""),
                    tuple(line.selected_units)) for line in result.selection],
        offered_units=[u.id for u in result.offered], min_social_share=call.min_social_share,
        min_use_categories=call.min_use_categories)
    return result


def _compute(result: Board, selection: dict, evaluator_ids: list[int]) -> None:
    call = result.call
    conditions = [c.id for c in call.conditions]
    weights = {c.id: c.weight for c in call.criteria}
    first = call.criteria[0].id if call.criteria else None
    ranked_results = []
    conflicted = {e: result.conflicts(e) for e in evaluator_ids}
    for line in result.lines:
        marks = [line.marks.get(c) for c in conditions]
        if any(m is not None and not m.met for m in marks):
            line.eligibility = INELIGIBLE
        elif all(m is not None for m in marks):
            line.eligibility = ELIGIBLE
        line.excluded = {e for e in evaluator_ids if line.application.organisation_id in conflicted[e]}
        line.expected = [e for e in evaluator_ids if e not in line.excluded]
        given = line.submitted_scores()
        line.flagged = rules.disagreements(given, call.scale)
        line.means = rules.criterion_means(given)
        agreed = {c: k.score for c, k in line.consensus.items() if k.score is not None}
        line.means.update({c: Decimal(s) for c, s in agreed.items()})
        line.score = rules.weighted_score(weights, given, call.scale, agreed=agreed) if given else None
        if line.application.id in selection:
            line.selected_units = list(selection[line.application.id].unit_ids or [])
        if line.eligibility == ELIGIBLE and line.score is not None:
            ranked_results.append(rules.Result(line.application.id, line.score,
                                               line.means.get(first, Decimal(0)), line.application.submitted_at))
    by_id = {line.application.id: line for line in result.lines}
    for ranked in rules.rank(ranked_results, call.tie_rule):
        line = by_id[ranked.result.application_id]
        line.rank, line.tie_broken = ranked.rank, ranked.tie_broken


def standing(user, call) -> Standing:
    """The user's assignment to the call, and the applicants they declared a conflict with (two queries; none
    before the call has closed, when it can have no evaluator)."""
    if call.status not in (CallStatus.closed, CallStatus.evaluation, CallStatus.decided):
        return Standing(None)
    evaluator = db.session.scalar(select(Evaluator).where(Evaluator.call_id == call.id,
                                                          Evaluator.user_id == user.id)
                                  .options(lazyload(Evaluator.user)))
    if evaluator is None:
        return Standing(None)
    conflicted = db.session.scalars(select(ConflictDeclaration.applicant_id).where(
        ConflictDeclaration.evaluator_id == evaluator.id, ConflictDeclaration.conflict.is_(True)))
    return Standing(evaluator, frozenset(conflicted))


def assignable_members(call) -> list:
    """The owner's members who may evaluate (evaluator or admin role), with their users: one query."""

    return list(db.session.scalars(
        select(Membership).where(Membership.organisation_id == call.organisation_id,
                                 Membership.role.in_((Role.evaluator, Role.admin)))
        .options(joinedload(Membership.user)).order_by(Membership.id)))


@dataclass(frozen=True)
class OwnResult:
    """What an applicant learns of the evaluation: its own line, its rank among how many, and the threshold;
    nothing else of the other applicants."""

    line: Line
    ranked: int                       # applications ranked
    threshold: Decimal | None
    decided_at: object
    decision: Decision                # its reasons in the reader's language: decision.reasons
    appeal_until: date | None         # the last day to contest it, when the call says how


def appeal_until(call, decision) -> date | None:
    """The last day to contest the decision (calls.rules.appeal_deadline), when the call says how."""
    if not call.states_appeal:
        return None
    return call_rules.appeal_deadline(clock.brussels_date(decision.decided_at), call.appeal_days)


def own_result(application) -> OwnResult | None:
    """An applicant's own result once the call is decided."""
    if application.status not in RECEIVED or application.call.status != CallStatus.decided:
        return None
    result = board(application.call)
    line = result.line(application.id)
    if line is None or result.decision is None:
        return None
    return OwnResult(line=line, ranked=len(result.ranked), threshold=result.threshold,
                     decided_at=result.decision.decided_at, decision=result.decision,
                     appeal_until=appeal_until(application.call, result.decision))


def public_decision(call) -> tuple[Decision | None, list[Application]]:
    """What the call's public page says of a decision: its date and the selected applications (their
    applicants' names and uses), nothing of the others."""
    if call.status != CallStatus.decided:
        return None, []
    decision = db.session.scalar(select(Decision).where(Decision.call_id == call.id))
    selected = list(db.session.scalars(
        select(Application).where(Application.call_id == call.id, Application.status == ApplicationStatus.selected)
        .options(lazyload(Application.call)).order_by(Application.id)).unique())
    return decision, selected


def _open_sheets(running, evaluator_filter):
    """Per call: (eligible or not yet checked) applications × evaluators without a conflict, whose sheet is not
    submitted. One grouped query."""
    conflicted = select(ConflictDeclaration.id).where(
        ConflictDeclaration.evaluator_id == Evaluator.id,
        ConflictDeclaration.applicant_id == Application.organisation_id,
        ConflictDeclaration.conflict.is_(True)).exists()
    submitted = select(ScoreSheet.id).where(ScoreSheet.application_id == Application.id,
                                            ScoreSheet.evaluator_id == Evaluator.id,
                                            ScoreSheet.submitted_at.is_not(None)).exists()
    not_met = select(EligibilityMark.id).where(EligibilityMark.application_id == Application.id,
                                               EligibilityMark.met.is_(False)).exists()
    rows = db.session.execute(
        select(Application.call_id, db.func.count()).select_from(Application)
        .join(Evaluator, Evaluator.call_id == Application.call_id)
        .where(Application.call_id.in_(running), Application.status == ApplicationStatus.submitted,
               evaluator_filter, ~conflicted, ~submitted, ~not_met)
        .group_by(Application.call_id))
    return dict(rows.all())


@dataclass(frozen=True)
class Work:
    """Something that waits for a member in an evaluation."""

    kind: str          # declare, score (count: applications to score), decide
    call: object
    count: int = 1


def evaluation_work(user, organisation) -> list[Work]:
    """What waits for this member in the organisation's evaluations: declarations to make, applications to
    score, and, for the admin, decisions that can be taken. A few grouped queries, whatever the number of
    applications; the calls ready for a decision are kept until the next operation (portal.cache)."""
    calls = {c.id: c for c in db.session.scalars(select(Call).where(      # their titles: no site, no owner
        Call.organisation_id == organisation.id, Call.status == CallStatus.evaluation)
        .options(lazyload("*")).order_by(Call.id))}
    if not calls:
        return []
    mine = {e.call_id: e for e in db.session.scalars(select(Evaluator).where(
        Evaluator.call_id.in_(calls), Evaluator.user_id == user.id).options(lazyload(Evaluator.user)))}
    # Not yet checked for eligibility counts as waiting: the evaluator will score it once it is eligible.
    to_score = _open_sheets(list(mine), Evaluator.user_id == user.id) if mine else {}
    tasks = []
    for call_id, evaluator in mine.items():
        if evaluator.declared_at is None:
            tasks.append(Work("declare", calls[call_id]))
        elif to_score.get(call_id):
            tasks.append(Work("score", calls[call_id], to_score[call_id]))
    if role_in(user, organisation) == Role.admin:
        ready = until_next_operation(f"ready-for-decision:{sorted(calls)}", lambda: ready_for_decision(list(calls)))
        tasks.extend(Work("decide", call) for call_id, call in calls.items() if call_id in ready)
    return tasks


def ready_for_decision(call_ids: list[int]) -> set[int]:
    """The calls among these whose board shows no problem (`Board.problems()` is empty), asked of the database in
    three grouped queries that return a row per call, whatever the number of applications, sheets and scores: what
    a dashboard needs to know, without building the boards."""
    if not call_ids:
        return set()
    staffed = {call_id for call_id, total, declared in db.session.execute(
        select(Evaluator.call_id, db.func.count(), db.func.count(Evaluator.declared_at))
        .where(Evaluator.call_id.in_(call_ids)).group_by(Evaluator.call_id)) if total and total == declared}
    if not staffed:
        return set()
    marks_met = (select(db.func.count(EligibilityMark.id))
                 .where(EligibilityMark.application_id == Application.id, EligibilityMark.met.is_(True))
                 .scalar_subquery())
    conditions = select(db.func.count(Condition.id)).where(Condition.call_id == Application.call_id).scalar_subquery()
    failed = select(EligibilityMark.id).where(EligibilityMark.application_id == Application.id,
                                              EligibilityMark.met.is_(False)).exists()
    conflicted = select(ConflictDeclaration.id).where(
        ConflictDeclaration.evaluator_id == Evaluator.id,
        ConflictDeclaration.applicant_id == Application.organisation_id,
        ConflictDeclaration.conflict.is_(True)).correlate_except(ConflictDeclaration).exists()
    submitted = select(ScoreSheet.id).where(ScoreSheet.application_id == Application.id,
                                            ScoreSheet.evaluator_id == Evaluator.id,
                                            ScoreSheet.submitted_at.is_not(None)).correlate_except(ScoreSheet).exists()
    # Nested two levels deep, the subqueries name the application of the outer query: correlated by hand.
    free = select(Evaluator.id).where(Evaluator.call_id == Application.call_id, ~conflicted).correlate(Application)
    eligible = and_(~failed, marks_met >= conditions)
    of_call = aliased(Call)
    # An application still in the way: its eligibility not yet checked ("eligibility"), or eligible with no
    # evaluator left ("no_evaluator_left") or with an evaluator's sheet not yet submitted ("sheets"). One EXISTS
    # per call, which stops at the first such application.
    in_the_way = select(Application.id).where(
        Application.call_id == of_call.id, Application.status.in_(RECEIVED), or_(
            and_(~failed, marks_met < conditions),
            and_(eligible, ~free.exists()),
            and_(eligible, free.where(~submitted).exists()))).correlate(of_call)
    blocked = set(db.session.scalars(select(of_call.id).where(of_call.id.in_(staffed), in_the_way.exists())))
    # A criterion of an eligible application on which the submitted scores spread by more than a third of the
    # scale (rules.disagreements) and no consensus is recorded ("disagreements"): asked only of the calls not yet
    # blocked, one EXISTS each, which stops at the first such criterion instead of listing them all.
    remaining = staffed - blocked
    if not remaining:
        return set()
    settled = select(Consensus.id).where(Consensus.application_id == Application.id,
                                         Consensus.criterion_id == Score.criterion_id).exists()
    spread = (db.func.max(Score.score) - db.func.min(Score.score)) * 3 > of_call.scale
    disagreement = (
        select(Application.id).select_from(Score)
        .join(ScoreSheet, ScoreSheet.id == Score.sheet_id)
        .join(Application, Application.id == ScoreSheet.application_id)
        .join(Evaluator, Evaluator.id == ScoreSheet.evaluator_id)
        .where(Application.call_id == of_call.id, Application.status.in_(RECEIVED), eligible,
               ScoreSheet.submitted_at.is_not(None), ~conflicted, ~settled)
        .group_by(Application.id, Score.criterion_id).having(spread).limit(1).correlate(of_call))
    blocked |= set(db.session.scalars(select(of_call.id).where(of_call.id.in_(remaining),
                                                               disagreement.exists())))
    return staffed - blocked


def selected_applications(organisation) -> list[Application]:
    """The applications selected by the organisation's decisions (the starting points of its agreements), the most
    recent call first, with their call and applicant (one query)."""
    call = joinedload(Application.call)
    return list(db.session.scalars(
        select(Application).join(Call, Call.id == Application.call_id)
        .where(Call.organisation_id == organisation.id, Application.status == ApplicationStatus.selected)
        # What a line names: the applicant, the call and its site; not the owner (the organisation itself).
        .options(lazyload("*"), joinedload(Application.applicant), call.lazyload("*"),
                 call.joinedload(Call.site).lazyload("*"))
        .order_by(Call.submission_deadline.desc(), Application.id)).unique())


def agreements_of(applications) -> dict[int, int]:
    """{application id: its agreement's id}, as the agreements' feature answers (nothing when it is not installed)."""
    return provided("agreements_of_applications", lambda ids: {})([a.id for a in applications])
