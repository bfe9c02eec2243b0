"""The floor of `scripts/load`: the least a page of this stack can cost. Bare Flask and psycopg, no ORM, no session,
no extension: 50 rows of the 10,000 sites, read at a random offset and rendered through Jinja into a small page.
Served by the same gunicorn settings as the portal, so that a page's p90 divided by this one's says what the
portal's own work costs, whatever this machine's speed that day.

    DATABASE_URL=postgresql://… gunicorn --chdir scripts floor:app
"""
from __future__ import annotations

import os
import random

import psycopg
from flask import Flask, render_template_string

app = Flask(__name__)
PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Sites</title></head>
<body><main><h1>Sites</h1><table>
<thead><tr><th>#</th><th>Nom</th><th>Adresse</th><th>Commune</th></tr></thead>
<tbody>{% for id, name, address, postcode, commune in rows %}
<tr><td>{{ id }}</td><td><a href="/sites/{{ id }}">{{ name }}</a></td><td>{{ address }}, {{ postcode }}</td>
<td>{{ commune }}</td></tr>{% endfor %}
</tbody></table></main></body></html>"""
_connection: psycopg.Connection | None = None


def _database() -> psycopg.Connection:
    """One connection per worker process, opened at its first request (after gunicorn's fork), as a pool would."""
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection


@app.route("/floor")
def floor():
    rows = _database().execute(
        "SELECT id, name, address, postcode, commune FROM sites ORDER BY id LIMIT 50 OFFSET %s",
        (random.randrange(0, 9950),)).fetchall()
    return render_template_string(PAGE, rows=rows)
