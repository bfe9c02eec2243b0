"""When a person's notifications reach them: at once, in a daily or weekly digest, or not at all, as they choose
for each kind; the kinds about their own deadlines and signatures (Kind.essential) always at once. Pure rules, the
day given."""
from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Frequency(StrEnum):
    immediate = "immediate"     # an e-mail for each, at once (the default)
    daily = "daily"             # one e-mail a day grouping the day before
    weekly = "weekly"           # one e-mail on Monday grouping the week before
    off = "off"                 # neither the inbox nor an e-mail


DIGESTS = (Frequency.daily, Frequency.weekly)
DIGEST_WEEKDAY = 0              # weekly digests go out on Mondays
DIGEST_HOUR = 7                 # from 7:00, Brussels time


def effective(chosen: str | None, essential: bool) -> Frequency:
    """What applies to a kind: the person's choice, at once by default; an essential kind always at once."""
    if essential or chosen not in set(Frequency):
        return Frequency.immediate
    return Frequency(chosen)


def digest_period(frequency: str, today: date) -> tuple[date, date] | None:
    """The days a digest sent today covers (first and last, included): yesterday for a daily digest; the seven
    days up to Sunday for a weekly one, sent on Monday; None when no digest of that frequency goes out today."""
    if frequency == Frequency.daily:
        return today - timedelta(days=1), today - timedelta(days=1)
    if frequency == Frequency.weekly and today.weekday() == DIGEST_WEEKDAY:
        return today - timedelta(days=7), today - timedelta(days=1)
    return None
