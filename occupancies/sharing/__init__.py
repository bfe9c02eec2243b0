"""Sharing sessions between the Charter\x27s signatories, the resource library, the registry of initiatives and the facilitators."""
