"""The states of a vacancy signal, the moves between them, and their words."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal.workflow import Workflow


class PlaceKind(StrEnum):
    dwelling = "dwelling"
    building = "building"
    ground_floor = "ground_floor"    # a commercial ground floor
    land = "land"


class OwnerType(StrEnum):
    public = "public"
    private = "private"
    unknown = "unknown"


class Evidence(StrEnum):
    low_consumption = "low_consumption"     # water or electricity use low over 12 consecutive months
    no_furniture = "no_furniture"
    fiscal_data = "fiscal_data"             # the tax on vacant buildings, fines
    population_data = "population_data"     # nobody registered at the address
    neighbours = "neighbours"
    photos = "photos"


class SignalStatus(StrEnum):
    unconfirmed = "unconfirmed"   # sent by the public, its address not yet confirmed by the link
    pending = "pending"           # waiting for the commune's moderation
    accepted = "accepted"         # on the register, its outcome still open
    merged = "merged"             # the same place as another signal, merged into it
    rejected = "rejected"         # refused by the commune, with its reason
    site = "site"                 # became a site on the register of a public owner
    dgp_case = "dgp_case"         # a DGP case was opened on it
    occupancy = "occupancy"       # a temporary occupancy
    closed = "closed"             # occupied again, not vacant or demolished: the reason says which


class Closure(StrEnum):
    occupied_again = "occupied_again"
    not_vacant = "not_vacant"
    demolished = "demolished"


OUTCOMES = frozenset({SignalStatus.site, SignalStatus.dgp_case, SignalStatus.occupancy, SignalStatus.closed})
OPEN = frozenset({SignalStatus.accepted})
# What the region counts as a vacancy on the register: accepted, with or without an outcome since.
ON_REGISTER = frozenset({SignalStatus.accepted}) | OUTCOMES

SIGNALS = Workflow({
    SignalStatus.unconfirmed: {SignalStatus.pending},
    SignalStatus.pending: {SignalStatus.accepted, SignalStatus.merged, SignalStatus.rejected},
    SignalStatus.accepted: {SignalStatus.merged} | OUTCOMES,
})

KIND_LABELS = {
    PlaceKind.dwelling: _l("Dwelling"),
    PlaceKind.building: _l("Whole building"),
    PlaceKind.ground_floor: _l("Commercial ground floor"),
    PlaceKind.land: _l("Land"),
}
OWNER_TYPE_LABELS = {
    OwnerType.public: _l("Public owner"),
    OwnerType.private: _l("Private owner"),
    OwnerType.unknown: _l("Owner not known"),
}
EVIDENCE_LABELS = {
    Evidence.low_consumption: _l("Low water or electricity use over 12 consecutive months"),
    Evidence.no_furniture: _l("No furniture"),
    Evidence.fiscal_data: _l("Fiscal data (tax on vacant buildings, fines)"),
    Evidence.population_data: _l("Nobody registered at the address"),
    Evidence.neighbours: _l("Neighbours' reports"),
    Evidence.photos: _l("Photos"),
}
STATUS_LABELS = {
    SignalStatus.unconfirmed: _l("Address not confirmed"),
    SignalStatus.pending: _l("Awaiting moderation"),
    SignalStatus.accepted: _l("On the register"),
    SignalStatus.merged: _l("Merged"),
    SignalStatus.rejected: _l("Rejected"),
    SignalStatus.site: _l("Became a site"),
    SignalStatus.dgp_case: _l("DGP case opened"),
    SignalStatus.occupancy: _l("Temporarily occupied"),
    SignalStatus.closed: _l("Closed"),
}
STATUS_BADGES = {
    SignalStatus.unconfirmed: "light", SignalStatus.pending: "warning", SignalStatus.accepted: "primary",
    SignalStatus.merged: "secondary", SignalStatus.rejected: "secondary", SignalStatus.site: "success",
    SignalStatus.dgp_case: "info", SignalStatus.occupancy: "success", SignalStatus.closed: "dark",
}
CLOSURE_LABELS = {
    Closure.occupied_again: _l("Occupied again"),
    Closure.not_vacant: _l("Not vacant"),
    Closure.demolished: _l("Demolished"),
}
# What the moderator may record as the outcome of a signal on the register (a DGP case is opened from the case).
OUTCOME_LABELS = {
    SignalStatus.site: _l("It became a site on our register"),
    SignalStatus.occupancy: _l("It is temporarily occupied"),
    SignalStatus.closed: _l("Close it"),
}
