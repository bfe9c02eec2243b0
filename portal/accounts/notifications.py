from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    user__password_changed=Kind(
        _l("Your password was changed"),
        _l("Your Entretemps password has just been changed and your other sessions were closed. "
           "If you did not do it, reset your password at once and tell the Guichet."),
    ),
    user__password_reset_requested=Kind(
        _l("Reset your Entretemps password"),
        _l("Follow this link within one hour to choose a new password. It works only once. "
           "If you did not ask for it, ignore this message."),
    ),
)

# How its audit entries read in a history.
AUDIT_LABELS = {
    "user.password_changed": _l("Password changed"),
    "user.password_reset": _l("Password reset by email"),
    "user.profile_updated": _l("Profile updated"),
    "user.disabled": _l("Account disabled"),
    "user.enabled": _l("Account enabled again"),
}
