"""Demo reports, so that the dashboards are not empty.

- ISSUE's six sites: a report for each quarter of their agreements, all acknowledged, with plausible counts of
  people housed by axis, entries and exits (the last quarter sees everyone leave, most to durable housing).
- The Ransfort school's occupants report on their activities: the past quarters acknowledged; for the quarter
  that ended in September, Collectif Interstices' report waits for the commune, Communa's is overdue and
  L'Ilot's was returned with a question; the current quarter's reports are still to fill in.

The schedule creates the reports (the operation); their past content is written directly, dated as it happened.
Idempotent: a report already filled in is left alone."""
from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from occupancies.agreements.models import Agreement
from occupancies.agreements.workflow import AgreementStatus
from occupancies.reports.models import Report
from occupancies.reports.operations import schedule_reports
from occupancies.reports.workflow import ReportKind, ReportStatus
from portal import clock
from portal.demo.sites import ISSUE_SITES
from portal.extensions import db
from portal.roles import Role

NEIGHBOURHOOD = ["Bonnes relations avec les voisins ; un goûter de quartier a été organisé.",
                 "Quelques plaintes pour le bruit en soirée, réglées lors d'une rencontre avec le comité de quartier.",
                 "Le voisinage participe au potager et aux repas partagés.",
                 "Relations calmes ; la concierge de l'immeuble voisin est une alliée précieuse."]
INCIDENTS = ["", "", "Une fuite d'eau à la salle de bain, réparée par le propriétaire.",
             "Une dispute entre deux résidents, apaisée par l'équipe d'accompagnement.", ""]
NEEDS = ["", "Remplacement de la chaudière avant l'hiver.", "", "Un second extincteur au rez-de-chaussée.", ""]
ACTIVITIES = ["Ateliers hebdomadaires, une scène ouverte par mois et une fête de quartier.",
              "Ateliers de réparation, formations et un marché de seconde main.",
              "Jardin partagé, compostage collectif et une journée portes ouvertes."]


def _at(day, hour=10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _housing(reports, rng, dwellings: int, axis: str) -> None:
    persons = 0
    capacity = max(2, dwellings * 2)
    for index, report in enumerate(reports):
        last = index == len(reports) - 1 and report.agreement.status == AgreementStatus.ended
        if last:
            entries, leaving = 0, persons
        else:
            entries = capacity - persons if index == 0 else rng.randint(0, 2)
            leaving = 0 if index == 0 else max(0, min(persons, entries + rng.randint(-1, 1)))
        durable = round(leaving * (0.7 if last else 0.5))
        rest = leaving - durable
        street, institution = min(rest, rng.randint(0, 1)), 0
        rest -= street
        if rest:
            institution = rng.randint(0, rest)
        other = rest - institution
        persons = persons + entries - leaving
        report.entries, report.exits_durable, report.exits_street = entries, durable, street
        report.exits_institution, report.exits_other_housing = institution, other
        report.persons = persons
        report.households = min(persons, max(0, (persons + 1) // 2)) if persons else 0
        if axis == "2":
            report.persons_axis2 = persons
        else:
            report.persons_axis3 = persons // 4
            report.persons_axis1 = persons - report.persons_axis3
        report.neighbourhood = rng.choice(NEIGHBOURHOOD)
        report.incidents, report.support_needs = rng.choice(INCIDENTS), rng.choice(NEEDS)


def _activities(reports, rng, text: str) -> None:
    for report in reports:
        report.activities = rng.randint(6, 14)
        report.audience = report.activities * rng.randint(12, 30)
        report.activities_text, report.neighbourhood = text, rng.choice(NEIGHBOURHOOD)
        report.incidents, report.support_needs = rng.choice(INCIDENTS), rng.choice(NEEDS)


def _close(report, status, occupant_user, owner_user) -> None:
    report.status = status
    report.submitted_at = _at(report.due_on - timedelta(days=9))
    report.submitted_by_id = occupant_user
    if status == ReportStatus.acknowledged:
        report.reviewed_at, report.reviewed_by_id = _at(report.due_on + timedelta(days=6), 14), owner_user
        report.owner_comment = "Merci pour ce rapport clair."


def _writer(organisation):
    members = sorted(organisation.memberships, key=lambda m: (m.role != Role.admin, m.id))
    return members[0].user_id if members else None


def load_reports() -> None:
    today = clock.today()
    dwellings = {site[0]: site[8] for site in ISSUE_SITES}
    agreements = db.session.scalars(select(Agreement).where(Agreement.status.in_(
        (AgreementStatus.active, AgreementStatus.ended))).order_by(Agreement.id)).unique().all()
    for agreement in agreements:
        schedule_reports(agreement, today)
        reports = db.session.scalars(select(Report).where(Report.agreement_id == agreement.id)
                                     .order_by(Report.period_start)).unique().all()
        if any(r.status != ReportStatus.draft for r in reports):
            continue
        rng = random.Random(agreement.reference)
        occupant_user, owner_user = _writer(agreement.occupant), _writer(agreement.owner)
        past = [r for r in reports if r.period_end < today]
        if reports and reports[0].kind == ReportKind.housing:
            name = agreement.site.name
            _housing(past, rng, dwellings.get(name, 2), "2" if reports[0].use_category.value ==
                     "emergency_housing" else "1")
        else:
            _activities(past, rng, ACTIVITIES[agreement.id % len(ACTIVITIES)])
        for report in past:
            _close(report, ReportStatus.acknowledged, occupant_user, owner_user)
        if agreement.status == AgreementStatus.active and past:
            latest = past[-1]
            slug = agreement.occupant.slug
            if slug == "collectif-interstices":
                _close(latest, ReportStatus.submitted, occupant_user, owner_user)
            elif slug == "communa":
                latest.status, latest.submitted_at, latest.submitted_by_id = ReportStatus.draft, None, None
            elif slug == "l-ilot":
                _close(latest, ReportStatus.returned, occupant_user, owner_user)
                latest.reviewed_at, latest.reviewed_by_id = _at(latest.due_on - timedelta(days=3), 14), owner_user
                latest.owner_question = ("Combien de personnes du quartier ont participé au compostage, et le "
                                         "composteur a-t-il besoin d'être déplacé ?")
    db.session.flush()
