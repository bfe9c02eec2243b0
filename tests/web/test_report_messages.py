"""The personal-data detector of reports gives its reason as a lazy message, translated when a request reads it,
quoting the words it refuses as they were written (the detector itself is tested as a pure function in
tests/unit/test_report_rules.py)."""
from flask_babel import force_locale

from occupancies.reports import rules


def test_the_reason_is_a_lazy_message_translated_when_read(app):
    found = rules.personal_data("0470 12 34 56")
    assert found is not None
    with app.test_request_context(), force_locale("en"):
        assert str(found) == "Remove the phone number “0470 12 34 56”: a report holds no data that identifies a person."


def test_the_reason_quotes_the_words_refused_in_french_and_dutch(app):
    found = rules.personal_data("Mevrouw Fatima Benali (nr. 25) belt naar +33 6 12 34 56 78 of 0470 12 34 56.")
    with app.test_request_context(), force_locale("fr"):
        assert str(found) == ("Supprimez le nom « Mevrouw Fatima Benali » et les numéros de téléphone "
                              "« +33 6 12 34 56 78 » et « 0470 12 34 56 » : un rapport ne contient aucune donnée "
                              "permettant d'identifier une personne.")
    with app.test_request_context(), force_locale("nl"):
        assert str(found) == ("Verwijder de naam “Mevrouw Fatima Benali” en de telefoonnummers “+33 6 12 34 56 78” "
                              "en “0470 12 34 56”: een verslag bevat geen gegevens die een persoon identificeren.")
