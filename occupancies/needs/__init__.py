"""Needs (issue 20): what associations look for, matched against the sites and calls the owners publish."""
