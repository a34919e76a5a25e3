"""Polling helpers: what a user does while waiting for an instance."""
import time

from troveclient import exceptions


def wait_for_status(trove, instance_id, wanted, timeout=120, interval=0.2):
    """Benchmarks pass a short ``interval``: the poll's period bounds
    how precisely they time an operation."""
    deadline = time.time() + timeout
    while True:
        instance = trove.instances.get(instance_id)
        if instance.status in wanted:
            return instance
        if time.time() > deadline:
            raise AssertionError('instance %s is %s after %d s, wanted %s'
                                 % (instance_id, instance.status, timeout,
                                    wanted))
        time.sleep(interval)


def wait_until_gone(trove, instance_id, timeout=60, interval=0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            trove.instances.get(instance_id)
        except exceptions.NotFound:
            return
        time.sleep(interval)
    raise AssertionError('instance %s still exists after %d s'
                         % (instance_id, timeout))


def wait_for_backup(trove, backup_id, timeout=180):
    """Until the backup has ended; it must be COMPLETED."""
    deadline = time.time() + timeout
    while True:
        backup = trove.backups.get(backup_id)
        if backup.status in ('COMPLETED', 'FAILED'):
            assert backup.status == 'COMPLETED', backup._info
            return backup
        if time.time() > deadline:
            raise AssertionError('backup %s is %s after %d s'
                                 % (backup_id, backup.status, timeout))
        time.sleep(0.3)


def wait_until(condition, timeout=60, interval=0.2, what='the condition',
               retry_on=()):
    """Poll ``condition()`` until it returns something true, and return
    that; an exception in ``retry_on`` counts as "not yet" (and is
    raised if it is still so at the deadline)."""
    deadline = time.time() + timeout
    while True:
        try:
            result = condition()
        except retry_on:
            if time.time() > deadline:
                raise
        else:
            if result:
                return result
            if time.time() > deadline:
                raise AssertionError('%s still not so after %d s'
                                     % (what, timeout))
        time.sleep(interval)
