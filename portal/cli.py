"""Commands: `flask demo load`, `flask demo codes`, `flask worker`, `flask cron`, `flask jobs tick`."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup


def _has_second_factor(email: str) -> bool:
    from portal.accounts.queries import find_user_by_email

    user = find_user_by_email(email)
    return user is not None and user.totp_secret is not None


def register(app: Flask) -> None:
    demo = AppGroup("demo", help="Demonstration data.")
    jobs = AppGroup("jobs", help="Background jobs.")

    @demo.command("load")
    def demo_load():
        """Load the demonstration organisations and accounts (idempotent; never in production)."""
        if current_app.config["PORTAL_ENV"] == "production":
            raise click.ClickException("The demo's accounts have known passwords and second factors: it is never "
                                       "loaded in production.")
        from portal.demo import load
        from portal.demo.second_factor import demo_secret

        accounts = load()
        click.echo("Demo accounts (development only):")
        for role, email, password in accounts:
            click.echo(f"  {role:<22} {email:<42} {password}")
        click.echo("\nTheir second factor: the Guichet's staff and the administrators ask for a code after the "
                   "password.\nAdd the secret below to an authenticator application (time-based, 6 digits, 30 s), or "
                   "read the code of\nnow with 'flask demo codes' (.venv/bin/flask demo codes):")
        for _role, email, _password in accounts:
            if _has_second_factor(email):
                click.echo(f"  {email:<52} {demo_secret(email)}")

    @demo.command("codes")
    def demo_codes():
        """The codes of now of the demo accounts' second factors, and their recovery codes (development only)."""
        if current_app.config["PORTAL_ENV"] == "production":
            raise click.ClickException("There is no demo in production.")
        from portal.demo.organisations import DOMAIN
        from portal.demo.second_factor import demo_codes

        click.echo(f"  {'account':<52} code now   a recovery code (works once)")
        for email, code, recovery in demo_codes(DOMAIN):
            click.echo(f"  {email:<52} {code or 'wait 30 s'}    {recovery or '-'}")

    @jobs.command("tick")
    def jobs_tick():
        """Run the scheduled jobs that are due and the safety sweeps (without REDIS_URL: every minute)."""
        from portal.jobs.periodic import run_periodic
        from portal.jobs.queue import run_due_jobs

        click.echo(f"{run_due_jobs()} job(s) run, {run_periodic()} sweep(s).")

    @app.cli.command("cron")
    def cron():
        """RQ's cron scheduler: enqueues the safety sweeps for the workers (REDIS_URL deployments, run one)."""
        if not current_app.config.get("REDIS_URL"):
            raise click.ClickException("REDIS_URL is not set: run 'flask jobs tick' every minute instead.")
        from rq.cron import CronScheduler

        from portal.features import periodic_jobs
        from portal.jobs.queue import redis_connection, run_job

        scheduler = CronScheduler(connection=redis_connection())
        for path, interval in periodic_jobs():
            scheduler.register(run_job, current_app.config["RQ_QUEUE"], args=(path,), interval=interval)
        scheduler.start()

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
    def worker(burst: bool):
        """An RQ worker with its scheduler, for REDIS_URL deployments (run several side by side)."""
        if not current_app.config.get("REDIS_URL"):
            raise click.ClickException("REDIS_URL is not set: jobs run inline, no worker is needed.")
        from rq import SimpleWorker

        from portal.jobs.queue import redis_connection, rq_queue

        SimpleWorker([rq_queue()], connection=redis_connection()).work(burst=burst, with_scheduler=True)

    app.cli.add_command(demo)
    app.cli.add_command(jobs)
