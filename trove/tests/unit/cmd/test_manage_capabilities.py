"""trove-manage records a version's capabilities from its engine's
manifest when it registers the version."""
import json
import subprocess
import sys

from trove.datastore import capabilities

MANAGE = [sys.executable, '-c',
          'import sys; from trove.cmd import manage; sys.exit(manage.main())']


def _manage(conf, *args):
    return subprocess.run(MANAGE + ['--config-file', str(conf)] + list(args),
                          capture_output=True, text=True, timeout=60)


def _recorded(conf, datastore, version):
    code = ('from trove.conf import CONF; CONF(["--config-file", %r]); '
            'from trove.db.api import datastores as d; '
            'v = d.get_version(d.get_datastore(%r).id, %r); '
            'print(v.capabilities)' % (str(conf), datastore, version))
    return subprocess.run([sys.executable, '-c', code], capture_output=True,
                          text=True, timeout=60).stdout.strip()


def test_datastore_version_update_records_the_manifest(tmp_path):
    conf = tmp_path / 'trove.conf'
    conf.write_text('[database]\nconnection = sqlite:///%s\n'
                    % (tmp_path / 'trove.db'))
    for args in (['db_sync'], ['datastore_update', 'postgresql'],
                 ['datastore_version_update', 'postgresql', '15',
                  'postgresql', '', '', '1'],
                 ['datastore_update', 'mysql'],
                 ['datastore_version_update', 'mysql', '8.0', 'mysql', '',
                  '', '1'],
                 ['datastore_update', 'other'],
                 ['datastore_version_update', 'other', '1', 'cassandra', '',
                  '', '1']):
        result = _manage(conf, *args)
        assert result.returncode == 0, result.stderr
    assert 'no manifest' in result.stdout
    assert (json.loads(_recorded(conf, 'postgresql', '15'))
            == capabilities.load_manifest('postgresql'))
    assert (json.loads(_recorded(conf, 'mysql', '8.0'))
            == capabilities.load_manifest('mariadb'))
    assert _recorded(conf, 'other', '1') == 'None'
