"""Redis inside a guest: a redis-server run by the agent as the redis
user, its data and ACL file on the volume."""
from trove.common import exception
from trove.guestagent.datastores.common import datastore
from trove.guestagent.datastores.common import template
from trove.guestagent.datastores.redis import acl
from trove.guestagent.datastores.redis import admin
from trove.guestagent.datastores.redis import client
from trove.guestagent.datastores.redis import config
from trove.guestagent.datastores.redis import layout as redis_layout
from trove.guestagent.datastores.redis import overrides as redis_overrides
from trove.guestagent.strategies.backup import redis as redis_backup


class RedisDatastore(datastore.EngineDatastore):

    admin_class = admin.RedisAdmin
    backup_strategy_class = redis_backup.RedisBackup
    display_name = 'Redis'
    layout_class = redis_layout.Layout

    def __init__(self, settings):
        super().__init__(settings)
        self.binary = redis_layout.binary()
        self._configuration = redis_overrides.RedisOverrides(
            settings, self.layout, lambda: self.process.find() is not None,
            lock=self.start_lock)

    @property
    def admin(self):
        return admin.RedisAdmin(self.layout)

    @property
    def configuration(self):
        return self._configuration

    def _check_requests(self, databases, users):
        if databases:
            raise exception.DatastoreOperationNotSupported(
                datastore=admin.DATASTORE, operation='databases')
        admin.check_users(users)
        return users

    def _write_config(self):
        config.write(self.settings, self.layout)
        self._configuration.engine_starting()

    def _initialize(self):
        """Redis creates its data files itself; the agent's account must
        be in the ACL file before the first start."""
        password = client.new_agent_password(self.layout)
        template.write(self.layout.acl_file, acl.initial_acl_file(password),
                       mode=0o600, owner=self.layout.engine_ids())

    def _restore(self, backup_info):
        # The data comes from the backup; the agent's account, as always,
        # from a new ACL file.
        super()._restore(backup_info)
        self._initialize()

    def _command(self):
        return [self.binary, self.layout.config_file]

    def _answers(self):
        return client.answers(self.layout)

    def _provision(self, users):
        if users:
            self.admin.create_users(users)
