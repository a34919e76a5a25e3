"""trove-status: checks an operator runs before (and after) an upgrade.

    trove-status [--config-file trove.conf] upgrade check [--json]

Exit code: 0 all checks passed, 1 a warning, 2 a failure, 255 a check
crashed. The checks only read: the control DB is never written.
"""
import os
import sys

from alembic import script as alembic_script
from oslo_db import exception as db_exc
from oslo_upgradecheck import common_checks
from oslo_upgradecheck import upgradecheck
import sqlalchemy as sa

from trove.conf import CONF
from trove.db import migration
from trove.db import models
from trove.db import session as db_session

SUCCESS = upgradecheck.Code.SUCCESS
WARNING = upgradecheck.Code.WARNING
FAILURE = upgradecheck.Code.FAILURE

DB_SYNC_HINT = 'Run "trove-manage db_sync".'
_DB_ERRORS = (db_exc.DBError, sa.exc.SQLAlchemyError)


def _scripts():
    """The migration scripts this release of trove ships."""
    return alembic_script.ScriptDirectory(
        os.path.join(os.path.dirname(migration.__file__), 'migrations'))


def head_revisions():
    return set(_scripts().get_heads())


def _db_problem():
    """Why the control DB cannot be read at all, or None.

    A missing SQLite file is reported instead of opened: opening it would
    create an empty DB, and a check must not change the deployment.
    """
    connection = CONF.database.connection
    if not connection:
        return '[database] connection is not set.'
    try:
        url = sa.engine.make_url(connection)
    except sa.exc.ArgumentError:
        return '[database] connection is not a valid database URL.'
    if (url.get_backend_name() == 'sqlite'
            and url.database not in (None, '', ':memory:')
            and not url.database.startswith('file:')
            and not os.path.exists(url.database)):
        return 'The control DB %s does not exist.' % url.database
    return None


class Checks(upgradecheck.UpgradeCommands):

    def _check_db_schema(self):
        """The control DB schema is at the newest migration of this
        release."""
        problem = _db_problem()
        if problem:
            return upgradecheck.Result(FAILURE, '%s %s' % (problem,
                                                           DB_SYNC_HINT))
        try:
            current = migration.current_revision()
        except _DB_ERRORS as error:
            return upgradecheck.Result(
                FAILURE, 'Cannot read the schema revision of the control '
                'DB: %s' % error)
        heads = head_revisions()
        newest = ', '.join(sorted(heads))
        if current is None:
            return upgradecheck.Result(
                FAILURE, 'The control DB has no trove schema (newest '
                'revision: %s). %s' % (newest, DB_SYNC_HINT))
        if current in heads:
            return upgradecheck.Result(
                SUCCESS, 'The control DB schema is at revision %s.' % current)
        try:
            known = _scripts().get_revision(current) is not None
        except Exception:  # alembic: unknown or malformed revision id
            known = False
        if not known:
            return upgradecheck.Result(
                FAILURE, 'The control DB schema is at revision %s, which '
                'this release of trove does not know (newest: %s). Is the DB '
                'from a newer release?' % (current, newest))
        return upgradecheck.Result(
            FAILURE, 'The control DB schema is at revision %s; this release '
            'needs revision %s. %s' % (current, newest, DB_SYNC_HINT))

    def _check_rpc_key_encr_key(self):
        """The master key of the per-instance RPC keys is configured."""
        if not CONF.inst_rpc_key_encr_key:
            return upgradecheck.Result(
                FAILURE, '[DEFAULT] inst_rpc_key_encr_key is not set: trove '
                'cannot encrypt or decrypt the per-instance RPC keys, so '
                'creating instances fails and existing guests cannot be '
                'reached. Set it (to the same value on every control plane '
                'host).')
        return upgradecheck.Result(SUCCESS)

    def _check_guest_bus(self):
        """Guests have bus accounts of their own, not the control
        plane's."""
        if not CONF.guest_bus.transport_url or \
                not CONF.guest_bus.management_url:
            return upgradecheck.Result(
                WARNING, '[guest_bus] transport_url or management_url is '
                'not set: every guest shares the control plane\'s bus '
                'account, so a guest can reach the taskmanager. Give guests '
                'a vhost of their own (see the architecture guide, '
                '"Accounts on the bus").')
        return upgradecheck.Result(SUCCESS)

    def _check_datastore_versions(self):
        """At least one active datastore version is registered."""
        problem = _db_problem()
        if problem:
            return upgradecheck.Result(FAILURE, '%s %s' % (problem,
                                                           DB_SYNC_HINT))
        versions = models.DatastoreVersion.__table__
        datastores = models.Datastore.__table__
        # Core SQL on the columns needed only: works on the schema of an
        # older release too.
        query = (sa.select(datastores.c.name, versions.c.name)
                 .join_from(versions, datastores,
                            versions.c.datastore_id == datastores.c.id)
                 .where(versions.c.active == sa.true())
                 .order_by(datastores.c.name, versions.c.name))
        try:
            with db_session.get_engine().connect() as connection:
                rows = connection.execute(query).all()
        except _DB_ERRORS as error:
            return upgradecheck.Result(
                FAILURE, 'Cannot read the datastore versions from the '
                'control DB: %s' % error)
        if not rows:
            return upgradecheck.Result(
                WARNING, 'No active datastore version is registered, so no '
                'instance can be created. Register the engines installed on '
                'this host with "trove-manage register_local", or one version '
                'with "trove-manage datastore_version_update".')
        return upgradecheck.Result(
            SUCCESS, 'Active datastore versions: %s.' % ', '.join(
                '%s %s' % tuple(row) for row in rows))

    _upgrade_checks = (
        ('Control DB schema', _check_db_schema),
        ('RPC key encryption key', _check_rpc_key_encr_key),
        ('Guest bus accounts', _check_guest_bus),
        ('Active datastore versions', _check_datastore_versions),
        ('Policy File JSON to YAML Migration',
         (common_checks.check_policy_json, {'conf': CONF})),
    )


def main(argv=None):
    try:
        return upgradecheck.main(
            CONF, project='trove', upgrade_command=Checks(),
            argv=sys.argv[1:] if argv is None else argv)
    finally:
        db_session.dispose()


if __name__ == '__main__':
    sys.exit(main())
