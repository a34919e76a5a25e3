"""Prepare, start, stop and status of an engine the agent runs itself.

Engines differ in a few steps (initialising the data directory, how the
engine is started and asked whether it answers, what prepare creates);
the order of the steps, and what makes them safe to repeat after a crash,
is the same for all of them and lives here.
"""
import threading

from oslo_log import log as logging

from trove.guestagent.datastores import base
from trove.guestagent.datastores.common import clock as guest_clock
from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores.common import volume
from trove.instance.status import ServiceStatus

LOG = logging.getLogger(__name__)


class EngineDatastore(base.Datastore):

    # Shown in logs and errors, e.g. 'PostgreSQL'.
    display_name = None
    layout_class = None
    # False for an engine started as root because it drops to its user
    # itself, after raising limits only root can raise.
    switch_user = True

    def __init__(self, settings):
        super().__init__(settings)
        self.layout = self.layout_class(settings)
        self.process = self._engine_process()
        # Seconds spent in each step of the last prepare, for measurement.
        self.timings = {}
        # Held while the engine starts: the agent's own start and its
        # restart of a crashed engine (the heartbeat's) must not both run
        # one, and a configuration change must not fall between the files
        # being written and the engine reading them.
        self.start_lock = threading.RLock()

    def _engine_process(self):
        return common_process.EngineProcess(
            self.display_name, self.layout.process_record,
            self.layout.error_log, self.layout.engine_user)

    # Steps each engine provides.

    def _check_requests(self, databases, users):
        """Validate what prepare should create, before anything is touched;
        returns whatever _provision takes."""
        raise NotImplementedError

    def _write_config(self):
        raise NotImplementedError

    def _initialize(self):
        """Create an empty data directory (the engine is not running)."""

    def _restore(self, backup_info):
        """Fill the data directory from a backup chain instead."""
        from trove.guestagent.strategies.backup import runner
        runner.Runner(self.backup_strategy()).restore(backup_info)

    def _command(self):
        raise NotImplementedError

    def _answers(self):
        """True if the engine accepts the agent's login, cheaply."""
        raise NotImplementedError

    def _answers_at_prepare(self):
        """The readiness probe of prepare's start, for an engine whose
        agent account only _provision creates."""
        return self._answers()

    def _provision(self, requests):
        """Create the requested databases and users (the engine runs)."""
        raise NotImplementedError

    # The steps in order.

    def is_prepared(self):
        return volume.is_prepared(self.layout.prepared_marker)

    def prepare(self, databases, users, backup_info=None):
        if self.is_prepared():
            LOG.info('Already prepared, nothing to do')
            return
        requests = self._check_requests(databases or [], users or [])
        self.timings = {}
        clock = guest_clock.Laps(self.timings)
        # Whatever an interrupted prepare left (a running engine, a half
        # initialised data directory) was never handed to a user.
        self.process.kill()
        volume.clear_leftovers(self.layout.volume_dirs())
        self.layout.create_dirs()
        self._write_config()
        clock.lap('setup')
        if backup_info:
            self._restore(backup_info)
            clock.lap('restore')
        else:
            self._initialize()
            clock.lap('initialize')
        self._start(self._answers_at_prepare)
        clock.lap('start')
        self._provision(requests)
        clock.lap('databases_users')
        volume.mark_prepared(self.layout.prepared_marker,
                             self.layout.volume_path)
        clock.lap('sync')
        LOG.info('Prepared %s in %.2fs (%s)', self.display_name,
                 sum(self.timings.values()),
                 ', '.join('%s %.3fs' % kv for kv in self.timings.items()))

    def start(self):
        with self.start_lock:
            if self.process.find() is not None:
                return
            if not self.is_prepared():
                raise common_process.EngineError(
                    '%s cannot start: the instance was never prepared'
                    % self.display_name)
            self.layout.create_dirs()
            # Re-rendered so that the engine follows a changed flavor or
            # template.
            self._write_config()
            self._start()

    def _start(self, ready=None):
        child = self.process.start(self._command(),
                                   switch_user=self.switch_user)
        self.process.wait_ready(child, ready or self._answers)

    def stop(self):
        self.process.stop()

    def status(self):
        if self.process.find() is None:
            return ServiceStatus.SHUTDOWN
        if self._answers():
            return ServiceStatus.HEALTHY
        return ServiceStatus.RUNNING
