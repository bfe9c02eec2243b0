from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    appeal__lodged=Kind(
        _l("An appeal against the decision on “%(call)s”"),
        _l("%(applicant)s contests the decision on this call. Until the owner's administrator answers (rejected with "
           "reasons, or upheld, which reopens the evaluation), no agreement of the call can be sent for signature."),
    ),
    appeal__rejected=Kind(
        _l("Your appeal on “%(call)s” is rejected"),
        _l("The owner has answered the appeal of %(applicant)s and rejects it. Its reasons are on the appeal's page."),
        essential=True,
    ),
    appeal__upheld=Kind(
        _l("Your appeal on “%(call)s” is upheld"),
        _l("The owner has upheld the appeal of %(applicant)s: the evaluation is reopened. Every applicant will be "
           "told the new decision."),
        essential=True,
    ),
    appeal__decision_reopened=Kind(
        _l("The decision on “%(call)s” is set aside after an appeal"),
        _l("The owner upheld an appeal against its decision: the evaluation is reopened and a new decision will be "
           "taken, which you will be told. Until then, no agreement of the call is sent or signed."),
        essential=True,
    ),
    appeal__reopened=Kind(
        _l("The evaluation of “%(call)s” is reopened after an appeal"),
        _l("The appeal of %(applicant)s is upheld. Its application can be scored again (its score sheets are open "
           "again); the administrator then records a new decision, which every applicant is told."),
    ),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "appeal.lodged": _l("Appeal lodged"),
    "appeal.rejected": _l("Appeal rejected"),
    "appeal.upheld": _l("Appeal upheld"),
    "call.reopened": _l("Evaluation reopened after an appeal"),
}
