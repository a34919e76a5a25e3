"""The cgroup writer, against fake cgroup roots (plain directories)."""
import errno
import logging

import pytest

from trove.common import exception
from trove.compute.local import cgroup as cgroups
from trove.conf import CONF

MiB = 1024 ** 2


@pytest.fixture
def fake_root(tmp_path, local_options):
    root = tmp_path / 'cgroup'
    root.mkdir()
    CONF.set_override('cgroup_root', str(root), group='local_compute')
    CONF.set_override('cgroup_prefix', 'trove-test', group='local_compute')
    return root


@pytest.fixture
def v1_root(fake_root):
    (fake_root / 'memory').mkdir()
    (fake_root / 'cpu').mkdir()
    return fake_root


@pytest.fixture
def v2_root(fake_root):
    (fake_root / 'cgroup.controllers').write_text('cpu io memory pids\n')
    return fake_root


def test_v1_limits(v1_root):
    cgroup = cgroups.confine('i1', 512, 2)
    assert isinstance(cgroup, cgroups.CgroupV1)
    memory = v1_root / 'memory' / 'trove-test' / 'i1'
    cpu = v1_root / 'cpu' / 'trove-test' / 'i1'
    assert (memory / 'memory.limit_in_bytes').read_text() == str(512 * MiB)
    assert (cpu / 'cpu.cfs_quota_us').read_text() == '200000'
    assert cgroup.procs_files() == [str(memory / 'cgroup.procs'),
                                    str(cpu / 'cgroup.procs')]


def test_v1_quota_follows_the_period(v1_root):
    cpu = v1_root / 'cpu' / 'trove-test' / 'i1'
    cpu.mkdir(parents=True)
    (cpu / 'cpu.cfs_period_us').write_text('50000\n')
    cgroups.confine('i1', 256, 3)
    assert (cpu / 'cpu.cfs_quota_us').read_text() == '150000'


def test_v1_no_limits_means_unlimited(v1_root):
    cgroups.confine('i1', 0, 0)
    assert (v1_root / 'memory' / 'trove-test' / 'i1' /
            'memory.limit_in_bytes').read_text() == '-1'
    assert (v1_root / 'cpu' / 'trove-test' / 'i1' /
            'cpu.cfs_quota_us').read_text() == '-1'


def test_v1_uses_the_hierarchies_the_host_has(fake_root):
    (fake_root / 'memory').mkdir()
    cgroup = cgroups.confine('i1', 128, 1)
    assert cgroup.paths == [str(fake_root / 'memory' / 'trove-test' / 'i1')]
    assert not (fake_root / 'cpu').exists()


def test_v2_limits_and_delegation(v2_root):
    cgroup = cgroups.confine('i1', 1024, 2)
    assert isinstance(cgroup, cgroups.CgroupV2)
    path = v2_root / 'trove-test' / 'i1'
    assert (path / 'memory.max').read_text() == str(1024 * MiB)
    assert (path / 'cpu.max').read_text() == '200000 100000'
    for parent in (v2_root, v2_root / 'trove-test'):
        assert (parent / 'cgroup.subtree_control').read_text() == \
            '+memory +cpu'
    cgroups.confine('i1', 0, 0)
    assert (path / 'memory.max').read_text() == 'max'
    assert (path / 'cpu.max').read_text() == 'max 100000'


def test_pids_and_joiner(v1_root):
    cgroup = cgroups.confine('i1', 128, 1)
    memory_procs = v1_root / 'memory' / 'trove-test' / 'i1' / 'cgroup.procs'
    cpu_procs = v1_root / 'cpu' / 'trove-test' / 'i1' / 'cgroup.procs'
    memory_procs.write_text('12\n34\n')
    cpu_procs.write_text('34\n56\n')
    assert cgroup.pids() == {12, 34, 56}
    cgroup.joiner()()
    assert memory_procs.read_text().startswith('0')
    assert cpu_procs.read_text().startswith('0')


def test_remove(v1_root):
    cgroup = cgroups.instance_cgroup('i1')
    cgroup.create()
    cgroup.remove()
    assert not cgroup.exists()
    cgroup.remove()  # already gone


def test_unwritable_cgroups_warn_and_continue(v1_root, caplog):
    # A file where the parent cgroup should be: mkdir fails as it does
    # on a read-only cgroup mount.
    (v1_root / 'memory' / 'trove-test').write_text('')
    with caplog.at_level(logging.WARNING):
        assert cgroups.confine('i1', 128, 1) is None
    assert 'without RAM and CPU limits' in caplog.text


def test_no_hierarchy_or_disabled(fake_root):
    assert cgroups.confine('i1', 128, 1) is None
    (fake_root / 'memory').mkdir()
    CONF.set_override('use_cgroups', False, group='local_compute')
    assert cgroups.instance_cgroup('i1') is None


def test_refused_limit_on_resize_is_an_error(v1_root, monkeypatch):
    cgroups.confine('i1', 512, 1)

    def busy(path, value):
        raise OSError(errno.EBUSY, 'Device or resource busy', path)
    monkeypatch.setattr(cgroups.CgroupV1, '_write', staticmethod(busy))
    with pytest.raises(exception.ComputeError, match='128 MB'):
        cgroups.confine('i1', 128, 1, strict=True)
    assert cgroups.confine('i1', 128, 1) is None  # create: only a warning
