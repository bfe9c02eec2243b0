"""The receipt of a submitted application as a PDF (WeasyPrint), in the reader's language."""
from __future__ import annotations

from flask import Response, render_template
from weasyprint import HTML, URLFetcher

from calls.applications.models import Application
from portal import clock
from portal.i18n import current_language


def receipt_pdf(application: Application) -> bytes:
    """Everything the applicant submitted, with the time and the SHA-256 digest that prove it.

    The page fetches nothing (no URL scheme is allowed): what people wrote is shown as escaped text."""
    html = render_template("applications/receipt.html", application=application, call=application.call,
                           language=current_language(), printed_at=clock.now())
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def receipt_response(application: Application) -> Response:
    response = Response(receipt_pdf(application), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="receipt-{application.id}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
