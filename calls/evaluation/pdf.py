"""The evaluation report (portal.ui.pdf), in French or in Dutch: the minutes a public body files."""
from __future__ import annotations

from calls.evaluation import queries
from portal.i18n import current_language
from portal.ui.pdf import html_to_pdf, pdf_response, render_html

REPORT_LANGUAGES = ("fr", "nl")


def report_html(call, language: str) -> str:
    """Criteria, evaluators and their declarations, eligibility, every score with its justification, the
    ranking, the mix check and the decision, in one language."""
    return render_html("evaluation/report.html", language, call=call, board=queries.board(call))


def report_pdf(call, language: str) -> bytes:
    return html_to_pdf(report_html(call, language))


def report_response(call, language: str | None):
    """The document's language (?language=fr|nl: not ?lang=, which switches the visit's pages), else the
    reader's, else French."""
    if language not in REPORT_LANGUAGES:
        language = current_language() if current_language() in REPORT_LANGUAGES else "fr"
    return pdf_response(report_pdf(call, language), f"evaluation-report-{call.id}-{language}.pdf")
