"""Sharing sessions between the Charter's signatories, the resource library, the registry of initiatives and
the facilitators."""
