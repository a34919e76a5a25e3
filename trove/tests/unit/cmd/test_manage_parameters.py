"""trove-manage db_load_datastore_config_parameters, as an operator runs
it: the rules of a file become the version's parameters; a bad file
changes nothing."""
import json
import os
import subprocess
import sys

from trove.configuration import rules

MANAGE = [sys.executable, '-c',
          'import sys; from trove.cmd import manage; sys.exit(manage.main())']


def _manage(conf, *args):
    return subprocess.run(MANAGE + ['--config-file', str(conf)] + list(args),
                          capture_output=True, text=True, timeout=60)


def _conf(tmp_path):
    conf = tmp_path / 'trove.conf'
    conf.write_text('[database]\nconnection = sqlite:///%s\n'
                    % (tmp_path / 'trove.db'))
    for args in (['db_sync'], ['datastore_update', 'mariadb'],
                 ['datastore_version_update', 'mariadb', '10.11', 'mariadb',
                  '', '', '1']):
        assert _manage(conf, *args).returncode == 0
    return conf


def _names(conf):
    env = dict(os.environ)
    code = ('from trove.conf import CONF; CONF(["--config-file", %r]); '
            'from trove.db.api import datastores as d, '
            'configuration_parameters as p; '
            'v = d.get_version(d.get_datastore("mariadb").id, "10.11"); '
            'print(" ".join(sorted(p.rules_by_name(v.id))))' % str(conf))
    return subprocess.run([sys.executable, '-c', code], env=env,
                          capture_output=True, text=True,
                          timeout=60).stdout.split()


def test_load_and_reload(tmp_path):
    conf = _conf(tmp_path)
    shipped = rules.rules_file('mariadb')
    result = _manage(conf, 'db_load_datastore_config_parameters', 'mariadb',
                     '10.11', shipped)
    assert result.returncode == 0, result.stderr
    assert 'Loaded' in result.stdout
    assert _names(conf) == sorted(r.name for r in rules.load(shipped))

    small = tmp_path / 'small.json'
    small.write_text(json.dumps({'configuration-parameters': [
        {'name': 'max_connections', 'type': 'integer', 'min': 1,
         'restart_required': False}]}))
    assert _manage(conf, 'db_load_datastore_config_parameters', 'mariadb',
                   '10.11', str(small)).returncode == 0
    assert _names(conf) == ['max_connections']

    bad = tmp_path / 'bad.json'
    bad.write_text(json.dumps({'configuration-parameters': [
        {'name': 'x', 'type': 'number'}]}))
    result = _manage(conf, 'db_load_datastore_config_parameters', 'mariadb',
                     '10.11', str(bad))
    assert result.returncode == 1
    assert 'type must be' in result.stderr
    assert _names(conf) == ['max_connections']
