"""What the agreements' operations share: who is told, with which words and link."""
from __future__ import annotations

from flask import url_for

from portal.notifications import notify
from portal.roles import writers_of


def tell_both(agreement, kind: str, params: dict) -> None:
    """Each side, with a link to the agreement in its own space."""
    for organisation in (agreement.owner, agreement.occupant):
        notify(writers_of(organisation), kind, params=params, link=link_to(agreement, organisation),
               organisation=organisation)


def params_of(agreement) -> dict:
    return {"reference": agreement.reference, "site": agreement.site.name}


def link_to(agreement, organisation=None) -> str:
    """The agreement's page in the recipient's own space (the owner's by default)."""
    return url_for("agreements.agreement", agreement_id=agreement.id,
                   org_slug=(organisation or agreement.owner).slug)
