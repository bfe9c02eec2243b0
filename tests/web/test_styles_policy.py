"""The Content-Security-Policy refuses inline styles (issue 17, item 24): `style-src` has no 'unsafe-inline', so no
page may carry a style attribute or a <style> element; what used to be one is a class of portal.css, an SVG
attribute, or a data-* attribute that js/layout.js applies through the CSSOM. PDF templates (pdf/base.html and
those extending it) are rendered by WeasyPrint, never served as pages, and keep their own CSS."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [path for package in ("portal", "calls", "occupancies") for path in (ROOT / package).rglob("templates/**/*")
             if path.suffix in (".html", ".xml", ".svg")]
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def _is_pdf(path: Path, text: str) -> bool:
    return path.as_posix().endswith("pdf/base.html") or '{% extends "pdf/base.html" %}' in text


def _style_src(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    [directive] = [part.strip() for part in policy.split(";") if part.strip().startswith("style-src")]
    return directive


def test_the_policy_refuses_inline_styles(client):
    for path in ("/", "/sites", "/login"):
        directive = _style_src(client.get(path))
        assert directive == "style-src 'self'", f"{path}: {directive}"


def test_no_page_template_carries_an_inline_style():
    offenders = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        if _is_pdf(path, text):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if INLINE_STYLE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert len(TEMPLATES) > 100
    assert offenders == [], "inline styles the policy refuses:\n" + "\n".join(offenders)


def test_no_html_built_in_python_for_a_page_carries_an_inline_style():
    """Markup built by Python for a page (panels, Markup) follows the same rule; PDF builders are exempt."""
    offenders = []
    for package in ("portal", "calls", "occupancies"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "html_to_pdf" in text or path.name == "pdf.py":
                continue
            offenders += [f"{path.relative_to(ROOT)}:{n}" for n, line in enumerate(text.splitlines(), start=1)
                          if re.search(r"""<[a-z][^>]*\sstyle\s*=|<style\b""", line)]
    assert offenders == []
