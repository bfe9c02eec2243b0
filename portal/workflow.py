"""The shape every feature's workflow takes: states, a table of allowed moves, a transition."""
from __future__ import annotations

from enum import StrEnum


class InvalidTransition(Exception):
    def __init__(self, source, target):
        super().__init__(f"{source} -> {target} is not allowed")
        self.source, self.target = source, target


class Workflow:
    def __init__(self, transitions: dict[StrEnum, set[StrEnum]], attribute: str = "status"):
        self.transitions = transitions
        self.attribute = attribute

    def allowed(self, source: StrEnum, target: StrEnum) -> bool:
        return target in self.transitions.get(source, set())

    def transition(self, obj, target: StrEnum) -> StrEnum:
        """Move obj to target if the table allows it; return the state it left."""
        source = getattr(obj, self.attribute)
        if not self.allowed(source, target):
            raise InvalidTransition(source, target)
        setattr(obj, self.attribute, target)
        return source
