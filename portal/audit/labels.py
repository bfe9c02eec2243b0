"""Translated labels of audit actions: each feature declares its own (portal.features.Feature.audit_labels)."""
from __future__ import annotations

from portal.features import audit_labels


def action_label(code: str):
    return audit_labels().get(code, code)
