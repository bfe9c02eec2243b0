"""The one way operations refuse an action: require(can_…(user, obj))."""
from __future__ import annotations

from werkzeug.exceptions import Forbidden


class Denied(Forbidden):
    description = "You may not do this."


def require(allowed: bool) -> None:
    if not allowed:
        raise Denied()
