"""An engine's Datastore on throwaway directories, its engine killed (by
its recorded pid) and the directories removed afterwards."""
import contextlib
import os
import shutil
import tempfile

import pytest

from trove.guestagent.datastores import base


def needs_root_and(binary_found):
    return pytest.mark.skipif(os.geteuid() != 0 or not binary_found,
                              reason='needs root and the engine installed')


@contextlib.contextmanager
def temporary_datastore(datastore_class, address, version, flavor_ram=512):
    # Not tmp_path: its parents are 0700 and the engine user must traverse.
    root = tempfile.mkdtemp(prefix='trove-guest-%s-' % version)
    os.chmod(root, 0o755)
    settings = base.GuestSettings(
        instance_id='func-%s' % datastore_class.__name__, address=address,
        instance_dir=os.path.join(root, 'instance'),
        volume_path=os.path.join(root, 'volume'), flavor_ram=flavor_ram,
        flavor_vcpus=1, version=version, template_path=None)
    os.makedirs(settings.instance_dir, mode=0o700)
    os.makedirs(settings.volume_path, mode=0o700)
    datastore = datastore_class(settings)
    try:
        yield datastore
    finally:
        datastore.process.kill()
        shutil.rmtree(root)


def print_timings(what, seconds, timings):
    print('\n%s took %.3fs: %s' % (what, seconds, ', '.join(
        '%s %.3fs' % kv for kv in timings.items())))
