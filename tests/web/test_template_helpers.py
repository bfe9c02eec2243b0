"""Each feature's template helpers live in its own namespace (CALLS.can_edit_call, SITES.USE_LABELS…): two features
can no longer give templates the same name (an evaluation report and an occupant's report were once both
`can_read_report`, the later silently replacing the earlier on every page), and every name a template asks of a
namespace exists in it."""
import re
from pathlib import Path

from portal import features
from portal.app import FEATURES

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [path for package in ("portal", "calls", "occupancies") for path in (ROOT / package).rglob("templates/**/*")
             if path.suffix in (".html", ".txt", ".xml")]


def test_every_feature_has_its_own_namespace(app):
    with app.app_context():
        installed = features.installed()
    namespaces = [feature.namespace for feature in installed]
    assert len(namespaces) == len(set(namespaces)) == len(FEATURES) == 16
    for namespace in namespaces:
        assert namespace in app.jinja_env.globals
    # No feature's helper is left in the shared space under its bare name.
    assert not [name for name in app.jinja_env.globals if name.startswith(("can_", "may_"))]


def test_every_name_a_template_asks_of_a_namespace_exists(app):
    with app.app_context():
        namespaces = {feature.namespace: feature.template_helpers for feature in features.installed()}
    pattern = re.compile(r"\b(" + "|".join(namespaces) + r")\.([A-Za-z_]\w*)")
    asked, missing = 0, []
    for path in TEMPLATES:
        for namespace, name in pattern.findall(path.read_text()):
            asked += 1
            if name not in namespaces[namespace]:
                missing.append(f"{path.relative_to(ROOT)}: {namespace}.{name}")
    assert asked > 150 and missing == []
