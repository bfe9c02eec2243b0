"""The one password length and the file names that cannot hide what they are (portal.accounts.rules,
portal.uploads): the rules themselves, without the app."""
from __future__ import annotations

import pytest

from portal import uploads
from portal.accounts.rules import password_problems
from portal.forms import MAX_PASSWORD_LENGTH


def test_a_password_longer_than_sign_in_accepts_is_refused_when_chosen():
    varied = "Kw4-Zp8!" * 100
    assert password_problems(varied[:MAX_PASSWORD_LENGTH]) == []
    assert password_problems(varied[:MAX_PASSWORD_LENGTH + 1]) == ["too_long"]


@pytest.mark.parametrize("name", [
    "photo_\N{RIGHT-TO-LEFT OVERRIDE}gpj.exe.pdf", "a\N{LEFT-TO-RIGHT OVERRIDE}.pdf",
    "a\N{POP DIRECTIONAL FORMATTING}.pdf",
    "a\N{FIRST STRONG ISOLATE}.pdf", "a\N{RIGHT-TO-LEFT MARK}.pdf", "a\N{ARABIC LETTER MARK}.pdf",
    "a\N{ZERO WIDTH SPACE}.pdf", "a\N{SOFT HYPHEN}.pdf", "a\x9b.pdf", "a\N{PARAGRAPH SEPARATOR}.pdf", "a\ue000.pdf",
    "a\x00.pdf", "a\t.pdf",
])
def test_a_file_name_with_an_invisible_character_is_refused(name):
    with pytest.raises(uploads.UploadError) as error:
        uploads.clean_filename(name)
    assert error.value.code == "bad_name"


@pytest.mark.parametrize("name", ["Trèfles.pdf", "Budget 2027 (v2).pdf", "تقرير.pdf", "报告.docx", "Łódź – été.odt"])
def test_names_in_any_script_are_kept(name):
    assert uploads.clean_filename(name) == name
