from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

KINDS = dict(
    vacancy__confirm=Kind(
        _l("Confirm your report of a vacant place"),
        _l("You reported a vacant place at %(address)s on Entretemps. Follow this link within 24 hours to confirm "
           "that this address is yours: your report then goes to the commune, which checks it. The link works "
           "only once. If you did not report anything, ignore this message: the report will be deleted."),
        essential=True,
    ),
    vacancy__to_moderate=Kind(
        _l("A vacant place to check: %(address)s, %(commune)s"),
        _l("A vacant place was reported in your commune. Check it: put it on the register, merge it with a signal "
           "of the same address, or reject it with a reason."),
    ),
    vacancy__accepted=Kind(
        _l("Your report of %(address)s is on the register"),
        _l("The commune has checked your report of a vacant place and put it on the vacancy register. Thank you."),
    ),
    vacancy__rejected=Kind(
        _l("Your report of %(address)s was not kept"),
        _l("The commune has checked your report of a vacant place and did not keep it, for this reason: "
           "%(reason)s"),
    ),
)

AUDIT_LABELS = {
    "vacancy.reported": _l("Vacant place reported"),
    "vacancy.confirmed": _l("Report confirmed by its author"),
    "vacancy.accepted": _l("Put on the vacancy register"),
    "vacancy.rejected": _l("Report rejected"),
    "vacancy.merged": _l("Merged with a signal of the same address"),
    "vacancy.merged_here": _l("Another report of this address merged here"),
    "vacancy.outcome": _l("Outcome recorded"),
}
