"""What people wrote reaches a PDF's running header as a CSS string: written so that CSS reads it as typed (not as
HTML's escapes) and so that nothing in it ends the string or the page's style element."""
from markupsafe import escape

from portal.ui.pdf import css_string


def test_an_apostrophe_in_a_name_is_printed_as_typed_not_as_an_html_escape():
    header = css_string(escape("SISP Log'Iris"))           # what Jinja hands over: "SISP Log&#39;Iris"
    assert "&#39;" not in header and header == "SISP Log\\27 Iris"


def test_nothing_ends_the_string_or_the_style_element():
    header = css_string('Owner "X" </style><p>injected')
    assert '"' not in header and "<" not in header and ">" not in header
    assert header.startswith("Owner \\22 X\\22  \\3C /style\\3E \\3C p\\3E injected")


def test_plain_text_and_accents_stay_as_they_are():
    assert css_string("Commune de Molenbeek-Saint-Jean · é") == "Commune de Molenbeek-Saint-Jean · é"
