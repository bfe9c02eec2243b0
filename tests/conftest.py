"""The suite's root: its fixtures come from the plugin tests/support/fixtures.py (a plugin must be declared here).

Each tier's conftest.py says what its tests start from: tests/web, tests/browser and tests/pg a fresh database,
tests/unit no app at all.
"""
pytest_plugins = ["tests.support.fixtures"]
