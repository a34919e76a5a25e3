"""The heartbeat thread survives errors and beats on demand."""
import os

from trove.guestagent import heartbeat as guest_heartbeat
from trove.tests.unit.guestagent import fakes


class FlakyConductor(fakes.FakeConductor):

    def __init__(self, failures):
        super().__init__()
        self.failures = failures

    def heartbeat(self, context, instance_id, status, sent, volume=None):
        if self.failures:
            self.failures -= 1
            raise ConnectionError('bus down')
        super().heartbeat(context, instance_id, status, sent, volume)


def test_survives_transient_errors():
    conductor = FlakyConductor(failures=3)
    beat = guest_heartbeat.Heartbeat('inst-1', lambda: 'HEALTHY', 0.01,
                                     conductor=conductor)
    beat.start()
    try:
        conductor.wait_for('HEALTHY')
        assert beat.is_alive()
    finally:
        beat.stop()
    assert not beat.is_alive()


def test_status_errors_do_not_kill_it():
    calls = []

    def status():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError('engine probe failed')
        return 'RUNNING'

    conductor = fakes.FakeConductor()
    beat = guest_heartbeat.Heartbeat('inst-1', status, 0.01,
                                     conductor=conductor)
    beat.start()
    try:
        conductor.wait_for('RUNNING')
    finally:
        beat.stop()


def test_beat_now_does_not_wait_for_the_interval():
    state = {'status': 'BUILD'}
    conductor = fakes.FakeConductor()
    beat = guest_heartbeat.Heartbeat('inst-1', lambda: state['status'], 3600,
                                     conductor=conductor)
    beat.start()
    try:
        conductor.wait_for('BUILD')
        state['status'] = 'HEALTHY'
        beat.beat_now()
        conductor.wait_for('HEALTHY', timeout=2)
    finally:
        beat.stop()


def test_heartbeat_carries_the_volume_usage(tmp_path):
    conductor = fakes.FakeConductor()
    beat = guest_heartbeat.Heartbeat('inst-1', lambda: 'HEALTHY', 60,
                                     conductor=conductor,
                                     volume_path=str(tmp_path))
    beat.beat()
    volume = conductor.volumes[-1]
    stat = os.statvfs(str(tmp_path))
    assert volume['size'] == stat.f_blocks * stat.f_frsize
    assert 0 < volume['used'] <= volume['size']


def test_no_volume_path_no_volume(tmp_path):
    assert guest_heartbeat.volume_usage(None) is None
    assert guest_heartbeat.volume_usage(str(tmp_path / 'absent')) is None
