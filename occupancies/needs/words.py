"""The matching's lines in words, in the reader's language ("Surface: 120 m² within 80–150 m²"). A line is kept as
JSON (NeedMatch.lines: code, met, points, values with dates and amounts as text) and read here, by the pages and
by the e-mails, which render each language in turn."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.lists import format_list
from flask_babel import gettext as _

from occupancies.needs import rules
from occupancies.needs.workflow import EQUIPMENT_LABELS
from occupancies.workflow import (
    AVAILABILITY_LABELS,
    SITE_KIND_LABELS,
    SITE_STATUS_LABELS,
    UNIT_KIND_LABELS,
    USE_LABELS,
)
from portal.i18n import current_language, format_day, format_money, format_number
from portal.region import commune_name

MAX_POINTS = {"surface": rules.SURFACE_POINTS, "uses": rules.USE_POINTS, "equipment": rules.EQUIPMENT_POINTS}


def as_json(line: rules.Line) -> dict:
    """A rule's line as stored: its dates and amounts as text."""
    values = {key: (value.isoformat() if isinstance(value, date) else str(value) if isinstance(value, Decimal)
                    else value) for key, value in line.values.items()}
    return {"code": line.code, "met": line.met, "points": line.points, "values": values}


def _day(value) -> str:
    return format_day(date.fromisoformat(value)) if value else ""


def _amount(value) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _listed(values, labels) -> str:
    return format_list([str(labels.get(value, value)) for value in values], locale=current_language())


def _area(value) -> str:
    return format_number(_amount(value).normalize() if value else value)


def _range(low, high) -> str:
    if low and high:
        return _("%(low)s–%(high)s m²", low=_area(low), high=_area(high))
    if low:
        return _("at least %(low)s m²", low=_area(low))
    return _("at most %(high)s m²", high=_area(high))


def _availability(values) -> str:
    start, end = values.get("from"), values.get("until")
    if start and end:
        return _("from %(start)s to %(end)s", start=_day(start), end=_day(end))
    if start:
        return _("from %(start)s, with no end set", start=_day(start))
    if end:
        return _("now, until %(end)s", end=_day(end))
    return _("now, with no end set")


def _commune(met, values) -> str:
    name = commune_name(values.get("commune"), current_language())
    if not values.get("communes"):
        return _("Commune: %(commune)s (any commune suits)", commune=name)
    if met:
        return _("Commune: %(commune)s, among those sought", commune=name)
    return _("Commune: %(commune)s, not among those sought", commune=name)


def _kind(met, values) -> str:
    kind = SITE_KIND_LABELS.get(values.get("kind"), values.get("kind"))
    if not values.get("wanted"):
        return _("Kind: %(kind)s (built or not suits)", kind=kind)
    if met:
        return _("Kind: %(kind)s, as sought", kind=kind)
    return _("Kind: %(kind)s, while %(wanted)s is sought", kind=kind,
             wanted=SITE_KIND_LABELS.get(values["wanted"], values["wanted"]))


def _period(met, values) -> str:
    available = _availability(values)
    if met:
        return _("Period: available %(available)s, for the period sought", available=available)
    if values.get("late"):
        return _("Period: available %(available)s, too late for a start on %(start)s", available=available,
                 start=_day(values.get("start")))
    return _("Period: available %(available)s, ends before %(end)s", available=available,
             end=_day(values.get("end")))


def _budget(met, values) -> str:
    if values.get("unknown"):
        return _("Terms: to be agreed with the owner")
    fee, most = _amount(values.get("fee")), _amount(values.get("max"))
    if fee is None or fee == 0:
        return _("Budget: a free use")
    if met:
        if most is None:
            return _("Budget: %(fee)s a month", fee=format_money(fee))
        return _("Budget: %(fee)s a month, within %(max)s", fee=format_money(fee), max=format_money(most))
    if values.get("free_only"):
        return _("Budget: %(fee)s a month, while a free use is sought", fee=format_money(fee))
    return _("Budget: %(fee)s a month, above %(max)s", fee=format_money(fee), max=format_money(most))


def _surface(met, values) -> str:
    if not values.get("min") and not values.get("max"):
        return _("Surface: no range sought")
    if values.get("unknown"):
        return _("Surface: not given by the owner")
    sought = _range(values.get("min"), values.get("max"))
    surface = _area(values.get("surface"))
    if met:
        return _("Surface: %(surface)s m² within %(range)s", surface=surface, range=sought)
    if values.get("near"):
        return _("Surface: %(surface)s m², close to %(range)s", surface=surface, range=sought)
    return _("Surface: %(surface)s m², outside %(range)s", surface=surface, range=sought)


def _uses(met, values) -> str:
    if values.get("any"):
        return _("Uses: any use suits")
    if met:
        return _("Uses in common: %(uses)s", uses=_listed(values.get("common") or (), USE_LABELS))
    return _("Uses: none of those sought")


def _equipment(met, values) -> str:
    if met:
        return _("Equipment: all that is needed")
    return _("Equipment missing: %(missing)s", missing=_listed(values.get("missing") or (), EQUIPMENT_LABELS))


SENTENCES = {"commune": _commune, "kind": _kind, "period": _period, "budget": _budget, "surface": _surface,
             "uses": _uses, "equipment": _equipment}


def sentence(line: dict) -> str:
    """A stored line in the reader's language, with its points out of the most it could score."""
    text = SENTENCES[line["code"]](line["met"], line.get("values") or {})
    if line.get("points") is None:
        return text
    return _("%(line)s (%(points)s/%(most)s)", line=text, points=line["points"], most=MAX_POINTS[line["code"]])


def summary(lines: list[dict]) -> str:
    """Every line of a match, one after the other (an e-mail's paragraph)."""
    return "; ".join(sentence(line) for line in lines)


def search_summary(target: str, filters) -> str:
    """A saved search's default name, from its filters in the reader's language ("Calls · Ixelles · Culture")."""
    parts = [_("Sites") if target == "sites" else _("Calls")]
    if filters.commune:
        parts.append(commune_name(filters.commune, current_language()))
    if getattr(filters, "kind", None):
        parts.append(str(SITE_KIND_LABELS.get(filters.kind, filters.kind)))
    if getattr(filters, "unit_kind", None):
        parts.append(str(UNIT_KIND_LABELS.get(filters.unit_kind, filters.unit_kind)))
    if filters.use:
        parts.append(str(USE_LABELS.get(filters.use, filters.use)))
    if getattr(filters, "status", None) and filters.status in SITE_STATUS_LABELS:
        parts.append(str(SITE_STATUS_LABELS[filters.status]))
    if getattr(filters, "availability", None) in AVAILABILITY_LABELS and filters.availability != "now":
        parts.append(str(AVAILABILITY_LABELS[filters.availability]))
    if filters.q:
        parts.append(f"“{filters.q}”")
    return " · ".join(parts)[:120]
