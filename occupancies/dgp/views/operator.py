"""The operator's cases of the public management right: /o/<slug>/dgp/…"""
from __future__ import annotations

from decimal import Decimal

from flask import abort, g, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.dgp import operations as ops
from occupancies.dgp import permissions as p
from occupancies.dgp import queries, rules
from occupancies.dgp.forms import CaseForm, DwellingForm, EntryForm, EstimatesForm, LetterTextForm, StepForm
from occupancies.dgp.letters import BODIES, FIELDS_HELP, LETTER_LABELS, SUBJECTS, compose, values_for
from occupancies.vacancies import queries as vacancy_queries
from occupancies.vacancies.workflow import SignalStatus
from portal import clock
from portal.audit.queries import history_of
from portal.i18n import LANGUAGES, current_language
from portal.listing import page_number, query_id
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, done, render_form, submit
from portal.ui.pdf import pdf_response, render_pdf

bp = tenant_blueprint("dgp_cases", __name__, url_prefix="/dgp", template_folder="../templates")


@bp.route("/")
def index():
    require(p.can_read_cases(current_user, g.organisation))
    phase = rules.Phase(request.args["phase"]) if request.args.get("phase") in set(rules.Phase) else None
    overdue = request.args.get("overdue") == "1"
    today = clock.today()
    page = queries.cases_of(g.organisation, page_number(), phase=phase, overdue_on=today if overdue else None)
    return render_template("dgp/cases.html", page=page, phase=phase, overdue=overdue, today=today,
                           counts=queries.phase_counts(g.organisation),
                           overdue_total=queries.overdue_count(g.organisation, today),
                           may_open=p.can_open_case(current_user, g.organisation))


def _signal():
    """The signal of the register a case is opened from (?signal=…): one the organisation may record the outcome of."""
    signal_id = query_id("signal")
    if signal_id is None:
        return None
    signal = vacancy_queries.signal_for_organisation_or_404(g.organisation, signal_id)
    if signal.status != SignalStatus.accepted:
        abort(404)
    return signal


@bp.route("/new", methods=["GET", "POST"])
def new():
    require(p.can_open_case(current_user, g.organisation))
    signal = _signal()
    form = CaseForm(obj=signal if request.method == "GET" else None).prepare()
    case = submit(form, lambda: ops.open_case(g.organisation, form.values(), signal=signal, actor=current_user))
    if case is REFUSED:
        return render_form("dgp/case_form.html", form, signal=signal)
    return done(_("The case %(reference)s is opened. Record its first steps.", reference=case.reference),
                url_for("dgp_cases.case", case_id=case.id))


def _case_page(case, *, step_form=None, dwelling_form=None, estimates_form=None, entry_form=None, status=200):
    require(p.can_read_case(current_user, case))
    today = clock.today()
    dates = rules.case_dates([s.recorded() for s in case.steps])
    phases = [] if case.phase == rules.Phase.stopped or dates.ended_on else \
        rules.PHASES[rules.PHASES.index(case.phase):]
    year = queries.latest_rents_year(today.year) or today.year       # the caps of this year, or the latest known
    ledger = rules.ledger(case.entries)
    rent = sum((d.rent for d in case.dwellings if d.rent is not None), Decimal("0.00"))
    return render_template(
        "dgp/case.html", case=case, today=today, dates=dates, deadlines=rules.deadlines(dates),
        silent=rules.unanswered(dates, today), history=history_of(case), year=year,
        caps=queries.rent_caps(case.dwellings, year),
        may_act=p.can_act_on_case(current_user, case) and bool(phases),
        step_form=step_form or StepForm(formdata=None).prepare(phases),
        dwelling_form=dwelling_form or DwellingForm(formdata=None),
        estimates_form=estimates_form or EstimatesForm(formdata=None, obj=case),
        entry_form=entry_form or EntryForm(formdata=None), ledger=ledger, rent=rent,
        projected_end=rules.projected_end(dates.taken_over_on, today, ledger.balance, rent)
        if dates.taken_over_on and rent > 0 else None,
        letters=rules.letters_available({s.step for s in case.steps}, dates, today),
        LETTER_LABELS=LETTER_LABELS), status


@bp.route("/<int:case_id>")
def case(case_id: int):
    return _case_page(queries.case_in_tenant_or_404(case_id))


def _act_on_case(case_id: int, slot: str, form, operation, message):
    """A form of the case's page: the operation on its values, then the case; refused, the page again with the
    form (in its `slot`) showing each problem beside its field."""
    found = queries.case_in_tenant_or_404(case_id)
    require(p.can_act_on_case(current_user, found))
    if submit(form, lambda: operation(found, form)) is REFUSED:
        return _case_page(found, status=422, **{slot: form})
    return done(message, url_for("dgp_cases.case", case_id=found.id))


@bp.route("/<int:case_id>/steps", methods=["POST"])
def record_step(case_id: int):
    return _act_on_case(case_id, "step_form", StepForm().prepare(rules.PHASES), lambda case, form: ops.record_step(
        case, form.chosen_step(), on=form.on.data, at=form.at.data, works_months=form.works_months.data or 0,
        year=form.year.data, note=form.note.data, sent_on=form.sent_on.data, actor=current_user),
        _("The step is recorded."))


@bp.route("/<int:case_id>/dwellings", methods=["POST"])
def add_dwelling(case_id: int):
    return _act_on_case(case_id, "dwelling_form", DwellingForm(),
                        lambda case, form: ops.add_dwelling(case, form.values(), actor=current_user),
                        _("The dwelling is added to the case."))


@bp.route("/<int:case_id>/estimates", methods=["POST"])
def save_estimates(case_id: int):
    return _act_on_case(case_id, "estimates_form", EstimatesForm(),
                        lambda case, form: ops.save_estimates(case, form.values(), actor=current_user),
                        _("The estimates are saved: the proposal states them."))


@bp.route("/<int:case_id>/entries", methods=["POST"])
def add_entry(case_id: int):
    return _act_on_case(case_id, "entry_form", EntryForm(),
                        lambda case, form: ops.add_entry(case, form.values(), actor=current_user),
                        _("The line is added to the ledger."))


def _wording(organisation, letter, language):
    """The operator's own wording of a letter in a language, or the portal's."""
    own = queries.letter_text(organisation, letter, language)
    if own is not None:
        return own.subject, own.body, True
    with force_locale(language):
        return str(SUBJECTS[letter]), str(BODIES[letter]), False


@bp.route("/<int:case_id>/letters/<letter>")
def letter(case_id: int, letter: str):
    """A letter of the case as a PDF, in the language asked (?language=fr|nl|en; the reader's by default)."""
    found = queries.case_in_tenant_or_404(case_id)
    require(p.can_read_case(current_user, found))
    today = clock.today()
    dates = rules.case_dates([s.recorded() for s in found.steps])
    if letter not in set(rules.Letter) or \
            rules.Letter(letter) not in rules.letters_available({s.step for s in found.steps}, dates, today):
        abort(404)
    kind = rules.Letter(letter)
    language = request.args.get("language") if request.args.get("language") in LANGUAGES else current_language()
    subject, body, _own = _wording(g.organisation, kind, language)
    subject, paragraphs = compose(subject, body, values_for(found, kind, language, today))
    data = render_pdf("dgp/letter.html", language, case=found, kind=kind, subject=subject, paragraphs=paragraphs,
                      addressee=rules.ADDRESSED_TO.get(kind, "owner"), today=today)
    return pdf_response(data, f"{found.reference}-{kind.value}-{language}.pdf")


@bp.route("/letters")
def letters():
    require(p.can_read_cases(current_user, g.organisation))
    return render_template("dgp/letters.html", own=queries.letter_texts(g.organisation), LETTER_LABELS=LETTER_LABELS,
                           may_adjust=p.can_open_case(current_user, g.organisation))


@bp.route("/letters/<letter>/<language>", methods=["GET", "POST"])
def adjust_letter(letter: str, language: str):
    require(p.can_open_case(current_user, g.organisation))
    if letter not in set(rules.Letter) or language not in LANGUAGES:
        abort(404)
    kind = rules.Letter(letter)
    subject, body, own = _wording(g.organisation, kind, language)
    form = LetterTextForm(data={"subject": subject, "body": body} if request.method == "GET" else None)
    saved = submit(form, lambda: ops.save_letter_text(g.organisation, kind, language, subject=form.subject.data,
                                                      body=form.body.data, actor=current_user))
    if saved is REFUSED:
        return render_form("dgp/letter_text.html", form, kind=kind, language=language, own=own,
                           LETTER_LABELS=LETTER_LABELS, FIELDS_HELP=FIELDS_HELP)
    message = _("Your wording is saved: your letters use it.") if saved is not None else \
        _("The portal's wording is used again.")
    return done(message, url_for("dgp_cases.letters"))
