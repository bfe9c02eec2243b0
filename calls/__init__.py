"""Open calls, their applications and their evaluation (issues 5 and 6)."""
