"""trove-manage datastore_version_update --image-tags records the tags by
which the nova driver chooses a version's image."""
import subprocess
import sys

from trove.db.api import datastores as ds_api
from trove.tests.unit.cmd.test_manage_capabilities import _manage


def _image_fields(conf, datastore, version):
    code = ('from trove.conf import CONF; CONF(["--config-file", %r]); '
            'from trove.db.api import datastores as d; '
            'v = d.get_version(d.get_datastore(%r).id, %r); '
            'print(repr((v.image_id, d.image_tags(v))))'
            % (str(conf), datastore, version))
    return subprocess.run([sys.executable, '-c', code], capture_output=True,
                          text=True, timeout=60).stdout.strip()


def test_image_tags_are_recorded_and_replaced(tmp_path):
    conf = tmp_path / 'trove.conf'
    conf.write_text('[database]\nconnection = sqlite:///%s\n'
                    % (tmp_path / 'trove.db'))
    for args in (['db_sync'], ['datastore_update', 'mariadb'],
                 ['datastore_version_update', 'mariadb', '10.11', 'mariadb',
                  '', '', '1', '--image-tags', 'trove, mariadb']):
        result = _manage(conf, *args)
        assert result.returncode == 0, result.stderr
    assert _image_fields(conf, 'mariadb', '10.11') == \
        "(None, ['trove', 'mariadb'])"
    result = _manage(conf, 'datastore_version_update', 'mariadb', '10.11',
                     'mariadb', 'image-1', '', '1')
    assert result.returncode == 0, result.stderr
    assert _image_fields(conf, 'mariadb', '10.11') == "('image-1', [])"


def test_registering_a_version_again_keeps_its_image(control_db):
    # register_local runs at every quickstart start: the operator's image
    # choice must survive it.
    ds_api.upsert_datastore('mariadb')
    ds_api.upsert_version('mariadb', '10.11', 'mariadb', image_id='img-1',
                          image_tags=['trove', 'mariadb'])
    again = ds_api.upsert_version('mariadb', '10.11', 'mariadb',
                                  packages='mariadb-server')
    assert (again.image_id, ds_api.image_tags(again), again.packages) == \
        ('img-1', ['trove', 'mariadb'], 'mariadb-server')


# register_local, with the host's engines replaced by one MariaDB.
REGISTER = [sys.executable, '-c', '''
import sys, types
from trove.datastore import detect
engine = types.SimpleNamespace(datastore="mariadb", manager="mariadb",
                               packages="mariadb-server")
detect.detect = lambda: [(engine, "10.11", "10.11.6")]
from trove.cmd import manage
sys.exit(manage.main())
''']


def test_register_local_with_image_tags(tmp_path):
    conf = tmp_path / 'trove.conf'
    conf.write_text('[database]\nconnection = sqlite:///%s\n'
                    % (tmp_path / 'trove.db'))
    assert _manage(conf, 'db_sync').returncode == 0
    for args, expected in ((['--image-tags', 'trove'],
                            "(None, ['trove', 'mariadb'])"),
                           ([], "(None, ['trove', 'mariadb'])")):
        result = subprocess.run(
            REGISTER + ['--config-file', str(conf), 'register_local'] + args,
            capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert _image_fields(conf, 'mariadb', '10.11') == expected
