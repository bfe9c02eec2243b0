"""Blueprints of notifications: each user's inbox, and the Guichet's outbox outside production."""
from portal.notifications.views.guichet import outbox_bp
from portal.notifications.views.user import bp as notifications

BLUEPRINTS = (notifications, outbox_bp)
