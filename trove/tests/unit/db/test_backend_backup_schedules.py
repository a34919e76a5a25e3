"""Backup schedules' run claims on every backend: of the taskmanagers that
read a schedule due, exactly one moves its next run on."""
import datetime
import threading

import pytest

from trove.db.api import backup_schedules as schedules_db

DUE = datetime.datetime(2026, 12, 3, 17, 41)
NEXT = datetime.datetime(2026, 12, 3, 17, 42)


def _schedule(next_run=DUE, project_id='proj'):
    return schedules_db.create_schedule({
        'name': 'm', 'project_id': project_id, 'instance_id': 'i-1',
        'cron': '* * * * *', 'incremental': False, 'keep': 2,
        'next_run': next_run})


def test_due_schedules_and_one_claim_per_run(schema):
    due = _schedule()
    _schedule(next_run=NEXT)
    assert [s.id for s in schedules_db.list_due(DUE)] == [due.id]
    assert schedules_db.claim_run(due.id, DUE, NEXT)
    assert not schedules_db.claim_run(due.id, DUE, NEXT)
    assert schedules_db.get_schedule('proj', due.id).next_run == NEXT
    # A retry gives the claimed run back, sooner, only to its claimer.
    retry = DUE + datetime.timedelta(seconds=10, microseconds=5)
    assert schedules_db.claim_run(due.id, NEXT, retry)
    assert schedules_db.get_schedule('proj', due.id).next_run == retry
    assert schedules_db.claim_run(due.id, retry, NEXT)


def test_of_many_racing_taskmanagers_one_claims(schema):
    schedule = _schedule()
    start = threading.Barrier(6)
    won = []

    def race():
        start.wait()
        if schedules_db.claim_run(schedule.id, DUE, NEXT):
            won.append(1)

    threads = [threading.Thread(target=race) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert won == [1]


def test_queries_are_scoped_by_project(schema):
    schedule = _schedule()
    _schedule(project_id='other')
    assert [s.id for s in schedules_db.list_schedules('proj')] == [
        schedule.id]
    assert schedules_db.backups_of('other', schedule.id) == []
    with pytest.raises(schedules_db.BackupScheduleNotFound):
        schedules_db.delete_schedule('other', schedule.id)
    assert schedules_db.get_schedule('proj', schedule.id).id == schedule.id
