"""Blueprints of accounts: sign-in, passwords and one's own account (and its second factor)
at the root, the Guichet's list of accounts."""
from portal.accounts.views.guichet import guichet_users
from portal.accounts.views.personal_data import data as personal_data
from portal.accounts.views.public import bp as accounts
from portal.accounts.views.second_factor import second_factor

BLUEPRINTS = (accounts, second_factor, personal_data, guichet_users)
