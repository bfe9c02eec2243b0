"""Notification kinds and audit labels of the evaluation."""
from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    evaluation__assigned=Kind(
        _l("You are asked to evaluate the applications to %(call)s"),
        _l("First declare, for each applicant, whether you have a conflict of interest; you will then read and "
           "score the applications on the call's criteria.")),
    evaluation__conflict_declared=Kind(
        _l("%(evaluator)s declared a conflict of interest on %(call)s"),
        _l("They are removed from the applications concerned (%(count)s). Assign another evaluator if an "
           "application has none left.")),
    evaluation__scores_complete=Kind(
        _l("Every score is in for %(call)s"),
        _l("Every evaluator has submitted their scores and every disagreement is settled: propose the selection, "
           "then record the decision.")),
    evaluation__decided_selected=Kind(
        _l("Your application to %(call)s is selected"),
        _l("Rank %(rank)s of %(ranked)s, with %(score)s out of 100 (the threshold was %(threshold)s). The owner will "
           "now draft the occupancy agreement with you.\n\nYour scores and the evaluators' justifications:\n"
           "%(scores)s"), essential=True),
    evaluation__decided_not_selected=Kind(
        _l("Decision on %(call)s: your application is not selected"),
        _l("Rank %(rank)s of %(ranked)s, with %(score)s out of 100; the threshold for selection was "
           "%(threshold)s.\n\nYour scores and the evaluators' justifications:\n%(scores)s"), essential=True),
    evaluation__decided_ineligible=Kind(
        _l("Decision on %(call)s: your application is not eligible"),
        _l("It did not meet every eligibility condition of the call and so was not scored:\n%(reasons)s"),
        essential=True),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "application.documents_erased": _l("Documents deleted under the retention schedule"),
    "evaluation.evaluators_assigned": _l("Evaluators assigned"),
    "evaluation.conflicts_declared": _l("Conflicts of interest declared"),
    "evaluation.eligibility_marked": _l("Eligibility marked"),
    "evaluation.sheet_submitted": _l("Scores submitted"),
    "evaluation.consensus_recorded": _l("Outcome of a disagreement recorded"),
    "evaluation.selection_proposed": _l("Selection proposed"),
    "call.decided": _l("Decision recorded"),
    "application.decided": _l("Decision on the application"),
}
