from flask_babel import lazy_gettext as _l

from portal.notifications.registry import Kind

# The notifications this feature sends ({kind: what it says}); its feature.py declares them.
KINDS = dict(
    user__password_changed=Kind(
        _l("Your password was changed"),
        _l("Your Entretemps password has just been changed and your other sessions were closed. "
           "If you did not do it, reset your password at once and tell the Guichet."),
        essential=True,
    ),
    user__sign_up_confirm=Kind(
        _l("Confirm your address to finish your registration"),
        _l("Follow this link within 24 hours to confirm that this address is yours: your Entretemps account is then "
           "created and your registration goes on. It works only once. If you did not register on Entretemps, "
           "ignore this message: nothing will be created."),
        essential=True,
    ),
    user__sign_up_existing=Kind(
        _l("Someone tried to register with your address"),
        _l("Someone, perhaps you, tried to register on Entretemps with this address, which already has an account. "
           "If it was you, sign in with this link and register your organisation from your account; if you forgot "
           "your password, choose a new one from the sign-in page. If it was not you, ignore this message: nothing "
           "has changed."),
        essential=True,
    ),
    user__password_reset_requested=Kind(
        _l("Reset your Entretemps password"),
        _l("Follow this link within one hour to choose a new password. It works only once. "
           "If you did not ask for it, ignore this message."),
        essential=True,
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
