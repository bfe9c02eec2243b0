"""What each kind of notification says. Each feature declares its kinds in its notifications.py (KINDS), which its
feature.py hands to the shell (portal.features.notification_kinds)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale

from portal.features import notification_kinds
from portal.i18n import LANGUAGES


@dataclass(frozen=True)
class Kind:
    title: object  # lazy string with %(name)s placeholders
    body: object | None = None


def _values(params: dict, language: str) -> dict:
    """A parameter given in several languages ({"fr": …, "nl": …}) is read in the reader's."""
    values = {}
    for key, value in params.items():
        if isinstance(value, dict) and set(value) <= set(LANGUAGES):
            value = value.get(language) or value.get("fr") or value.get("nl") or ""
        values[key] = value
    return values


def render(kind: str, params: dict, language: str) -> tuple[str, str]:
    """(title, body) of a notification in one language."""
    entry = notification_kinds()[kind]
    values = _values(params, language)
    with force_locale(language):
        title = str(entry.title) % values
        body = str(entry.body) % values if entry.body is not None else ""
    return title, body
