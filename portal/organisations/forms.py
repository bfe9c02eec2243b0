from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, FileField, SelectField, StringField, TextAreaField
from wtforms.validators import URL, Optional, Regexp, ValidationError

from portal import clock
from portal.accounts.forms import new_password_fields
from portal.forms import EMAIL, REQUIRED, BaseForm, commune_choices, language_field, max_length
from portal.organisations.rules import is_valid_enterprise_number
from portal.organisations.workflow import LEGAL_FORM_LABELS, LEGAL_FORMS_BY_KIND
from portal.roles import ROLE_LABELS, ROLES_BY_KIND, OrganisationKind, Role


def enterprise_number_valid(form, field):
    if field.data and not is_valid_enterprise_number(field.data):
        raise ValidationError(str(_l(
            "This is not a valid enterprise number: 10 digits, such as 0123.456.749, whose last two digits "
            "are the check of the first eight."
        )))


class OrganisationFields(BaseForm):
    name_fr = StringField(_l("Name in French"), validators=[REQUIRED, max_length(200)])
    name_nl = StringField(_l("Name in Dutch"), validators=[REQUIRED, max_length(200)])
    legal_form = SelectField(_l("Legal form"), validators=[REQUIRED])
    enterprise_number = StringField(
        _l("Enterprise number (BCE/KBO)"), validators=[Optional(), enterprise_number_valid, max_length(20)],
        description=_l("10 digits, for example 0123.456.749."),
    )
    commune = SelectField(_l("Commune"), validators=[REQUIRED])
    address = StringField(_l("Street and number"), validators=[REQUIRED, max_length(250)])
    postcode = StringField(_l("Postcode"), validators=[REQUIRED, Regexp(r"^1\d{3}$", message=_l(
        "A Brussels postcode has four digits and starts with 1."))])
    contact_email = EmailField(_l("Contact email"), validators=[REQUIRED, EMAIL, max_length(254)])
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), max_length(40)])
    website = StringField(_l("Website"), validators=[Optional(), URL(message=_l(
        "Enter a full address, starting with https://.")), max_length(250)])

    def set_kind(self, kind: OrganisationKind):
        self.legal_form.choices = [("", _l("Choose a legal form"))] + [
            (form.value, LEGAL_FORM_LABELS[form]) for form in LEGAL_FORMS_BY_KIND[kind]
        ]
        self.commune.choices = commune_choices()
        return self

    def values(self) -> dict:
        return {name: self[name].data for name in (
            "name_fr", "name_nl", "legal_form", "enterprise_number", "commune", "address", "postcode",
            "contact_email", "contact_phone", "website")}


class RegistrationForm(OrganisationFields):
    """An association registers itself; the admin fields are left out when someone is signed in."""

    admin_name = StringField(_l("Your full name"), validators=[REQUIRED, max_length(120)])
    admin_email = EmailField(_l("Your email address"), validators=[REQUIRED, EMAIL, max_length(254)],
                             description=_l("We send a link to this address to confirm it is yours."))
    admin_language = language_field(_l("Your language"))
    password, confirm = new_password_fields("admin_email", "admin_name", "name_fr")


class PublicOwnerForm(OrganisationFields):
    admin_email = EmailField(_l("Email of its first administrator"), validators=[REQUIRED, EMAIL, max_length(254)])
    admin_language = language_field(_l("Language of the invitation"))


class InviteForm(BaseForm):
    email = EmailField(_l("Email address"), validators=[REQUIRED, EMAIL, max_length(254)])
    role = SelectField(_l("Role"), validators=[REQUIRED])
    language = language_field(_l("Language of the invitation"))

    def set_kind(self, kind):
        # The least powerful role first, so that it is the one chosen unless someone decides otherwise.
        roles = sorted(ROLES_BY_KIND[kind], key=lambda role: role == Role.admin)
        self.role.choices = [(role.value, ROLE_LABELS[role]) for role in roles]
        return self


class RoleForm(BaseForm):
    role = SelectField(_l("Role"), validators=[REQUIRED])

    def set_kind(self, kind):
        self.role.choices = [(role.value, ROLE_LABELS[role]) for role in ROLES_BY_KIND[kind]]
        return self


class ReasonForm(BaseForm):
    reason = TextAreaField(_l("Reason"), validators=[REQUIRED, max_length(2000)],
                           description=_l("The organisation's administrators will read it."))


class InformationRequestForm(BaseForm):
    reason = TextAreaField(_l("What the Guichet needs to know"), validators=[REQUIRED, max_length(2000)],
                           description=_l("The association's administrator reads it and answers on its "
                                          "organisation's page; you are told of the answer."))


class AnswerForm(BaseForm):
    answer = TextAreaField(_l("Your answer"), validators=[REQUIRED, max_length(4000)],
                           description=_l("The Guichet reads it beside its question. If it asked for a document "
                                          "such as your statutes, add it below first."))


class StatutesForm(BaseForm):
    statutes = FileField(_l("Statutes (PDF)"), validators=[REQUIRED],
                         description=_l("Your association's statutes as published in the annexes of the Belgian "
                                        "Official Journal, or their latest coordinated version: one PDF, 15 MB at "
                                        "most."))


def not_in_future(form, field):
    if field.data and field.data > clock.today():
        raise ValidationError(str(_l("The date cannot be in the future.")))


class CharterForm(BaseForm):
    signed_on = DateField(_l("Date of signature"), validators=[Optional(), not_in_future],
                          description=_l("Leave empty to withdraw the signature."))


class AcceptInvitationForm(BaseForm):
    name = StringField(_l("Your full name"), validators=[REQUIRED, max_length(120)])
    language = language_field(_l("Your language"))
    password, confirm = new_password_fields(name_field="name")
