"""Checks of POST /instances with replica_of, before anything is created.

As in Trove, a replica takes its flavor, volume and datastore from its
source, so a request that names them is refused rather than half honoured;
so are initial databases and users, which a read-only replica cannot hold.
"""
from trove.common import exception
from trove.datastore import capabilities
from trove.db.api import instances as instances_db

# Keys whose value comes from the source for a replica.
FROM_SOURCE_KEYS = ('flavorRef', 'volume', 'datastore', 'databases',
                    'users', 'locality')


def is_replica_request(request):
    return request.get('replica_of') is not None


def check_replica_request(project_id, request):
    """The source record of a valid replica request, else a fault.

    404 for an unknown source or another project's instance (the lookup is
    scoped by project); 400 for the rest.
    """
    for key in FROM_SOURCE_KEYS:
        if request.get(key):
            raise exception.BadRequest(
                "'%s' cannot be given with 'replica_of': a replica takes "
                "it from its source." % key)
    source = instances_db.get_instance(project_id, request['replica_of'])
    if getattr(source, 'replica_of_id', None):
        raise exception.BadRequest(
            'Instance %s is a replica: a replica of a replica is not '
            'supported.' % source.id)
    version = source.datastore_version
    if not capabilities.of_version(version).supports('replication'):
        raise exception.BadRequest(
            'Datastore %s does not support replication.'
            % version.datastore.name)
    return source


def replica_count(request):
    return request.get('replica_count') or 1
