"""Blueprints of calls: the owner's calls, the Guichet's moderation, the public list, pages and feeds."""
from calls.views.guichet import bp as guichet_calls
from calls.views.owner import bp as calls
from calls.views.public import bp as public_calls

BLUEPRINTS = (calls, guichet_calls, public_calls)
