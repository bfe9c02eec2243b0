"""Languages: the reader's language, and content written in two languages."""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import current_app, has_request_context, request, session
from flask_babel import force_locale, get_locale
from flask_login import current_user

from portal import clock

LANGUAGES = ("fr", "nl", "en")
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}


def select_locale() -> str:
    """The language asked by a link, else the one chosen during this visit, else the account's, else the browser's."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    if getattr(current_user, "is_authenticated", False) and current_user.language in LANGUAGES:
        return current_user.language
    return request.accept_languages.best_match(LANGUAGES) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "fr"


def localized(obj, field: str, language: str | None = None) -> str:
    """Read a field kept in two (or three) languages: the reader's, else French, else Dutch."""
    language = language or current_language()
    for lang in (language, "fr", "nl", "en"):
        value = getattr(obj, f"{field}_{lang}", None)
        if value:
            return value
    return ""


def localized_property(field: str) -> property:
    """A model's property reading `field` in the reader's language: title = localized_property("title")."""
    return property(lambda obj: localized(obj, field), doc=f"{field} in the reader's language")


def in_all_languages(text) -> dict:
    """A translatable string in every language, for values stored now and read later by anyone."""
    values = {}
    for language in LANGUAGES:
        with force_locale(language):
            values[language] = str(text)
    return values


# Numbers, days and moments in the reader's language: the template filters (`decimal`, `score`, `percent`, `date`,
# `datetime`) and every text of a page, a PDF or an e-mail go through these; CSV, Excel, JSON and the API keep
# machine-readable values.
STANDARD_FORMATS = ("short", "medium", "long", "full")


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    """Babel's locale of a language, made once: given its name, Babel builds it anew for every number and date it
    writes (a figures page writes 600 of them)."""
    return Locale.parse(language)


@lru_cache(maxsize=16)
def _number_symbols(language: str) -> tuple[str, str, str]:
    """The symbols numbers are written with in a language: the group separator, the minus sign, the decimal mark."""
    locale = _locale(language)
    return (babel_numbers.get_group_symbol(locale), babel_numbers.get_minus_sign_symbol(locale),
            babel_numbers.get_decimal_symbol(locale))


@lru_cache(maxsize=64)
def _number_pattern(pattern: str) -> babel_numbers.NumberPattern:
    """A number pattern, parsed once (Babel parses a pattern given as text every time)."""
    return babel_numbers.parse_pattern(pattern)

# The day of a pattern written before the month's name ("d MMMM y", "EEEE d MMM y"), not "dd/MM/y".
_DAY_BEFORE_MONTH_NAME = re.compile(r"(?<![d'])d(?!d)(?=\s*M{3,})")


def day_pattern(fmt: str, language: str, day: int) -> str:
    """The pattern of a date in `language`: French writes the first of a month "1er" ("1er septembre 2026")."""
    pattern = babel_dates.get_date_format(fmt, locale=_locale(language)).pattern if fmt in STANDARD_FORMATS else fmt
    if language == "fr" and day == 1:
        pattern = _DAY_BEFORE_MONTH_NAME.sub("d'er'", pattern)
    return pattern


def format_day(value: date | datetime | None, fmt: str = "medium", language: str | None = None) -> str:
    """A day as the reader writes it ("1er septembre 2026", "1 september 2026", "September 1, 2026"); an instant
    is read on Brussels' wall clock."""
    if value is None:
        return ""
    language = language or current_language()
    if isinstance(value, datetime):
        value = clock.in_brussels(value).date()
    return babel_dates.format_date(value, day_pattern(fmt, language, value.day), locale=_locale(language))


def format_moment(value: datetime | None, fmt: str = "medium", language: str | None = None) -> str:
    """An instant on Brussels' wall clock in the reader's language, its day written as format_day writes it."""
    if value is None:
        return ""
    language = language or current_language()
    if not isinstance(value, datetime):
        return format_day(value, fmt if fmt in STANDARD_FORMATS else "medium", language)
    local = clock.in_brussels(value)
    if fmt not in STANDARD_FORMATS:
        pattern = day_pattern(fmt, language, local.day) if re.search(r"M{3,}", fmt) else fmt
        return babel_dates.format_datetime(local, pattern, tzinfo=clock.BRUSSELS, locale=_locale(language))
    return (babel_dates.get_datetime_format(fmt, locale=_locale(language)).replace("'", "")
            .replace("{0}", babel_dates.format_time(local, fmt, tzinfo=clock.BRUSSELS, locale=_locale(language)))
            .replace("{1}", format_day(local.date(), fmt, language)))


def format_number(value, digits: int | None = None, language: str | None = None) -> str:
    """A number in the reader's language ("1 234,5", "1.234,5", "1,234.5"): exactly `digits` decimals when given,
    else as many as it has (up to three)."""
    if value is None:
        return ""
    language = language or current_language()
    if type(value) is int and not digits:
        # A whole number, the most common by far (a figures page writes 600): its groups in the locale's symbols,
        # as Babel writes them (tests/unit/test_i18n_numbers.py), without Babel's pattern machinery.
        group, minus, _ = _number_symbols(language)
        text = f"{abs(value):,}".replace(",", group)
        return minus + text if value < 0 else text
    if digits and (type(value) is int or (type(value) is Decimal and value.is_finite())) and value >= 0:
        # A score, a mean or an amount with its decimals (a ranking writes 300): Python's formatting rounds half to
        # even as Babel does; the groups and the decimal mark are the locale's.
        group, _, mark = _number_symbols(language)
        whole, _, fraction = f"{value:,.{digits}f}".partition(".")
        return whole.replace(",", group) + mark + fraction
    if digits is None:
        return babel_numbers.format_decimal(value, locale=_locale(language))
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return babel_numbers.format_decimal(value, _number_pattern(pattern), locale=_locale(language))


def format_percent(value, digits: int = 1, language: str | None = None, *, of_hundred: bool = False) -> str:
    """A share in the reader's language: "33,3 %" in French, "33,3%" in Dutch, "33.3%" in English. `value` is a
    fraction (0.333), or a number of hundredths with of_hundred (33.3); at most `digits` decimals."""
    if value is None:
        return ""
    language = language or current_language()
    if of_hundred:
        value = Decimal(str(value)) / 100
    pattern = _locale(language).percent_formats[None].pattern
    if digits:
        pattern = pattern.replace("0", "0." + "#" * digits, 1)
    return babel_numbers.format_percent(value, _number_pattern(pattern), locale=_locale(language))


def format_money(value, language: str | None = None) -> str:
    """An amount in euros in the reader's language: "1 250,00 €", "€ 1.250,00", "€1,250.00"."""
    if value is None:
        return ""
    return babel_numbers.format_currency(value, "EUR", locale=_locale(language or current_language()))


# Short words that only one of the languages uses often: enough to tell which one a paragraph is written in.
_COMMON_WORDS = {
    "fr": {"le", "la", "les", "des", "du", "un", "une", "et", "est", "pour", "dans", "avec", "sur", "au", "aux",
           "nous", "notre", "nos", "qui", "que", "par", "ce", "cette", "ces", "sont", "pas", "leur", "à"},
    "nl": {"de", "het", "een", "en", "is", "van", "voor", "in", "met", "op", "aan", "wij", "we", "onze", "ons",
           "die", "dat", "deze", "zijn", "niet", "door", "bij", "ook", "om", "te", "hun", "naar", "er"},
    "en": {"the", "a", "an", "and", "is", "of", "for", "with", "on", "we", "our", "who", "that", "this", "are",
           "not", "by", "to", "their", "at", "from", "in"},
}


def written_in(text: str | None) -> str | None:
    """The language a text is most likely written in ("fr", "nl", "en"), or None when it does not say (empty,
    too short, or as much of one as of another)."""
    words = re.findall(r"[^\W\d_]+", (text or "").lower())
    counts = {language: sum(word in common for word in words) for language, common in _COMMON_WORDS.items()}
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    (best, most), (_, second) = ranked[0], ranked[1]
    return best if most >= 2 and most > second else None
