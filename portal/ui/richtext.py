"""Rich text people write (minutes, for now): Markdown turned into HTML, then sanitised with nh3 so that only
plain formatting and safe links reach the page (no script, no style, no image from elsewhere)."""
from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre", "hr", "table",
        "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}}


def markdown_html(text: str | None) -> Markup:
    """Safe HTML of a Markdown text; headings are brought down to h3 so that they never compete with the page's."""
    if not text:
        return Markup("")
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"https", "http", "mailto"},
                            link_rel="noopener noreferrer nofollow"))
