from flask_babel import lazy_gettext as _l

from portal.features import audit_labels
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
    user__second_factor_enabled=Kind(
        _l("Your second factor is set up"),
        _l("From now on, signing in to Entretemps and signing an agreement ask for a code of your authenticator "
           "application as well as your password. Keep your recovery codes somewhere safe, apart from your phone. "
           "If you did not do it, tell the Guichet at once."),
        essential=True,
    ),
    user__second_factor_disabled=Kind(
        _l("Your second factor is turned off"),
        _l("Signing in to Entretemps now asks for your password only. If you did not do it, change your password "
           "at once and tell the Guichet."),
        essential=True,
    ),
    user__second_factor_reset=Kind(
        _l("A Guichet administrator has reset your second factor"),
        _l("Your sessions are closed. Sign in with your password and set up your second factor again within a few "
           "days, from your account. If you did not ask for it, tell the Guichet at once."),
        essential=True,
    ),
    user__recovery_code_used=Kind(
        _l("A recovery code was used to sign in"),
        _l("Someone, probably you, signed in to Entretemps with one of your recovery codes; %(left)s codes are "
           "left. If you lost your phone, set up your second factor again and make new codes from your account. "
           "If it was not you, change your password at once and tell the Guichet."),
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
    "user.second_factor_enabled": _l("Second factor set up"),
    "user.second_factor_disabled": _l("Second factor turned off"),
    "user.second_factor_reset": _l("Second factor reset by the Guichet"),
    "user.recovery_codes_renewed": _l("New recovery codes made"),
    "user.recovery_code_used": _l("Signed in with a recovery code"),
    "user.data_exported": _l("Personal data downloaded"),
    "user.erased": _l("Account erased at the person's request"),
}

# How the security record names each outcome of a sign-in (the audited actions read as AUDIT_LABELS).
SIGN_IN_LABELS = {
    "sign_in.success": _l("Signed in"),
    "sign_in.wrong_password": _l("Sign-in refused: wrong address or password"),
    "sign_in.held": _l("Sign-in held back: too many failures"),
    "sign_in.second_factor_overdue": _l("Sign-in refused: second factor not set up in time"),
    "sign_in.wrong_code": _l("Sign-in refused: wrong code"),
}
THEME_LABELS = {
    "sign_in": _l("Sign-ins"), "sign_in_failed": _l("Refused sign-ins"), "second_factor": _l("Second factor"),
    "personal_data": _l("Personal data"), "roles": _l("Members and roles"), "accounts": _l("Accounts and passwords"),
}


def security_labels() -> dict:
    """Every kind of row of the security record, as it reads."""
    return {**audit_labels(), **SIGN_IN_LABELS}
