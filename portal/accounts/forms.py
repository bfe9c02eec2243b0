from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import ValidationError

from portal.accounts.rules import MIN_PASSWORD_LENGTH, password_problems
from portal.forms import EMAIL, MAX_PASSWORD_LENGTH, REQUIRED, BaseForm, language_field, max_length


class NewPassword:
    """A password acceptable by the policy in portal.accounts.rules, measured against the person's own words: those
    of the form's fields named, or of the form's `password_context` (email, name, organisation) that a view which
    knows the person sets before validating."""

    messages = {
        "too_long": _l("At most %(max)d characters.", max=MAX_PASSWORD_LENGTH),
        "too_short": _l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
        "personal": _l("Do not use your name, your email address or your organisation's name in your password."),
        "weak": _l("This password is easy to guess. Use a passphrase: four or five words of your own, with spaces "
                   "or dashes (up to %(max)d characters).", max=MAX_PASSWORD_LENGTH),
    }

    def __init__(self, email_field: str | None = None, name_field: str | None = None,
                 organisation_field: str | None = None):
        self.fields = {"email": email_field, "name": name_field, "organisation": organisation_field}

    def __call__(self, form, field):
        words = dict(getattr(form, "password_context", None) or {})
        for key, name in self.fields.items():
            if name and name in form:
                words[key] = form[name].data or ""
        problems = password_problems(field.data or "", **{key: words.get(key) or "" for key in self.fields})
        if problems:
            raise ValidationError(str(self.messages[problems[0]]))


class SamePassword:
    def __init__(self, other: str):
        self.other = other

    def __call__(self, form, field):
        if field.data != form[self.other].data:
            raise ValidationError(str(_l("The two passwords are not the same.")))


def new_password_fields(email_field=None, name_field=None, organisation_field=None):
    password = PasswordField(_l("New password"),
                             validators=[REQUIRED, NewPassword(email_field, name_field, organisation_field)],
                             description=_l("A passphrase is easiest to keep: four or five words of your own, at "
                                            "least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    confirm = PasswordField(_l("Repeat the password"), validators=[REQUIRED, SamePassword("password")])
    return password, confirm


class LoginForm(BaseForm):
    email = EmailField(_l("Email address"), validators=[REQUIRED, EMAIL, max_length(254)])
    password = PasswordField(_l("Password"), validators=[REQUIRED])  # at most MAX_PASSWORD_LENGTH, as every one


class ForgotPasswordForm(BaseForm):
    email = EmailField(_l("Email address"), validators=[REQUIRED, EMAIL, max_length(254)])


class ResetPasswordForm(BaseForm):
    password, confirm = new_password_fields()


class ProfileForm(BaseForm):
    name = StringField(_l("Full name"), validators=[REQUIRED, max_length(120)])
    language = language_field(_l("Preferred language"))


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(_l("Current password"), validators=[REQUIRED])
    password, confirm = new_password_fields()


class DisableForm(BaseForm):
    reason = TextAreaField(_l("Reason"), validators=[REQUIRED, max_length(2000)],
                           description=_l("Kept in the account's history."))


class CodeForm(BaseForm):
    code = StringField(_l("Code"), validators=[REQUIRED, max_length(64)],
                       description=_l("The six digits your authenticator application shows for Entretemps, or one of "
                                      "your recovery codes."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false",
                                  "autocapitalize": "off"})


class ConfirmCodeForm(BaseForm):
    code = StringField(_l("Code shown by the application"), validators=[REQUIRED, max_length(64)],
                       description=_l("Six digits, renewed every 30 seconds."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"})


class TurnOffForm(BaseForm):
    password = PasswordField(_l("Your password"), validators=[REQUIRED],
                             render_kw={"autocomplete": "current-password"})


class ResetSecondFactorForm(BaseForm):
    reason = TextAreaField(_l("Reason"), validators=[REQUIRED, max_length(2000)],
                           description=_l("How you checked that the request comes from this person (kept in the "
                                          "account's history)."))


class EraseForm(BaseForm):
    password = PasswordField(_l("Your password"), validators=[REQUIRED],
                             render_kw={"autocomplete": "current-password"})
    confirmation = StringField(_l("Your e-mail address, to confirm"), validators=[REQUIRED, max_length(254)],
                               render_kw={"autocomplete": "off", "spellcheck": "false"})
