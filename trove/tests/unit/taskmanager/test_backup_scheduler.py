"""The backup schedules' periodic pass on a real (SQLite) control DB, with
a clock the test moves and the taskmanager casts recorded."""
import datetime
from unittest import mock

import pytest

from trove.backup import schedules
from trove.backup.state import BackupState
from trove.db.api import backup_schedules as schedules_db
from trove.db.api import backups as backups_db
from trove.db.api import datastores as ds_api
from trove.db.api import instances as instances_api
from trove.instance.status import Task
from trove.taskmanager import backup_scheduler

START = datetime.datetime(2026, 12, 3, 17, 40, 30)


class Clock(object):
    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def taskmanager():
    with mock.patch('trove.taskmanager.rpcapi.TaskManagerAPI',
                    autospec=True) as cls:
        yield cls.return_value


@pytest.fixture
def instance(control_db):
    ds_api.upsert_datastore('mariadb')
    version = ds_api.upsert_version('mariadb', '10.11', 'mariadb')
    created = instances_api.create_instance(
        'proj', 'db1', '2', 1, version.id, 'key',
        START + datetime.timedelta(seconds=60))
    instances_api.end_task(created.id, Task.BUILDING)
    instances_api.update_service_status(created.id, 'HEALTHY', sent=1.0)
    return created


@pytest.fixture
def clock():
    return Clock()


def _schedule(instance, clock, cron='* * * * *', keep=2, incremental=False):
    return schedules.create_schedule('proj', {
        'instance_id': instance.id, 'name': 'every-minute', 'cron': cron,
        'incremental': incremental, 'keep': keep}, clock())


def _finish(backup_id, status=BackupState.COMPLETED):
    """What the conductor stores when the guest reports the end."""
    assert backups_db.report(backup_id, {'status': status, 'deadline': None},
                             sent=2.0)
    instances_api.end_task(backups_db.get_backup(None, backup_id)
                           .instance_id, Task.BACKUP)


def _made(schedule):
    return schedules_db.backups_of('proj', schedule.id)


def test_a_due_run_makes_one_backup_named_after_the_schedule(
        instance, clock, taskmanager):
    schedule = _schedule(instance, clock)
    assert schedule.next_run == datetime.datetime(2026, 12, 3, 17, 41)
    scheduler = backup_scheduler.BackupScheduler(clock)
    scheduler()
    assert _made(schedule) == []           # not due yet
    clock.advance(seconds=31)
    scheduler()
    scheduler()                            # the same run, not again
    [backup] = _made(schedule)
    assert backup.name == 'every-minute-20261203T174101Z'
    assert backup.schedule_id == schedule.id
    assert backup.parent_id is None
    assert taskmanager.create_backup.call_args.args[1] == backup.id
    shown = schedules_db.get_schedule('proj', schedule.id)
    assert shown.last_backup_id == backup.id
    assert shown.next_run == datetime.datetime(2026, 12, 3, 17, 42)


def test_runs_missed_while_down_run_once_on_return(instance, clock,
                                                   taskmanager):
    schedule = _schedule(instance, clock)
    clock.advance(hours=3)                 # nobody ran meanwhile
    scheduler = backup_scheduler.BackupScheduler(clock)
    scheduler()
    scheduler()
    assert len(_made(schedule)) == 1
    assert schedules_db.get_schedule('proj', schedule.id).next_run == (
        datetime.datetime(2026, 12, 3, 20, 41))


def test_two_taskmanagers_run_a_run_once(instance, clock, taskmanager):
    schedule = _schedule(instance, clock)
    clock.advance(minutes=1)
    seen = schedules_db.list_due(clock())
    first = backup_scheduler.BackupScheduler(clock)
    second = backup_scheduler.BackupScheduler(clock)
    # Both read the schedule due; only one claim moves next_run on.
    results = [scheduler.run(None, seen[0])
               for scheduler in (first, second)]
    assert sorted(results) == [False, True]
    assert len(_made(schedule)) == 1


def test_a_busy_instance_is_retried_without_failing_the_schedule(
        instance, clock, taskmanager):
    schedule = _schedule(instance, clock)
    scheduler = backup_scheduler.BackupScheduler(clock)
    clock.advance(minutes=1)
    scheduler()
    [first] = _made(schedule)              # still running
    clock.advance(minutes=1)
    scheduler()
    assert len(_made(schedule)) == 1
    busy = schedules_db.get_schedule('proj', schedule.id)
    assert 'not ACTIVE' in busy.last_error
    # Due again after one pass interval (10 s), not at the next slot.
    assert busy.next_run == clock() + datetime.timedelta(seconds=10)
    _finish(first.id)
    clock.advance(seconds=10)
    scheduler()
    assert len(_made(schedule)) == 2
    assert schedules_db.get_schedule('proj', schedule.id).last_error is None


def test_incremental_runs_build_on_the_schedules_newest_backup(
        instance, clock, taskmanager):
    schedule = _schedule(instance, clock, incremental=True, keep=5)
    scheduler = backup_scheduler.BackupScheduler(clock)
    for _ in range(3):
        clock.advance(minutes=1)
        scheduler()
        _finish(_made(schedule)[-1].id)
    full, first, second = _made(schedule)
    assert full.parent_id is None
    assert (first.parent_id, second.parent_id) == (full.id, first.id)


def test_retention_deletes_the_oldest_beyond_keep(instance, clock,
                                                  taskmanager):
    schedule = _schedule(instance, clock, keep=2)
    scheduler = backup_scheduler.BackupScheduler(clock)
    for _ in range(3):
        clock.advance(minutes=1)
        scheduler()
        _finish(_made(schedule)[-1].id)
    oldest = _made(schedule)[0]
    scheduler()
    taskmanager.delete_backup.assert_called_once_with(mock.ANY, oldest.id)
    assert backups_db.get_backup('proj', oldest.id).status == (
        BackupState.DELETING)


def test_a_deleted_instance_does_not_stop_the_schedule(instance, clock,
                                                       taskmanager):
    schedule = _schedule(instance, clock)
    instances_api.start_task(instance.id, Task.DELETING, clock())
    instances_api.mark_deleted(instance.id)
    clock.advance(minutes=1)
    backup_scheduler.BackupScheduler(clock)()
    shown = schedules_db.get_schedule('proj', schedule.id)
    assert 'could not be found' in shown.last_error
    assert shown.next_run == datetime.datetime(2026, 12, 3, 17, 42)
