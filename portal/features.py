"""How a feature plugs into the shell: one declaration per feature, walked by create_app and by the pages that
gather what every feature brings (the dashboards, the panels of other features' pages).

Each feature package has a `feature.py` whose `FEATURE = Feature(...)` says, in one place, what it brings: its
blueprints, the modules of its models, its notification kinds and audit labels, its template helpers (one
namespace per feature: `{{ CALLS.can_edit_call(current_user, call) }}`), the tasks it puts on a member's dashboard,
its sections of the Guichet's dashboard, its panels on lower features' pages, what it provides and the events it
follows, and its periodic sweeps. The shell never imports a feature by name: portal.app lists the features (it is
the top layer), and everything else reads the installed list with `installed()` (docs/architecture.md).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum
from types import MappingProxyType, ModuleType, SimpleNamespace

from flask import Flask, current_app
from markupsafe import Markup


class Urgency(IntEnum):
    """How pressing a task is: the dashboard lists the most pressing first."""

    overdue = 0   # a deadline has passed
    due = 1       # someone waits for this member's move
    info = 2      # worth knowing, nothing is late


@dataclass(frozen=True)
class DashboardTask:
    """One line of 'What waits for you': already worded in the reader's language."""

    text: str
    url: str
    action: str                           # the button's label
    due: date | datetime | None = None    # when it is due, if it is
    urgency: Urgency = Urgency.due


@dataclass(frozen=True)
class Figure:
    """A number of the region shown on the Guichet's dashboard, with what it counts."""

    value: str
    label: str
    id: str = ""


# What a feature may give each hook: callables, so that nothing runs until a page asks.
TasksOf = Callable[[object, object, datetime], Iterable[DashboardTask]]   # (user, organisation, now)
SectionsOf = Callable[[object, object, datetime], Iterable[Markup]]        # (user, the Guichet, now)
FiguresOf = Callable[[], Iterable[Figure]]                                 # the region in figures
PanelsOf = Callable[..., Iterable[Markup]]                                 # (the page's object, user, …)


@dataclass(frozen=True)
class Feature:
    name: str                                      # also the templates' namespace, in capitals
    blueprints: Sequence = ()
    models: Sequence[ModuleType] = ()              # imported so that the metadata (and Alembic) know the tables
    # {"call__published": Kind(…)} (portal.notifications.registry.Kind; "__" stands for the ".")
    notification_kinds: Mapping[str, object] = field(default_factory=dict)
    audit_labels: Mapping[str, object] = field(default_factory=dict)       # {"call.published": _l(…)}
    template_helpers: Mapping[str, object] = field(default_factory=dict)
    template_filters: Mapping[str, Callable] = field(default_factory=dict)
    dashboard_tasks: TasksOf | None = None
    guichet_sections: SectionsOf | None = None
    region_figures: FiguresOf | None = None
    # What it shows on the pages of features below it: {place: callable(…) -> Markup sections}. A place is named
    # by the page and the spot that show it ("site", "call.owner"…); docs/architecture.md lists them, with their
    # arguments. The page asks `panels(place, …)` in its template.
    panels: Mapping[str, PanelsOf] = field(default_factory=dict)
    # What it answers when a feature below it asks ({name: callable}, features.provided(name)): data a lower page
    # shows without importing the feature that knows it.
    provides: Mapping[str, Callable] = field(default_factory=dict)
    periodic: Sequence[tuple[str, int]] = ()       # (job path, interval in seconds): the safety sweeps
    # What it does when a lower feature's event happens ({blinker signal: receiver(sender)}): how a feature lower
    # in the layers sets something in motion in a higher one without importing it.
    subscriptions: Mapping[object, Callable] = field(default_factory=dict)

    @property
    def namespace(self) -> str:
        return self.name.upper()


def helpers_of(*modules: ModuleType, prefixes: tuple[str, ...] = ("can_",), **extra) -> dict:
    """A feature's template helpers: the predicates of its permission modules (can_…) and named extras."""
    helpers = {}
    for module in modules:
        helpers.update({name: value for name, value in vars(module).items()
                        if name.startswith(prefixes) and callable(value)})
    helpers.update(extra)
    return helpers


KEY = "entretemps.features"


@dataclass(frozen=True)
class Installed:
    """What create_app installed: the features, and what they declared for the whole portal to read."""

    features: tuple[Feature, ...]
    notification_kinds: Mapping[str, object]   # {"call.published": Kind(…)}
    audit_labels: Mapping[str, object]         # {"call.published": _l("Published by the Guichet")}


def install(app: Flask, features: Sequence[Feature]) -> None:
    """Register what each feature brings, in the order given (the order of the dashboards' sections)."""
    names = [feature.name for feature in features]
    duplicated = {name for name in names if names.count(name) > 1}
    if duplicated:
        raise ValueError(f"features declared twice: {sorted(duplicated)}")
    kinds, labels = {}, {}
    for feature in features:
        for blueprint in feature.blueprints:
            app.register_blueprint(blueprint)
        kinds.update({code.replace("__", "."): kind for code, kind in feature.notification_kinds.items()})
        labels.update(feature.audit_labels)
        if feature.namespace in app.jinja_env.globals:
            raise ValueError(f"the template namespace {feature.namespace} is taken")
        app.jinja_env.globals[feature.namespace] = SimpleNamespace(**feature.template_helpers)
        app.jinja_env.filters.update(feature.template_filters)
        for signal, receiver in feature.subscriptions.items():
            signal.connect(receiver)  # the same receiver twice (another app in the process) is connected once
    app.extensions[KEY] = Installed(tuple(features), MappingProxyType(kinds), MappingProxyType(labels))


def installed() -> tuple[Feature, ...]:
    return current_app.extensions[KEY].features


def notification_kinds() -> Mapping[str, object]:
    """Every kind of notification the features send, by code ("call.published")."""
    return current_app.extensions[KEY].notification_kinds


def audit_labels() -> Mapping[str, object]:
    """How each audit action reads in a history, by code."""
    return current_app.extensions[KEY].audit_labels


def periodic_jobs() -> tuple[tuple[str, int], ...]:
    """Every feature's safety sweeps: (job path, interval in seconds)."""
    return tuple(job for feature in installed() for job in feature.periodic)


def dashboard_tasks(user, organisation, now: datetime) -> list[DashboardTask]:
    """What waits for this member of this organisation: the most pressing first, then in the features' order."""
    tasks = [task for feature in installed() if feature.dashboard_tasks
             for task in feature.dashboard_tasks(user, organisation, now)]
    return sorted(tasks, key=lambda task: task.urgency)


def guichet_sections(user, guichet, now: datetime) -> list[Markup]:
    """The sections of the Guichet's dashboard that the features bring, in their order."""
    return [section for feature in installed() if feature.guichet_sections
            for section in feature.guichet_sections(user, guichet, now)]


def region_figures() -> list[Figure]:
    """The region in figures, as the features count it."""
    return [figure for feature in installed() if feature.region_figures for figure in feature.region_figures()]


def panels(place: str, *args) -> list[Markup]:
    """What the features show at this place of a page, in their order (nothing when none does)."""
    return [panel for feature in installed() if place in feature.panels for panel in feature.panels[place](*args)]


def provided(name: str, default: Callable | None = None) -> Callable:
    """The function a feature provides under this name, or `default` when no installed feature does."""
    for feature in installed():
        if name in feature.provides:
            return feature.provides[name]
    if default is None:
        raise LookupError(f"no installed feature provides {name!r}")
    return default

