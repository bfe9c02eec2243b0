"""Access matrix of the organisations' review (issue 17): the association's statutes and its answer to the
Guichet's question, on its own pages; the Guichet's question and its copy of the statutes. The world's pending
registration (pending-c) has added its statutes; owner-a, approved, has none and is asked nothing."""
from __future__ import annotations

import io

from portal import uploads
from portal.organisations import operations as ops
from tests.support.access_matrix import guichet, tenant
from tests.support.sites import PDF


def add_statutes(pending) -> None:
    """The pending registration's statutes, as its administrator adds them (a stored PDF)."""
    pending.statutes_file = uploads.store_pdf(io.BytesIO(PDF), ops.STATUTES_AREA)
    pending.statutes_name = "Statuts.pdf"


EXPECTED: dict = {
    # In owner-a's space: a public owner, approved, asked nothing: no statutes to add or read, nothing to answer.
    ("organisations.upload_statutes", "POST"): tenant(403),
    ("organisations.statutes", "GET"): tenant(404),
    ("organisations.answer_information", "POST"): tenant(403),
    # The Guichet asks the pending registration (a question is required) and reads its statutes.
    ("guichet.request_information", "POST"): guichet(422),
    ("guichet.statutes", "GET"): guichet(200),
}
