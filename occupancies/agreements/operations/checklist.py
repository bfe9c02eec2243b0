"""The checklist before the start: insurance, inventories, keys; and the inventories' photos."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from calls.applications.operations import ATTACHMENT_MESSAGES
from occupancies.agreements import permissions as p
from occupancies.agreements import rules
from occupancies.agreements.models import ChecklistItem, InventoryPhoto
from occupancies.agreements.operations.common import link_to, params_of
from occupancies.agreements.workflow import AgreementStatus, ChecklistKind
from portal import audit, clock, uploads
from portal.errors import OperationError
from portal.extensions import db
from portal.jobs import after_commit
from portal.notifications import notify
from portal.permissions import require
from portal.roles import writers_of


def complete_item(agreement, kind: ChecklistKind, *, note: str = "", document=None, filename: str | None = None,
                  actor) -> ChecklistItem:
    """A step done, with its document (the insurance certificate, the inventory) when there is one."""
    require(p.can_complete_item(actor, agreement, kind))
    item = next(i for i in agreement.checklist if i.kind == kind)
    if kind == ChecklistKind.insurance and document is None and item.file is None:
        raise OperationError(_l("Add the insurance certificate."), field="document")
    if document is not None:
        try:
            original = uploads.clean_filename(filename)
            stored, _mimetype, _size, digest = uploads.store_document(document, original, "agreements")
        except uploads.UploadError as error:
            raise OperationError(ATTACHMENT_MESSAGES[error.code], field="document") from None
        after_commit(uploads.remove, "agreements", item.file)   # the previous file goes only if this one stays
        item.file, item.original_name, item.digest = stored, original, digest
    item.note, item.done_at, item.done_by_id = note.strip(), clock.now(), actor.id
    audit.record("agreement.checklist_done", target=agreement, actor=actor,
                 changes={"item": [None, kind.value], "document": [None, item.original_name]})
    return item


def remind_checklist(agreement) -> bool:
    """A week before the start, the owner is told of what is still open."""
    missing = rules.checklist_missing(i.kind for i in agreement.checklist if i.done_at is not None)
    if agreement.status != AgreementStatus.signed or not missing:
        return False
    notify(writers_of(agreement.owner), "agreement.checklist_open",
           params={**params_of(agreement), "count": len(missing)}, link=link_to(agreement),
           organisation=agreement.owner)
    return True


MAX_PHOTOS = 30


PHOTO_MESSAGES = {
    "too_large": _l("The photo is too large: at most 15 MB."),
    "not_image": _l("This file is not a photo: use a JPEG, PNG or WebP image."),
    "empty": _l("The file is empty."),
}


def add_inventory_photo(agreement, kind: ChecklistKind, stream, *, caption: str = "", actor) -> InventoryPhoto:
    """A photo of the entry or exit inventory: checked by its content, turned upright, at most 1600 px, stripped
    of its EXIF data (no place, no camera) and kept outside the public files."""
    require(kind in (ChecklistKind.entry_inventory, ChecklistKind.exit_inventory)
            and p.can_complete_item(actor, agreement, kind))
    item = next(i for i in agreement.checklist if i.kind == kind)
    if len(item.photos) >= MAX_PHOTOS:
        raise OperationError(_l("At most %(max)d photos for an inventory.", max=MAX_PHOTOS), field="photo")
    try:
        name, width, height = uploads.store_image(stream, "agreements")
    except uploads.UploadError as error:
        raise OperationError(PHOTO_MESSAGES.get(error.code, PHOTO_MESSAGES["not_image"]), field="photo") from None
    photo = InventoryPhoto(filename=name, width=width, height=height, caption=caption.strip()[:200])
    item.photos.append(photo)
    db.session.flush()
    audit.record("agreement.photo_added", target=agreement, actor=actor,
                 changes={"item": [None, kind.value], "caption": [None, photo.caption]})
    return photo
