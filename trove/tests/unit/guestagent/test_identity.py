"""What the agent prepares as root for the code it runs once dropped: its
import directories kept reachable, and plugins found without reading every
installed distribution's metadata again (stevedore keys what it has read
on sys.path, which the drop rewrites)."""
import importlib.metadata
import os
import sys

import pytest
from stevedore import _cache
from stevedore import driver
from stevedore import extension

from trove.guestagent import identity

GROUP = 'trove.tests.identity_probe'


@pytest.fixture
def private_lib(tmp_path, monkeypatch):
    """An import directory that only root may reach (tmp_path is 0700), with
    a module and a distribution that offers it as a plugin; sys.path as the
    agent's, less the directories the test process must not lose (those
    under a root-only parent would be moved for the whole test session)."""
    os.chmod(tmp_path, 0o700)
    lib = tmp_path / 'lib'
    lib.mkdir()
    (lib / 'identity_probe_plugin.py').write_text('ANSWER = 42\n')
    dist = lib / 'identity_probe-1.0.dist-info'
    dist.mkdir()
    (dist / 'METADATA').write_text(
        'Metadata-Version: 2.1\nName: identity-probe\nVersion: 1.0\n')
    (dist / 'entry_points.txt').write_text(
        '[%s]\nprobe = identity_probe_plugin:ANSWER\n' % GROUP)
    kept = [entry for entry in sys.path
            if not entry or identity._reachable_by_others(entry)]
    monkeypatch.setattr(sys, 'path', [str(lib)] + kept)
    # A cache of stevedore's own with an empty directory: a lookup that
    # misses in memory has to scan the distributions.
    stevedore_cache = _cache.Cache(str(tmp_path / 'entry-points'))
    monkeypatch.setattr(_cache, 'get_group_all',
                        stevedore_cache.get_group_all)
    monkeypatch.setattr(extension.ExtensionManager, 'ENTRY_POINT_CACHE', {})
    yield str(lib)
    sys.modules.pop('identity_probe_plugin', None)


@pytest.fixture
def scans(monkeypatch):
    """How many times every distribution's entry points were read."""
    counted = []
    scan = importlib.metadata.entry_points

    def counting(*args, **kwargs):
        counted.append(1)
        return scan(*args, **kwargs)

    monkeypatch.setattr(importlib.metadata, 'entry_points', counting)
    return counted


def _probe():
    return driver.DriverManager(GROUP, 'probe', invoke_on_load=False).driver


def test_a_root_only_import_directory_is_reached_through_a_descriptor(
        private_lib):
    identity.prepare_imports()
    assert private_lib not in sys.path
    moved = [entry for entry in sys.path
             if entry.startswith('/proc/self/fd/')]
    assert len(moved) == 1
    assert os.path.samefile(moved[0], private_lib)
    import identity_probe_plugin
    assert identity_probe_plugin.__file__.startswith(moved[0])


def test_plugins_after_the_drop_need_no_new_scan(private_lib, scans):
    identity.prepare_imports()
    read_as_root = len(scans)
    assert _probe() == 42
    assert driver.DriverManager(identity.RPC_EXECUTORS, 'threading',
                                invoke_on_load=False).driver
    assert len(scans) == read_as_root


def test_a_rewritten_path_alone_would_scan_again(private_lib, scans):
    # What prepare_imports avoids: entry points read before the rewrite
    # are kept for the old sys.path only.
    _cache.get_group_all(GROUP)
    identity._keep_import_paths()
    before = len(scans)
    assert _probe() == 42
    assert len(scans) == before + 1


def test_an_agent_forked_from_the_standby_finds_it_all_prepared(
        private_lib, scans):
    identity.prepare_imports()  # the standby's, inherited by its fork
    prepared = list(sys.path)
    read_by_the_standby = len(scans)
    descriptors = os.listdir('/proc/self/fd')
    identity.prepare_imports()  # the agent's own, before it drops
    assert sys.path == prepared
    assert os.listdir('/proc/self/fd') == descriptors
    assert _probe() == 42
    assert len(scans) == read_by_the_standby
