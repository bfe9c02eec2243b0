"""Tenancy: every tenant page acts for one organisation, loaded from its address and checked each request.

Tenant pages live under /o/<org_slug>/…; `tenant_blueprint()` makes a blueprint whose URL preprocessor
loads the organisation and the user's membership into `g` before the view, and whose `url_for` fills the
slug in. Tenant tables inherit TenantScoped; they are read through tenant_select() and
get_in_tenant_or_404(), so that another tenant's object is simply not found.
"""
from __future__ import annotations

from flask import Blueprint, abort, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from portal.extensions import db
from portal.roles import OrganisationKind


class TenantScoped:
    """Mixin for tables owned by one organisation."""

    @declared_attr
    def organisation_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)


def current_organisation():
    organisation = g.get("organisation")
    if organisation is None:
        raise RuntimeError("no organisation in this request: use a tenant blueprint")
    return organisation


def current_membership():
    return g.get("membership")


def tenant_select(model, organisation=None):
    organisation = organisation or current_organisation()
    return select(model).where(model.organisation_id == organisation.id)


def get_in_tenant_or_404(model, object_id, organisation=None):
    organisation = organisation or current_organisation()
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        abort(404)
    obj = db.session.scalar(
        select(model).where(model.id == object_id, model.organisation_id == organisation.id)
    )
    if obj is None:
        abort(404)
    return obj


def load_organisation_for(user, slug: str):
    """The organisation at `slug` and the user's membership in it, found among the user's own memberships (loaded
    with the user); 404 unless the user is a member: another tenant's organisation is simply not there."""
    membership = next((m for m in user.memberships if m.organisation.slug == slug), None)
    if membership is None:
        abort(404)
    return membership.organisation, membership


def _enter_tenant(endpoint, values):
    slug = (values or {}).pop("org_slug", None)
    if not current_user.is_authenticated:
        g.tenant_slug_pending = slug  # the login redirect happens in before_request
        return
    if slug is None:
        abort(404)
    g.organisation, g.membership = load_organisation_for(current_user, slug)


def _require_login():
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    return None


def _fill_slug(endpoint, values):
    if "org_slug" in values or g.get("organisation") is None:
        return
    values["org_slug"] = g.organisation.slug


def tenant_blueprint(name: str, import_name: str, url_prefix: str = "", **kwargs) -> Blueprint:
    bp = Blueprint(name, import_name, url_prefix=f"/o/<org_slug>{url_prefix}", **kwargs)
    bp.url_value_preprocessor(_enter_tenant)
    bp.url_defaults(_fill_slug)
    bp.before_request(_require_login)
    return bp


def guichet_membership(user):
    """The user's membership in the Guichet, if any (the Guichet is one organisation)."""
    if not getattr(user, "is_authenticated", False):
        return None
    for membership in user.memberships:
        if membership.organisation.kind == OrganisationKind.guichet:
            return membership
    return None


def _enter_guichet():
    if not current_user.is_authenticated:
        return _require_login()
    membership = guichet_membership(current_user)
    if membership is None:
        abort(404)
    g.organisation, g.membership = membership.organisation, membership
    return None


def guichet_blueprint(name: str, import_name: str, url_prefix: str = "", **kwargs) -> Blueprint:
    """Pages of the regional desk, under /guichet/…: only its staff reach them."""
    bp = Blueprint(name, import_name, url_prefix=f"/guichet{url_prefix}", **kwargs)
    bp.before_request(_enter_guichet)
    return bp
