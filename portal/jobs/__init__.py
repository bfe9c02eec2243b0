"""One way to run work later for the whole portal.

enqueue(func, *args)        run now, in the background (RQ) or inline without REDIS_URL
schedule_at(when, func, *a) run at an instant: RQ's scheduler, or the scheduled_jobs table
                            that `flask jobs tick` (and the tests) run without REDIS_URL
after_commit(func, *args)   enqueue only if, and once, the current transaction commits
after_rollback(func, *args) call only if the current transaction rolls back (clean up a stored file)

Jobs take ids, never objects, and the organisation id explicitly when they need one.
"""
from portal.jobs.queue import after_commit, after_rollback, enqueue, schedule_at  # noqa: F401
