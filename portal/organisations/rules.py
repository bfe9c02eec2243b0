"""Pure rules about organisations: no database, no request."""
from __future__ import annotations

import re
import unicodedata


def normalise_enterprise_number(value: str) -> str:
    """'BE 0123.456.749' -> '0123456749' (digits only; a 9-digit old number gains its leading 0)."""
    text = (value or "").strip().upper()
    if text.startswith("BE"):
        text = text[2:]
    digits = re.sub(r"[\s.\-/]", "", text)
    if len(digits) == 9 and digits.isdigit():
        digits = "0" + digits
    return digits


def is_valid_enterprise_number(value: str) -> bool:
    """A BCE/KBO number: 10 digits starting with 0 or 1; the last two are 97 - (first eight mod 97)."""
    digits = normalise_enterprise_number(value)
    if len(digits) != 10 or not digits.isdigit() or digits[0] not in "01":
        return False
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def format_enterprise_number(digits: str | None) -> str:
    if not digits or len(digits) != 10:
        return digits or ""
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


REGISTER_SEARCH = "https://kbopub.economie.fgov.be/kbopub/toonondernemingps.html"
REGISTER_LANGUAGES = ("fr", "nl", "en")


def register_url(digits: str | None, language: str) -> str:
    """The enterprise's page in the public search of the Crossroads Bank for Enterprises (KBO/BCE), in the
    reader's language; "" without a 10-digit number."""
    if not digits or len(digits) != 10 or not digits.isdigit():
        return ""
    lang = language if language in REGISTER_LANGUAGES else "fr"
    return f"{REGISTER_SEARCH}?lang={lang}&ondernemingsnummer={digits}"


def slugify(text: str, max_length: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or "organisation"


def unique_slug(base: str, taken: set[str]) -> str:
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug
