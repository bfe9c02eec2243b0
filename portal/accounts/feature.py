"""Accounts: sign-in, passwords, one's own account, and the Guichet's list of accounts."""
from portal.accounts import models, notifications, permissions
from portal.accounts.views import BLUEPRINTS
from portal.features import Feature, helpers_of

FEATURE = Feature(
    name="accounts",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(permissions),
)
