"""What people wrote, leaving the portal in a spreadsheet (CSV or Excel): a text a spreadsheet would read as a
formula (=, +, -, @, a tab or a carriage return first) is kept as text by a leading apostrophe, so that opening an
export never runs what someone typed into a site's or an organisation's name."""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """The cell as written, or, for a text that starts like a formula, the same text after an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
