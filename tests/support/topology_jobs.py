"""A job for `scripts/production --check`, run by the real RQ workers: it writes a row, then, on its first run only,
says which process runs it and waits to be killed there. Its row must not outlive the kill (run_job commits once, at
the end), and the job must run again, once, on another worker."""
from __future__ import annotations

import os
import time

from rq.registry import StartedJobRegistry
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.jobs.models import ScheduledJob
from portal.jobs.queue import redis_connection, rq_queue


def _key(label: str) -> str:
    return f"{rq_queue().name}:topology:{label}:pid"


def write_then_wait(label: str) -> None:
    now = clock.now()
    db.session.add(ScheduledJob(key=f"topology-{label}", func="topology.check", args=[], run_at=now, done_at=now))
    db.session.flush()                                        # sent to the database, not committed
    if redis_connection().set(_key(label), os.getpid(), nx=True):
        time.sleep(300)                                       # the first run waits here to be killed


def running_pid(label: str) -> int | None:
    value = redis_connection().get(_key(label))
    return int(value) if value else None


def written(label: str) -> int:
    return db.session.scalar(select(func.count()).select_from(ScheduledJob)
                             .where(ScheduledJob.key == f"topology-{label}"))


def abandoned_jobs_found() -> None:
    """What RQ's maintenance does: a started job whose worker stopped beating is abandoned, and retried."""
    StartedJobRegistry(queue=rq_queue()).cleanup()

