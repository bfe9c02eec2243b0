"""Every feature's permission predicates reach the templates under their own names: two features must never
define the same name, or the later would silently replace the earlier on every page (an evaluation report and
an occupant's report were once both `can_read_report`)."""
from calls import permissions as calls
from calls.applications import permissions as applications
from calls.evaluation import permissions as evaluation
from occupancies import permissions as sites
from occupancies.agreements import permissions as agreements
from occupancies.reports import permissions as reports
from portal.organisations import permissions as organisations


def test_no_two_features_give_the_templates_the_same_predicate():
    seen: dict[str, str] = {}
    clashes = []
    for module in (organisations, sites, calls, applications, evaluation, agreements, reports):
        for name in module.JINJA_GLOBALS:
            if name in seen and module.JINJA_GLOBALS[name] is not getattr(seen[name], name, None):
                clashes.append(f"{name}: {seen[name].__name__} and {module.__name__}")
            seen.setdefault(name, module)
    assert clashes == []
