"""The Guichet's toolbox and list of facilitators: /guichet/library/…"""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from occupancies.sharing import operations as ops
from occupancies.sharing import permissions as p
from occupancies.sharing import queries
from occupancies.sharing.forms import FacilitatorForm, ResourceForm
from occupancies.sharing.views.common import flash_refusal
from portal.forms import ActionForm
from portal.permissions import require
from portal.tenancy import guichet_blueprint
from portal.ui.helpers import REFUSED, done, submit

bp = guichet_blueprint("guichet_library", __name__, "/library", template_folder="../templates")


def _library_page(resource_form=None, status=200):
    return render_template("sharing/guichet/library.html", toolbox=queries.toolbox(),
                           facilitators=queries.facilitators(active_only=False),
                           resource_form=resource_form or ResourceForm(formdata=None),
                           action_form=ActionForm(formdata=None)), status


@bp.route("/")
def keep():
    require(p.can_keep_library(current_user))
    return _library_page()


@bp.route("/resources", methods=["POST"])
def add_toolbox_resource():
    require(p.can_keep_library(current_user))
    form = ResourceForm()
    upload = request.files.get("upload")
    if submit(form, lambda: ops.add_resource(None, form.values(), upload, actor=current_user)) is REFUSED:
        return _library_page(resource_form=form, status=422)
    return done(_("The document is in the toolbox."), url_for("guichet_library.keep"))


@bp.route("/resources/<int:resource_id>/remove", methods=["POST"])
def remove_toolbox_resource(resource_id: int):
    require(p.can_keep_library(current_user))
    resource = queries.resource_or_404(current_user, resource_id)
    if resource.session_id is not None:
        abort(404)
    # Through submit, not act: an expired token is said on the page (422), like a refusal, rather than a 400.
    form = ActionForm()
    if submit(form, lambda: ops.remove_resource(resource, actor=current_user)) is REFUSED:
        flash_refusal(form)
        return _library_page(status=422)
    return done(_("The document is removed from the toolbox."), url_for("guichet_library.keep"))


@bp.route("/facilitators/new", methods=["GET", "POST"], defaults={"facilitator_id": None})
@bp.route("/facilitators/<int:facilitator_id>", methods=["GET", "POST"])
def facilitator(facilitator_id: int | None):
    require(p.can_keep_library(current_user))
    found = queries.facilitator_or_404(facilitator_id) if facilitator_id is not None else None
    form = FacilitatorForm() if request.method == "POST" else FacilitatorForm(formdata=None, obj=found)
    if request.method == "POST":
        if submit(form, lambda: ops.save_facilitator(found, form.values(), actor=current_user)) is not REFUSED:
            return done(_("The list of facilitators is saved."), url_for("guichet_library.keep"))
    return render_template("sharing/guichet/facilitator.html", form=form, facilitator=found), \
        422 if form.errors else 200
