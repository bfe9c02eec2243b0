"""Forms of sharing sessions and the library: field checks only; the rules (times, places, capacity) answer
through the operations, each message beside its field. Times are typed in Brussels and kept in UTC."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FileField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from occupancies.sharing.workflow import AUDIENCE_LABELS, PLACE_LABELS, THEME_LABELS
from portal import clock
from portal.forms import REQUIRED, BaseForm, MultiCheckboxField, max_length, optional_id

LANGUAGE_CHOICES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


def _theme_choices(blank: bool = True):
    return ([("", _l("Choose…"))] if blank else []) + [(k.value, v) for k, v in THEME_LABELS.items()]


class SessionForm(BaseForm):
    title_fr = StringField(_l("Title of the session (French)"), validators=[max_length(200)])
    title_nl = StringField(_l("Title of the session (Dutch)"), validators=[max_length(200)])
    agenda_fr = TextAreaField(_l("Agenda (French)"), validators=[max_length(5000)], render_kw={"rows": 5})
    agenda_nl = TextAreaField(_l("Agenda (Dutch)"), validators=[max_length(5000)], render_kw={"rows": 5})
    theme = SelectField(_l("Theme"), choices=_theme_choices(), validate_choice=False,
                        description=_l("Files the session and its resources in the library."))
    starts_at = DateTimeLocalField(_l("Starts"), validators=[Optional()], description=_l("Brussels time."))
    ends_at = DateTimeLocalField(_l("Ends"), validators=[Optional()], description=_l("Brussels time."))
    place_kind = RadioField(_l("Place"), choices=[(k.value, v) for k, v in PLACE_LABELS.items()],
                            validate_choice=False, default="site")
    site_id = SelectField(_l("Occupied site"), coerce=optional_id, validate_choice=False,
                          description=_l("The published sites with an occupancy today."))
    address = StringField(_l("Address"), validators=[max_length(300)])
    online_url = StringField(_l("Link of the online meeting"), validators=[max_length(500)])
    capacity = IntegerField(_l("Places"), validators=[Optional()])
    places_per_organisation = IntegerField(_l("People per organisation at most"), validators=[Optional()],
                                           default=3, description=_l("Registered or waiting, for one organisation."))
    audience = RadioField(_l("Audience"), choices=[(k.value, v) for k, v in AUDIENCE_LABELS.items()],
                          validate_choice=False, default="partners")
    registration_deadline = DateTimeLocalField(_l("Registration closes"), validators=[Optional()], description=_l(
        "Brussels time. Leave empty to take registrations until the start."))
    facilitator_id = SelectField(_l("Facilitator"), coerce=optional_id, validate_choice=False)

    def fill(self, sites, facilitators, session=None) -> SessionForm:
        """The choices: the occupied sites and the listed facilitators, and the session's own even if they are
        no longer (a site no longer occupied, a facilitator hidden)."""
        sites, facilitators = list(sites), list(facilitators)
        if session is not None and session.site is not None and session.site not in sites:
            sites.insert(0, session.site)
        if session is not None and session.facilitator is not None and session.facilitator not in facilitators:
            facilitators.insert(0, session.facilitator)
        self.site_id.choices = [("", _l("Choose…"))] + [(s.id, f"{s.name} ({s.address})") for s in sites]
        self.facilitator_id.choices = [("", _l("None"))] + [(f.id, f.name) for f in facilitators]
        return self

    def load(self, session) -> SessionForm:
        """The form of an existing session, its instants shown in Brussels time."""
        for name in ("starts_at", "ends_at", "registration_deadline"):
            getattr(self, name).data = clock.to_local(getattr(session, name))
        return self

    def values(self) -> dict:
        data = {name: field.data for name, field in self._fields.items() if name != "csrf_token"}
        for name in ("starts_at", "ends_at", "registration_deadline"):
            data[name] = clock.to_utc(data[name])
        return data


class RegisterForm(BaseForm):
    organisation_id = SelectField(_l("For the organisation"), coerce=optional_id, validate_choice=False)
    people = MultiCheckboxField(_l("People to register"), coerce=int, validate_choice=False)


class CancelSessionForm(BaseForm):
    reason = TextAreaField(_l("Why the session is cancelled"), validators=[REQUIRED, max_length(1000)],
                           description=_l("The people registered read it."))


class AttendanceForm(BaseForm):
    present = MultiCheckboxField(_l("Present"), coerce=int, validate_choice=False)


class MinutesForm(BaseForm):
    minutes_fr = TextAreaField(_l("Minutes (French)"), validators=[max_length(20000)], render_kw={"rows": 10},
                               description=_l("Markdown: **bold**, *italics*, lists with -, links [text](https://…)."))
    minutes_nl = TextAreaField(_l("Minutes (Dutch)"), validators=[max_length(20000)], render_kw={"rows": 10})


class ResourceForm(BaseForm):
    title_fr = StringField(_l("Title (French)"), validators=[max_length(200)])
    title_nl = StringField(_l("Title (Dutch)"), validators=[max_length(200)])
    description_fr = TextAreaField(_l("Description (French)"), validators=[max_length(2000)])
    description_nl = TextAreaField(_l("Description (Dutch)"), validators=[max_length(2000)])
    theme = SelectField(_l("Theme"), choices=_theme_choices(), validate_choice=False)
    upload = FileField(_l("File"), description=_l("PDF, office document or image, 15 MB at most."))
    url = StringField(_l("Or a link"), validators=[max_length(500)])

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in ("title_fr", "title_nl", "description_fr",
                                                            "description_nl", "theme", "url")}


class FacilitatorForm(BaseForm):
    name = StringField(_l("Name"), validators=[max_length(200)])
    structure = StringField(_l("Organisation or collective"), validators=[max_length(200)])
    email = StringField(_l("Professional email"), validators=[max_length(254)])
    website = StringField(_l("Website"), validators=[max_length(500)])
    themes = MultiCheckboxField(_l("Subjects"), choices=_theme_choices(blank=False), validate_choice=False)
    languages = MultiCheckboxField(_l("Working languages"), choices=LANGUAGE_CHOICES, validate_choice=False)
    bio_fr = TextAreaField(_l("Presentation (French)"), validators=[max_length(2000)])
    bio_nl = TextAreaField(_l("Presentation (Dutch)"), validators=[max_length(2000)])
    active = BooleanField(_l("Shown in the list"), default=True)

    def values(self) -> dict:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}
