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
from occupancies.dgp.forms import (
    CaseForm,
    DwellingForm,
    EntryForm,
    EstimatesForm,
    LetterTextForm,
    LoanForm,
    StepForm,
    SupportForm,
)
from occupancies.dgp.letters import BODIES, FIELDS_HELP, LETTER_LABELS, SUBJECTS, compose, values_for
from occupancies.dgp.views.public import deadlines_link
from occupancies.vacancies import queries as vacancy_queries
from occupancies.vacancies.workflow import SignalStatus
from portal import clock, uploads
from portal.audit.queries import history_of
from portal.i18n import LANGUAGES, current_language
from portal.listing import page_number, query_id
from portal.permissions import require
from portal.region import COMMUNES, commune_options
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, done, render_form, submit
from portal.ui.pdf import pdf_response, render_pdf

bp = tenant_blueprint("dgp_cases", __name__, url_prefix="/dgp", template_folder="../templates")


@bp.route("/")
def index():
    require(p.can_read_cases(current_user, g.organisation))
    phase = rules.Phase(request.args["phase"]) if request.args.get("phase") in set(rules.Phase) else None
    overdue = request.args.get("overdue") == "1"
    commune = request.args.get("commune") if request.args.get("commune") in COMMUNES else None
    today = clock.today()
    page = queries.cases_of(g.organisation, page_number(), phase=phase, commune=commune,
                            overdue_on=today if overdue else None)
    return render_template("dgp/cases.html", page=page, phase=phase, overdue=overdue, today=today, commune=commune,
                           communes=commune_options(current_language()), calendar_link=deadlines_link(current_user),
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


def case_context(case, today) -> dict:
    """What the case's page shows, to its operator and to the organisation supporting it: the deadlines, the
    dwellings and their caps, the loan (its cap, the parts its request lacks, the repayment plan)."""
    dates = rules.case_dates([s.recorded() for s in case.steps])
    year = queries.latest_rents_year(today.year) or today.year       # the caps of this year, or the latest known
    rent = sum((d.rent for d in case.dwellings if d.rent is not None), Decimal("0.00"))
    per_m2, abex_month = queries.abex_cap_per_m2(today.year)
    return dict(
        case=case, today=today, dates=dates, deadlines=rules.deadlines(dates), silent=rules.unanswered(dates, today),
        year=year, caps=queries.rent_caps(case.dwellings, year), rent=rent, history=history_of(case),
        loan_cap=rules.case_loan_cap(per_m2, [d.gross_surface for d in case.dwellings]), loan_per_m2=per_m2,
        abex_month=abex_month,
        loan_missing=[ops.LOAN_PART_LABELS[part] for part in ops.loan_parts_missing(case)],
        documents=_by_step(case.documents),
        plan=rules.loan_plan(case.loan_granted, case.loan_amount, case.loan_months))


def _by_step(documents) -> dict:
    grouped: dict = {}
    for kept in documents:
        grouped.setdefault(kept.step_id, []).append(kept)
    return grouped


def _case_page(case, *, step_form=None, dwelling_form=None, estimates_form=None, entry_form=None, loan_form=None,
               support_form=None, status=200):
    require(p.can_read_case(current_user, case))
    today = clock.today()
    context = case_context(case, today)
    dates = context["dates"]
    phases = [] if case.phase == rules.Phase.stopped or dates.ended_on else \
        rules.PHASES[rules.PHASES.index(case.phase):]
    ledger = rules.ledger(case.entries)
    supporters = queries.support_choices(case.organisation)
    return render_template(
        "dgp/case.html", **context,
        may_act=p.can_act_on_case(current_user, case) and bool(phases),
        step_form=step_form or StepForm(formdata=None).prepare(phases),
        dwelling_form=dwelling_form or DwellingForm(formdata=None),
        estimates_form=estimates_form or EstimatesForm(formdata=None, obj=case),
        entry_form=entry_form or EntryForm(formdata=None), ledger=ledger,
        loan_form=loan_form or LoanForm(formdata=None, obj=case),
        support_form=support_form or SupportForm(formdata=None, data={
            "organisation": str(case.support_id or "")}).prepare(supporters),
        projected_end=rules.projected_end(dates.taken_over_on, today, ledger.balance, context["rent"])
        if dates.taken_over_on and context["rent"] > 0 else None,
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
    return _act_on_case(case_id, "step_form", StepForm().prepare(rules.PHASES), record_step_of,
                        _("The step is recorded."))


def record_step_of(case, form):
    """The step the form gives, recorded on the case by the person of the request."""
    return ops.record_step(case, form.chosen_step(), on=form.on.data, at=form.at.data,
                           works_months=form.works_months.data or 0, year=form.year.data, note=form.note.data,
                           sent_on=form.sent_on.data, document=request.files.get("document"), actor=current_user)


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


@bp.route("/<int:case_id>/documents/<int:document_id>")
def document(case_id: int, document_id: int):
    found = queries.case_in_tenant_or_404(case_id)
    require(p.can_read_case(current_user, found))
    return send_document(found, document_id)


def send_document(case, document_id: int):
    """A document of the case, as its file (saved, never shown inline: it was uploaded by someone)."""
    kept = next((d for d in case.documents if d.id == document_id), None)
    if kept is None:
        abort(404)
    return uploads.send_upload(ops.DOCUMENTS, kept.file, mimetype=kept.mimetype, download_name=kept.original_name)


@bp.route("/<int:case_id>/loan", methods=["POST"])
def save_loan(case_id: int):
    return _act_on_case(case_id, "loan_form", LoanForm(),
                        lambda case, form: ops.save_loan(case, form.values(), actor=current_user),
                        _("The loan is saved."))


@bp.route("/<int:case_id>/support", methods=["POST"])
def invite_support(case_id: int):
    supporters = queries.support_choices(g.organisation)
    return _act_on_case(case_id, "support_form", SupportForm().prepare(supporters),
                        lambda case, form: ops.invite_support(case, form.chosen(supporters), actor=current_user),
                        _("The support of the case is saved; the organisation invited is told."))


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
