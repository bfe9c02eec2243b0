"""Safety sweeps that run every few minutes, whatever was scheduled: a missed job never leaves a dossier stuck.

Without Redis, `flask jobs tick` (run by cron or a systemd timer every minute) runs them with the due jobs;
with Redis, `flask cron` runs RQ's cron scheduler, which enqueues them for the workers.
"""
from __future__ import annotations

# (job path, interval in seconds)
PERIODIC = (
    ("calls.jobs.sweep_calls", 300),
    ("occupancies.agreements.jobs.sweep_agreements", 300),
    ("occupancies.reports.jobs.sweep_reports", 3600),
    ("occupancies.sharing.jobs.sweep_sessions", 900),
)


def run_periodic() -> int:
    from portal.jobs.queue import run_job

    for path, _interval in PERIODIC:
        run_job(path)
    return len(PERIODIC)
