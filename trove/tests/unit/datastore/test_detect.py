"""Host engine detection: versions parsed from each binary's output."""
from trove.datastore import detect


def _engine(name):
    return [e for e in detect.KNOWN_ENGINES if e.datastore == name][0]


def test_versions_from_the_binaries_output():
    cases = {
        'mariadb': ('mariadbd  Ver 10.11.6-MariaDB-0+deb12u1 for debian-'
                    'linux-gnu on x86_64 (Debian 12)', ('10.11', '10.11.6')),
        'postgresql': ('postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)',
                       ('15', '15.18')),
        'redis': ('Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 '
                  'bits=64 build=ae4d7c971a948f0', ('7.0', '7.0.15')),
    }
    for name, (output, expected) in cases.items():
        assert _engine(name).parse_version(output) == expected
    assert _engine('redis').parse_version('redis-cli 7.0.15') is None


def test_managers_are_entry_points():
    assert {e.manager for e in detect.KNOWN_ENGINES} >= {
        'mariadb', 'postgresql', 'redis'}


def test_the_newest_postgresql_is_registered(monkeypatch):
    monkeypatch.setattr(detect.pg_paths, 'versioned_bin_dirs',
                        lambda: [(13, '/pg/13/bin'), (15, '/pg/15/bin')])
    assert _engine('postgresql').locate() == '/pg/15/bin/postgres'


def test_missing_engines_are_skipped(monkeypatch):
    monkeypatch.setattr(detect.pg_paths, 'versioned_bin_dirs', lambda: [])
    monkeypatch.setattr(detect.shutil, 'which', lambda *a, **k: None)
    assert detect.detect() == []


def test_detect_runs_each_found_binary(monkeypatch):
    outputs = {'/bin/mariadbd': 'mariadbd  Ver 10.11.6-MariaDB',
               '/pg/15/bin/postgres': 'postgres (PostgreSQL) 15.18'}
    monkeypatch.setattr(detect.pg_paths, 'versioned_bin_dirs',
                        lambda: [(15, '/pg/15/bin')])
    monkeypatch.setattr(detect.shutil, 'which',
                        lambda binary, **k: '/bin/' + binary
                        if binary == 'mariadbd' else None)

    class Done(object):
        def __init__(self, argv):
            self.stdout = outputs[argv[0]]

    monkeypatch.setattr(detect.subprocess, 'run',
                        lambda argv, **kwargs: Done(argv))
    found = [(engine.datastore, name, full)
             for engine, name, full in detect.detect()]
    assert found == [('mariadb', '10.11', '10.11.6'),
                     ('postgresql', '15', '15.18')]
