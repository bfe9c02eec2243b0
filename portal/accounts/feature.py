"""Accounts: sign-in, passwords, one's own account, and the Guichet's list of accounts."""
from portal import clock
from portal.accounts import models, notifications, permissions, rules
from portal.accounts.views import BLUEPRINTS
from portal.features import Feature, helpers_of


def second_factor_standing(user) -> rules.SecondFactorStanding:
    """Where the reader stands with their second factor now (the layout reminds whoever must still set it up)."""
    return rules.second_factor_standing(user, clock.now())


FEATURE = Feature(
    name="accounts",
    blueprints=BLUEPRINTS,
    models=(models,),
    notification_kinds=notifications.KINDS,
    audit_labels=notifications.AUDIT_LABELS,
    template_helpers=helpers_of(permissions, second_factor_standing=second_factor_standing,
                                THEME_LABELS=notifications.THEME_LABELS),
    periodic=(("portal.accounts.jobs.sweep_retention", 86400),),
)
