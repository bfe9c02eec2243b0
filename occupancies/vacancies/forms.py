"""The forms of the vacancy register: the report (of a member, or of the public with its address), the commune's
decision, and the outcome."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, FileField, FloatField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional, Regexp, ValidationError

from occupancies.vacancies.rules import signal_problems
from occupancies.vacancies.workflow import (
    CLOSURE_LABELS,
    EVIDENCE_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    OWNER_TYPE_LABELS,
    Closure,
    OwnerType,
    PlaceKind,
    SignalStatus,
)
from portal import clock
from portal.forms import (
    EMAIL,
    REQUIRED,
    BaseForm,
    MultiCheckboxField,
    choices,
    commune_choices,
    max_length,
    optional_id,
)


class SignalForm(BaseForm):
    street = StringField(_l("Street"), validators=[REQUIRED, max_length(200)])
    number = StringField(_l("Number"), validators=[REQUIRED, max_length(20)], description=_l("With its box or "
                                                                                            "letter, e.g. 12A."))
    postcode = StringField(_l("Postcode"), validators=[REQUIRED, Regexp(r"^1\d{3}$", message=_l(
        "A Brussels postcode has four digits and starts with 1."))])
    commune = SelectField(_l("Commune"), validators=[REQUIRED])
    latitude = FloatField(_l("Latitude"), validators=[REQUIRED, NumberRange(min=50.75, max=50.93, message=_l(
        "Place the point in the Brussels region (latitude between 50.75 and 50.93)."))],
        description=_l("Click the map to place it, or type its coordinates (WGS84), e.g. 50.8466."))
    longitude = FloatField(_l("Longitude"), validators=[REQUIRED, NumberRange(min=4.24, max=4.49, message=_l(
        "Place the point in the Brussels region (longitude between 4.24 and 4.49)."))],
        description=_l("For example 4.3528."))
    kind = SelectField(_l("What is vacant"), validators=[REQUIRED])
    owner_type = RadioField(_l("Owner"), validators=[REQUIRED], default=OwnerType.unknown.value)
    owner_name = StringField(_l("Owner's name, if known"), validators=[Optional(), max_length(200)],
                             description=_l("A private owner's identity is read only by the commune and its CPAS."))
    owner_contact = StringField(_l("Owner's contact, if known"), validators=[Optional(), max_length(300)])
    vacant_since = DateField(_l("Vacant since (as far as known)"), validators=[Optional()])
    evidence = MultiCheckboxField(_l("What shows it is vacant"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), max_length(4000)],
                          description=_l("What you saw, and since when."))
    photo = FileField(_l("A photo (optional)"), validators=[Optional()],
                      description=_l("JPEG, PNG or WebP, at most 10 MB; its location and camera data are removed."))

    def prepare(self):
        self.commune.choices = commune_choices()
        self.kind.choices = choices(KIND_LABELS, _l("Choose"))
        self.owner_type.choices = choices(OWNER_TYPE_LABELS)
        self.evidence.choices = choices(EVIDENCE_LABELS)
        return self

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks and the rules beyond them (rules.signal_problems), said all at once."""
        valid = super().validate(extra_validators)
        found = signal_problems({name: self[name].data for name in (
            "commune", "vacant_since", "owner_type", "owner_name", "owner_contact")}, clock.today())
        for name, message in found.items():
            if not self[name].errors:
                self[name].errors = [*self[name].errors, str(message)]
                valid = False
        return valid

    def values(self) -> dict:
        values = {name: self[name].data for name in (
            "street", "number", "postcode", "commune", "latitude", "longitude", "owner_name", "owner_contact",
            "vacant_since", "notes")}
        values["kind"] = PlaceKind(self.kind.data)
        values["owner_type"] = OwnerType(self.owner_type.data)
        values["evidence"] = list(self.evidence.data or [])
        return values


class PublicSignalForm(SignalForm):
    email = StringField(_l("Your email address"), validators=[REQUIRED, EMAIL, max_length(254)],
                        description=_l("We send a link to it: your report goes to the commune once you follow it. "
                                       "The commune may write to you about it; nobody else reads it."))


class DecisionForm(BaseForm):
    decision = RadioField(_l("Decision"), validators=[REQUIRED], choices=[
        ("accept", _l("Put it on the register")), ("merge", _l("Merge it with a signal of the same address")),
        ("reject", _l("Reject it"))])
    merge_into = SelectField(_l("Signal to merge into"), coerce=optional_id, validators=[Optional()])
    reason = TextAreaField(_l("Reason of the rejection"), validators=[Optional(), max_length(2000)],
                           description=_l("The person who reported it reads it."))

    def prepare(self, duplicates):
        self.merge_into.choices = [("", _l("Choose"))] + [
            (d.id, _l("No. %(id)d, reported on %(day)s", id=d.id, day=d.created_at.date().isoformat()))
            for d in duplicates]
        return self

    def validate_merge_into(self, field):
        if self.decision.data == "merge" and not field.data:
            raise ValidationError(str(_l("Choose one of the signals of the same address.")))

    def validate_reason(self, field):
        if self.decision.data == "reject" and not field.data:
            raise ValidationError(str(_l("Give the reason: the person who reported it reads it.")))


class OutcomeForm(BaseForm):
    outcome = RadioField(_l("What became of it"), validators=[REQUIRED])
    site_id = SelectField(_l("The site"), coerce=optional_id, validators=[Optional()],
                          description=_l("One of your organisation's sites."))
    closure = SelectField(_l("Why it is closed"), validators=[Optional()])
    reason = TextAreaField(_l("Note"), validators=[Optional(), max_length(2000)])

    def prepare(self, sites):
        self.outcome.choices = choices(OUTCOME_LABELS)
        self.site_id.choices = [("", _l("Choose"))] + [(s.id, s.name) for s in sites]
        self.closure.choices = choices(CLOSURE_LABELS, _l("Choose"))
        return self

    def validate_site_id(self, field):
        if self.outcome.data in (SignalStatus.site, SignalStatus.occupancy) and not field.data:
            raise ValidationError(str(_l("Choose the site it became, among your organisation's sites.")))

    def validate_closure(self, field):
        if self.outcome.data == SignalStatus.closed and not field.data:
            raise ValidationError(str(_l("Say why it is closed.")))

    def chosen_closure(self) -> Closure | None:
        return Closure(self.closure.data) if self.closure.data else None
