"""What a datastore version supports, as data.

The control plane never loads guest engine code: trove-manage records a
version's capabilities (from the engine's manifest,
etc/trove/datastores/<engine>.json) with the version when it registers
it, and the API, taskmanager and conductor read them from that record.
A version registered before capabilities were recorded has none in its
row; its engine's manifest stands in, read from the file.
"""
import json
import os

from oslo_log import log as logging

from trove.common import exception
from trove.common import paths
from trove.db.api import instances as instances_db

LOG = logging.getLogger(__name__)

# Field: the type its value must have. The manifest must give them all, so
# that a missing one is an operator's error at registration, not a guess.
FIELDS = {
    'databases': bool,
    'users': bool,
    'user_access': bool,
    'root': bool,
    'configuration': bool,
    'backup': bool,
    'incremental_backup': bool,
    # The stream the backup strategy writes (part of the object's name).
    'backup_format': (str, type(None)),
    'replication': bool,
    'logs': list,
    'reserved_databases': list,
    # Database names starting with one of these are reserved too
    # (MariaDB's '#mysql50#' names a directory verbatim).
    'reserved_database_prefixes': list,
    # Whether the engine compares database names case-insensitively.
    'case_insensitive_databases': bool,
    'reserved_users': list,
}

# Feature names the API reports in "not supported" errors, by field.
FEATURES = {'databases': 'databases', 'users': 'users',
            'user access': 'user_access', 'root': 'root',
            'backups': 'backup', 'configuration': 'configuration'}


def manifest_dir():
    """etc/trove/datastores of the project this package came from."""
    return paths.etc_dir('datastores')


def validate(capabilities):
    """``capabilities`` checked whole (ValueError naming what is wrong)."""
    if not isinstance(capabilities, dict):
        raise ValueError('capabilities must be an object')
    unknown = set(capabilities) - set(FIELDS)
    missing = set(FIELDS) - set(capabilities)
    if unknown or missing:
        raise ValueError('capabilities: unknown %s, missing %s'
                         % (sorted(unknown), sorted(missing)))
    for field, kind in FIELDS.items():
        value = capabilities[field]
        if not isinstance(value, kind):
            raise ValueError('capabilities: %s must be a %s, not %r'
                             % (field, getattr(kind, '__name__', kind),
                                value))
        if kind is list and not all(isinstance(item, str)
                                    for item in value):
            raise ValueError('capabilities: %s must list strings' % field)
    return capabilities


def _manifests(directory):
    for entry in sorted(os.listdir(directory)):
        if entry.endswith('.json'):
            path = os.path.join(directory, entry)
            with open(path) as manifest:
                yield path, json.load(manifest)


def manifest_path(manager, directory=None):
    """The manifest naming ``manager`` among its managers, or None."""
    directory = directory or manifest_dir()
    if not os.path.isdir(directory):
        return None
    for path, manifest in _manifests(directory):
        if manager in manifest.get('managers', ()):
            return path
    return None


def load_manifest(manager, directory=None):
    """The checked capabilities of ``manager``'s manifest, or None when
    no manifest names it; ValueError when it is malformed."""
    path = manifest_path(manager, directory)
    if path is None:
        return None
    with open(path) as manifest:
        data = json.load(manifest)
    try:
        return validate(data.get('capabilities'))
    except ValueError as error:
        raise ValueError('%s: %s' % (path, error))


def to_column(capabilities):
    """The datastore_versions.capabilities value of ``capabilities``."""
    if capabilities is None:
        return None
    return json.dumps(validate(capabilities), sort_keys=True)


class Capabilities(object):
    """Read-only view of one version's capabilities. ``known`` is False for
    an engine nobody described: then features are left to the guest to
    refuse, no name is reserved here, and there are no backups."""

    def __init__(self, data=None):
        self.known = data is not None
        self._data = data or {}

    def supports(self, feature):
        """``feature``: a FEATURES name ('user access') or a field."""
        if not self.known:
            return feature not in ('backups', 'backup',
                                   'incremental_backup')
        return bool(self._data[FEATURES.get(feature, feature)])

    def __getitem__(self, field):
        return self._data[field]

    @property
    def backup_format(self):
        return self._data.get('backup_format')

    @property
    def reserved_users(self):
        return frozenset(self._data.get('reserved_users', ()))

    @property
    def reserved_databases(self):
        return frozenset(self._data.get('reserved_databases', ()))

    def is_reserved_database(self, name):
        prefixes = self._data.get('reserved_database_prefixes', ())
        if self._data.get('case_insensitive_databases'):
            name = name.lower()
        return (name in self.reserved_databases
                or any(name.startswith(prefix) for prefix in prefixes))

    def is_reserved_user(self, name):
        return name in self.reserved_users

    def refuse_reserved(self, databases=(), users=()):
        """400 naming the first reserved database or user name given:
        the engine's own or its agent's, which users may neither touch
        nor create."""
        for name in databases:
            if self.is_reserved_database(name):
                text = ', '.join(sorted(self.reserved_databases))
                prefixes = self._data.get('reserved_database_prefixes')
                if prefixes:
                    text += ' and names starting with %s' % (
                        ', '.join(prefixes))
                raise exception.BadRequest(
                    "'%s' is a reserved database name (reserved: %s)."
                    % (name, text))
        for name in users:
            if self.is_reserved_user(name):
                raise exception.BadRequest(
                    "'%s' is a reserved user name (reserved: %s)."
                    % (name, ', '.join(sorted(self.reserved_users))))


def of_version(version):
    """The Capabilities of a DatastoreVersion record."""
    raw = getattr(version, 'capabilities', None)
    if isinstance(raw, str) and raw:
        try:
            return Capabilities(validate(json.loads(raw)))
        except ValueError:
            LOG.warning('Datastore version %s has malformed capabilities; '
                        'reading its manifest instead.',
                        getattr(version, 'id', '?'))
    # Registered before capabilities were recorded: the manifest's.
    try:
        return Capabilities(load_manifest(version.manager))
    except (OSError, ValueError):
        LOG.exception('The manifest of manager %s cannot be read.',
                      version.manager)
        return Capabilities(None)


def of_instance(project_id, instance_id):
    """The Capabilities of a project's instance's datastore version (404
    for another project's instance)."""
    instance = instances_db.get_instance(project_id, instance_id)
    return of_version(instance.datastore_version)
