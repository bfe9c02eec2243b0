"""The personal-data detector of reports gives its reason as a lazy message, translated when a request reads it
(the detector itself is tested as a pure function in tests/unit/test_report_rules.py)."""
from flask_babel import force_locale

from occupancies.reports import rules


def test_the_reason_is_a_lazy_message_translated_when_read(app):
    found = rules.personal_data("0470 12 34 56")
    assert found is not None
    with app.test_request_context(), force_locale("en"):
        assert str(found) == "Remove the phone number: a report holds no data that identifies a person."
