"""The control DB on each backend it supports: SQLite (the embedded
default), MariaDB and PostgreSQL (throwaway servers, one per test session,
see trove.tests.dbservers)."""
import pytest

from trove.conf import CONF
from trove.db import migration
from trove.db import session as db_session
from trove.tests import dbservers

BACKENDS = ['sqlite', 'mariadb', 'postgresql']


@pytest.fixture(scope='session')
def db_servers(request):
    """The servers this session's tests need, started side by side on
    first use and stopped at the end of the session."""
    needed = set()
    for item in request.session.items:
        callspec = getattr(item, 'callspec', None)
        if callspec is not None:
            needed.add(callspec.params.get('db_backend'))
    dbservers.reap_leftovers()
    with dbservers.started(sorted(needed & set(dbservers.SERVERS))) as found:
        yield found


def _server(db_servers, backend):
    server = db_servers.get(backend)
    if server is None:
        pytest.fail('no %s test server was started' % backend, pytrace=False)
    if isinstance(server, Exception):
        pytest.fail('%s test server: %s' % (backend, server), pytrace=False)
    return server


@pytest.fixture(scope='session')
def mariadb_server(db_servers):
    return _server(db_servers, 'mariadb')


@pytest.fixture(scope='session')
def postgresql_server(db_servers):
    return _server(db_servers, 'postgresql')


@pytest.fixture(params=BACKENDS)
def db_backend(request, tmp_path):
    """An empty control DB (no tables) on each backend in turn, configured
    as CONF.database.connection; yields the backend's name."""
    backend = request.param
    if backend == 'sqlite':
        url = 'sqlite:///%s' % (tmp_path / 'trove.db')
    else:
        url = request.getfixturevalue(backend + '_server').reset()
    CONF.set_override('connection', url, group='database')
    CONF.set_override('inst_rpc_key_encr_key', 'unit-test-master-key')
    db_session.dispose()
    try:
        yield backend
    finally:
        db_session.dispose()
        CONF.clear_override('connection', group='database')
        CONF.clear_override('inst_rpc_key_encr_key')


@pytest.fixture
def schema(db_backend):
    """The backend's empty database, brought to head by the migrations."""
    migration.upgrade()
    return db_backend
