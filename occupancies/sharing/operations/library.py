"""The library: the resources of a session or of the Guichet's toolbox, and the facilitators."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from occupancies.sharing import permissions as p
from occupancies.sharing.models import Facilitator, Resource
from occupancies.sharing.workflow import ResourceKind, Theme
from portal import audit, uploads
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.jobs import after_commit
from portal.permissions import require


def _resource_values(values: dict) -> tuple[dict, dict]:
    clean = {name: (values.get(name) or "").strip() for name in ("title_fr", "title_nl", "description_fr",
                                                                  "description_nl", "url")}
    clean["theme"] = values.get("theme")
    problems = {}
    for name in ("title_fr", "title_nl"):
        if not clean[name]:
            problems[name] = _l("Give the title in French and in Dutch.")
    if clean["theme"] not in set(Theme):
        problems["theme"] = _l("Choose a theme.")
    return clean, problems


UPLOAD_MESSAGES = uploads.DOCUMENT_MESSAGES


def add_resource(session, values: dict, upload=None, *, actor) -> Resource:
    """A file or a link shared at a session (by its organiser), or in the toolbox (session None, the Guichet's
    staff). A file is checked by its content before anything is saved."""
    require(p.can_manage_session(actor, session) if session is not None else p.can_keep_library(actor))
    clean, problems = _resource_values(values)
    has_file = upload is not None and getattr(upload, "filename", "")
    if not has_file and not clean["url"].startswith(("https://", "http://")):
        problems["url"] = _l("Attach a file, or give a link starting with https://.")
    if problems:
        raise Problems(problems)
    resource = Resource(session_id=session.id if session is not None else None, added_by_id=actor.id,
                        kind=ResourceKind.file if has_file else ResourceKind.link, **clean)
    if has_file:
        try:
            resource.file, resource.mimetype, resource.size, _digest = uploads.store_document(
                upload.stream, upload.filename, "library")
        except uploads.UploadError as error:
            message = UPLOAD_MESSAGES.get(error.code, UPLOAD_MESSAGES["not_allowed"])
            raise OperationError(message, field="upload") from error
        resource.original_name, resource.url = uploads.clean_filename(upload.filename), ""
    db.session.add(resource)
    db.session.flush()
    audit.record("resource.added", target=resource, actor=actor,
                 organisation=session.organiser if session is not None else None,
                 changes={"title_fr": [None, resource.title_fr], "kind": [None, resource.kind],
                          "session": session.id if session is not None else None})
    return resource


def remove_resource(resource, *, actor) -> None:
    session = resource.session
    require(p.can_manage_session(actor, session) if session is not None else p.can_keep_library(actor))
    if resource.kind == ResourceKind.minutes:
        raise OperationError(_l("The minutes stay in the library; correct them on the session's page."))
    audit.record("resource.removed", target=resource, actor=actor,
                 organisation=session.organiser if session is not None else None,
                 changes={"title_fr": [resource.title_fr, None]})
    stored = resource.file
    db.session.delete(resource)
    db.session.flush()
    if stored:
        after_commit("occupancies.sharing.jobs.forget_file", stored)


FACILITATOR_FIELDS = ("name", "structure", "email", "website", "bio_fr", "bio_nl")


def save_facilitator(facilitator, values: dict, *, actor) -> Facilitator:
    """Add a facilitator to the Guichet's list (facilitator None) or change one."""
    require(p.can_keep_library(actor))
    clean = {name: (values.get(name) or "").strip() for name in FACILITATOR_FIELDS}
    clean["themes"] = [t for t in values.get("themes") or [] if t in set(Theme)]
    clean["languages"] = [lang for lang in values.get("languages") or [] if lang in ("fr", "nl", "en")]
    clean["active"] = bool(values.get("active", True))
    problems = {}
    if not clean["name"]:
        problems["name"] = _l("Give the facilitator's name.")
    if clean["email"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", clean["email"]):
        problems["email"] = _l("Enter a valid email address, like name@example.org.")
    if clean["website"] and not clean["website"].startswith(("https://", "http://")):
        problems["website"] = _l("A website starts with https://.")
    if not clean["languages"]:
        problems["languages"] = _l("Tick the languages the facilitator works in.")
    if problems:
        raise Problems(problems)
    new = facilitator is None
    facilitator = facilitator or Facilitator()
    changes = {name: [None if new else getattr(facilitator, name), value] for name, value in clean.items()
               if new or getattr(facilitator, name) != value}
    for name, value in clean.items():
        setattr(facilitator, name, value)
    db.session.add(facilitator)
    db.session.flush()
    if changes:
        audit.record("facilitator.added" if new else "facilitator.updated", target=facilitator, actor=actor,
                     changes=changes)
    return facilitator
