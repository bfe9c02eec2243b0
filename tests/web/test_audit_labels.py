"""Every action the operations record in the audit log reads as words in a history, in French and Dutch: a code
recorded without its label would show as "agreement.document_recorded"."""
import re
from pathlib import Path

from flask_babel import force_locale

from portal.features import audit_labels

ROOT = Path(__file__).resolve().parents[2]
RECORDED = re.compile(r'audit\.record\(\s*"([a-z_]+\.[a-z_]+)"')


def test_every_recorded_action_has_its_label_in_every_language(app):
    codes = {code for package in ("portal", "calls", "occupancies") for path in (ROOT / package).rglob("*.py")
             for code in RECORDED.findall(path.read_text())}
    with app.test_request_context():
        labels = audit_labels()
        assert len(codes) > 60 and sorted(codes - set(labels)) == []
        for language in ("fr", "nl"):
            with force_locale(language):
                translated = {code: str(labels[code]) for code in codes}
            with force_locale("en"):
                untranslated = [code for code in codes if translated[code] == str(labels[code])]
            assert untranslated == [], (language, untranslated)
