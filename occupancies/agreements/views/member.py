"""Agreements in each party's space: /o/<slug>/agreements/… for the owner and for the occupant alike (each
reaches only its own agreements). The page shows whose move it is; each button is one operation. The owner's clause
library lives on the same blueprint (owner.py)."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from calls.evaluation import queries as evaluation_queries
from occupancies import queries as site_queries
from occupancies.agreements import operations as ops
from occupancies.agreements import permissions as p
from occupancies.agreements import queries
from occupancies.agreements.forms import (
    AgreementForm,
    AmendmentForm,
    ChecklistForm,
    MutualEndForm,
    PhotoForm,
    ReasonForm,
    SignForm,
    own_ids,
)
from occupancies.agreements.models import TERMS
from occupancies.agreements.pdf import AREA, document_pdf
from occupancies.agreements.workflow import NEXT_STEP, AmendmentKind, ChecklistKind, VersionStatus
from portal import clock, uploads
from portal.audit.queries import history_of
from portal.listing import query_id
from portal.permissions import require
from portal.tenancy import tenant_blueprint
from portal.ui.helpers import REFUSED, act, done, submit
from portal.ui.pdf import pdf_response

bp = tenant_blueprint("agreements", __name__, url_prefix="/agreements", template_folder="../templates")


def _party() -> str:
    return p.OWNER if g.organisation.id == g.agreement.organisation_id else p.OCCUPANT


@bp.route("/")
def index():
    return render_template("agreements/index.html", agreements=queries.agreements_of(g.organisation))


def _reason_form(prefix: str, **kwargs) -> ReasonForm:
    return own_ids(ReasonForm(**kwargs), prefix)


def _page(agreement, *, sign_form=None, changes_form=None, abandon_form=None, notice_form=None,
          checklist_form=None, end_form=None, amend_form=None, photo_form=None, status=200):
    g.agreement = agreement
    version = agreement.open_version
    step, whose = NEXT_STEP[agreement.status]
    return render_template(
        "agreements/agreement.html", agreement=agreement, version=version, binding=agreement.binding_version,
        party=_party(), step=step, whose=whose, history=history_of(agreement),
        sign_form=sign_form or SignForm(formdata=None),
        changes_form=changes_form or _reason_form("changes", formdata=None),
        abandon_form=abandon_form or _reason_form("abandon", formdata=None),
        notice_form=notice_form or _reason_form("notice", formdata=None),
        checklist_form=checklist_form or ChecklistForm(formdata=None),
        photo_form=photo_form or PhotoForm(formdata=None),
        end_form=end_form or own_ids(MutualEndForm(formdata=None), "end"), ends_on=agreement.ends_on,
        notice_end=queries.notice_end(agreement, _party(), clock.today()),
        amend_form=amend_form or own_ids(AmendmentForm(formdata=None).prepare(
            agreement.site, agreement.binding_version), "amend"),
        units={u.id: u for u in agreement.site.units},
        today=clock.today()), status


def _owner_only():
    if not g.organisation.is_owner:
        abort(404)


def _terms_page(form, *, site, occupant, application=None, agreement=None, status=200):
    return render_template("agreements/form.html", form=form, site=site, occupant=occupant,
                           application=application, agreement=agreement), status


@bp.route("/new", methods=["GET", "POST"])
def new():
    """From a selected application (?application_id=), or from scratch for a direct occupancy (?site_id= and
    ?occupant_id=, chosen first)."""
    _owner_only()
    require(p.can_draft_agreements(current_user, g.organisation))
    application = None
    if application_id := query_id("application_id", args=request.values):
        application = queries.selected_application_or_404(g.organisation, application_id)
        drafted = queries.agreements_of_applications([application.id]).get(application.id)
        if drafted is not None and request.method == "GET":  # its agreement exists: this address leads to it
            flash(_("This application already has its agreement: here it is."), "info")
            return redirect(url_for("agreements.agreement", agreement_id=drafted), code=303)
        site, occupant = application.call.site, application.applicant
        prefill = queries.terms_from_application(application)
    else:
        site_id, occupant_id = query_id("site_id", args=request.values), query_id("occupant_id", args=request.values)
        occupants = queries.occupant_choices()
        occupant = next((o for o in occupants if o.id == occupant_id), None)
        if site_id is None or occupant is None:
            selected = evaluation_queries.selected_applications(g.organisation)
            drafted = queries.agreements_of_applications([a.id for a in selected])
            return render_template("agreements/choose.html",
                                   sites=[row.site for row in site_queries.owner_sites(g.organisation)],
                                   occupants=occupants, waiting=[a for a in selected if a.id not in drafted])
        site = site_queries.site_in_tenant_or_404(site_id)
        prefill = {"heritage_fr": site.constraints_fr, "heritage_nl": site.constraints_nl}
    form = AgreementForm(formdata=None if request.method == "GET" else request.form).prepare(
        site, queries.clause_library(g.organisation))
    if request.method == "GET":
        form.fill(prefill, language=current_user.language if current_user.language in ("fr", "nl") else "fr")
    else:
        agreement = submit(form, lambda: ops.draft_agreement(
            g.organisation, site, occupant, form.values(), clause_ids=form.clause_ids.data or [],
            language=form.language.data, reporting=form.reporting.data, actor=current_user,
            application=application))
        if agreement is not REFUSED:
            return done(_("The agreement is saved as a draft. Send it to the occupant when it is complete."),
                        url_for("agreements.agreement", agreement_id=agreement.id))
    return _terms_page(form, site=site, occupant=occupant, application=application,
                       status=422 if request.method == "POST" else 200)


@bp.route("/<int:agreement_id>/edit", methods=["GET", "POST"])
def edit(agreement_id: int):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    version = agreement.open_version
    require(p.can_edit_version(current_user, agreement, version))
    form = AgreementForm(formdata=None if request.method == "GET" else request.form).prepare(
        agreement.site, queries.clause_library(agreement.owner))
    if request.method == "GET":
        form.fill({k: getattr(version, k) for k in TERMS}, clause_ids=[c["id"] for c in version.clauses],
                  language=agreement.language, reporting=agreement.reporting)
    elif submit(form, lambda: ops.update_draft(
            agreement, form.values(), clause_ids=form.clause_ids.data or [], language=form.language.data,
            reporting=form.reporting.data, actor=current_user)) is not REFUSED:
        return done(_("The draft is saved."), url_for("agreements.agreement", agreement_id=agreement.id))
    return _terms_page(form, site=agreement.site, occupant=agreement.occupant, agreement=agreement,
                       status=422 if request.method == "POST" else 200)


@bp.route("/<int:agreement_id>")
def agreement(agreement_id: int):
    return _page(queries.agreement_of_party_or_404(agreement_id))


@bp.route("/<int:agreement_id>/versions/<int:number>.pdf")
def document(agreement_id: int, number: int):
    """A version's document: the signed copy, else the document sent, from storage; in the other language, a
    translation rendered for information."""
    agreement = queries.agreement_of_party_or_404(agreement_id)
    version = next((v for v in agreement.versions if v.number == number), None)
    if version is None:
        abort(404)
    language = request.args.get("language") or agreement.language
    stored = version.signed_file or version.document_file
    if language == agreement.language and stored:
        response = uploads.send_upload(AREA, stored, mimetype="application/pdf",
                                       download_name=f"{agreement.reference}-{number}.pdf")
    elif language in ("fr", "nl"):
        # The translation, a draft not sent yet (marked as such), or an agreement signed on paper before Entretemps
        # kept it.
        return pdf_response(document_pdf(agreement, version, language, signatures=version.signatures,
                                         draft=version.status == VersionStatus.draft),
                            f"{agreement.reference}-{number}-{language}.pdf")
    else:
        abort(404)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:agreement_id>/preview.pdf")
def preview(agreement_id: int):
    """The draft's PDF as it would be sent, marked as a draft on every page, in the agreement's language or the
    other (?language=): for the owner's writers, before they send it. Nothing is stored, nothing frozen."""
    agreement = queries.agreement_of_party_or_404(agreement_id)
    version = agreement.open_version
    require(p.can_preview_version(current_user, agreement, version))
    language = request.args.get("language") or agreement.language
    if language not in ("fr", "nl"):
        abort(404)
    return pdf_response(document_pdf(agreement, version, language, draft=True),
                        f"{agreement.reference}-{version.number}-{language}-draft.pdf")


def _submit(agreement, form, operation, message, **page_forms):
    """A form behind a button: once valid, the operation committed and told; otherwise, or refused by a rule,
    the page again with each problem beside its field (422), nothing saved."""
    if submit(form, lambda: operation(agreement)) is not REFUSED:
        return done(message, url_for("agreements.agreement", agreement_id=agreement.id))
    # As it stands after the rollback.
    return _page(queries.agreement_of_party_or_404(agreement.id), status=422, **page_forms)


@bp.route("/<int:agreement_id>/send", methods=["POST"])
def send(agreement_id: int):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    require(p.can_send_version(current_user, agreement, agreement.open_version))
    if act(lambda: ops.send_version(agreement, actor=current_user)) is REFUSED:
        return redirect(url_for("agreements.agreement", agreement_id=agreement.id), code=303)
    return done(_("The agreement is sent to the occupant, whose administrator signs it first."),
                url_for("agreements.agreement", agreement_id=agreement.id))


@bp.route("/<int:agreement_id>/sign", methods=["POST"])
def sign(agreement_id: int):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    g.agreement = agreement
    party = _party()
    require(p.can_sign(current_user, agreement, agreement.open_version, party))
    form = SignForm()
    return _submit(agreement, form, lambda a: ops.sign(a, party, password=form.password.data, code=form.code.data,
                                                   actor=current_user),
                   _("Your signature is recorded."), sign_form=form)


@bp.route("/<int:agreement_id>/changes", methods=["POST"])
def request_changes(agreement_id: int):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    require(p.can_request_changes(current_user, agreement, agreement.open_version))
    form = _reason_form("changes")
    return _submit(agreement, form, lambda a: ops.request_changes(a, reason=form.reason.data, actor=current_user),
                   _("The agreement is back in draft; the other side is told what should change."),
                   changes_form=form)


@bp.route("/<int:agreement_id>/abandon", methods=["POST"])
def abandon(agreement_id: int):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    require(p.can_abandon(current_user, agreement))
    form = _reason_form("abandon")
    return _submit(agreement, form, lambda a: ops.abandon(a, reason=form.reason.data, actor=current_user),
                   _("The agreement is abandoned."), abandon_form=form)


def _kind(value: str) -> ChecklistKind:
    try:
        return ChecklistKind(value)
    except ValueError:
        abort(404)


@bp.route("/<int:agreement_id>/checklist/<kind>", methods=["POST"])
def checklist(agreement_id: int, kind: str):
    """A step of the checklist done; once the last one is done on or after the start date, the occupancy
    starts at once."""
    agreement = queries.agreement_of_party_or_404(agreement_id)
    kind = _kind(kind)
    require(p.can_complete_item(current_user, agreement, kind))
    form = ChecklistForm()
    form.kind = kind
    upload = request.files.get("document")
    document = upload if upload is not None and upload.filename else None
    if submit(form, lambda: ops.complete_item(
            agreement, kind, note=form.note.data or "", document=document and document.stream,
            filename=document and document.filename, actor=current_user)) is not REFUSED:
        _start_if_due(agreement_id)
        return done(_("The step is recorded."), url_for("agreements.agreement", agreement_id=agreement_id))
    return _page(queries.agreement_of_party_or_404(agreement_id), checklist_form=form, status=422)


def _start_if_due(agreement_id: int) -> None:
    """The last step done on or after the start date: the occupancy starts now rather than at the next sweep.
    A clash with another occupancy is said, and the step stays recorded: the start is a second write of its own,
    after the step's (the same button's CSRF token, already checked)."""
    agreement = queries.agreement_of_party_or_404(agreement_id)
    started = act(lambda: ops.activate(agreement, actor=current_user))
    if started is not REFUSED and started:
        flash(_("The agreement is in force: the occupancy shows on the site's timeline."), "success")


@bp.route("/<int:agreement_id>/checklist/<kind>/document")
def checklist_document(agreement_id: int, kind: str):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    item = next((i for i in agreement.checklist if i.kind == _kind(kind)), None)
    if item is None or not item.file:
        abort(404)
    response = uploads.send_upload(AREA, item.file, mimetype="application/octet-stream",
                                   download_name=item.original_name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:agreement_id>/notice", methods=["POST"])
def notice(agreement_id: int):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    g.agreement = agreement
    party = _party()
    require(p.can_give_notice(current_user, agreement, party))
    form = _reason_form("notice")
    return _submit(agreement, form, lambda a: ops.give_notice(a, party, reason=form.reason.data, actor=current_user),
                   _("The notice is recorded and the other party is told of the last day."), notice_form=form)


@bp.route("/<int:agreement_id>/mutual-end", methods=["POST"])
def mutual_end(agreement_id: int):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    require(p.can_end_by_mutual_agreement(current_user, agreement))
    form = own_ids(MutualEndForm(), "end")
    return _submit(agreement, form, lambda a: ops.end_by_mutual_agreement(
        a, last_day=form.last_day.data, reason=form.reason.data, actor=current_user),
        _("The end agreed by both parties is recorded."), end_form=form)


@bp.route("/<int:agreement_id>/amend", methods=["POST"])
def amend(agreement_id: int):
    """An amendment drafted (or, not sent yet, drafted again): then sent and signed like the original."""
    agreement = queries.agreement_of_party_or_404(agreement_id)
    require(p.can_amend(current_user, agreement))
    form = own_ids(AmendmentForm().prepare(agreement.site, agreement.binding_version), "amend")
    return _submit(agreement, form, lambda a: ops.propose_amendment(
        a, AmendmentKind(form.kind.data), form.changes(), reason=form.reason.data, actor=current_user),
        _("The amendment is drafted: send it to the occupant, who signs first."), amend_form=form)


@bp.route("/<int:agreement_id>/checklist/<kind>/photos", methods=["POST"])
def add_photo(agreement_id: int, kind: str):
    agreement = queries.agreement_of_party_or_404(agreement_id)
    kind = _kind(kind)
    require(kind in (ChecklistKind.entry_inventory, ChecklistKind.exit_inventory)
            and p.can_complete_item(current_user, agreement, kind))
    form = PhotoForm()
    form.kind = kind
    upload = request.files.get("photo")
    return _submit(agreement, form, lambda a: ops.add_inventory_photo(
        a, kind, upload.stream if upload else None, caption=form.caption.data or "", actor=current_user),
        _("The photo is added to the inventory."), photo_form=form)


@bp.route("/<int:agreement_id>/photos/<int:photo_id>")
def photo(agreement_id: int, photo_id: int):
    """An inventory photo, to the parties only; never kept by shared caches."""
    agreement = queries.agreement_of_party_or_404(agreement_id)
    photo = queries.inventory_photo_or_404(agreement, photo_id)
    response = uploads.send_upload(AREA, photo.filename, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, no-store"
    return response
