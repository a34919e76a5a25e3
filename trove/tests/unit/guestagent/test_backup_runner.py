"""The guest's backup runner: stream, store, read back and verify, then
report; a failing engine tool stores nothing and reports FAILED; a chain
restores in order."""
import base64
import os
import sys
import tempfile
import threading

import pytest

from trove.backup import encryption
from trove.backup.storage import local
from trove.guestagent.strategies.backup import base
from trove.guestagent.strategies.backup import mariadb
from trove.guestagent.strategies.backup import runner
from trove.guestagent.strategies.backup import tools


class FakeStrategy(base.BackupStrategy):
    """Streams the output of a real process (python printing bytes)."""

    stream_format = 'fake'
    incremental = True

    def __init__(self, payload, fail=False):
        self.payload = payload
        self.fail = fail
        self.meta = {}
        self.restored = []

    def stream(self, parent_meta, chunk_size, deadline):
        with tempfile.NamedTemporaryFile() as source:
            source.write(self.payload)
            source.flush()
            code = ('import shutil, sys; shutil.copyfileobj(open(sys.argv[1], '
                    '"rb"), sys.stdout.buffer); sys.exit(%d)'
                    % (3 if self.fail else 0))
            yield from tools.read([sys.executable, '-c', code, source.name],
                                  chunk_size, deadline=deadline)
        self.meta = {'to_lsn': str(len(self.payload)),
                     'parent_lsn': parent_meta and parent_meta['to_lsn']}

    def restore(self, chain, open_link):
        for link in chain:
            self.restored.append(b''.join(open_link(link)))


class Conductor(object):

    def __init__(self):
        self.reports = []

    def update_backup(self, context, backup_id, values, sent):
        self.reports.append((backup_id, values))


def _info(tmp_path, backup_id, parent=None):
    return {'id': backup_id, 'object_name': backup_id + '.fake.zst.enc',
            'container': 'c', 'compression': 'zstd',
            'storage': {'driver': 'local', 'path': str(tmp_path)},
            'data_key': base64.b64encode(encryption.new_key()).decode(),
            'wrapped_key': 'wrapped', 'parent': parent, 'deadline': None}


def _link(info, values):
    return {'id': info['id'], 'container': 'c',
            'object_name': info['object_name'],
            'checksum': values['checksum'], 'meta': values['meta'],
            'data_key': info['data_key']}


def test_backup_is_verified_then_reported_and_restores(tmp_path):
    payload = os.urandom(300_000)
    conductor = Conductor()
    info = _info(tmp_path, 'full')
    runner.Runner(FakeStrategy(payload), conductor).start(info).join(10)
    statuses = [values['status'] for _, values in conductor.reports]
    assert statuses == ['BUILDING', 'COMPLETED']
    values = conductor.reports[-1][1]
    assert values['data_size'] == len(payload)
    store = local.LocalStorage('c', root=str(tmp_path))
    stored = b''.join(store.get(info['object_name']))
    assert values['size'] == len(stored)
    assert payload not in stored   # compressed and encrypted
    meta = store.metadata(info['object_name'])
    assert meta['wrapped_key'] == 'wrapped'
    assert meta['to_lsn'] == str(len(payload))
    assert 'wrapped_key' not in values['meta']

    child_payload = b'changes' * 1000
    child = _info(tmp_path, 'child', parent={'id': 'full',
                                             'meta': values['meta']})
    conductor.reports.clear()
    runner.Runner(FakeStrategy(child_payload), conductor).start(
        child).join(10)
    child_values = conductor.reports[-1][1]
    assert child_values['meta']['parent_lsn'] == str(len(payload))
    assert child_values['meta']['parent_id'] == 'full'

    restoring = FakeStrategy(b'')
    runner.Runner(restoring).restore({
        'storage': info['storage'],
        'chain': [_link(info, values), _link(child, child_values)]})
    assert restoring.restored == [payload, child_payload]


def test_failing_tool_stores_nothing_and_reports_failed(tmp_path):
    conductor = Conductor()
    info = _info(tmp_path, 'bad')
    runner.Runner(FakeStrategy(b'x' * 5000, fail=True),
                  conductor).start(info).join(10)
    _, values = conductor.reports[-1]
    assert values['status'] == 'FAILED'
    assert 'exit code 3' in values['fault']
    assert os.listdir(tmp_path / 'c') == []


def test_restore_refuses_a_corrupted_object(tmp_path):
    conductor = Conductor()
    info = _info(tmp_path, 'full')
    runner.Runner(FakeStrategy(b'data' * 1000), conductor).start(
        info).join(10)
    values = conductor.reports[-1][1]
    path = tmp_path / 'c' / info['object_name']
    data = bytearray(path.read_bytes())
    data[-30] ^= 0xff
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError):
        runner.Runner(FakeStrategy(b'')).restore(
            {'storage': info['storage'], 'chain': [_link(info, values)]})


def test_tool_past_its_deadline_is_killed():
    import time
    chunks = tools.read([sys.executable, '-c', 'import time; '
                         'time.sleep(30)'], 1024, deadline=time.time() + 0.2)
    with pytest.raises(Exception, match='deadline'):
        list(chunks)


def test_mariadb_checkpoints_are_parsed():
    text = ('backup_type = incremental\nfrom_lsn = 100\n'
            'to_lsn = 90071992547409930\nlast_lsn = 90071992547409931\n')
    assert mariadb.parse_checkpoints(text) == {
        'backup_type': 'incremental', 'from_lsn': '100',
        'to_lsn': '90071992547409930', 'last_lsn': '90071992547409931'}


def test_abandoned_stream_kills_its_tool():
    import psutil
    before = {child.pid for child in psutil.Process().children()}
    chunks = tools.read([sys.executable, '-c', 'import sys\nwhile True: '
                         'sys.stdout.buffer.write(b"x" * 65536)'], 4096)
    next(chunks)
    (tool,) = [child for child in psutil.Process().children()
               if child.pid not in before]
    chunks.close()
    assert not psutil.pid_exists(tool.pid) or tool.status() == 'zombie'


def test_abandoning_a_silent_tool_does_not_hang():
    # The reader is blocked in a read of a tool that writes nothing more:
    # closing the stream must kill the tool to free it.
    chunks = tools.read([sys.executable, '-u', '-c', 'import sys, time\n'
                         'sys.stdout.write("x" * 10)\ntime.sleep(60)'], 10)
    assert next(chunks) == b'x' * 10
    closer = threading.Thread(target=chunks.close)
    closer.start()
    closer.join(10)
    assert not closer.is_alive()
