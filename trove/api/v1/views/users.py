"""User bodies, from what a guest reports. Only the listed keys are
shown: nothing else a guest might add (never a password) gets out."""
from trove.api.v1.views import databases


def user(record):
    return {'name': record['name'],
            'host': record.get('host') or '%',
            'databases': databases.refs(record.get('databases'))}


def marker(record):
    """The key users are ordered and paged by: name@host."""
    return '%s@%s' % (record['name'], record.get('host') or '%')
