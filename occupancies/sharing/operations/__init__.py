"""The only writers of sharing sessions and the library: one function per state change, each checking who may
do it, recording it in the audit log and queuing its notifications. One module per part of a session's life; the
operations are read from here (`from occupancies.sharing import operations as ops`).

Places are never given twice: registering and cancelling first lock the session's row (SELECT … FOR UPDATE on
PostgreSQL; on SQLite every writing transaction begins IMMEDIATE, so writers already queue), then count."""
from occupancies.sharing.operations.after import publish_minutes, record_attendance
from occupancies.sharing.operations.library import (
    FACILITATOR_FIELDS,
    UPLOAD_MESSAGES,
    add_resource,
    remove_resource,
    save_facilitator,
)
from occupancies.sharing.operations.organising import (
    PRACTICAL,
    SESSION_FIELDS,
    cancel_session,
    create_session,
    update_session,
)
from occupancies.sharing.operations.registration import cancel_registration, register_for_session, remind_session

__all__ = [
    "FACILITATOR_FIELDS", "PRACTICAL", "SESSION_FIELDS", "UPLOAD_MESSAGES", "add_resource", "cancel_registration",
    "cancel_session", "create_session", "publish_minutes", "record_attendance", "register_for_session",
    "remind_session", "remove_resource", "save_facilitator", "update_session",
]
