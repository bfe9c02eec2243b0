"""Rules of reports: the reporting schedule (calendar periods cut by the agreement's dates, due dates, quarters),
the reminders, the personal-data detector and the consistency of the counts. Pure functions."""
from datetime import date, timedelta

import pytest

from occupancies.agreements.workflow import ReportingFrequency as F
from occupancies.reports import rules
from occupancies.reports.rules import Period


def spans(periods):
    return [(p.start, p.end) for p in periods]


# The schedule ----------------------------------------------------------------------------------------------

def test_quarterly_periods_are_calendar_quarters_cut_at_the_agreement_s_dates():
    """Start 15 January, end 15 June: the first quarter from the 15th, the second up to the 15th."""
    periods = rules.periods(date(2027, 1, 15), date(2027, 6, 15), F.quarterly, until=date(2030, 1, 1))
    assert periods == [
        Period(date(2027, 1, 15), date(2027, 3, 31), date(2027, 4, 30), 20271, True),
        Period(date(2027, 4, 1), date(2027, 6, 15), date(2027, 7, 31), 20272, True),
    ]


def test_monthly_periods_follow_the_calendar_months():
    """From 1 January to 30 April: four months, each ending on its last day; February 2027 has 28 days."""
    periods = rules.periods(date(2027, 1, 1), date(2027, 4, 30), F.monthly, until=date(2027, 12, 31))
    assert spans(periods) == [
        (date(2027, 1, 1), date(2027, 1, 31)),
        (date(2027, 2, 1), date(2027, 2, 28)),
        (date(2027, 3, 1), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2027, 4, 30)),
    ]
    assert [p.due_on for p in periods] == [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31)]
    assert [p.quarter for p in periods] == [20271, 20271, 20271, 20272]
    # January and February do not close the quarter; March does, and April is the agreement's last period.
    assert [p.closes_quarter for p in periods] == [False, False, True, True]


def test_monthly_periods_in_a_leap_year_end_on_29_february():
    periods = rules.periods(date(2028, 1, 31), None, F.monthly, until=date(2028, 3, 1))
    assert spans(periods) == [
        (date(2028, 1, 31), date(2028, 1, 31)),          # started on the last day of January: one day
        (date(2028, 2, 1), date(2028, 2, 29)),
        (date(2028, 3, 1), date(2028, 3, 31)),
    ]
    assert [p.due_on for p in periods] == [date(2028, 2, 29), date(2028, 3, 31), date(2028, 4, 30)]


def test_monthly_periods_across_the_year_boundary():
    periods = rules.periods(date(2026, 11, 15), None, F.monthly, until=date(2027, 2, 15))
    assert periods == [
        Period(date(2026, 11, 15), date(2026, 11, 30), date(2026, 12, 31), 20264, False),
        Period(date(2026, 12, 1), date(2026, 12, 31), date(2027, 1, 31), 20264, True),
        Period(date(2027, 1, 1), date(2027, 1, 31), date(2027, 2, 28), 20271, False),
        Period(date(2027, 2, 1), date(2027, 2, 28), date(2027, 3, 31), 20271, False),
    ]


@pytest.mark.parametrize("until, ends", [
    (date(2026, 12, 31), []),                                                      # not begun yet
    (date(2027, 1, 1), [date(2027, 3, 31)]),                                       # the first day counts
    (date(2027, 3, 31), [date(2027, 3, 31)]),
    (date(2027, 4, 1), [date(2027, 3, 31), date(2027, 6, 30)]),                    # the second has begun
    (date(2027, 11, 20), [date(2027, 3, 31), date(2027, 6, 30), date(2027, 9, 30), date(2027, 12, 31)]),
])
def test_an_open_ended_agreement_reports_on_the_periods_begun_by_the_day_read(until, ends):
    periods = rules.periods(date(2027, 1, 1), None, F.quarterly, until=until)
    assert [p.end for p in periods] == ends
    assert all(p.closes_quarter for p in periods)


def test_an_agreement_that_ended_before_the_day_read_stops_at_its_end():
    periods = rules.periods(date(2027, 2, 10), date(2027, 6, 15), F.monthly, until=date(2029, 1, 1))
    assert spans(periods) == [
        (date(2027, 2, 10), date(2027, 2, 28)),
        (date(2027, 3, 1), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2027, 4, 30)),
        (date(2027, 5, 1), date(2027, 5, 31)),
        (date(2027, 6, 1), date(2027, 6, 15)),
    ]
    assert periods[-1].due_on == date(2027, 7, 31)
    assert periods[-1].quarter == 20272
    assert [p.closes_quarter for p in periods] == [False, True, False, False, True]


def test_the_last_period_cut_in_the_middle_of_a_quarter_closes_it():
    """Monthly, ending 15 February: February's counts are the quarter's, January's are not."""
    periods = rules.periods(date(2027, 1, 1), date(2027, 2, 15), F.monthly, until=date(2027, 12, 31))
    assert spans(periods) == [(date(2027, 1, 1), date(2027, 1, 31)), (date(2027, 2, 1), date(2027, 2, 15))]
    assert [p.closes_quarter for p in periods] == [False, True]
    assert [p.due_on for p in periods] == [date(2027, 2, 28), date(2027, 3, 31)]


def test_yearly_periods_are_calendar_years():
    periods = rules.periods(date(2026, 3, 1), date(2028, 6, 30), F.yearly, until=date(2030, 1, 1))
    assert periods == [
        Period(date(2026, 3, 1), date(2026, 12, 31), date(2027, 1, 31), 20264, True),
        Period(date(2027, 1, 1), date(2027, 12, 31), date(2028, 1, 31), 20274, True),
        Period(date(2028, 1, 1), date(2028, 6, 30), date(2028, 7, 31), 20282, True),
    ]


def test_an_open_ended_yearly_schedule_includes_the_year_begun():
    periods = rules.periods(date(2026, 3, 1), None, F.yearly, until=date(2028, 1, 15))
    assert spans(periods) == [
        (date(2026, 3, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 12, 31)),
        (date(2028, 1, 1), date(2028, 12, 31)),
    ]


def test_the_frequency_may_be_given_as_its_stored_string():
    assert rules.periods(date(2027, 1, 15), None, "quarterly", until=date(2027, 5, 1)) == \
        rules.periods(date(2027, 1, 15), None, F.quarterly, until=date(2027, 5, 1))


def test_an_agreement_of_a_single_day():
    assert rules.periods(date(2027, 5, 20), date(2027, 5, 20), F.quarterly, until=date(2027, 12, 31)) == [
        Period(date(2027, 5, 20), date(2027, 5, 20), date(2027, 6, 30), 20272, True)]


@pytest.mark.parametrize("period_end, due_on", [
    (date(2027, 1, 31), date(2027, 2, 28)),
    (date(2028, 1, 31), date(2028, 2, 29)),          # leap year
    (date(2026, 12, 31), date(2027, 1, 31)),         # across the year
    (date(2027, 6, 15), date(2027, 7, 31)),          # a period cut on the agreement's end
    (date(2027, 3, 31), date(2027, 4, 30)),
    (date(2027, 11, 30), date(2027, 12, 31)),
    (date(2027, 2, 28), date(2027, 3, 31)),
])
def test_a_report_is_due_on_the_last_day_of_the_month_after_its_period(period_end, due_on):
    assert rules.due_date(period_end) == due_on


@pytest.mark.parametrize("day, quarter", [
    (date(2025, 1, 1), 20251),
    (date(2025, 3, 31), 20251),
    (date(2025, 4, 1), 20252),
    (date(2025, 7, 1), 20253),
    (date(2025, 9, 30), 20253),
    (date(2025, 12, 31), 20254),
])
def test_the_quarter_of_a_day(day, quarter):
    assert rules.quarter_of(day) == quarter


@pytest.mark.parametrize("quarter, bounds", [
    (20251, (date(2025, 1, 1), date(2025, 3, 31))),
    (20252, (date(2025, 4, 1), date(2025, 6, 30))),
    (20253, (date(2025, 7, 1), date(2025, 9, 30))),
    (20254, (date(2025, 10, 1), date(2025, 12, 31))),
    (20281, (date(2028, 1, 1), date(2028, 3, 31))),
])
def test_the_bounds_of_a_quarter(quarter, bounds):
    assert rules.quarter_bounds(quarter) == bounds
    assert rules.quarter_of(bounds[0]) == rules.quarter_of(bounds[1]) == quarter


# Reminders --------------------------------------------------------------------------------------------------

DUE = date(2027, 4, 30)


@pytest.mark.parametrize("today, reminder", [
    (date(2027, 4, 22), None),                       # 8 days before
    (date(2027, 4, 23), "soon"),                     # 7 days before
    (date(2027, 4, 27), "soon"),
    (date(2027, 4, 29), "soon"),                     # the day before
    (date(2027, 4, 30), "due"),
    (date(2027, 5, 1), None),                        # the day after: overdue, no reminder
    (date(2027, 1, 1), None),
])
def test_the_reminder_of_the_day(today, reminder):
    assert rules.reminder_due(DUE, today) == reminder


@pytest.mark.parametrize("submitted, today, overdue", [
    (False, date(2027, 4, 29), False),
    (False, date(2027, 4, 30), False),               # the due day itself is still in time
    (False, date(2027, 5, 1), True),
    (True, date(2027, 5, 1), False),
    (True, date(2027, 12, 31), False),
])
def test_a_report_is_overdue_after_its_due_day_until_it_is_submitted(submitted, today, overdue):
    assert rules.is_overdue(DUE, submitted, today) is overdue


# Early reports (issue 17, item 14) -------------------------------------------------------------------------

@pytest.mark.parametrize("period_end, today, may", [
    (date(2027, 3, 31), date(2027, 1, 15), False),   # the period has just begun: prepared, not sent
    (date(2027, 3, 31), date(2027, 3, 31), False),   # its last day is still the period
    (date(2027, 3, 31), date(2027, 4, 1), True),     # the day after
    (date(2027, 3, 31), date(2027, 6, 30), True),    # late, still accepted
    (date(2027, 6, 15), date(2027, 6, 16), True),    # a period cut on the agreement's end
])
def test_a_report_is_submitted_once_its_period_has_ended(period_end, today, may):
    assert rules.may_submit(period_end, today) is may
    assert rules.submittable_from(period_end) == period_end + timedelta(days=1)
    assert (today >= rules.submittable_from(period_end)) is may


# Personal data ----------------------------------------------------------------------------------------------

def national_number(born: str, serial: str, from_2000: bool = False) -> str:
    """A valid national register number from the date of birth (YYMMDD) and the serial (3 digits): the check is
    97 minus the nine digits' remainder by 97, the nine prefixed with a 2 for people born from 2000."""
    body = born + serial
    return body + f"{97 - int(('2' if from_2000 else '') + body) % 97:02d}"


def reason(text):
    """The kind of the first thing the detector refuses in a text (None when it refuses nothing)."""
    found = rules.personal_data_found(text)
    return found[0].kind if found else None


def refused(text):
    """The words the detector refuses, as written, and their kinds."""
    return [(f.kind, f.words) for f in rules.personal_data_found(text)]


def test_the_helper_computes_the_known_check_digits():
    assert national_number("850730", "033") == "85073003328"
    # from 2000: 97 - (2010203123 mod 97) = 45, where 97 - (10203123 mod 97) would be 16
    assert national_number("010203", "123", from_2000=True) == "01020312345"


@pytest.mark.parametrize("text", [
    "85073003328",
    "85.07.30-033.28",
    "85 07 30 033 28",
    "Monsieur, NN 85.07.30-033.28, est arrivé",
    "01020312345",                                   # born 3 February 2001
    "01.02.03-123.45",
    national_number("011231", "457", from_2000=True),    # born 31 December 2001
    national_number("000101", "001", from_2000=True),    # born 1 January 2000
    national_number("991231", "998"),
])
def test_a_national_register_number_is_found(text):
    assert reason(text) == "national_number"


@pytest.mark.parametrize("text", [
    "85073003329",                                   # wrong check
    "85.07.30-033.27",
    "01020312399",
    "01.02.03-123.99",
])
def test_eleven_digits_with_a_wrong_check_are_neither_a_national_number_nor_a_phone(text):
    assert rules.personal_data(text) is None


@pytest.mark.parametrize("text", [
    "jan.peeters@example.be",
    "a+b@asbl-x.org",
    "Contact : jan.peeters@example.be pour le suivi",
])
def test_an_email_address_is_found(text):
    assert reason(text) == "email"
    assert rules.personal_data(text) is not None


@pytest.mark.parametrize("text", [
    "0470 12 34 56",
    "0470/12.34.56",
    "0470123456",
    "02 512 34 56",
    "02/512.34.56",
    "+32 2 512 34 56",
    "+32 470 12 34 56",
    "0032 470 12 34 56",
    "Appeler la famille au 04 70 12 34 56 demain matin.",
    "le 01/02/2025 appeler le 0470 12 34 56",
])
def test_a_belgian_phone_number_is_found(text):
    assert reason(text) == "phone"
    assert rules.personal_data(text) is not None


@pytest.mark.parametrize("text", [
    "",
    "14 personnes, 6 ménages",
    "Réunion le 14/11 à 18h",
    "du 01/02/2025 au 31/03/2025",
    "le 01/02/2025 12 personnes présentes",
    "2025-03-12",
    "01.02.2025",
    "budget de 1.250.000 €",
    "3 entrées et 2 sorties en 2025",
    "0 incident",
    "Rue Haute 120, 1000 Bruxelles",
    "Aucune remarque.",
])
def test_ordinary_counts_and_dates_are_no_personal_data(text):
    assert rules.personal_data(text) is None


# What the first tries let through (issue 17, item 4) ------------------------------------------------------------

@pytest.mark.parametrize("text, kind, words", [
    # The report of the issue, word for word.
    ("Mevrouw Fatima Benali (nr. 25)", "name", "Mevrouw Fatima Benali"),
    ("+33 6 12 34 56 78", "phone", "+33 6 12 34 56 78"),
    ("geboren 12/03/1990", "birth_date", "geboren 12/03/1990"),
    ("Contact : jan.peeters\uff20example.be", "email", "jan.peeters\uff20example.be"),      # a full-width at sign
    ("\uff10\uff14\uff17\uff10 \uff11\uff12 \uff13\uff14 \uff15\uff16", "phone",
     "\uff10\uff14\uff17\uff10 \uff11\uff12 \uff13\uff14 \uff15\uff16"),          # full-width digits
    ("NN \uff18\uff15\uff10\uff17\uff13\uff10\uff10\uff13\uff13\uff12\uff18", "national_number",
     "\uff18\uff15\uff10\uff17\uff13\uff10\uff10\uff13\uff13\uff12\uff18"),
    ("0470\u200b12\u00a034\u202f56", "phone", "0470\u200b12\u00a034\u202f56"),   # hidden and unbreakable spaces
    ("\u0660\u0664\u0667\u0660 \u0661\u0662 \u0663\u0664 \u0665\u0666", "phone",
     "\u0660\u0664\u0667\u0660 \u0661\u0662 \u0663\u0664 \u0665\u0666"),          # Arabic-Indic digits
])
def test_what_the_first_tries_let_through_is_refused_and_quoted_as_written(text, kind, words):
    assert rules.personal_data(text) is not None
    assert refused(text) == [(kind, words)]


@pytest.mark.parametrize("text, words", [
    ("Madame Dupont a quitté le site.", "Madame Dupont"),
    ("Monsieur Jean-Pierre Van den Bossche est arrivé", "Monsieur Jean-Pierre Van den Bossche"),
    ("Meneer Janssens verhuist", "Meneer Janssens"),
    ("Mijnheer El Amrani", "Mijnheer El Amrani"),
    ("Mevr. De Smet", "Mevr. De Smet"),
    ("Mw. Peeters", "Mw. Peeters"),
    ("de heer Peeters", "de heer Peeters"),
    ("Dhr. Maes", "Dhr. Maes"),
    ("Mr Smith left", "Mr Smith"),
    ("Mrs. O'Brien", "Mrs. O'Brien"),
    ("Ms Kowalska", "Ms Kowalska"),
    ("Mme Benali", "Mme Benali"),
    ("Mlle Martin", "Mlle Martin"),
    ("M. Dupont", "M. Dupont"),
    ("vu avec madame Nowak", "madame Nowak"),
    ("MADAME BENALI", "MADAME BENALI"),
    ("Monsieur B. est parti", "Monsieur B"),
])
def test_a_civil_title_followed_by_a_name_is_refused(text, words):
    assert refused(text) == [("name", words)]


@pytest.mark.parametrize("text", [
    "+31 6 12345678",
    "+352 621 123 456",
    "+44 20 7946 0958",
    "0033 6 12 34 56 78",
    "+32 (0)470 12 34 56",
    "(02) 512 34 56",
    "06-12345678",
])
def test_an_international_or_foreign_phone_number_is_refused(text):
    assert reason(text) == "phone"
    assert refused(text) == [("phone", text)]


@pytest.mark.parametrize("text, words", [
    ("née le 12/03/1990", "née le 12/03/1990"),
    ("Né le 3 mars 1990 à Liège", "Né le 3 mars 1990"),
    ("geboren op 12 maart 1990", "geboren op 12 maart 1990"),
    ("geb. 12-03-90", "geb. 12-03-90"),
    ("born on 12 March 1990", "born on 12 March 1990"),
    ("born March 12, 1990", "born March 12, 1990"),
    ("date de naissance : 12.03.1990", "naissance : 12.03.1990"),
    ("geboortedatum 1990-03-12", "geboortedatum 1990-03-12"),
    ("un résident (°12/03/1990)", "°12/03/1990"),
    ("né le 1er janvier 2001", "né le 1er janvier 2001"),
])
def test_a_date_of_birth_is_refused(text, words):
    assert refused(text) == [("birth_date", words)]


@pytest.mark.parametrize("text", [
    # counts
    "14 personnes (6 ménages), 3 entrées, 2 sorties",
    "0 0 0 0 0 0 0 0 0",
    "+3 personnes par rapport au trimestre précédent",
    "Budget : 12 500 € ; 1 250 000 € sur trois ans",
    "T3 2025 : 14 personnes",
    # the dates of the period, in every way they are written
    "Période du 01/07/2025 au 30/09/2025",
    "du 1/7/2025\u201330/9/2025",
    "du 1er juillet 2025 au 30 septembre 2025",
    "van 1 juli 2025 tot 30 september 2025",
    "07/2025-09/2025",
    "2025-07-01 \u2013 2025-09-30",
    # addresses: postcodes and street numbers
    "Rue Haute 120, 1000 Bruxelles",
    "Rue Haute 120 1000 Bruxelles",
    "Chaussée de Gand 1022, 1080 Molenbeek-Saint-Jean",
    "Rue de la Loi 16 bte 3, 1000 Bruxelles",
    "Boulevard Anspach 1/3 \u2013 1000 Bruxelles",
    # an organisation's enterprise number is no person's phone
    "Facture de l'entreprise BE 0403.170.701",
    "KBO 0403 170 701",
    # titles that name no one, and births that date no one
    "Madame la Bourgmestre est venue visiter le site.",
    "Madame, Monsieur, veuillez trouver notre rapport.",
    "Rencontre avec monsieur le curé et mevrouw de schepen.",
    "Deux naissances ce trimestre ; 12 personnes nées en Belgique.",
    "geboren en getogen in Brussel",
    "Mise à jour le 12/03/2025.",
])
def test_counts_period_dates_postcodes_and_street_numbers_raise_no_alarm(text):
    assert rules.personal_data_found(text) == []
    assert rules.personal_data(text) is None


def test_the_message_names_each_thing_refused_and_quotes_it():
    """Read in English outside a request (its translations: tests/web/test_report_messages.py)."""
    message = rules.personal_data("Mevrouw Fatima Benali (nr. 25) belt naar +33 6 12 34 56 78 of 0470 12 34 56.")
    assert str(message) == ("Remove the name “Mevrouw Fatima Benali” and the phone numbers “+33 6 12 34 56 78” and "
                            "“0470 12 34 56”: a report holds no data that identifies a person.")
    assert str(rules.personal_data("jan@example.be")) == (
        "Remove the email address “jan@example.be”: a report holds no data that identifies a person.")


# Consistency ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("previous, entries, exits, expected", [
    (None, 5, [2], 3),                               # the first period starts from nobody
    (10, 3, [1, 2], 10),
    (10, 0, [], 10),
    (0, 4, [1, 1, 1], 1),
    (7, 2, iter([3, 1]), 5),                         # exits by reason, any iterable
])
def test_the_persons_expected_at_the_end_of_a_period(previous, entries, exits, expected):
    assert rules.expected_persons(previous, entries, exits) == expected


@pytest.mark.parametrize("previous, persons, entries, exits, found", [
    (10, 10, 3, [1, 2], None),                       # it adds up
    (None, 4, 4, [], None),
    (10, 11, 3, [1], 12),                            # the counts lead to 12, not 11
    (None, 5, 4, [], 4),
    (None, 3, 0, [], 0),                             # expected 0: returned as 0, not None
    (2, 0, 0, (n for n in [2]), None),
])
def test_an_inconsistency_gives_the_number_the_counts_lead_to(previous, persons, entries, exits, found):
    assert rules.inconsistency(previous, persons, entries, exits) == found
    if found is not None:
        assert rules.inconsistency(previous, found, entries, exits) is None
