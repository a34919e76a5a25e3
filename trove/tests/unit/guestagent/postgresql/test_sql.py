"""PostgreSQL statements: names only ever inside an Identifier, values
only ever parameters, and names the server would change are refused."""
from psycopg2 import sql as pg_sql
import pytest

from trove.common import exception
from trove.guestagent.datastores.postgresql import sql

HOSTILE = ['my"db', 'x"; DROP DATABASE postgres; --', "it's", 'a b',
           'Ünïcode', '%s', '{}', 'db\\']


def _parts(composed):
    """Flatten a Composed into its SQL texts and its identifier names."""
    texts, identifiers = [], []
    for part in composed.seq:
        if isinstance(part, pg_sql.Composed):
            sub_texts, sub_ids = _parts(part)
            texts += sub_texts
            identifiers += sub_ids
        elif isinstance(part, pg_sql.Identifier):
            identifiers += list(part.strings)
        else:
            texts.append(part.string)
    return texts, identifiers


@pytest.mark.parametrize('name', HOSTILE)
def test_hostile_names_are_identifiers(name):
    for statement, params in [sql.create_database(name),
                              sql.create_user(name, 'SCRAM-SHA-256$x'),
                              sql.grant_database(name, name),
                              sql.rename_user(name, name + 'x'),
                              sql.drop_database(name)]:
        texts, identifiers = _parts(statement)
        # Doubled in statements with parameters (see the next test).
        assert name.replace('%', '%%' if params else '%') in identifiers
        if '%' not in name:
            assert not any(name in text for text in texts)


def test_percent_in_names_survives_parameters():
    # psycopg2 %-formats a statement that has parameters, after quoting.
    statement, params = sql.create_user('a%sb', 'v')
    assert _parts(statement)[1] == ['a%%sb'] and params == ['v']
    statement, params = sql.create_database('a%b')
    assert _parts(statement)[1] == ['a%b'] and params is None
    statement, params = sql.create_database('a%b', 'UTF8')
    assert _parts(statement)[1] == ['a%%b'] and params == ['UTF8']


def test_values_are_parameters():
    statement, params = sql.create_database('db', 'UTF8', "en_US'; x")
    texts, _ = _parts(statement)
    assert ''.join(texts).endswith(' ENCODING %s LOCALE %s')
    assert params == ['UTF8', "en_US'; x"]
    statement, params = sql.create_user('u', 'SCRAM-SHA-256$verifier')
    assert params == ['SCRAM-SHA-256$verifier']
    assert sql.set_password('u', None)[1] == [None]     # PASSWORD NULL


@pytest.mark.parametrize('name', ['postgres', 'template0', 'template1', '',
                                  'x' * 64, 'é' * 32, 'a\nb', None])
def test_refused_database_names(name):
    with pytest.raises(exception.BadRequest):
        sql.create_database(name)


@pytest.mark.parametrize('name', ['postgres', 'os_admin', 'public', 'none',
                                  'pg_monitor', 'pg_x', 'x' * 64, 'a\x00b'])
def test_refused_user_names(name):
    with pytest.raises(exception.BadRequest):
        sql.create_user(name, 'v')


def test_longest_names_fit():
    # 63 bytes is PostgreSQL's NAMEDATALEN - 1: a longer name would be cut
    # short by the server, so these must pass whole into the statement.
    statement, params = sql.create_database('d' * 63)
    assert repr('d' * 63) in repr(statement) and params is None
    statement, params = sql.create_user('u' * 63, 'v')
    assert repr('u' * 63) in repr(statement) and params == ['v']
    # Another role than postgres: names are case-sensitive.
    assert sql.user_name('Postgres') == 'Postgres'


def test_requests_are_checked_in_full():
    with pytest.raises(exception.BadRequest, match='more than once'):
        sql.check_databases([{'name': 'a'}, {'name': 'a'}])
    with pytest.raises(exception.BadRequest, match='host'):
        sql.check_users([{'name': 'u', 'password': 'p',
                          'host': '10.0.0.1'}])
    with pytest.raises(exception.BadRequest, match='password'):
        sql.check_users([{'name': 'u', 'password': ''}])
    with pytest.raises(exception.BadRequest, match='reserved'):
        sql.check_users([{'name': 'u', 'password': 'p',
                          'databases': [{'name': 'template1'}]}])
    sql.check_users([{'name': 'u', 'password': 'p', 'host': '%'},
                     {'name': 'v', 'password': 'p', 'host': None}])
