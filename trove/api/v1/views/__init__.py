"""Builders of response bodies, one module per resource.

Views take a ViewContext (links, admin-only fields, the time) instead of
reading the request, so they are plain functions of their inputs.
"""
import collections

ViewContext = collections.namedtuple(
    'ViewContext', ['base_url', 'project_id', 'is_admin', 'now'])


def isotime(value):
    """Trove's timestamp format, e.g. 2026-11-25T12:00:00 (UTC)."""
    return value.strftime('%Y-%m-%dT%H:%M:%S') if value else None
