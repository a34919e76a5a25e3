"""trove-manage: operator commands on the control DB."""
import sys

from oslo_config import cfg

from trove.cmd import common
from trove.compute import base as compute_base
from trove.conf import CONF
from trove.configuration import parameters
from trove.datastore import capabilities
from trove.datastore import detect
from trove.db.api import datastores as datastores_api
from trove.db.api import flavors as flavors_api
from trove.db import migration

# Sizes a new user can pick from; RAM drives the engines' memory settings.
DEFAULT_FLAVORS = [
    ('1', 'db.tiny', 256, 1, 0),
    ('2', 'db.small', 512, 1, 0),
    ('3', 'db.medium', 1024, 1, 0),
    ('4', 'db.large', 2048, 2, 0),
]


def db_sync():
    migration.upgrade()
    print('Database schema is at revision %s.' % migration.current_revision())


def datastore_update():
    datastore = datastores_api.upsert_datastore(
        CONF.action.datastore_name, CONF.action.default_version or None)
    print('Datastore %s updated.' % datastore.name)


def _capabilities(manager):
    """The JSON capabilities of ``manager``'s manifest, or None (with a
    warning: the API then leaves every feature to the guest to refuse).
    A malformed manifest fails the command (ValueError)."""
    found = capabilities.load_manifest(manager)
    if found is None:
        print('Warning: no manifest in %s names manager %s; its '
              'capabilities are unknown.'
              % (capabilities.manifest_dir(), manager))
    return capabilities.to_column(found)


def _image_tags(text):
    """--image-tags trove,mariadb: the list of tags (none: [])."""
    return [tag.strip() for tag in (text or '').split(',') if tag.strip()]


def datastore_version_update():
    a = CONF.action
    datastores_api.upsert_version(
        a.datastore, a.version_name, a.manager, image_id=a.image_id or None,
        packages=a.packages or None, active=bool(int(a.active)),
        version=a.version, capabilities=_capabilities(a.manager),
        image_tags=_image_tags(a.image_tags))
    print('Datastore version %s of %s updated.'
          % (a.version_name, a.datastore))


def flavor_update():
    a = CONF.action
    flavors_api.upsert_flavor(a.flavor_id, a.flavor_name, a.ram, a.vcpus,
                              a.disk)
    print('Flavor %s (%s) updated.' % (a.flavor_id, a.flavor_name))


def register_local():
    """Register the engines installed on this host and default flavors.

    With --image-tags, each version's image (nova driver) is the newest
    carrying those tags and its datastore's name; without, versions keep
    the image they have."""
    for flavor in DEFAULT_FLAVORS:
        flavors_api.upsert_flavor(*flavor)
    found = detect.detect()
    tags = _image_tags(CONF.action.image_tags)
    for engine, version_name, full_version in found:
        datastores_api.upsert_datastore(engine.datastore)
        image = {}
        if tags:
            image['image_tags'] = tags + [engine.datastore]
        datastores_api.upsert_version(engine.datastore, version_name,
                                      engine.manager,
                                      packages=engine.packages,
                                      version=full_version,
                                      capabilities=_capabilities(
                                          engine.manager), **image)
        datastores_api.upsert_datastore(engine.datastore, version_name)
        print('Registered datastore %s version %s (%s).'
              % (engine.datastore, version_name, full_version))
        rules = parameters.load_shipped(engine.datastore, version_name)
        if rules:
            print('Loaded its configuration parameters from %s.' % rules)
    if not found:
        print('No database engine found on this host.')


def db_load_datastore_config_parameters():
    a = CONF.action
    count = parameters.load(a.datastore, a.datastore_version,
                            a.config_file_location)
    print('Loaded %d configuration parameters of datastore %s version %s.'
          % (count, a.datastore, a.datastore_version))


def stop_instances():
    """Power off every instance of this host (before a host shutdown); the
    taskmanager powers them on again when it starts."""
    driver = compute_base.load_driver()
    for instance_id in driver.list_servers():
        driver.stop_server(instance_id)
        print('Stopped instance %s.' % instance_id)


def purge_servers():
    """Delete the server of every instance on this host (volumes, data,
    addresses, cgroups): for throwaway deployments, such as tests."""
    driver = compute_base.load_driver()
    for instance_id in driver.list_servers():
        driver.delete_server(instance_id)
        print('Deleted the server of instance %s.' % instance_id)


def _add_parsers(subparsers):
    subparsers.add_parser('db_sync', help='Create or upgrade the schema.'
                          ).set_defaults(func=db_sync)

    parser = subparsers.add_parser('datastore_update')
    parser.add_argument('datastore_name')
    parser.add_argument('default_version', nargs='?', default='')
    parser.set_defaults(func=datastore_update)

    parser = subparsers.add_parser('datastore_version_update')
    parser.add_argument('datastore')
    parser.add_argument('version_name')
    parser.add_argument('manager')
    parser.add_argument('image_id')
    parser.add_argument('packages')
    parser.add_argument('active')
    parser.add_argument('--version', help='Full version of the engine.')
    parser.add_argument(
        '--image-tags', dest='image_tags', default='',
        help='Comma-separated Glance tags: without an image id, the nova '
        'driver boots the newest active image carrying them all.')
    parser.set_defaults(func=datastore_version_update)

    parser = subparsers.add_parser('flavor_update')
    parser.add_argument('flavor_id')
    parser.add_argument('flavor_name')
    parser.add_argument('ram', type=int, help='MB')
    parser.add_argument('vcpus', type=int)
    parser.add_argument('disk', type=int, nargs='?', default=0, help='GB')
    parser.set_defaults(func=flavor_update)

    parser = subparsers.add_parser(
        'db_load_datastore_config_parameters',
        help='Load the configuration parameters a datastore version '
        'accepts from a validation-rules JSON file.')
    parser.add_argument('datastore')
    parser.add_argument('datastore_version')
    parser.add_argument('config_file_location')
    parser.set_defaults(func=db_load_datastore_config_parameters)

    parser = subparsers.add_parser(
        'register_local', help='Register the engines found on this host '
        'and the default flavors.')
    parser.add_argument(
        '--image-tags', dest='image_tags', default='',
        help='Comma-separated Glance tags: each version registered boots '
        'the newest image carrying them and its datastore\'s name.')
    parser.set_defaults(func=register_local)

    subparsers.add_parser(
        'stop_instances', help='Power off the instances of this host.'
    ).set_defaults(func=stop_instances)

    subparsers.add_parser(
        'purge_servers', help='Delete every instance server of this host, '
        'data included (throwaway deployments only).'
    ).set_defaults(func=purge_servers)


def main():
    CONF.register_cli_opt(cfg.SubCommandOpt('action', handler=_add_parsers))
    common.setup()
    try:
        CONF.action.func()
    except Exception as error:  # an operator reads this, not a traceback
        print('%s: %s' % (type(error).__name__, error), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
