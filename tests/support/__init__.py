"""Everything the tests share, and the only place a test module imports test code from.

- fixtures: the pytest plugin (declared in tests/conftest.py): the app, the database reset, clients, jobs, `world`.
- environment: where the suite runs (SQLite or PostgreSQL, inline jobs or Redis), read from the environment.
- web: what the web tests drive and read: the signed-in test client, the job runner, emails, counts, query counts.
- factories: users, organisations, memberships and the standard cast (`world`), as rows.
- sites, calls, evaluation, reports, sharing: the rows of each feature, in any state and with any dates.
- browser: what the browser journeys share: submitting a form, reading a catalogue, a site made as its owner would.
- people: plain users and organisations (no database) for the permission predicates of the unit tests.
- access_matrix: the expected answers of every route to every role, feature by feature (tests/web/test_access_matrix).

Unit tests (tests/unit) use only the modules that need no app: environment and people.
"""
