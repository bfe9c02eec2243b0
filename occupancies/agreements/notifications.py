"""Notification kinds and audit labels of agreements."""
from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    agreement__sent=Kind(_l("Agreement %(reference)s to sign: %(site)s"),
                         _l("The owner sends you the occupancy agreement. Read it; your organisation's administrator "
                            "signs it by re-entering their password, or asks for changes."), essential=True),
    agreement__changes_requested=Kind(_l("Changes asked to agreement %(reference)s"),
                                      _l("The agreement goes back to draft: %(reason)s"), essential=True),
    agreement__signed_by_occupant=Kind(_l("Agreement %(reference)s signed by the occupant"),
                                       _l("Your organisation's administrator can now sign it in turn."),
                                       essential=True),
    agreement__signed=Kind(_l("Agreement %(reference)s signed by both parties"),
                           _l("The signed copy is available. The occupancy starts on its start date once the "
                              "checklist is complete: insurance certificate, fire-safety visit, keys and entry "
                              "inventory.")),
    agreement__abandoned=Kind(_l("Agreement %(reference)s abandoned"), _l("Reason: %(reason)s")),
    agreement__notice_given=Kind(_l("Notice given on agreement %(reference)s: last day %(last_day)s"),
                                 _l("Reason: %(reason)s. The occupancy ends on that day; the exit inventory closes "
                                    "it."), essential=True),
    agreement__ending=Kind(_l("Agreement %(reference)s ends by mutual agreement on %(last_day)s"),
                           _l("The occupancy ends on that day; the exit inventory closes it.")),
    agreement__ended=Kind(_l("Agreement %(reference)s has ended"),
                          _l("Plan the exit inventory with the other party: it closes the occupancy.")),
    agreement__end_approaching=Kind(_l("Agreement %(reference)s ends on %(last_day)s"),
                                    _l("To continue, the owner proposes an amendment that extends it; otherwise plan "
                                       "the exit inventory."), essential=True),
    agreement__checklist_open=Kind(_l("Agreement %(reference)s starts in a week; steps still open: %(count)s"),
                                   _l("The occupancy starts only once the checklist is complete: insurance "
                                      "certificate, fire-safety visit, keys with the entry inventory."),
                                   essential=True),
    agreement__notice_ends=Kind(_l("The notice on agreement %(reference)s ends today"),
                                _l("Today is the occupancy's last day; the exit inventory closes it."), essential=True),
    agreement__activated=Kind(_l("Agreement %(reference)s is in force: %(site)s"),
                              _l("The occupancy has started and shows on the site's timeline.")),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "agreement.drafted": _l("Agreement drafted"),
    "agreement.updated": _l("Agreement draft saved"),
    "agreement.sent": _l("Agreement sent to the occupant"),
    "agreement.document_recorded": _l("Document to sign kept, with its digest"),
    "agreement.signed_copy_recorded": _l("Signed copy kept, with its digest"),
    "agreement.changes_requested": _l("Changes asked to the agreement"),
    "agreement.signed": _l("Agreement signed"),
    "agreement.abandoned": _l("Agreement abandoned"),
    "agreement.checklist_done": _l("Checklist step done"),
    "agreement.activated": _l("Agreement in force"),
    "agreement.notice_given": _l("Notice given"),
    "agreement.ended_by_mutual_agreement": _l("End agreed by both parties"),
    "agreement.ended": _l("Agreement ended"),
    "agreement.amendment_proposed": _l("Amendment drafted"),
    "agreement.amended": _l("Amendment in force"),
    "agreement.clause_added": _l("Clause added to the library"),
    "agreement.photo_added": _l("Inventory photo added"),
    "agreement.clause_updated": _l("Clause of the library changed"),
    "agreement.clause_retired": _l("Clause withdrawn from the library"),
}
