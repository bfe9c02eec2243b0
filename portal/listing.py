"""Reading a list's page and filters from a query string, one way for every list of the portal."""
from __future__ import annotations

import math

from flask import request

MAX_PAGE = 100_000


def page_number(args=None) -> int:
    """?page=…: a whole number from 1 to MAX_PAGE; anything else reads as the first page."""
    args = request.args if args is None else args
    try:
        return max(1, min(int(args.get("page", 1)), MAX_PAGE))
    except (TypeError, ValueError):
        return 1


def page_count(total: int, size: int) -> int:
    """How many pages of `size` rows hold `total` rows (one, even when empty)."""
    return max(1, math.ceil(total / size))
