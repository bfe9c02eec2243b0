from portal.notifications.operations import notify, send_email_to_address  # noqa: F401
