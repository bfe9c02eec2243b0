"""Issue 17, item 16: the pages every public service has (contact, help for each kind of user, privacy notice,
accessibility statement), linked from every page's footer, in French, Dutch and English."""
import re

import pytest

from portal.extensions import db
from portal.organisations.models import Organisation

PAGES = ("/contact", "/help", "/privacy", "/accessibility")


def _footer(body: str) -> str:
    found = re.search(r"<footer.*?</footer>", body, re.S)
    assert found, "the page has no footer"
    return found.group(0)


@pytest.mark.parametrize("path", ["/", "/calls", "/sessions/", "/login", "/no-such-page", *PAGES])
def test_every_page_links_the_four_pages_from_its_footer(client, world, path):
    footer = _footer(client.get(path).get_data(as_text=True))
    for page in PAGES:
        assert f'href="{page}"' in footer, f"{path}: no link to {page} in the footer"


def test_a_signed_in_page_has_them_too(client, world):
    client.login(world.owner_admin)
    footer = _footer(client.get("/o/owner-a/").get_data(as_text=True))
    assert all(f'href="{page}"' in footer for page in PAGES)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_each_page_answers_in_each_language(client, world, path, language):
    response = client.get(f"{path}?lang={language}")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.get_data(as_text=True)


def test_the_contact_page_gives_the_guichets_details_and_says_what_is_to_be_confirmed(app, client, world):
    with app.app_context():
        guichet = db.session.get(Organisation, world.guichet)
        guichet.address, guichet.postcode, guichet.commune = "Rue de Namur 59", "1000", "bruxelles"
        guichet.contact_email, guichet.contact_phone = "guichet@example.org", ""
        db.session.commit()
    body = client.get("/contact?lang=fr").get_data(as_text=True)
    assert "Rue de Namur 59" in body and "1000 Bruxelles" in body
    assert 'href="mailto:guichet@example.org"' in body
    assert "à confirmer par le Guichet" in body                  # the phone and the hours are not known yet
    body = client.get("/contact?lang=nl").get_data(as_text=True)
    assert "1000 Brussel" in body and "te bevestigen door het Loket" in body
    with app.app_context():
        db.session.get(Organisation, world.guichet).contact_phone = "+32 2 000 00 00"
        db.session.commit()
    assert 'href="tel:+3220000000"' in client.get("/contact").get_data(as_text=True)


def test_the_help_page_speaks_to_each_kind_of_user(client, world):
    body = client.get("/help?lang=fr").get_data(as_text=True)
    for anchor in ("associations", "owners", "guichet", "public"):
        assert f'id="{anchor}"' in body


def test_the_privacy_notice_says_what_is_kept_why_how_long_and_whom_to_ask(client, world):
    body = client.get("/privacy?lang=fr").get_data(as_text=True)
    for words in ("Ce que nous conservons", "Combien de temps", "Autorité de protection des données",
                  "mailto:contact@guichet.example.org"):
        assert words in body, words
    body = client.get("/privacy?lang=nl").get_data(as_text=True)
    assert "Gegevensbeschermingsautoriteit" in body


def test_the_accessibility_statement_names_the_standard_and_the_ordinance(client, world):
    body = client.get("/accessibility?lang=fr").get_data(as_text=True)
    assert "WCAG 2.1" in body and "4 octobre 2018" in body
    body = client.get("/accessibility?lang=nl").get_data(as_text=True)
    assert "WCAG 2.1" in body and "4 oktober 2018" in body


def test_the_pages_answer_without_any_organisation(client):
    """On an empty portal (no Guichet yet) the pages still answer, saying what is to be confirmed."""
    body = client.get("/contact?lang=en").get_data(as_text=True)
    assert "to be confirmed by the Guichet" in body
