"""Every kind of notification reads whole in every language: each placeholder of its English text is filled in
French and Dutch too (a translation that renames or forgets one would fail the email job)."""
import re

import pytest
from flask_babel import force_locale

from portal.features import notification_kinds
from portal.i18n import LANGUAGES
from portal.notifications.registry import render


def _placeholders(kind) -> set[str]:
    with force_locale("en"):
        text = str(kind.title) + " " + (str(kind.body) if kind.body is not None else "")
    return set(re.findall(r"%\((\w+)\)s", text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_notification_renders_in_every_language(app, language):
    with app.test_request_context():
        kinds = notification_kinds()
        assert len(kinds) > 40
        for code, kind in kinds.items():
            params = {name: {"fr": f"«{name}-fr»", "nl": f"«{name}-nl»", "en": f"«{name}-en»"}
                      for name in _placeholders(kind)}
            title, body = render(code, params, language)
            assert "%(" not in title + body, code
            for name in _placeholders(kind):
                assert f"«{name}-{language}»" in title + body, (code, name)
