"""Pure rules of reports: the reporting schedule, the personal-data detector and the consistency of the counts
from one period to the next. No database, no request."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from babel.lists import format_list
from flask_babel import LazyString, get_locale, gettext, ngettext

from occupancies.agreements.rules import end_of_month
from occupancies.agreements.workflow import ReportingFrequency
from portal import clock
from portal.organisations.rules import is_valid_enterprise_number

MONTHS_PER_PERIOD = {ReportingFrequency.monthly: 1, ReportingFrequency.quarterly: 3, ReportingFrequency.yearly: 12}
REMIND_BEFORE = timedelta(days=7)


# The schedule ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: date
    end: date
    due_on: date
    quarter: int          # of the period's last day, as YYYYQ (20253 is July to September 2025)
    closes_quarter: bool  # the agreement's last period in that quarter: its counts of people are the quarter's


def quarter_of(day: date) -> int:
    return day.year * 10 + (day.month - 1) // 3 + 1


def quarter_bounds(quarter: int) -> tuple[date, date]:
    year, q = divmod(quarter, 10)
    first = date(year, 3 * q - 2, 1)
    return first, end_of_month(date(year, 3 * q, 1))


def due_date(period_end: date) -> date:
    """A report is due on the last day of the month after its period: the report of March by 30 April, that of
    the year 2025 by 31 January 2026."""
    return end_of_month(end_of_month(period_end) + timedelta(days=1))


def _calendar_end(day: date, months: int) -> date:
    """The last day of the calendar month, quarter or year that holds `day`."""
    month = ((day.month - 1) // months + 1) * months
    return end_of_month(date(day.year, month, 1))


def periods(start: date, end: date | None, frequency: ReportingFrequency, until: date) -> list[Period]:
    """The periods an agreement reports on, from its start to its end (or to `until`, the day read, for the
    periods that have begun): calendar months, quarters or years, the first and last cut by the agreement's own
    dates so that every region's figures line up on the same calendar."""
    months = MONTHS_PER_PERIOD[ReportingFrequency(frequency)]
    result = []
    first = start
    while first <= until and (end is None or first <= end):
        last = _calendar_end(first, months)
        if end is not None and end < last:
            last = end
        closes = (end is not None and last == end) or last == _calendar_end(last, 3)
        result.append(Period(first, last, due_date(last), quarter_of(last), closes))
        first = last + timedelta(days=1)
    return result


def submittable_from(period_end: date) -> date:
    """A report tells what happened during its period: it is sent once the period has ended, from the day after
    its last day (it may be prepared and saved as a draft from the period's first day)."""
    return period_end + timedelta(days=1)


def may_submit(period_end: date, today: date) -> bool:
    return today >= submittable_from(period_end)


def is_overdue(due_on: date, submitted: bool, today: date) -> bool:
    return not submitted and today > due_on


def reminder_due(due_on: date, today: date) -> str | None:
    """Which reminder the occupant gets today: a week before the due day, then on the day itself."""
    return clock.reminder_due(due_on, today, REMIND_BEFORE)


# Personal data ----------------------------------------------------------------------------------------------
#
# A report holds counts and short texts: never what identifies a person it speaks of. The detector reads the text
# as a person sees it (compatibility forms folded by NFKC: a full-width ＠ is an @, full-width or Arabic-Indic digits
# are digits, hidden and unbreakable spaces are spaces or nothing), then looks for an email address, a national
# register number, a phone number (Belgian, or international: + or 00 and a country code), a date of birth (a date
# after "né", "geboren", "born", "°"…) and a civil title followed by a name ("Mevrouw Fatima Benali", "M. Dupont").
# What it refuses is quoted as the person wrote it. Counts, the dates of the period, postcodes and street numbers
# are no personal data.

@dataclass(frozen=True)
class Finding:
    kind: str    # one of KINDS
    words: str   # as written in the text


KINDS = ("name", "birth_date", "email", "phone", "national_number")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# jan [at] example [dot] be, jan(at)example.be: an address written so that a robot would not read it.
_AT = r"\s*[\[({<]\s*(?:at|@|arobase|apenstaart)\s*[\])}>]\s*"
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|point|punt)\s*[\])}>]\s*)"
EMAIL_SPELT = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE)

_MONTHS = ("janv(?:ier|\\.)?|f[ée]vr(?:ier|\\.)?|mars|avr(?:il|\\.)?|mai|juin|juil(?:let|\\.)?|ao[uû]t|"
           "sept(?:embre|\\.)?|oct(?:obre|\\.)?|nov(?:embre|\\.)?|d[ée]c(?:embre|\\.)?|"
           "jan(?:uari|uary|\\.)?|feb(?:ruari|ruary|\\.)?|maart|march|mar\\.|apr(?:il|\\.)?|mei|may|"
           "jun[ei]?|jul[iy]?|aug(?:ustus|ust|\\.)?|sep(?:tember|\\.)?|okt(?:ober|\\.)?|october|"
           "december")
_DAY_MONTH = rf"\d{{1,2}}(?:er|e|ste|de|st|nd|rd|th)?\s+(?:{_MONTHS})(?:\s+\d{{4}})?"
_MONTH_DAY = rf"(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
_NUMERIC_DATE = r"\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?(?:\d{4}|\d{2})(?!\d)|(?:19|20)\d\d-\d{1,2}-\d{1,2}"
_FULL_DATE = r"\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d{1,2}-\d{1,2}|\d{1,2}[./-](?:19|20)\d\d"
_ANY_DATE = rf"(?:{_NUMERIC_DATE}|{_DAY_MONTH}|{_MONTH_DAY})"
# A birth word, then within a few words (no digit, no line break between) a date with its day.
BIRTH_DATE = re.compile(
    rf"(?:(?<!\w)(?:n[ée]e?s?|né\(e\)|naissance|geboren|geb\.|geboortedatum|born|birth|dob|d\.o\.b\.)(?!\w)"
    rf"[^\d\n]{{0,25}}?|°\s?)(?<!\w){_ANY_DATE}(?!\w)", re.IGNORECASE)

_TITLES = ("madame|mademoiselle|monsieur|mesdames|messieurs|mevrouw|meneer|mijnheer|juffrouw|de\\s+heer|mister|"
           "miss|mrs\\.?|mr\\.?|ms\\.?|mmes?\\.?|mlles?\\.?|mevr\\.?|mw\\.?|dhr\\.?")
# A civil title (M. and MM. only so written): the words that follow it are read one by one (_civil_names).
CIVIL_TITLE = re.compile(rf"(?<!\w)(?:(?i:{_TITLES})|MM?\.)(?=\s)")
NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
# Small words inside a name (Van den Bossche, de la Cour); "le" and "la" only inside one, since "Madame la
# Bourgmestre" names a function, not a person.
PARTICLES = frozenset({"van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "des", "el", "al", "ben",
                       "bin", "ter", "ten", "'t", "le", "la"})
OPENING_PARTICLES = PARTICLES - {"le", "la"}

# Dates and month/year pairs are set aside before the digits are read, so that a date next to a count is not a phone.
DATES = re.compile(rf"(?<!\d)(?:{_FULL_DATE})(?!\d)")
# Digits with at most two separators (space, dot, slash, dash, parenthesis) between each, optionally after a +.
DIGITS = re.compile(r"(?<![\w+])(?:\+|(?=\d))\d(?:[ ./()-]{0,2}\d)+(?!\w)")

# Characters a person does not see, or sees as a space: taken out before reading.
_INVISIBLE = {"\u00ad"}


def _fold(text: str) -> tuple[str, list[int]]:
    """The text as read (NFKC, dashes as "-", any decimal digit as 0-9, invisible characters dropped), and for each
    of its characters the position of the character of `text` it comes from."""
    folded, origin = [], []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf" or char in _INVISIBLE:
            continue
        if category == "Pd":
            form = "-"
        elif category == "Nd":
            form = str(unicodedata.decimal(char))
        else:
            form = unicodedata.normalize("NFKC", char)
        folded.append(form)
        origin.extend([index] * len(form))
    return "".join(folded), origin


def _national_number(digits: str) -> bool:
    """A Belgian national register number: 11 digits, the last two a check on the first nine (97 minus their
    remainder by 97; for people born from 2000, the nine are prefixed with a 2)."""
    if len(digits) != 11:
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return check in (97 - body % 97, 97 - (2_000_000_000 + body) % 97)


def _phone(raw: str, digits: str) -> bool:
    """A phone number: + or 00, a country code and 9 to 15 digits in all (+32 2 512 34 56, +33 6 12 34 56 78,
    0033 6 12 34 56 78); or 0 then 8 or 9 digits, the second never 0 (02 512 34 56, 0470 12 34 56, 06 12 34 56 78)."""
    if raw.startswith("+"):
        return digits[:1] != "0" and 9 <= len(digits) <= 15
    if digits.startswith("00"):
        return digits[2:3] not in ("", "0") and 9 <= len(digits) - 2 <= 15
    return digits.startswith("0") and len(digits) in (9, 10)


ENTERPRISE_FORMAT = re.compile(r"[01]\d{3}\.\d{3}\.\d{3}")
ENTERPRISE_WORD = re.compile(r"(?i:\b(?:be|bce|kbo|tva|btw|vat)\b)[\s.:°n]{0,4}$")


def _enterprise_number(text: str, match) -> bool:
    """An organisation's enterprise number (BCE/KBO: "BE 0403.170.701", "0403.170.701"), not a person's phone: ten
    digits that pass its check, written as the register writes them or after BE, BCE, KBO, TVA, BTW or VAT."""
    raw = match.group(0)
    return is_valid_enterprise_number(raw) and (
        ENTERPRISE_FORMAT.fullmatch(raw) is not None or ENTERPRISE_WORD.search(text[:match.start()]) is not None)


def _civil_names(text: str):
    """(start, end) of each civil title followed by a name: up to four capitalised words (an initial counts), with
    the particles between them."""
    for title in CIVIL_TITLE.finditer(text):
        position = end = title.end()
        words, particles = 0, 0
        while words < 4:
            word = NEXT_WORD.match(text, position)
            if word is None:
                break
            token = word.group(1)
            if token[0].isupper():
                words, particles, position = words + 1, 0, word.end()
                end = position
            elif token.lower() in (PARTICLES if words else OPENING_PARTICLES) and particles < 2:
                particles, position = particles + 1, word.end()
            else:
                break
        if words:
            yield title.start(), end


def personal_data_found(text: str) -> list[Finding]:
    """What identifies a person in a text, in the order written, each quoted as written."""
    if not text:
        return []
    text = unicodedata.normalize("NFC", text)
    folded, origin = _fold(text)
    spans = []

    def found(kind, start, end):
        while end > start and folded[end - 1] in " ./-(":
            end -= 1
        if ")" in folded[start:end] and "(" not in folded[start:end] and folded[start - 1:start] == "(":
            start -= 1      # "(02) 512 34 56" as written
        if not any(s < end and start < e for _k, s, e in spans):
            spans.append((kind, start, end))

    for pattern in (EMAIL, EMAIL_SPELT):
        for match in pattern.finditer(folded):
            found("email", *match.span())
    for match in BIRTH_DATE.finditer(folded):
        found("birth_date", *match.span())
    for start, end in _civil_names(folded):
        found("name", start, end)
    masked = DATES.sub(lambda m: "·" * len(m.group(0)), folded)
    for match in DIGITS.finditer(masked):
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw)
        if _national_number(digits):
            found("national_number", *match.span())
        elif _phone(raw, digits) and not _enterprise_number(masked, match):
            found("phone", *match.span())
    return [Finding(kind, text[origin[start]:origin[end - 1] + 1]) for kind, start, end in sorted(
        spans, key=lambda span: span[1])]


def _kind_phrase(kind: str, words: list[str], locale: str) -> str:
    quoted = format_list([gettext("“%(words)s”", words=w) for w in words], locale=locale)
    count = len(words)
    if kind == "name":
        return ngettext("the name %(words)s", "the names %(words)s", count, words=quoted)
    if kind == "birth_date":
        return ngettext("the date of birth %(words)s", "the dates of birth %(words)s", count, words=quoted)
    if kind == "email":
        return ngettext("the email address %(words)s", "the email addresses %(words)s", count, words=quoted)
    if kind == "phone":
        return ngettext("the phone number %(words)s", "the phone numbers %(words)s", count, words=quoted)
    return ngettext("the national register number %(words)s", "the national register numbers %(words)s", count,
                    words=quoted)


def refusal(findings: list[Finding]) -> str:
    """The message beside the field: what to remove, quoted, and why (in the language of the request)."""
    locale = str(get_locale() or "en")
    by_kind: dict[str, list[str]] = {}
    for finding in findings:
        if finding.words not in by_kind.setdefault(finding.kind, []):
            by_kind[finding.kind].append(finding.words)
    phrases = format_list([_kind_phrase(kind, words, locale) for kind, words in by_kind.items()], locale=locale)
    return gettext("Remove %(found)s: a report holds no data that identifies a person.", found=phrases)


def personal_data(text: str):
    """Why a text may not be kept (a message translated when it is read), or None: reports hold counts only,
    never what identifies a person."""
    findings = personal_data_found(text)
    return LazyString(refusal, findings) if findings else None


# Consistency ------------------------------------------------------------------------------------------------

def expected_persons(previous_persons: int | None, entries: int, exits: Iterable[int]) -> int:
    """The people housed at the end of a period follow from the previous period's, plus entries, minus exits
    (from nobody for the first period)."""
    return (previous_persons or 0) + entries - sum(exits)


def inconsistency(previous_persons: int | None, persons: int, entries: int, exits: Iterable[int]) -> int | None:
    """The number the counts lead to when it is not the number reported, else None."""
    expected = expected_persons(previous_persons, entries, exits)
    return None if expected == persons else expected
