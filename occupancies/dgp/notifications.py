"""What the public management right tells people: the organisation invited to support a case, and the operator's
writers a week before a deadline and on its day."""
from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

KINDS = dict(
    dgp__support_invited=Kind(
        _l("%(operator)s invites you to support the case %(reference)s"),
        _l("%(operator)s invites your organisation to support its case of public management %(reference)s: the "
           "visit, the preliminary studies, the proposal and the loan, the works. You read the case and record the "
           "steps of these phases."),
    ),
    dgp__deadline_soon=Kind(
        _l("%(reference)s: a deadline on %(day)s"),
        _l("On the case %(reference)s (%(address)s), a deadline comes within the week: %(what)s, by %(day)s."),
        essential=True,
    ),
    dgp__deadline_due=Kind(
        _l("%(reference)s: a deadline today"),
        _l("On the case %(reference)s (%(address)s), a deadline falls today, %(day)s: %(what)s."),
        essential=True,
    ),
)
