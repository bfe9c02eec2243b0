"""Every message has its French and Dutch translation, and the catalogues match the code and templates."""
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "portal" / "translations"


def _catalogue(language):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


@pytest.fixture(scope="module")
def extracted_msgids(tmp_path_factory):
    """The ids of the messages that the code and the templates use today (pybabel extract)."""
    target = tmp_path_factory.mktemp("pot") / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), "-q", "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
                    "-k", "ngettext:1,2", "--no-location", "-o", str(target), "portal", "calls", "occupancies"],
                   cwd=ROOT, check=True)
    with open(target, "rb") as handle:
        return {message.id if isinstance(message.id, str) else message.id[0]
                for message in read_po(handle) if message.id}


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_catalogue_is_not_stale(extracted_msgids, language):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue(language) if m.id}
    missing, obsolete = extracted_msgids - ids, ids - extracted_msgids
    assert not missing, f"{language}: messages not in the catalogue (run `make catalogues`): {sorted(missing)[:10]}"
    assert not obsolete, f"{language}: messages no longer used (run `make catalogues`): {sorted(obsolete)[:10]}"


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_catalogue_is_complete(language):
    untranslated = []
    for message in _catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            untranslated.append(message.id)
    assert not untranslated, f"{language}: {len(untranslated)} messages lack a translation: {untranslated[:10]}"


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_placeholders_are_kept(language):
    import re

    pattern = re.compile(r"%\((\w+)\)[sd]")
    wrong = []
    for message in _catalogue(language):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(pattern.findall(ids[-1]))
        if any(set(pattern.findall(s)) != expected for s in strings if s):
            wrong.append(message.id)
    assert not wrong, f"{language}: placeholders differ in {wrong[:5]}"
