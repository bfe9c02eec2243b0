"""Access matrix of the shell's public pages: the pages every public service has (contact, help, privacy notice,
accessibility statement), open to everyone, signed in or not."""
from __future__ import annotations

from tests.support.access_matrix import answer

EXPECTED: dict = {
    ("public.contact", "GET"): answer(200),
    ("public.help", "GET"): answer(200),
    ("public.privacy", "GET"): answer(200),
    ("public.accessibility", "GET"): answer(200),
}
