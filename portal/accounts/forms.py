from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField, TextAreaField

from portal.forms import EMAIL, REQUIRED, BaseForm, language_field, max_length, new_password_fields


class LoginForm(BaseForm):
    email = EmailField(_l("Email address"), validators=[REQUIRED, EMAIL, max_length(254)])
    password = PasswordField(_l("Password"), validators=[REQUIRED, max_length(500)])


class ForgotPasswordForm(BaseForm):
    email = EmailField(_l("Email address"), validators=[REQUIRED, EMAIL, max_length(254)])


class ResetPasswordForm(BaseForm):
    password, confirm = new_password_fields()


class ProfileForm(BaseForm):
    name = StringField(_l("Full name"), validators=[REQUIRED, max_length(120)])
    language = language_field(_l("Preferred language"))


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(_l("Current password"), validators=[REQUIRED, max_length(500)])
    password, confirm = new_password_fields()


class DisableForm(BaseForm):
    reason = TextAreaField(_l("Reason"), validators=[REQUIRED, max_length(2000)],
                           description=_l("Kept in the account's history."))
