"""Several taskmanagers and conductors on one bus and one control DB, as
`TROVE_TASKMANAGERS=2 TROVE_CONDUCTORS=2 ./tools/quickstart.sh` starts
them: the work is shared, no create is done twice, and a taskmanager
killed midway leaves no instance stuck."""
import glob
import os
import re
import signal

import pytest
from troveclient import exceptions

from trove.tests.functional import waiters


@pytest.fixture(scope='module')
def scaled_out(deployment):
    result = deployment.quickstart('start', TROVE_TASKMANAGERS='2',
                                   TROVE_CONDUCTORS='2')
    assert result.returncode == 0, result.stderr
    for name in ('trove-taskmanager.2', 'trove-conductor.2'):
        deployment.wait_serving(name)
    yield deployment
    # Back to one of each for the tests that follow.
    for name in ('trove-taskmanager.2', 'trove-conductor.2'):
        pid = deployment.pid(name)
        if pid is not None:
            os.kill(pid, signal.SIGTERM)


def _servers_made(deployment):
    """{taskmanager log: [instance ids whose server it created]}."""
    made = {}
    for log in glob.glob(os.path.join(deployment.state_dir, 'log',
                                      'trove-taskmanager*.log')):
        with open(log, errors='replace') as text:
            made[os.path.basename(log)] = re.findall(
                r'Creating the server of instance ([0-9a-f-]{36})',
                text.read())
    return made


def _create(trove, count, prefix):
    version = trove.datastore_versions.list('redis')[0].name
    flavor = [f for f in trove.flavors.list() if f.name == 'db.tiny'][0]
    return [trove.instances.create('%s%d' % (prefix, n), flavor.id,
                                   volume={'size': 1}, datastore='redis',
                                   datastore_version=version).id
            for n in range(count)]


def _delete_all(trove, ids):
    for instance_id in ids:
        waiters.wait_until(lambda: _deleted(trove, instance_id), timeout=90,
                           what='delete of %s accepted' % instance_id)
    for instance_id in ids:
        waiters.wait_until_gone(trove, instance_id, timeout=120)


def _deleted(trove, instance_id):
    try:
        trove.instances.delete(instance_id)
    except exceptions.NotFound:
        pass
    except exceptions.UnprocessableEntity:
        return False  # busy: its workflow still holds it
    return True


def test_status_lists_every_process(scaled_out):
    status = scaled_out.quickstart('status').stdout
    for name in ('trove-conductor', 'trove-conductor.2', 'trove-taskmanager',
                 'trove-taskmanager.2', 'trove-api'):
        assert re.search(r'^%s: running' % re.escape(name), status, re.M), \
            status


def test_creates_are_shared_and_none_is_done_twice(scaled_out, trove):
    ids = _create(trove, 6, 'shared')
    try:
        for instance_id in ids:
            assert waiters.wait_for_status(
                trove, instance_id, ['ACTIVE', 'ERROR']).status == 'ACTIVE'
        made = _servers_made(scaled_out)
        everything = [i for found in made.values() for i in found]
        for instance_id in ids:
            assert everything.count(instance_id) == 1, made
        # Both taskmanagers took some of the casts.
        assert all(set(found) & set(ids) for found in made.values()), made
    finally:
        _delete_all(trove, ids)


def test_a_killed_taskmanager_leaves_nothing_stuck(scaled_out, trove):
    ids = _create(trove, 4, 'killed')
    os.kill(scaled_out.pid('trove-taskmanager.2'), signal.SIGKILL)
    try:
        for instance_id in ids:
            # The create ran to its end in the survivor, or the reaper
            # failed it (its deadline is the deployment's 60 s).
            found = waiters.wait_for_status(trove, instance_id,
                                            ['ACTIVE', 'ERROR'], timeout=150)
            if found.status == 'ERROR':
                assert getattr(found, 'fault', None), found._info
        everything = [i for found in _servers_made(scaled_out).values()
                      for i in found]
        assert all(everything.count(i) <= 1 for i in ids)
    finally:
        # The dead one's claims expire ([taskmanager] claim_expiry): the
        # survivor then deletes them.
        _delete_all(trove, ids)
