"""The vacancy register's rules: which public bodies a commune's signals concern, and how two reports of the same
place are recognised."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from flask_babel import lazy_gettext as _l

from occupancies.vacancies.workflow import OwnerType
from portal.region import COMMUNES

# The legal forms (portal.organisations.workflow.LegalForm) of the bodies a commune's vacancies concern: the commune
# itself, which moderates them, and its CPAS.
COMMUNE, CPAS = "commune", "cpas"
LOCAL_AUTHORITIES = frozenset({COMMUNE, CPAS})
APPROVED = "approved"

_ABBREVIATIONS = {"av": "avenue", "bd": "boulevard", "bld": "boulevard", "ch": "chaussee", "chee": "chaussee",
                  "pl": "place", "sq": "square", "str": "straat", "stwg": "steenweg", "ln": "laan"}


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def address_key(street: str, number: str, postcode: str) -> str:
    """One way of writing an address, so that "Rue de l'Église 12A, 1080" and "rue de l eglise 12 a" meet: no
    accents, no punctuation, no case, common abbreviations written out, the number's letters kept with it."""
    words = [_ABBREVIATIONS.get(word, word) for word in _plain(street).split()]
    return f"{postcode.strip()}|{' '.join(words)}|{_plain(number).replace(' ', '')}"


def concerns(organisation, commune: str) -> bool:
    """Whether a commune's vacancies concern this organisation: the commune or its CPAS, approved."""
    return (organisation is not None and organisation.status == APPROVED and organisation.commune == commune
            and organisation.legal_form in LOCAL_AUTHORITIES)


def moderates(organisation, commune: str) -> bool:
    """Whether this organisation moderates the signals of the commune: the commune itself."""
    return concerns(organisation, commune) and organisation.legal_form == COMMUNE


def signal_problems(values: dict, today: date) -> dict:
    """What is wrong with a report beyond its fields' own checks ({field: message}), all at once."""
    problems = {}
    if values.get("commune") not in COMMUNES:
        problems["commune"] = _l("Choose one of the 19 communes.")
    since = values.get("vacant_since")
    if since is not None and since > today:
        problems["vacant_since"] = _l("A place cannot be vacant since a day to come.")
    if values.get("owner_type") == OwnerType.private and not (values.get("owner_name") or "").strip() \
            and (values.get("owner_contact") or "").strip():
        problems["owner_name"] = _l("Give the owner's name with their contact, or neither.")
    return problems
