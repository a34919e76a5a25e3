"""Flavor bodies. Trove's "id" is an integer or null; "str_id" always holds
the id as a string, and troveclient falls back to it."""
from trove.api.v1.views import links


def _int_or_none(flavor_id):
    try:
        return int(flavor_id)
    except ValueError:
        return None


def flavor(view_context, record):
    return {
        'id': _int_or_none(record.id),
        'str_id': str(record.id),
        'name': record.name,
        'ram': record.ram,
        'vcpus': record.vcpus,
        'disk': record.disk,
        'ephemeral': 0,
        'links': links.resource_links(view_context, 'flavors', record.id),
    }


def flavors(view_context, records):
    return {'flavors': [flavor(view_context, record) for record in records]}
