"""Every data table sits in a region that scrolls sideways inside the page, never the page itself (issue 17, item 12:
on a phone, tables were cut without a sign that they scroll). The region is focusable, so that a keyboard can scroll
it, and named by the table's caption; the line that says it scrolls is in the reader's language."""
from __future__ import annotations

from html.parser import HTMLParser

from flask import render_template_string
from flask_babel import force_locale

from tests.support.access_matrix.world import build_world
from tests.support.crawl import KINDS_OF_PEOPLE, pages_of

MACRO = """{% from "_macros.html" import scroll_table %}
{% call scroll_table("sites-caption") %}<table class="table"><caption id="sites-caption">Sites</caption>
<tr><td>A</td></tr></table>{% endcall %}"""


class _Tables(HTMLParser):
    """Each table of a page, with the scroll region around it (its attributes, or None) and its caption's id."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.tables: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            regions = [a for t, a in self.stack if "table-scroll" in (a.get("class") or "").split()]
            self.tables.append({"region": regions[-1] if regions else None, "caption": None,
                                "id": attributes.get("id")})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = attributes.get("id")
        if tag not in self.VOID:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def tables_of(html: str) -> list[dict]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def problems_of(table: dict) -> list[str]:
    region = table["region"]
    if region is None:
        return ["not in a scroll region"]
    problems = []
    if region.get("role") != "region":
        problems.append("its region has no role=region")
    if region.get("tabindex") != "0":
        problems.append("its region cannot be reached with the keyboard (tabindex=0)")
    if not table["caption"] or region.get("aria-labelledby") != table["caption"]:
        problems.append(f"its region is not named by its caption ({region.get('aria-labelledby')!r} "
                        f"≠ {table['caption']!r})")
    return problems


def test_the_macro_makes_a_focusable_region_named_by_the_caption(app):
    with app.test_request_context():
        with force_locale("en"):
            html = render_template_string(MACRO)
        with force_locale("fr"):
            french = render_template_string(MACRO)
        with force_locale("nl"):
            dutch = render_template_string(MACRO)
    [table] = tables_of(html)
    assert table["region"] == {"class": "table-scroll", "role": "region", "tabindex": "0",
                               "aria-labelledby": "sites-caption"}
    assert problems_of(table) == []
    assert "Slide the table sideways to see all its columns." in html
    assert "Faites glisser le tableau" in french
    assert "Schuif de tabel" in dutch


def test_every_table_of_every_page_sits_in_a_region_named_by_its_caption(app, make_client):
    world = build_world(app)
    failures, seen = [], 0
    for role in KINDS_OF_PEOPLE:
        client = make_client()
        if role != "anonymous":
            client.login(world["users"][role])
        for url in pages_of(app, client, world, role):
            html = client.get(url).get_data(as_text=True)
            ids = html.count
            for table in tables_of(html):
                seen += 1
                failures += [f"{role} {url}: table {table['id'] or ''} {p}" for p in problems_of(table)]
                if table["caption"] and ids(f'id="{table["caption"]}"') != 1:
                    failures.append(f"{role} {url}: the caption id {table['caption']} is not unique on the page")
    assert seen > 40, "the crawl met too few tables to mean anything"
    assert failures == [], "\n".join(failures)
