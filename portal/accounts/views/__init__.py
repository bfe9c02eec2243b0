"""Blueprints of accounts: sign-in, passwords and one's own account at the root, the Guichet's list of accounts."""
from portal.accounts.views.guichet import guichet_users
from portal.accounts.views.public import bp as accounts

BLUEPRINTS = (accounts, guichet_users)
