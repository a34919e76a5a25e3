"""Declarative models of configurations (imported by trove.db.models, so that one
metadata holds every table)."""
