"""The density benchmark's arithmetic: smaps_rollup, MemAvailable and the
extrapolation to a 24 GiB host."""
import importlib.util
import os
import sys

import pytest

TOOLS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))), 'tools')


def _module():
    sys.path.insert(0, TOOLS)   # it imports bench_concurrency beside it
    try:
        spec = importlib.util.spec_from_file_location(
            'bench_density', os.path.join(TOOLS, 'bench_density.py'))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(TOOLS)


density = _module()

ROLLUP = """\
5619ed03a000-7fff230a6000 ---p 00000000 00:00 0                  [rollup]
Rss:               41620 kB
Pss:               12187 kB
Pss_Anon:           9112 kB
Shared_Clean:      29468 kB
Private_Clean:        40 kB
Private_Dirty:      9112 kB
Swap:                  0 kB
"""


def test_smaps_rollup_fields_are_bytes():
    found = density.parse_smaps_rollup(ROLLUP)
    assert found['Pss'] == 12187 * 1024
    assert found['Rss'] == 41620 * 1024
    assert found['Private_Dirty'] == 9112 * 1024
    assert '5619ed03a000-7fff230a6000 ---p 00000000 00' not in found


def test_memory_of_this_process_has_pss_within_rss():
    figures = density.memory_of(os.getpid())
    assert 0 < figures['uss'] <= figures['pss'] <= figures['rss']


def test_memory_of_a_gone_process_is_none():
    assert density.memory_of(2 ** 22 + 1) is None


def test_mem_available_in_mib():
    meminfo = ('MemTotal:       24683664 kB\nMemFree:        21651132 kB\n'
               'MemAvailable:   23746972 kB\n')
    assert density.parse_mem_available_mb(meminfo) == 23746972 / 1024


def test_meminfo_without_mem_available_is_refused():
    with pytest.raises(ValueError):
        density.parse_mem_available_mb('MemTotal: 1 kB\n')


def test_extrapolation_leaves_room_for_the_control_plane():
    # (24576 - 576) / 48 = 500 exactly; a bit more each and one less fits.
    assert density.extrapolate(48, 24576, 576) == 500
    assert density.extrapolate(48.1, 24576, 576) == 498
    assert density.extrapolate(100, 500, 600) == 0


def test_extrapolation_refuses_a_zero_footprint():
    with pytest.raises(ValueError):
        density.extrapolate(0)


def test_capacity_adds_agent_and_engine():
    figures = {'measured': 50, 'agent': {'mean_pss_mb': 30.0},
               'engine': {'mean_pss_mb': 6.0}}
    assert density.capacity(figures, 576) == {
        'per_instance_pss_mb': 36.0, 'fit_in_24gib': 666,
        'from_measured': 50}


def test_capacity_by_the_memory_the_host_lost_too():
    figures = {'measured': 50, 'agent': {'mean_pss_mb': 30.0},
               'engine': {'mean_pss_mb': 6.0},
               'mem_available_drop_mb': 2400.0}
    found = density.capacity(figures, 576)
    assert found['per_instance_drop_mb'] == 48.0
    assert found['fit_in_24gib_by_drop'] == 500
