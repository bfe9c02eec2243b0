"""The web tier: the app through its test client and its operations, on a database emptied before every test."""
import pytest


@pytest.fixture(autouse=True)
def _fresh_database_and_rate_limits(fresh_database, fresh_rate_limits):
    """Every test of the tier starts on the bare schema, and leaves no rate-limit counter behind."""
