"""Blueprints of appeals: the parties' pages under /o/<slug>/appeals/, the Guichet's under /guichet/appeals/."""
from calls.appeals.views.guichet import bp as guichet_appeals
from calls.appeals.views.member import bp as appeals

BLUEPRINTS = (appeals, guichet_appeals)
