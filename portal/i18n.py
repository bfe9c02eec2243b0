"""Languages: the reader's language, and content written in two languages."""
from __future__ import annotations

from flask import current_app, has_request_context, request, session
from flask_babel import force_locale, get_locale
from flask_login import current_user

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
