"""What each kind of notification says. Each feature declares its kinds in its notifications.py (KINDS), which its
feature.py hands to the shell (portal.features.notification_kinds)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.features import notification_kinds
from portal.i18n import LANGUAGES


@dataclass(frozen=True)
class Kind:
    title: object  # lazy string with %(name)s placeholders
    body: object | None = None
    # About the reader's own deadlines, signatures or account: always at once, whatever their preferences.
    essential: bool = False


def is_essential(kind: str) -> bool:
    return notification_kinds()[kind].essential


def label_of(kind: str) -> str:
    """A kind as the preferences page names it: its title in the reader's language, each value left out."""
    title = re.sub(r"[“«„\"]\s*%\(\w+\)s\s*[”»\"]", "%(x)s", str(notification_kinds()[kind].title))
    return re.sub(r"\s*%\(\w+\)s\s*", " … ", title).strip()


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


# The preferences page: each kind under its topic (the code before its dot), in this order.
TOPIC_LABELS = {
    "needs": _l("Needs, matching places and proposals"),
    "call": _l("Calls"),
    "application": _l("Applications"),
    "evaluation": _l("Evaluation"),
    "agreement": _l("Agreements"),
    "report": _l("Reports"),
    "site": _l("Sites"),
    "session": _l("Sharing sessions"),
    "vacancy": _l("Vacant places"),
    "dgp": _l("Public management"),
    "organisation": _l("Your organisation and its members"),
    "user": _l("Your account"),
}
FREQUENCY_LABELS = {"immediate": _l("At once"), "daily": _l("Daily digest"), "weekly": _l("Weekly digest (Monday)"),
                    "off": _l("Off")}


def topics() -> list[tuple[str, list[str]]]:
    """The kinds a person may choose for, by topic: (topic code, [kind code…]); essential kinds are not among
    them."""
    grouped = {}
    for code, kind in notification_kinds().items():
        if not kind.essential:
            grouped.setdefault(code.split(".", 1)[0], []).append(code)
    order = list(TOPIC_LABELS)
    return sorted(((topic, sorted(codes)) for topic, codes in grouped.items()),
                  key=lambda item: order.index(item[0]) if item[0] in order else len(order))
