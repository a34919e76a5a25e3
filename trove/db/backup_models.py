"""Declarative models of backups (imported by trove.db.models, so that one
metadata holds every table)."""
