"""The agreement as a PDF (WeasyPrint), in French or in Dutch from one template: rendered once per version in
a job, stored under a random name with its SHA-256 digest, and served from storage."""
from __future__ import annotations

import hashlib
import secrets

from flask import render_template
from flask_babel import force_locale
from weasyprint import HTML, URLFetcher

from portal import clock, uploads

AREA = "agreements"


def document_html(agreement, version, language: str, *, signatures=(), signed_digest: str | None = None) -> str:
    units = [u for u in agreement.site.units if u.id in set(version.unit_ids or [])]
    with force_locale(language):
        return render_template("agreements/document.html", agreement=agreement, version=version, units=units,
                               language=language, signatures=list(signatures), signed_digest=signed_digest,
                               printed_at=clock.now())


def document_pdf(agreement, version, language: str, **kwargs) -> bytes:
    """What people wrote is escaped text; the page fetches nothing."""
    html = document_html(agreement, version, language, **kwargs)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def store(data: bytes) -> tuple[str, str]:
    """Keep a rendered PDF under a random name; returns (name, SHA-256)."""
    name = f"{secrets.token_hex(16)}.pdf"
    (uploads.folder(AREA) / name).write_bytes(data)
    return name, hashlib.sha256(data).hexdigest()
