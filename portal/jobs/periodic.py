"""Safety sweeps that run every few minutes, whatever was scheduled: a missed job never leaves a dossier stuck.

Each feature declares its sweeps (portal.features.Feature.periodic). Without Redis, `flask jobs tick` (run by cron
or a systemd timer every minute) runs them with the due jobs; with Redis, `flask cron` runs RQ's cron scheduler,
which enqueues them for the workers.
"""
from __future__ import annotations

from portal.features import periodic_jobs
from portal.jobs.queue import run_job


def run_periodic() -> int:
    jobs = periodic_jobs()
    for path, _interval in jobs:
        run_job(path)
    return len(jobs)
