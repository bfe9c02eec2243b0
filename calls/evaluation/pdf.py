"""The evaluation report (WeasyPrint), in French or in Dutch: the minutes a public body files."""
from __future__ import annotations

from flask import Response, render_template
from flask_babel import force_locale
from weasyprint import HTML, URLFetcher

from calls.evaluation import queries
from portal import clock
from portal.i18n import current_language

REPORT_LANGUAGES = ("fr", "nl")


def report_html(call, language: str) -> str:
    """Criteria, evaluators and their declarations, eligibility, every score with its justification, the
    ranking, the mix check and the decision, in one language."""
    with force_locale(language):
        return render_template("evaluation/report.html", call=call, board=queries.board(call), language=language,
                               printed_at=clock.now())


def report_pdf(call, language: str) -> bytes:
    """The report as a PDF. The page fetches nothing; what people wrote is escaped text."""
    return HTML(string=report_html(call, language), url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def report_response(call, language: str | None) -> Response:
    """The document's language (?language=fr|nl: not ?lang=, which switches the visit's pages), else the reader's, else
    French."""
    if language not in REPORT_LANGUAGES:
        language = current_language() if current_language() in REPORT_LANGUAGES else "fr"
    response = Response(report_pdf(call, language), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="evaluation-report-{call.id}-{language}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
