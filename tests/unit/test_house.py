"""The house's rules that a reader could break without noticing, checked in the source (docs/architecture.md).

- Only operations write: `db.session.add/add_all/delete/merge/flush/commit`, an `execute()` of an INSERT, UPDATE or
  DELETE, and an assignment to a workflow's state (`.status = …`, a site's `.publication = …`) appear in the
  features' operations modules only, besides the job runner and the one write path that commit, and the demo.
- Imports go one way: no import inside a function outside the app factory and the CLI, but for the few listed
  here with their reason; nothing named with a leading underscore is imported from another package.
"""
from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("portal", "calls", "occupancies")
SESSION_WRITES = {"add", "add_all", "delete", "merge", "flush", "commit"}
STATE_ATTRIBUTES = {"status", "publication"}
SQL_WRITES = {"insert", "update", "delete"}

# Who may write besides the operations: the job runner and the write path commit what operations did; the demo
# loads its data as it happened.
WRITERS = {"portal/jobs/queue.py", "portal/ui/helpers.py"}
# Imports inside a function that stay, with their reason (the app factory and the CLI may import anything).
LATE_IMPORTS = {
    ("portal/jobs/queue.py", "portal.app"): "an RQ worker started without the app builds it: the top layer",
}


def sources():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(), filename=str(path))


def may_write(path: str) -> bool:
    parts = path.split("/")
    return (parts[-1] == "operations.py" or "operations" in parts[:-1] or path in WRITERS
            or path.startswith("portal/demo/"))


def _session_call(node) -> str | None:
    """'add' for db.session.add(…) (or session.add(…) on a name `session`)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = node.func.value
        if (isinstance(owner, ast.Attribute) and owner.attr == "session") or (
                isinstance(owner, ast.Name) and owner.id == "session"):
            return node.func.attr
    return None


def _builds_sql_write(node) -> bool:
    """insert(…)/update(…)/delete(…) of SQLAlchemy, anywhere in the expression (update(X).where(…).values(…))."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in SQL_WRITES
               for n in ast.walk(node))


def writes_in(tree) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        verb = _session_call(node)
        if verb in SESSION_WRITES:
            found.append((node.lineno, f"session.{verb}()"))
        elif verb == "execute" and node.args and _builds_sql_write(node.args[0]):
            found.append((node.lineno, "execute() of an INSERT, UPDATE or DELETE"))
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for element in (target.elts if isinstance(target, ast.Tuple) else [target]):
                    if isinstance(element, ast.Attribute) and element.attr in STATE_ATTRIBUTES:
                        found.append((node.lineno, f"assignment to .{element.attr}"))
    return sorted(found)


def test_only_operations_write():
    outside = [f"{path}:{line}: {what}" for path, tree in sources() if not may_write(path)
               for line, what in writes_in(tree)]
    assert outside == [], "writes outside operations (call an operation instead):\n" + "\n".join(outside)


def test_no_view_commits_or_catches_a_refusal():
    found = []
    for path, tree in sources():
        if "/views/" not in path and not path.endswith("/views.py"):
            continue
        for node in ast.walk(tree):
            if _session_call(node) in ("commit", "rollback"):
                found.append(f"{path}:{node.lineno}: session.{_session_call(node)}()")
            if isinstance(node, ast.ExceptHandler) and node.type is not None and "OperationError" in ast.unparse(
                    node.type):
                found.append(f"{path}:{node.lineno}: except OperationError (submit/act handle it)")
    assert found == [], "\n".join(found)


def test_the_rule_sees_each_kind_of_write():
    tree = ast.parse(
        "db.session.add(x)\n"
        "db.session.commit()\n"
        "db.session.execute(update(Call).where(Call.id == 1).values(status='closed'))\n"
        "db.session.execute(select(Call))\n"
        "call.status = CallStatus.closed\n"
        "site.publication, site.reason = 'published', None\n")
    assert [what for _line, what in writes_in(tree)] == [
        "session.add()", "session.commit()", "execute() of an INSERT, UPDATE or DELETE",
        "assignment to .status", "assignment to .publication"]
    assert may_write("calls/operations.py") and may_write("occupancies/agreements/operations/signing.py")
    assert not may_write("calls/views/owner.py") and not may_write("occupancies/reports/jobs.py")


def _late_imports(path, tree):
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.module:
                    yield node.lineno, node.module
                elif isinstance(node, ast.Import):
                    yield from ((node.lineno, alias.name) for alias in node.names)


def test_imports_inside_functions_are_few_and_each_says_why():
    late = [(path, line, module) for path, tree in sources()
            if path not in ("portal/app.py", "portal/cli.py") for line, module in _late_imports(path, tree)]
    unexplained = [f"{path}:{line}: {module}" for path, line, module in late if (path, module) not in LATE_IMPORTS]
    assert unexplained == [], "imports inside functions (import at the top, or list the reason here):\n" + \
        "\n".join(unexplained)
    assert len(late) <= 10


def test_nothing_private_is_imported_from_another_package():
    def package(module: str) -> str:
        return ".".join(module.split(".")[:2])

    found = []
    for path, tree in sources():
        own = package(path.removesuffix(".py").replace("/", "."))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGES:
                for alias in node.names:
                    if alias.name.startswith("_") and package(node.module) != own:
                        found.append(f"{path}:{node.lineno}: {node.module}.{alias.name}")
    assert found == []


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["type"] == "layers")
    return [name for layer in contract["layers"] for name in re.split(r"\s*[:|]\s*", layer)]


def test_every_module_belongs_to_a_layer_of_the_contract():
    """import-linter checks the layers it is told: a module outside every layer would escape it."""
    layers = _layers()
    outside = []
    for path, _tree in sources():
        module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        if module in PACKAGES:
            continue
        if not any(module == layer or module.startswith(layer + ".") for layer in layers):
            outside.append(module)
    assert outside == [], "modules in no layer of pyproject.toml's contract:\n" + "\n".join(outside)
    assert {"portal.app", "calls.views", "occupancies.sharing", "portal.clock"} <= set(layers)

