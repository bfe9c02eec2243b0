"""Entretemps: the partner portal for temporary occupancy of vacant buildings in Brussels."""
