"""Datastore and datastore version bodies (as troveclient reads them)."""
from trove.api.v1.views import links


def version(view_context, record, include_datastore_id=True):
    body = {
        'id': record.id,
        'name': record.name,
        'version': record.version or record.name,
        'active': record.active,
        'image': record.image_id,
        'packages': record.packages,
        'links': links.resource_links(view_context, 'datastores/versions',
                                      record.id),
    }
    if include_datastore_id:
        body['datastore'] = record.datastore_id
    return body


def datastore(view_context, record, versions):
    body = {
        'id': record.id,
        'name': record.name,
        'links': links.resource_links(view_context, 'datastores', record.id),
        'versions': [version(view_context, item, include_datastore_id=False)
                     for item in versions],
    }
    # troveclient looks the default up among the listed versions and fails
    # if it is missing (e.g. inactive and hidden), so only name a listed one.
    if record.default_version_id in [item.id for item in versions]:
        body['default_version'] = record.default_version_id
    return body


def mgmt_version(view_context, record):
    """Trove's admin view of a version: its manager, images, and whether
    it is its datastore's default."""
    datastore = record.datastore
    body = version(view_context, record)
    body.update({
        'datastore_id': record.datastore_id,
        'datastore_name': datastore.name,
        'datastore_manager': record.manager,
        'image_tags': [tag for tag in (record.image_tags or '').split(',')
                       if tag],
        'default': datastore.default_version_id == record.id,
    })
    return body
