"""Occupants' reports on their occupancy, and the figures owners and the Guichet read from them."""
