"""What leaves the portal as a file. What people wrote, in a spreadsheet (CSV or Excel): a text a spreadsheet would
read as a formula (=, +, -, @, a tab or a carriage return first) is kept as text by a leading apostrophe, so that
opening an export never runs what someone typed into a site's or an organisation's name. A calendar (iCalendar,
RFC 5545: the calls' deadlines, the sharing sessions, a DGP operator's deadlines): its header, and its answer."""
from __future__ import annotations

from flask import Response
from icalendar import Calendar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """The cell as written, or, for a text that starts like a formula, the same text after an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def new_calendar(product: str, name: str) -> Calendar:
    """An empty iCalendar of the portal's `product` ("Calls"), named `name` in the reader's calendar application."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Entretemps//{product}//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def calendar_response(body: bytes, filename: str) -> Response:
    """An iCalendar file, shown by the browser (a calendar application subscribes to its address)."""
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": f'inline; filename="{filename}"'})
