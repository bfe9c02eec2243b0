"""The only writers of the vacancy register: a report (direct, moderated, or from the public once its address is
confirmed), the moderation (accept, merge, reject), and what became of a signal."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from occupancies.operations import UPLOAD_MESSAGES
from occupancies.vacancies import permissions as p
from occupancies.vacancies import queries, rules
from occupancies.vacancies.models import VacancySignal
from occupancies.vacancies.workflow import SIGNALS, Closure, SignalStatus
from portal import audit, clock, uploads
from portal.accounts.rules import new_invitation_token, normalise_email
from portal.errors import OperationError, Problems
from portal.extensions import db
from portal.jobs import after_rollback
from portal.notifications.operations import notify, send_email_to_address
from portal.permissions import require
from portal.region import COMMUNES

AREA = "vacancies"
FIELDS = ("street", "number", "postcode", "commune", "latitude", "longitude", "kind", "owner_type", "owner_name",
          "owner_contact", "vacant_since", "evidence", "notes")


def _new_signal(values: dict, photo, status: SignalStatus, **reporter) -> VacancySignal:
    problems = rules.signal_problems(values, clock.today())
    photo_file = None
    if photo is not None:
        try:
            photo_file, _width, _height = uploads.store_image(photo, AREA)
        except uploads.UploadError as error:
            problems["photo"] = UPLOAD_MESSAGES.get(error.code, UPLOAD_MESSAGES["not_image"])
        else:
            after_rollback(uploads.remove, AREA, photo_file)
    if problems:
        if photo_file:
            uploads.remove(AREA, photo_file)
        raise Problems(problems)
    data = {name: values.get(name) for name in FIELDS}
    data["evidence"] = sorted(set(data.get("evidence") or []))
    for name in ("owner_name", "owner_contact", "notes", "street", "number"):
        data[name] = (data.get(name) or "").strip()
    signal = VacancySignal(**data, status=status, photo_file=photo_file,
                           address_key=rules.address_key(data["street"], data["number"], data["postcode"]),
                           **reporter)
    db.session.add(signal)
    db.session.flush()
    return signal


def report_signal(organisation, values: dict, *, photo=None, actor) -> VacancySignal:
    """The Guichet's report (organisation None), and a commune's or a CPAS's in its own commune, go onto the
    register at once; an association's, or one of another commune, wait for the commune's moderation."""
    require(p.can_report_for_region(actor) if organisation is None else p.can_report(actor, organisation))
    direct = organisation is None or rules.concerns(organisation, values.get("commune"))
    status = SignalStatus.accepted if direct else SignalStatus.pending
    signal = _new_signal(values, photo, status, reported_by_id=actor.id,
                         reporter_organisation_id=organisation.id if organisation is not None else None,
                         reporter_email=actor.email, reporter_language=actor.language,
                         decided_at=clock.now() if direct else None)
    audit.record("vacancy.reported", target=signal, actor=actor, organisation=organisation,
                 changes={"status": [None, status], "commune": [None, signal.commune]})
    if not direct:
        _tell_moderators(signal)
    return signal


def report_from_public(values: dict, *, email: str, language: str, photo=None, confirm_link) -> VacancySignal:
    """Someone of the public reports a place: nothing is shown to anyone until they follow the link sent to their
    address (`confirm_link(token)`), within SIGN_UP_HOURS; a report never confirmed is then deleted."""
    now = clock.now()
    for stale in db.session.scalars(db.select(VacancySignal).where(
            VacancySignal.status == SignalStatus.unconfirmed, VacancySignal.confirm_by <= now)):
        uploads.remove(AREA, stale.photo_file)
    db.session.execute(delete(VacancySignal).where(VacancySignal.status == SignalStatus.unconfirmed,
                                                   VacancySignal.confirm_by <= now))
    token, token_hash = new_invitation_token()
    email = normalise_email(email)
    signal = _new_signal(values, photo, SignalStatus.unconfirmed, reporter_email=email, reporter_language=language,
                         token_hash=token_hash,
                         confirm_by=now + timedelta(hours=current_app.config["SIGN_UP_HOURS"]))
    send_email_to_address(email, language, "vacancy.confirm", {"address": signal.address}, confirm_link(token))
    return signal


def confirm_public_signal(token: str) -> VacancySignal:
    """The link sent to the public reporter: the signal goes to the commune's moderation (the link works once)."""
    signal = queries.signal_for_token(token, clock.now())
    if signal is None:
        raise OperationError(_l("This link is not valid: it has expired (links are valid for a day) or it was "
                                "already used."))
    SIGNALS.transition(signal, SignalStatus.pending)
    signal.token_hash = None
    audit.record("vacancy.confirmed", target=signal, changes={"status": ["unconfirmed", "pending"]})
    _tell_moderators(signal)
    return signal


def _tell_moderators(signal) -> None:
    organisation = queries.commune_organisation(signal.commune)
    french, dutch = COMMUNES[signal.commune]
    notify(queries.moderators_of(signal.commune), "vacancy.to_moderate", organisation=organisation,
           params={"address": signal.address, "commune": {"fr": french, "nl": dutch}},
           link=_signal_link(signal, organisation))


def _signal_link(signal, organisation) -> str:
    if organisation is None:
        return url_for("guichet_vacancies.signal", signal_id=signal.id)
    return url_for("vacancies.signal", org_slug=organisation.slug, signal_id=signal.id)


def _tell_reporter(signal, kind: str, params: dict) -> None:
    """The reporter hears what became of their report: in their inbox, or by e-mail for the public."""
    if signal.from_the_public:
        send_email_to_address(signal.reporter_email, signal.reporter_language, kind, params, "")
    elif signal.reporter_organisation is not None:
        notify([m.user for m in signal.reporter_organisation.memberships if m.user_id == signal.reported_by_id],
               kind, params=params, organisation=signal.reporter_organisation,
               link=_signal_link(signal, signal.reporter_organisation))


def accept_signal(signal, *, actor) -> None:
    require(p.can_moderate(actor, signal, queries.commune_organisation(signal.commune) is not None))
    SIGNALS.transition(signal, SignalStatus.accepted)
    signal.decided_at = clock.now()
    audit.record("vacancy.accepted", target=signal, actor=actor,
                 changes={"status": [SignalStatus.pending, SignalStatus.accepted]})
    _tell_reporter(signal, "vacancy.accepted", {"address": signal.address})


def reject_signal(signal, *, reason: str, actor) -> None:
    require(p.can_moderate(actor, signal, queries.commune_organisation(signal.commune) is not None))
    if not (reason or "").strip():
        raise OperationError(_l("Give the reason: the person who reported it reads it."), field="reason")
    SIGNALS.transition(signal, SignalStatus.rejected)
    signal.decided_at, signal.reason = clock.now(), reason.strip()
    audit.record("vacancy.rejected", target=signal, actor=actor, reason=signal.reason,
                 changes={"status": [SignalStatus.pending, SignalStatus.rejected]})
    _tell_reporter(signal, "vacancy.rejected", {"address": signal.address, "reason": signal.reason})


def merge_signal(signal, into: VacancySignal | None, *, actor) -> None:
    """The same place as a signal already known: merged into it, which keeps its evidence and its notes."""
    require(p.can_moderate(actor, signal, queries.commune_organisation(signal.commune) is not None))
    if into is None or into.id not in {other.id for other in queries.duplicates_of(signal)}:
        raise OperationError(_l("Choose one of the signals of the same address."), field="merge_into")
    source = signal.status
    SIGNALS.transition(signal, SignalStatus.merged)
    signal.decided_at, signal.merged_into_id = clock.now(), into.id
    into.evidence = sorted(set(into.evidence or []) | set(signal.evidence or []))
    if signal.vacant_since and (into.vacant_since is None or signal.vacant_since < into.vacant_since):
        into.vacant_since = signal.vacant_since
    audit.record("vacancy.merged", target=signal, actor=actor,
                 changes={"status": [source, SignalStatus.merged], "merged_into": [None, into.id]})
    audit.record("vacancy.merged_here", target=into, actor=actor, changes={"signal": [None, signal.id]})
    _tell_reporter(signal, "vacancy.accepted", {"address": signal.address})


def record_outcome(signal, outcome: SignalStatus, *, site=None, closure: Closure | None = None, reason: str = "",
                   actor) -> None:
    """What became of a signal on the register: a site of the register (which one), a temporary occupancy, or
    closed with its reason. A DGP case is recorded by the case that is opened on it."""
    require(p.can_record_outcome(actor, signal))
    problems = {}
    if outcome in (SignalStatus.site, SignalStatus.occupancy) and site is None:
        problems["site_id"] = _l("Choose the site it became, among your organisation's sites.")
    if outcome == SignalStatus.closed and closure is None:
        problems["closure"] = _l("Say why it is closed.")
    if outcome not in (SignalStatus.site, SignalStatus.occupancy, SignalStatus.closed, SignalStatus.dgp_case):
        problems["outcome"] = _l("Choose what became of it.")
    if problems:
        raise Problems(problems)
    source = SIGNALS.transition(signal, outcome)
    signal.site_id = site.id if site is not None else None
    signal.closure = closure if outcome == SignalStatus.closed else None
    signal.reason = (reason or "").strip()
    audit.record("vacancy.outcome", target=signal, actor=actor, reason=signal.reason or None,
                 changes={"status": [source, outcome], "site": [None, signal.site_id],
                          "closure": [None, signal.closure]})
