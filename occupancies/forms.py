from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FileField,
    FloatField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange, Optional, Regexp, ValidationError

from occupancies.workflow import (
    OCCUPANT_TYPE_LABELS,
    SITE_KIND_LABELS,
    UNIT_KIND_LABELS,
    USE_LABELS,
    UnitKind,
)
from portal.forms import REQUIRED, BaseForm, MultiCheckboxField, choices, commune_choices, max_length


class SiteForm(BaseForm):
    name = StringField(_l("Name of the site"), validators=[REQUIRED, max_length(160)])
    address = StringField(_l("Street and number"), validators=[REQUIRED, max_length(250)])
    postcode = StringField(_l("Postcode"), validators=[REQUIRED, Regexp(r"^1\d{3}$", message=_l(
        "A Brussels postcode has four digits and starts with 1."))])
    commune = SelectField(_l("Commune"), validators=[REQUIRED])
    latitude = FloatField(_l("Latitude"), validators=[REQUIRED], description=_l(
        "Click the map to place the site, or type its coordinates (WGS84), e.g. 50.8466."))
    longitude = FloatField(_l("Longitude"), validators=[REQUIRED], description=_l("For example 4.3528."))
    kind = SelectField(_l("Kind of site"), validators=[REQUIRED])
    total_surface = DecimalField(_l("Total surface (m²)"), places=2, validators=[Optional(), NumberRange(
        min=0, max=10_000_000, message=_l("Give a surface between 0 and 10,000,000 m²."))])
    has_water = BooleanField(_l("Water"))
    has_heating = BooleanField(_l("Heating"))
    has_electricity = BooleanField(_l("Electricity"))
    step_free = BooleanField(_l("Step-free access"))
    public_transport = BooleanField(_l("Near public transport"))
    heritage_protected = BooleanField(_l("Protected heritage"))
    protected = BooleanField(_l("Protected place: do not publish its address"),
                             description=_l("Emergency or transit housing, a shelter, any place whose exact address "
                                            "would expose its occupants. The public reads its commune and a point "
                                            "about 500 m away; you, its occupants and the Guichet see it exactly."))
    constraints_fr = TextAreaField(_l("Constraints (French)"), validators=[Optional(), max_length(4000)])
    constraints_nl = TextAreaField(_l("Constraints (Dutch)"), validators=[Optional(), max_length(4000)])
    available_from = DateField(_l("Available from"), validators=[Optional()])
    available_until = DateField(_l("Available until"), validators=[Optional()],
                                description=_l("Leave empty if the end is not known."))
    description_fr = TextAreaField(_l("Description in French"), validators=[REQUIRED, max_length(8000)])
    description_nl = TextAreaField(_l("Description in Dutch"), validators=[REQUIRED, max_length(8000)])
    description_en = TextAreaField(_l("Description in English (optional)"), validators=[Optional(), max_length(8000)])

    def prepare(self):
        self.commune.choices = commune_choices()
        self.kind.choices = choices(SITE_KIND_LABELS)
        return self

    def validate_available_until(self, field):
        if field.data and self.available_from.data and field.data < self.available_from.data:
            raise ValidationError(str(_l("The end of the availability cannot come before its start.")))

    def values(self) -> dict:
        return {name: self[name].data for name in (
            "name", "address", "postcode", "commune", "latitude", "longitude", "kind", "total_surface", "has_water",
            "has_heating", "has_electricity", "step_free", "public_transport", "heritage_protected", "protected",
            "constraints_fr", "constraints_nl", "available_from", "available_until", "description_fr",
            "description_nl", "description_en")}


class UnitForm(BaseForm):
    kind = SelectField(_l("Kind"), validators=[REQUIRED])
    bedrooms = IntegerField(_l("Bedrooms"), validators=[Optional(), NumberRange(min=0, max=20, message=_l(
        "Give a number of bedrooms between 0 and 20."))], description=_l("For a flat or a house."))
    label_fr = StringField(_l("Name in French"), validators=[REQUIRED, max_length(120)],
                           description=_l("How the unit is known on site, e.g. \"2e étage gauche\"."))
    label_nl = StringField(_l("Name in Dutch"), validators=[REQUIRED, max_length(120)],
                           description=_l("The same in Dutch, e.g. \"2de verdieping links\"."))
    surface = DecimalField(_l("Surface (m²)"), places=2, validators=[Optional(), NumberRange(
        min=0, max=1_000_000, message=_l("Give a surface between 0 and 1,000,000 m²."))])

    def prepare(self):
        self.kind.choices = choices(UNIT_KIND_LABELS, _l("Choose a kind"))
        return self

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.kind.data in (UnitKind.flat.value, UnitKind.house.value) and self.bedrooms.data is None \
                and not self.bedrooms.errors:
            self.bedrooms.errors = [str(_l("Give the number of bedrooms of the flat or house."))]
            return False
        return valid

    def values(self) -> dict:
        return {"kind": self.kind.data, "bedrooms": self.bedrooms.data, "label_fr": self.label_fr.data,
                "label_nl": self.label_nl.data, "surface": self.surface.data}


class OccupancyForm(BaseForm):
    unit_ids = MultiCheckboxField(_l("Units"), coerce=int, validators=[REQUIRED])
    occupant_id = SelectField(_l("Occupant organisation"), coerce=lambda v: int(v) if v else None,
                              validators=[Optional()])
    external_occupant = StringField(_l("Or the occupant's name, if it is not on Entretemps"),
                                    validators=[Optional(), max_length(200)],
                                    description=_l("For occupancies that predate the portal."))
    start_date = DateField(_l("Start"), validators=[REQUIRED])
    end_date = DateField(_l("End"), validators=[Optional()], description=_l("Leave empty if the end is open."))
    use_category = SelectField(_l("Use"), validators=[REQUIRED])
    occupant_type = SelectField(_l("Type of occupant"), validators=[REQUIRED])
    agreement_reference = StringField(_l("Reference of the paper agreement"), validators=[Optional(), max_length(120)])
    agreement_file = FileField(_l("The signed agreement (PDF)"), validators=[Optional()])

    def prepare(self, units, occupants):
        self.unit_ids.choices = [(unit.id, unit.label) for unit in units]
        self.occupant_id.choices = [("", _l("Not on Entretemps"))] + [(o.id, o.name) for o in occupants]
        self.use_category.choices = choices(USE_LABELS, _l("Choose a use"))
        self.occupant_type.choices = choices(OCCUPANT_TYPE_LABELS, _l("Choose a type"))
        return self

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(str(_l("The end cannot come before the start.")))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not self.occupant_id.data and not self.external_occupant.data:
            self.external_occupant.errors = list(self.external_occupant.errors) + [
                str(_l("Choose the occupant organisation or give the occupant's name."))]
            return False
        return valid

    def values(self) -> dict:
        return {name: self[name].data for name in (
            "unit_ids", "occupant_id", "external_occupant", "start_date", "end_date", "use_category",
            "occupant_type", "agreement_reference")}


class PhotoForm(BaseForm):
    photo = FileField(_l("Photo"), validators=[REQUIRED], description=_l("JPEG, PNG or WebP, at most 10 MB."))
    caption = StringField(_l("Caption"), validators=[Optional(), max_length(200)])


class PublishSiteForm(BaseForm):
    """The Guichet's publication of a site: a confirmation that the server checks, so that it holds without
    JavaScript too."""

    confirm = BooleanField(
        _l("I have checked the site and its location: publish it."),
        validators=[DataRequired(message=_l("Tick the box to confirm the publication."))],
        description=_l("The site will appear at once on the public list and map and in the open data (CSV, GeoJSON "
                       "and API). It can be withdrawn from the list later, but copies already downloaded by others "
                       "cannot be recalled."))
