"""What a schedule's retention deletes, and what its runs build on."""
import collections

from trove.backup import schedules
from trove.backup.state import BackupState as S

B = collections.namedtuple('B', ['id', 'parent_id', 'status'])
Schedule = collections.namedtuple('Schedule', ['id', 'name', 'instance_id',
                                               'incremental', 'keep'])


def _ids(backups):
    return [b.id for b in backups]


def test_nothing_goes_while_at_most_keep_are_completed():
    backups = [B('f1', None, S.COMPLETED), B('f2', None, S.FAILED),
               B('f3', None, S.COMPLETED)]
    assert schedules.retention_choice(backups, 2) == []


def test_the_oldest_beyond_keep_go_newest_first():
    backups = [B('f%d' % n, None, S.COMPLETED) for n in range(5)]
    assert _ids(schedules.retention_choice(backups, 2)) == ['f2', 'f1',
                                                            'f0']


def test_failed_ones_older_than_the_kept_go_newer_ones_stay():
    backups = [B('f0', None, S.COMPLETED), B('x1', None, S.FAILED),
               B('f2', None, S.COMPLETED), B('f3', None, S.COMPLETED),
               B('x4', None, S.FAILED)]
    assert _ids(schedules.retention_choice(backups, 2)) == ['x1', 'f0']


def test_never_the_parent_of_a_kept_incremental():
    # f0 <- i1 <- i2 (kept) and i3 (kept) on i2: the whole chain stays.
    backups = [B('f0', None, S.COMPLETED), B('i1', 'f0', S.COMPLETED),
               B('i2', 'i1', S.COMPLETED), B('i3', 'i2', S.COMPLETED)]
    assert schedules.retention_choice(backups, 2) == []


def test_an_old_chain_nobody_needs_goes_children_first():
    backups = [B('f0', None, S.COMPLETED), B('i1', 'f0', S.COMPLETED),
               B('f2', None, S.COMPLETED), B('i3', 'f2', S.COMPLETED)]
    assert _ids(schedules.retention_choice(backups, 2)) == ['i1', 'f0']


def test_what_a_running_backup_builds_on_stays():
    backups = [B('f0', None, S.COMPLETED), B('f1', None, S.COMPLETED),
               B('f2', None, S.COMPLETED), B('i3', 'f0', S.BUILDING)]
    assert schedules.retention_choice(backups, 2) == []


def test_running_and_deleting_ones_are_not_chosen():
    backups = [B('d0', None, S.DELETING), B('n1', None, S.NEW),
               B('f2', None, S.COMPLETED), B('f3', None, S.COMPLETED),
               B('f4', None, S.COMPLETED)]
    assert _ids(schedules.retention_choice(backups, 2)) == ['f2']


def test_a_failed_delete_is_tried_again():
    backups = [B('d0', None, S.DELETE_FAILED), B('f1', None, S.COMPLETED),
               B('f2', None, S.COMPLETED), B('f3', None, S.COMPLETED)]
    assert _ids(schedules.retention_choice(backups, 2)) == ['f1', 'd0']


def test_incremental_parent_is_the_newest_completed():
    schedule = Schedule('s', 'n', 'i', True, 5)
    assert schedules.parent_for(schedule, []) is None
    backups = [B('f0', None, S.COMPLETED), B('i1', 'f0', S.COMPLETED),
               B('x2', 'i1', S.FAILED)]
    assert schedules.parent_for(schedule, backups).id == 'i1'
    assert schedules.parent_for(schedule._replace(incremental=False),
                                backups) is None


def test_incremental_chains_restart_once_keep_long_so_old_ones_can_go():
    schedule = Schedule('s', 'n', 'i', True, 2)
    backups = [B('f0', None, S.COMPLETED)]
    assert schedules.parent_for(schedule, backups).id == 'f0'
    backups.append(B('i1', 'f0', S.COMPLETED))
    assert schedules.parent_for(schedule, backups) is None   # a new full
    backups += [B('f2', None, S.COMPLETED), B('i3', 'f2', S.COMPLETED)]
    assert _ids(schedules.retention_choice(backups, 2)) == ['i1', 'f0']
    assert schedules.parent_for(schedule._replace(keep=1), backups) is None
