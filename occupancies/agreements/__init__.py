"""Precarious occupancy agreements (issue 7): from a selected application, or from scratch, to a signed PDF, an
active occupancy, amendments and the end."""
