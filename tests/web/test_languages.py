from portal.accounts.models import User
from portal.extensions import db


def test_french_is_the_default(client):
    assert 'lang="fr"' in client.get("/", headers={"Accept-Language": ""}).get_data(as_text=True)


def test_the_browser_language_is_used_when_nothing_else_is_known(client):
    page = client.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert 'lang="nl"' in page


def test_the_switcher_is_remembered_for_the_visit(client):
    assert 'lang="nl"' in client.get("/login?lang=nl").get_data(as_text=True)
    assert 'lang="nl"' in client.get("/").get_data(as_text=True)
    assert 'lang="en"' in client.get("/?lang=en").get_data(as_text=True)


def test_an_unknown_language_code_is_ignored(client):
    client.get("/?lang=nl")
    assert 'lang="nl"' in client.get("/?lang=de").get_data(as_text=True)


def test_a_signed_in_users_preference_wins_and_the_switcher_changes_the_visit_only(app, client, make_client, world):
    client.login(world.occupant_editor)  # prefers Dutch
    assert 'lang="nl"' in client.get("/o/occupant-a/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    client.get("/o/occupant-a/?lang=fr")
    assert 'lang="fr"' in client.get("/o/occupant-a/").get_data(as_text=True)   # the rest of the visit
    with app.app_context():
        assert db.session.get(User, world.occupant_editor).language == "nl"     # a link never changes the account
    other_visit = make_client().login(world.occupant_editor)
    assert 'lang="nl"' in other_visit.get("/o/occupant-a/").get_data(as_text=True)


def test_the_account_form_changes_the_saved_language(app, client, world):
    client.login(world.occupant_editor)
    response = client.post("/account", {"name": "Emma Editor", "language": "fr"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(User, world.occupant_editor).language == "fr"
    assert 'lang="fr"' in client.get("/o/occupant-a/").get_data(as_text=True)


def test_pages_are_translated(client):
    assert "Se connecter" in client.get("/login?lang=fr").get_data(as_text=True)
    assert "Aanmelden" in client.get("/login?lang=nl").get_data(as_text=True)
    assert "Sign in" in client.get("/login?lang=en").get_data(as_text=True)


def test_the_switcher_keeps_the_other_parameters(client, world):
    client.login(world.guichet_admin)
    page = client.get("/guichet/organisations?status=pending").get_data(as_text=True)
    assert "/guichet/organisations?status=pending&amp;lang=nl" in page
