"""Translated labels of audit actions: each feature registers its own."""
from __future__ import annotations

ACTION_LABELS: dict[str, object] = {}


def register(labels: dict[str, object]) -> None:
    ACTION_LABELS.update(labels)


def action_label(code: str):
    return ACTION_LABELS.get(code, code)
