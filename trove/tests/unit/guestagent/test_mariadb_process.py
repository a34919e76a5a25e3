"""Engine process identity: a recorded pid counts only with its start time."""
import json
import os

import psutil
import pytest

from trove.guestagent.datastores.common import process as common_process
from trove.guestagent.datastores import loader
from trove.guestagent.datastores.mariadb import engine as mariadb_engine
from trove.guestagent.datastores.mariadb import layout as mariadb_layout
from trove.guestagent.datastores.mariadb import process


class _Settings(object):
    volume_path = '/nonexistent/volume'


@pytest.fixture
def layout(tmp_path):
    settings = _Settings()
    settings.instance_dir = str(tmp_path)
    result = mariadb_layout.Layout(settings)
    os.makedirs(result.base_dir)
    return result


def _record(layout, pid, create_time):
    with open(layout.process_record, 'w') as f:
        json.dump({'pid': pid, 'create_time': create_time}, f)


def test_find_matches_pid_and_start_time(layout):
    me = psutil.Process()
    _record(layout, me.pid, me.create_time())
    assert process.engine(layout).find().pid == me.pid


def test_find_rejects_a_reused_pid(layout):
    me = psutil.Process()
    _record(layout, me.pid, me.create_time() - 100)
    assert process.engine(layout).find() is None


def test_find_without_a_record(layout):
    assert process.engine(layout).find() is None
    with open(layout.process_record, 'w') as f:
        f.write('garbage')
    assert process.engine(layout).find() is None


def test_error_log_tail(layout):
    os.makedirs(layout.log_dir)
    with open(layout.error_log, 'w') as f:
        f.write('one\ntwo\nthree\n[ERROR] four\n')
    tail = common_process.error_log_tail(layout.error_log)
    assert tail == 'two | three | [ERROR] four'


def test_entry_points_load_mariadb():
    for name in ('mariadb', 'mysql'):
        assert loader.datastore_class(name) is mariadb_engine.MariaDBDatastore


def test_requested_statements_grant_only_the_users_databases():
    statements = mariadb_engine._requested_statements(
        [{'name': 'a', 'character_set': 'utf8mb4'}],
        [{'name': 'u', 'password': 'pw', 'databases': [{'name': 'b'}]}])
    grants = [(s, p) for s, p in statements if s.startswith('GRANT')]
    assert grants == [('GRANT ALL PRIVILEGES ON `b`.* TO %s@%s', ('u', '%'))]
