"""The agreement as a PDF (portal.ui.pdf), in French or in Dutch from one template: rendered once per version in
a job, stored under a random name with its SHA-256 digest, and served from storage."""
from __future__ import annotations

import hashlib
import secrets

from portal import uploads
from portal.ui.pdf import html_to_pdf, render_html

AREA = "agreements"


def document_html(agreement, version, language: str, *, signatures=(), signed_digest: str | None = None,
                  draft: bool = False) -> str:
    """`draft`: a version not sent yet, marked as such on every page (the owner's preview)."""
    units = [u for u in agreement.site.units if u.id in set(version.unit_ids or [])]
    return render_html("agreements/document.html", language, agreement=agreement, version=version, units=units,
                       signatures=list(signatures), signed_digest=signed_digest, draft=draft)


def document_pdf(agreement, version, language: str, **kwargs) -> bytes:
    return html_to_pdf(document_html(agreement, version, language, **kwargs))


def store(data: bytes) -> tuple[str, str]:
    """Keep a rendered PDF under a random name; returns (name, SHA-256)."""
    name = f"{secrets.token_hex(16)}.pdf"
    (uploads.folder(AREA) / name).write_bytes(data)
    return name, hashlib.sha256(data).hexdigest()
