"""The unit tier: rules, policies and tables as pure functions, tested with neither the app nor a database.

The fixtures that would build the app or touch the database fail here, so that the rule holds by itself: a test
that needs them belongs to tests/web. (tests/unit/test_test_layout.py checks the same by reading the files.)
"""
import pytest

NO_APP = "unit tests need no app: put this test in tests/web (or test the rule as a pure function)"


@pytest.fixture(scope="session")
def app():
    """Refused in the unit tier."""
    pytest.fail(NO_APP, pytrace=False)


@pytest.fixture(scope="session")
def sqlite_files():
    """Refused in the unit tier."""
    pytest.fail(NO_APP, pytrace=False)
