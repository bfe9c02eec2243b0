"""Public pages that browsers and a reverse proxy may keep a moment, and that answer 304 on revalidation.

A view marked `@public_page`, asked with GET or HEAD by someone not signed in, carries:
- `ETag`: a digest of the register's revision (the latest entry of the audit log: whatever the public reads changes
  through an operation, and every operation records itself there), the minute (what depends on the clock: a call
  that closes at its deadline, "in 2 days"), the language of the page and its address with its query;
- `Last-Modified`: the later of the revision's time and the minute's start;
- `Cache-Control: public, max-age=PUBLIC_MAX_AGE` and `Vary: Accept-Language, Cookie` (with what the view varies on
  itself: the open-data files, sent compressed to clients that accept it, add Accept-Encoding).
The tag is weak (W/"…"): the compressed and the plain file are the same data, as nginx also says when it compresses.
A request whose `If-None-Match` names that tag, or whose `If-Modified-Since` is not older, is answered 304 before
the page is built: one indexed query instead of the page's. Anyone signed in gets `private, no-store` (portal.app);
a visit that has a cookie of its own, or gets one (it chose its language, say), gets the same validators with
`private, no-cache`: its browser keeps the page and asks again, no shared cache does.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from flask import current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user

from portal import clock
from portal.audit.queries import latest_entry

PUBLIC_MAX_AGE = 60          # seconds a browser or nginx may serve a public page without asking again
VARY = "Accept-Language, Cookie"


def public_page(view):
    """Marks a view whose page is the same for every visitor who is not signed in."""
    view.public_page = True
    return view


def _is_public(endpoint: str | None) -> bool:
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return bool(getattr(view, "public_page", False))


def _validators() -> tuple[str, datetime]:
    """(the tag, the moment of the last change) of the page asked, as of now."""
    latest = latest_entry()
    minute = clock.now().replace(second=0, microsecond=0)
    changed = max(minute, latest.at) if latest else minute
    source = f"{latest.id if latest else 0}|{minute.isoformat()}|{get_locale()}|{request.full_path}"
    return hashlib.blake2b(source.encode(), digest_size=12).hexdigest(), changed


def shared_page() -> bool:
    """Whether the page being built is one any visitor may be given (public, nobody signed in): it then holds no
    token of the visit (base.html gives htmx the CSRF token on every other page)."""
    return g.get("public_validators") is not None


def before_request():
    """A public page asked again, unchanged: 304 without building it."""
    if request.method not in ("GET", "HEAD") or not _is_public(request.endpoint) or current_user.is_authenticated:
        return None
    tag, changed = _validators()
    g.public_validators = (tag, changed)
    since = request.if_modified_since
    fresh = request.if_none_match.contains_weak(tag) if request.if_none_match else (
        since is not None and since >= changed.replace(microsecond=0))
    if fresh:
        response = current_app.response_class(status=304)
        _mark_public(response, tag, changed,
                     shared=request.cookies.get(current_app.config["SESSION_COOKIE_NAME"]) is None)
        return response
    return None


def after_request(response):
    validators = g.pop("public_validators", None)
    if validators is None or response.status_code != 200 or response.headers.get("Cache-Control"):
        return response
    # A visit with a cookie of its own (its language, say), or one that gets one now, is kept by its browser only.
    own = session.modified or request.cookies.get(current_app.config["SESSION_COOKIE_NAME"]) is not None
    _mark_public(response, *validators, shared=not own)
    return response


def _mark_public(response, tag: str, changed: datetime, *, shared: bool) -> None:
    response.set_etag(tag, weak=True)
    response.last_modified = changed.astimezone(UTC) if changed.tzinfo else changed.replace(tzinfo=UTC)
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if shared else "private, no-cache"
    for header in VARY.split(", "):
        response.vary.add(header)

