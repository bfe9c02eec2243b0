"""The receipt of a submitted application as a PDF (portal.ui.pdf), in the reader's language."""
from __future__ import annotations

from calls.applications.models import Application
from portal.i18n import current_language
from portal.ui.pdf import pdf_response, render_pdf


def receipt_pdf(application: Application) -> bytes:
    """Everything the applicant submitted, with the time and the SHA-256 digest that prove it."""
    return render_pdf("applications/receipt.html", current_language(), application=application,
                      call=application.call)


def receipt_response(application: Application):
    return pdf_response(receipt_pdf(application), f"receipt-{application.id}.pdf")
