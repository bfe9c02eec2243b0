"""Where the suite runs, read once from the environment: SQLite (default) or PostgreSQL, inline jobs or Redis.

Importing this module builds nothing: unit tests may read it too.
"""
from __future__ import annotations

import os

DATABASE_URL = os.environ.get("DATABASE_URL")
ON_POSTGRES = bool(DATABASE_URL and DATABASE_URL.startswith(("postgres", "postgresql")))
REDIS_URL = os.environ.get("REDIS_URL")
