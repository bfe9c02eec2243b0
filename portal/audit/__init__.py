"""The append-only history of every state change."""
from portal.audit.operations import record  # noqa: F401
