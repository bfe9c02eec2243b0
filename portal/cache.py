"""What is costly to compute and may be a few minutes old, kept in Flask-Caching's cache (portal.extensions.cache):
in Redis with REDIS_URL, shared by every web process of the database, in the process's memory otherwise (the
embedded default runs one process). Values are pickled: keep plain data in them (text, numbers, dates), never
lazy translations or ORM objects.

A cache that fails (Redis unreachable) is passed by: the value is computed as if nothing were kept.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from flask import current_app

from portal import clock
from portal.audit.queries import latest_entry
from portal.extensions import cache

T = TypeVar("T")
log = logging.getLogger(__name__)


def remember(key: str, seconds: int, compute: Callable[[], T]) -> tuple[T, datetime]:
    """The value kept under `key` with the moment it was computed, or `compute()` kept for `seconds` (0: computed
    every time, nothing kept)."""
    if seconds <= 0:
        return compute(), clock.now()
    kept, now = read(key), clock.now()
    if kept is not None and now - kept[1] < timedelta(seconds=seconds):  # the portal's clock decides, not the store's
        return kept
    kept = compute(), now
    write(key, kept, seconds)
    return kept


def until_next_operation(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept until the next operation changes the register (the latest audit entry: every operation
    records itself there), at most REVISION_CACHE_SECONDS (0: computed every time)."""
    seconds = current_app.config["REVISION_CACHE_SECONDS"]
    if seconds <= 0:
        return compute()
    key = of_this_revision(key)
    kept = read(key)
    if kept is None:
        kept = (compute(),)     # a tuple: None is a value that may be kept
        write(key, kept, seconds)
    return kept[0]


def of_this_revision(key: str) -> str:
    """`key` under the register's revision (the latest audit entry): the next operation makes it a new key. For
    what is kept by hand (a streamed file), at most REVISION_CACHE_SECONDS."""
    latest = latest_entry()
    return f"revision:{latest.id if latest else 0}:{key}"


def read(key: str):
    """The value kept under `key`, or None (nothing kept, or the cache failed)."""
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that fails is no reason to fail the page
        log.warning("the cache could not be read for %s", key, exc_info=True)
        return None


def write(key: str, value, seconds: int) -> None:
    """Keeps `value` under `key` for `seconds` (a cache that fails keeps nothing)."""
    try:
        cache.set(key, value, timeout=seconds)
    except Exception:  # noqa: BLE001
        log.warning("the cache could not be written; %s is not kept", key, exc_info=True)
