from __future__ import annotations

import importlib
import logging
from datetime import datetime

from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session
from sqlalchemy import event, select, update

from portal import clock
from portal.database import write_intent
from portal.extensions import db

log = logging.getLogger(__name__)


def _path(func) -> str:
    return func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"


def _resolve(path: str):
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def redis_connection():
    from redis import Redis

    return Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=5)


def rq_queue():
    from rq import Queue

    return Queue(current_app.config["RQ_QUEUE"], connection=redis_connection())


def run_job(path: str, *args):
    """The one entry point of every job, inline or in an RQ worker: fresh app context, one commit."""
    if has_app_context():
        app = current_app._get_current_object()
    else:  # an RQ worker started without the app: build it once per process
        from portal.app import create_app

        app = create_app()
    token = write_intent.set(True)
    try:
        # A fresh app context (its own session), and a request context at the public address so that
        # url_for works in jobs as it does in views.
        with app.app_context(), app.test_request_context(base_url=app.config["BASE_URL"]):
            try:
                result = _resolve(path)(*args)
                db.session.commit()
                return result
            except Exception:
                db.session.rollback()
                raise
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
        return rq_queue().enqueue(run_job, path, *args, job_timeout=600)
    return run_job(path, *args)


def schedule_at(when: datetime, func, *args, key: str | None = None):
    """Run func(*args) at `when` (aware). A key replaces an earlier schedule with the same key."""
    path = _path(func)
    if current_app.config.get("REDIS_URL"):
        queue = rq_queue()
        if key:
            from rq.exceptions import NoSuchJobError
            from rq.job import Job

            try:
                Job.fetch(key, connection=queue.connection).delete()
            except NoSuchJobError:
                pass
        return queue.enqueue_at(when, run_job, path, *args, job_id=key)
    from portal.jobs.models import ScheduledJob

    existing = db.session.scalar(select(ScheduledJob).where(ScheduledJob.key == key)) if key else None
    if existing is not None:
        existing.func, existing.args, existing.run_at, existing.done_at = path, list(args), when, None
        return existing
    job = ScheduledJob(key=key, func=path, args=list(args), run_at=when)
    db.session.add(job)
    return job


def run_due_jobs() -> int:
    """Run the scheduled jobs whose time has come (inline mode). Returns how many ran."""
    from portal.jobs.models import ScheduledJob

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


@event.listens_for(Session, "after_commit")
def _run_after_commit(session):
    pending = session.info.pop("after_commit", [])
    for func, args in pending:
        try:
            _dispatch(func, *args)
        except Exception:  # the commit stands; a failed side effect is logged, not raised to the user
            log.exception("job %s failed after commit", _path(func))


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session):
    session.info.pop("after_commit", None)
