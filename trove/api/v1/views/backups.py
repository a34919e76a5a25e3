"""Backup and backup strategy bodies, as Trove shows them."""
from trove.api.v1.views import isotime

GB = 1024.0 ** 3


def backup(view_context, row):
    version = row.datastore_version
    body = {
        'id': row.id,
        'name': row.name,
        'description': row.description,
        'status': row.status,
        'instance_id': row.instance_id,
        'parent_id': row.parent_id,
        # GB, as Trove reports it (the stored, compressed size).
        'size': round(row.size / GB, 6) if row.size is not None else None,
        'checksum': row.checksum,
        'locationRef': row.location,
        'datastore': {'type': version.datastore.name,
                      'version': version.name,
                      'version_id': version.id},
        'created': isotime(row.created),
        'updated': isotime(row.updated),
        'project_id': row.project_id,
        'storage_driver': row.storage_driver,
    }
    if row.fault and row.status in ('FAILED', 'DELETE_FAILED'):
        body['fault'] = row.fault   # why, in words the user can act on
    return body


def strategy(row):
    return {'project_id': row.project_id,
            'instance_id': row.instance_id or None,
            'backend': row.backend,
            'swift_container': row.swift_container}
