"""Words in the reader's language (issue 17, item 13): counted things agree with their number, amounts and shares
are written as the reader writes them, French writes the first of a month "1er", the Atom feed speaks the feed's
language, and a new agreement's purpose starts in the language its source was written in."""
import re
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from calls.applications.models import Application
from calls.applications.workflow import ApplicationStatus
from occupancies.agreements import operations as ops
from occupancies.agreements.queries import terms_from_application
from occupancies.workflow import PublicationStatus
from portal.accounts.models import User
from portal.extensions import db
from portal.organisations.models import Organisation
from tests.support.calls import make_call
from tests.support.evaluation import make_evaluation
from tests.support.sites import make_site, make_unit

ATOM = {"a": "http://www.w3.org/2005/Atom"}
NBSP = "\u00a0\u202f"


def _text(response) -> str:
    """A page's text with its non-breaking spaces read as spaces."""
    return re.sub(f"[{NBSP}]", " ", response.get_data(as_text=True))


def _selected(summary: str):
    """occupant-a's application, selected, its summary replaced; its call's occupancy in 2027."""
    ev = make_evaluation()
    application = db.session.get(Application, ev.applications["a"])
    application.status = ApplicationStatus.selected
    application.summary = summary
    application.call.occupancy_start, application.call.occupancy_end = date(2027, 1, 1), date(2027, 12, 31)
    return ev, application


def _published_site(world):
    site = make_site(db.session.get(Organisation, world.owner), "École Ransfort",
                     publication=PublicationStatus.published)
    make_unit(site, "Rez")
    return site


@pytest.fixture
def draft_with_a_fee(app, world):
    """owner-a's draft agreement with occupant-a: from 1 January 2027, 1 250,50 € a month, notices of 3 months
    (owner) and 1 month (occupant)."""
    with app.test_request_context():
        ev, application = _selected("Nous ouvrons un atelier pour les jeunes du quartier.")
        terms = {**terms_from_application(application), "free_use": False, "monthly_fee": Decimal("1250.50"),
                 "notice_months_owner": 3, "notice_months_occupant": 1}
        agreement = ops.draft_agreement(db.session.get(Organisation, world.owner), application.call.site,
                                        application.applicant, terms, application=application,
                                        actor=db.session.get(User, world.owner_editor))
        db.session.commit()
        return agreement.id


@pytest.mark.parametrize("language, expected", [
    ("fr", ["1er janvier 2027", "propriétaire : 3 mois ; occupant : 1 mois", "1 250,50 € par mois"]),
    ("nl", ["1 januari 2027", "eigenaar: 3 maanden; bezetter: 1 maand", "€ 1.250,50 per maand"]),
    ("en", ["January 1, 2027", "owner: 3 months; occupant: 1 month", "€1,250.50 a month"]),
])
def test_the_agreement_page_counts_months_and_writes_days_and_amounts_in_the_readers_language(
        world, make_client, draft_with_a_fee, language, expected):
    page = _text(make_client().login(world.owner_editor).get(f"/o/owner-a/agreements/{draft_with_a_fee}"
                                                             f"?lang={language}"))
    for words in expected:
        assert words in page
    assert "(s)" not in page and "(en)" not in page


@pytest.mark.parametrize("language, weight, fee", [
    ("fr", "50 %", "Redevance mensuelle : 1 250,00 €"),
    ("nl", "50%", "Maandelijkse vergoeding: € 1.250,00"),
    ("en", "50%", "Monthly fee: €1,250.00"),
])
def test_a_calls_weights_and_fee_are_written_as_the_reader_writes_them(app, client, world, language, weight, fee):
    with app.test_request_context():
        call_id = make_call(_published_site(world), free_use=False, monthly_fee=Decimal("1250")).id
        db.session.commit()
    page = _text(client.get(f"/calls/{call_id}?lang={language}"))
    assert f">{weight}<" in page and f">{'100' + weight[2:]}<" in page  # a criterion's weight, then the total
    assert fee in page


@pytest.mark.parametrize("language, subtitle, summary", [
    ("fr", "Appels ouverts pour l'occupation temporaire", "Date limite de dépôt : 01/09/2027 12:00"),
    ("nl", "Open oproepen voor de tijdelijke bezetting", "Uiterste indieningsdatum: 01-09-2027, 12:00"),
])
def test_the_atom_feed_speaks_the_feeds_language(app, client, world, language, subtitle, summary):
    from portal import clock

    with app.test_request_context():
        make_call(_published_site(world), title="Appel <& Cie>", deadline=clock.at_brussels(date(2027, 9, 1), 12))
        db.session.commit()
    response = client.get(f"/calls.atom?lang={language}")
    feed = ElementTree.fromstring(response.get_data())   # valid XML: the title's < and & are escaped
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert feed.find("a:title", ATOM).text != "Entretemps: open calls"
    assert feed.find("a:subtitle", ATOM).text.startswith(subtitle)
    entry = feed.find("a:entry", ATOM)
    assert entry.find("a:title", ATOM).text in ("Appel <& Cie>", "Oproep Appel <& Cie>")
    text = re.sub(f"[{NBSP}]", " ", entry.find("a:summary", ATOM).text)
    assert "Submission deadline" not in text and summary in text


@pytest.mark.parametrize("summary, french, dutch", [
    ("Wij openen een atelier voor de jongeren van de wijk.", "",
     "Wij openen een atelier voor de jongeren van de wijk."),
    ("Nous ouvrons un atelier pour les jeunes du quartier.", "Nous ouvrons un atelier pour les jeunes du quartier.",
     ""),
])
def test_a_new_agreements_purpose_starts_in_the_language_of_the_application(
        app, world, make_client, summary, french, dutch):
    with app.test_request_context():
        ev, application = _selected(summary)
        db.session.commit()
    form = make_client().login(world.owner_editor).get(
        f"/o/owner-a/agreements/new?application_id={ev.applications['a']}").get_data(as_text=True)
    for name, expected in (("purpose_fr", french), ("purpose_nl", dutch)):
        found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', form, re.S)
        assert found is not None and found.group(1).strip() == expected, name
