"""One way to make a PDF: a template that extends pdf/base.html, rendered in a language, printed by WeasyPrint.

The page fetches nothing (no URL scheme is allowed: no image, stylesheet or font from outside), and what people
wrote reaches it as escaped text through Jinja. The receipt of an application, the evaluation report and the
agreement are made this way."""
from __future__ import annotations

import html

from flask import Response, render_template
from flask_babel import force_locale
from markupsafe import Markup
from weasyprint import HTML, URLFetcher

from portal import clock


def render_html(template: str, language: str, **context) -> str:
    """The document's HTML in one language (its `language` and `printed_at` given to the template)."""
    with force_locale(language):
        return render_template(template, language=language, printed_at=clock.now(), **context)


def render_pdf(template: str, language: str, **context) -> bytes:
    return html_to_pdf(render_html(template, language, **context))


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def pdf_response(data: bytes, filename: str) -> Response:
    """A PDF shown in the browser, never kept by a shared cache."""
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def css_string(value) -> Markup:
    """Text inside a CSS string of the page's <style> (its running header): HTML's escapes undone (CSS does not
    read them: "Log&#39;Iris" would be printed as such), then every character that could end the string or the
    style element written as a CSS escape (\\22 for ", \\3C for <…)."""
    text = html.unescape(str(value))
    return Markup("".join(f"\\{ord(c):X} " if c in '"\\\'<>&' or ord(c) < 32 else c for c in text))

