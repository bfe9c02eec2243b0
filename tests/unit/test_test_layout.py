"""The layout of the suite, read from its files (ast, nothing imported or run):

- a test module imports test code only from tests.support, never from another test module;
- tests.support imports nothing from the test modules either;
- the unit tier needs neither the app nor the database: no import of portal.app or portal.extensions, of the
  support modules that work on them, and no test or fixture of tests/unit asks for a fixture of the plugin
  (tests/support/fixtures.py: the app, the database, clients, `world`…).

Each rule is checked on a sample that breaks it first, so that a rule that cannot fail does not pass unnoticed.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
SUPPORT = TESTS / "support"
# The support modules a unit test may use: they build nothing and touch no database.
PURE_SUPPORT = ("tests.support.environment", "tests.support.people")
APP_AND_DATABASE = ("portal.app", "portal.extensions")


def module_name(path: Path) -> str:
    parts = path.relative_to(TESTS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str = "tests.x") -> list[str]:
    """Every module the source imports, `from a import b` giving both a and a.b (b may be a module)."""
    found = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved from the importing module's package
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.append(base)
            found += [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"]
    return found


def misplaced_imports(source: str, module: str = "tests.x") -> list[str]:
    """The imports that break the first two rules: a module named test_*, or test code outside tests.support."""
    wrong = []
    for name in imported_modules(source, module):
        parts = name.split(".")
        if any(part.startswith("test_") for part in parts):
            wrong.append(name)
        elif parts[0] == "tests" and len(parts) > 1 and parts[1] != "support":
            wrong.append(name)
    return wrong


def plugin_fixtures() -> set[str]:
    """The fixtures of the plugin, all of which stand on the app."""
    tree = ast.parse((SUPPORT / "fixtures.py").read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
            and any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)}


def unit_breaches(source: str, forbidden_fixtures: set[str], module: str = "tests.unit.x") -> list[str]:
    """What makes a unit test module need the app or the database."""
    breaches = []
    for name in imported_modules(source, module):
        if any(name == forbidden or name.startswith(forbidden + ".") for forbidden in APP_AND_DATABASE):
            breaches.append(f"imports {name}")
        elif name.startswith("tests.support.") and not any(
                name == pure or name.startswith(pure + ".") for pure in PURE_SUPPORT):
            breaches.append(f"imports {name}")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            is_fixture = any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)
            if node.name.startswith("test_") or is_fixture:
                arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                breaches += [f"{node.name} asks for {a.arg}" for a in arguments if a.arg in forbidden_fixtures]
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("usefixtures"):
            breaches += [f"uses {arg.value}" for arg in node.args
                         if isinstance(arg, ast.Constant) and arg.value in forbidden_fixtures]
    return breaches


def python_files(folder: Path, pattern: str = "*.py") -> list[Path]:
    return sorted(path for path in folder.rglob(pattern) if "vendor" not in path.parts)


# The rules break on samples ------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "from tests.web.test_query_counts import assert_constant_queries",
    "from tests.browser import test_registration_journey",
    "import tests.unit.test_permissions",
    "from .test_permissions import User",
    "from tests.helpers import count",
    "from tests import factories",
])
def test_the_import_rule_catches_test_code_outside_the_support_package(source):
    assert misplaced_imports(source, "tests.unit.test_sample")


@pytest.mark.parametrize("source", [
    "from tests.support.web import count",
    "from tests.support import access_matrix as M",
    "from tests.support.access_matrix import calls as matrix_calls",
    "from portal.roles import Role",
])
def test_the_import_rule_lets_the_support_package_through(source):
    assert misplaced_imports(source, "tests.web.test_sample") == []


@pytest.mark.parametrize("source", [
    "from portal.app import create_app",
    "from portal import app",
    "from portal.extensions import db",
    "from tests.support.factories import make_user",
    "from tests.support import web",
    "def test_it(app):\n    pass",
    "def test_it(world, client):\n    pass",
    "import pytest\n@pytest.fixture\ndef english(app):\n    yield",
    "import pytest\npytestmark = pytest.mark.usefixtures('fresh_database')",
])
def test_the_unit_rule_catches_the_app_and_the_database(source):
    assert unit_breaches(source, plugin_fixtures())


@pytest.mark.parametrize("source", [
    "from tests.support.people import ANONYMOUS, User, org",
    "from tests.support.environment import ON_POSTGRES",
    "from portal.organisations import permissions",
    "def test_it(plain_cast, tmp_path):\n    pass",
    "def helper(app):\n    pass",   # a helper's parameter is no fixture
])
def test_the_unit_rule_lets_pure_tests_through(source):
    assert unit_breaches(source, plugin_fixtures()) == []


def test_the_plugin_s_fixtures_are_found():
    assert {"app", "sqlite_files", "fresh_database", "world", "client", "make_client", "jobs"} <= plugin_fixtures()


# The rules hold on the suite ----------------------------------------------------------------------------------

def test_no_test_module_imports_another_test_module():
    files = python_files(TESTS)
    assert len(files) > 50, "the suite's files were not found"
    wrong = {f"{path.relative_to(TESTS)}: {name}" for path in files
             for name in misplaced_imports(path.read_text(), module_name(path))}
    assert not wrong, "import test code from tests.support only:\n" + "\n".join(sorted(wrong))


def test_the_unit_tier_needs_neither_the_app_nor_the_database():
    files = python_files(TESTS / "unit", "test_*.py")
    assert len(files) > 10, "the unit tests were not found"
    fixtures = plugin_fixtures()
    breaches = {f"{path.name}: {breach}" for path in files
                for breach in unit_breaches(path.read_text(), fixtures, module_name(path))}
    assert not breaches, "unit tests need no app: put these tests in tests/web\n" + "\n".join(sorted(breaches))
