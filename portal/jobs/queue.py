from __future__ import annotations

import importlib
import logging
from datetime import datetime, timedelta

from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session
from redis import Redis
from rq import Queue, Retry
from rq.exceptions import NoSuchJobError
from rq.job import Job
from sqlalchemy import event, select, update

from portal import clock
from portal.database import write_intent
from portal.errors import OperationError
from portal.extensions import db
from portal.jobs.models import ScheduledJob

log = logging.getLogger(__name__)


def _path(func) -> str:
    return func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"


def _resolve(path: str):
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def redis_connection():
    return Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=5)


def rq_queue():
    return Queue(current_app.config["RQ_QUEUE"], connection=redis_connection())


def run_job(path: str, *args):
    """The one entry point of every job, inline or in an RQ worker: fresh app context, one commit.

    Jobs call operations and never commit: this runner commits once when the job returns, or rolls everything back
    when it raises. A rule's refusal (OperationError) is an answer, not a failure: nothing is saved and the job
    returns None (a sweep will try again when the rule allows it)."""
    if has_app_context():
        app = current_app._get_current_object()
    else:
        # An RQ worker started without the app (`rq worker`, not `flask worker`) builds it: the app factory is the
        # top layer, imported here only, when a job runs outside any app.
        from portal.app import create_app

        app = create_app()
    token = write_intent.set(True)
    try:
        # A fresh app context (its own session), and a request context at the public address so that
        # url_for works in jobs as it does in views.
        with app.app_context(), app.test_request_context(base_url=app.config["BASE_URL"]):
            try:
                result = _resolve(path)(*args)
            except OperationError as refusal:
                db.session.rollback()
                log.info("job %s refused: %s", path, refusal.message)
                return None
            except Exception:
                db.session.rollback()
                raise
            db.session.commit()
            return result
    finally:
        write_intent.reset(token)


def enqueue(func, *args):
    """Run func(*args) in the background; inside an open transaction, once it has committed."""
    if db.session().in_transaction():
        return after_commit(func, *args)
    return _dispatch(func, *args)


def _dispatch(func, *args):
    path = _path(func)
    if current_app.config.get("REDIS_URL"):
        return rq_queue().enqueue(run_job, path, *args, job_timeout=current_app.config["JOB_TIMEOUT"],
                                  retry=_retry())
    return run_job(path, *args)


def _retry() -> Retry | None:
    """Runs again of a job that raised, or that RQ finds abandoned by a worker that died under it."""
    delays = list(current_app.config.get("JOB_RETRY_DELAYS") or ())
    return Retry(max=len(delays), interval=delays) if delays else None


def scheduled_job_id(queue: Queue, key: str) -> str:
    """The RQ id of a keyed schedule. Job ids are global to a Redis server: named after the queue too, so that two
    deployments (or two test processes) sharing a Redis never replace each other's "close-call-1"."""
    return f"{queue.name}--{key}"


def whole_second_after(when: datetime) -> datetime:
    """RQ's scheduler keeps a moment as whole seconds, cut down (calendar.timegm): a job for 17:00:00.4 would run
    at 17:00:00, before its moment, and find a deadline not yet passed. Rounded up, it runs at or after it."""
    return when if not when.microsecond else when.replace(microsecond=0) + timedelta(seconds=1)


def schedule_at(when: datetime, func, *args, key: str | None = None):
    """Run func(*args) at `when` (aware). A key replaces an earlier schedule with the same key."""
    path = _path(func)
    if current_app.config.get("REDIS_URL"):
        queue = rq_queue()
        job_id = scheduled_job_id(queue, key) if key else None
        if job_id:
            try:
                Job.fetch(job_id, connection=queue.connection).delete()
            except NoSuchJobError:
                pass
        return queue.enqueue_at(whole_second_after(when), run_job, path, *args, job_id=job_id,
                                job_timeout=current_app.config["JOB_TIMEOUT"], retry=_retry())
    existing = db.session.scalar(select(ScheduledJob).where(ScheduledJob.key == key)) if key else None
    if existing is not None:
        existing.func, existing.args, existing.run_at, existing.done_at = path, list(args), when, None
        return existing
    job = ScheduledJob(key=key, func=path, args=list(args), run_at=when)
    db.session.add(job)
    return job


def run_due_jobs() -> int:
    """Run the scheduled jobs whose time has come (inline mode). Returns how many ran."""
    due = db.session.execute(
        select(ScheduledJob.id, ScheduledJob.func, ScheduledJob.args)
        .where(ScheduledJob.done_at.is_(None), ScheduledJob.run_at <= clock.now())
        .order_by(ScheduledJob.run_at)
    ).all()
    db.session.commit()
    ran = 0
    for job_id, func, args in due:
        # Claim the job first, so that two tickers never run it twice.
        claimed = db.session.execute(
            update(ScheduledJob).where(ScheduledJob.id == job_id, ScheduledJob.done_at.is_(None))
            .values(done_at=clock.now())
        ).rowcount
        db.session.commit()
        if not claimed:
            continue
        try:
            run_job(func, *args)
            ran += 1
        except Exception as error:  # keep the others running; the error stays on the row
            log.exception("scheduled job %s failed", func)
            db.session.execute(update(ScheduledJob).where(ScheduledJob.id == job_id).values(error=repr(error)))
            db.session.commit()
    return ran


def after_commit(func, *args) -> None:
    db.session.connection()  # inside a transaction, so that a rollback drops the job with it
    db.session.info.setdefault("after_commit", []).append((func, args))


def after_rollback(func, *args) -> None:
    """Call func(*args) if the current transaction rolls back: e.g. remove a file stored for a row never saved."""
    db.session.connection()
    db.session.info.setdefault("after_rollback", []).append((func, args))


# What a transaction queued runs when it commits, and what it asked to clean up runs when it rolls back. SQLAlchemy
# fires after_commit and after_rollback for savepoints too (a sweep gives each item its own): releasing a savepoint
# hands its jobs to the enclosing transaction, rolling one back drops only what was queued inside it. Each open
# savepoint remembers how long both lists were when it began.

def _savepoints(session) -> list[tuple[int, int]]:
    return session.info.setdefault("savepoints", [])


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session, transaction):
    if transaction.nested:
        _savepoints(session).append(
            (len(session.info.get("after_commit", ())), len(session.info.get("after_rollback", ()))))


@event.listens_for(Session, "after_commit")
def _run_after_commit(session):
    if session.in_nested_transaction():     # a savepoint released: its jobs wait for the enclosing commit
        if _savepoints(session):
            _savepoints(session).pop()
        return
    session.info.pop("savepoints", None)
    session.info.pop("after_rollback", None)
    pending = session.info.pop("after_commit", [])
    for func, args in pending:
        try:
            _dispatch(func, *args)
        except Exception:  # the commit stands; a failed side effect is logged, not raised to the user
            log.exception("job %s failed after commit", _path(func))


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session):
    if session.in_nested_transaction():     # a savepoint rolled back: only what it queued goes
        savepoints = _savepoints(session)
        jobs_before, clean_ups_before = savepoints.pop() if savepoints else (0, 0)
        del session.info.get("after_commit", [])[jobs_before:]
        clean_ups = session.info.get("after_rollback", [])
        undone, clean_ups[clean_ups_before:] = clean_ups[clean_ups_before:], []
    else:
        session.info.pop("savepoints", None)
        session.info.pop("after_commit", None)
        undone = session.info.pop("after_rollback", [])
    for func, args in undone:
        try:
            func(*args)
        except Exception:  # a failed clean-up is logged; the rollback stands
            log.exception("clean-up %s failed after rollback", _path(func))
