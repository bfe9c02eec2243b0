"""Applications to open calls (issue 5)."""
