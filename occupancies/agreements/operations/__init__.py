"""The only writers of agreements: one function per state change, each checking who may do it, recording it in
the audit log and queuing its notifications. One module per part of an agreement's life; the operations are read
from here (`from occupancies.agreements import operations as ops`)."""
from occupancies.agreements.operations.amendments import AMENDMENT_MESSAGES, propose_amendment
from occupancies.agreements.operations.checklist import (
    MAX_PHOTOS,
    PHOTO_MESSAGES,
    add_inventory_photo,
    complete_item,
    remind_checklist,
)
from occupancies.agreements.operations.clauses import CLAUSE_FIELDS, add_clause, retire_clause, update_clause
from occupancies.agreements.operations.drafting import (
    abandon,
    draft_agreement,
    request_changes,
    send_version,
    update_draft,
)
from occupancies.agreements.operations.lifecycle import (
    activate,
    end_by_mutual_agreement,
    end_if_due,
    give_notice,
    notice_ends,
    remind_end,
)
from occupancies.agreements.operations.signing import record_document, record_signed_copy, sign

__all__ = [
    "AMENDMENT_MESSAGES", "CLAUSE_FIELDS", "MAX_PHOTOS", "PHOTO_MESSAGES", "abandon", "activate", "add_clause",
    "add_inventory_photo", "complete_item", "draft_agreement", "end_by_mutual_agreement", "end_if_due",
    "give_notice", "notice_ends", "propose_amendment", "record_document", "record_signed_copy", "remind_checklist",
    "remind_end", "request_changes", "retire_clause", "send_version", "sign", "update_clause", "update_draft",
]
