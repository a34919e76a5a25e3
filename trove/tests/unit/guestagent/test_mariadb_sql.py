"""Names from users reach the engine quoted, values only as parameters."""
import pymysql
import pytest

from trove.guestagent.datastores.mariadb import sql


@pytest.fixture
def mogrify():
    """PyMySQL's own client-side interpolation, without a server."""
    connection = pymysql.connections.Connection(defer_connect=True)
    connection.server_status = 0
    return connection.cursor().mogrify


@pytest.mark.parametrize('name,quoted', [
    ('mydb', '`mydb`'),
    ('my`db', '`my``db`'),
    ('``', '``````'),
    ("it's", "`it's`"),
    ('a; DROP DATABASE mysql; --', '`a; DROP DATABASE mysql; --`'),
])
def test_quote_identifier(name, quoted):
    assert sql.quote_identifier(name) == quoted


@pytest.mark.parametrize('name', [
    '', None, 'a' * 65, 'bad\x00', 'new\nline', 'trailing ', 'a/b', 'a\\b',
    'dot.', 'mysql', 'INFORMATION_SCHEMA', 'sys', 'performance_schema', 42])
def test_invalid_database_names(name):
    with pytest.raises(sql.InvalidName):
        sql.create_database(name)


@pytest.mark.parametrize('name', ['', 'root', 'os_admin', 'mysql', 'x' * 129,
                                  'tab\tname'])
def test_invalid_user_names(name):
    with pytest.raises(sql.InvalidName):
        sql.create_user(name, '%', 'secret')


def test_invalid_name_message_is_readable():
    with pytest.raises(sql.InvalidName, match='Invalid database or user: '
                                              "database name 'mysql'"):
        sql.create_database('mysql')


def test_create_database_with_charset(mogrify):
    statement, params = sql.create_database('my`db', 'utf8mb4', 'utf8mb4_bin')
    assert params is None
    assert statement == ('CREATE DATABASE IF NOT EXISTS `my``db` '
                         'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin')
    # A percent sign in a name survives a statement run without params.
    statement, params = sql.create_database('100%')
    assert mogrify(statement, params).endswith('`100%`')


@pytest.mark.parametrize('charset', ['utf8mb4; DROP', "latin1'", 'a b'])
def test_charset_must_be_a_word(charset):
    with pytest.raises(sql.InvalidName):
        sql.create_database('db', character_set=charset)
    with pytest.raises(sql.InvalidName):
        sql.create_database('db', collate=charset)


def test_create_user_binds_every_value(mogrify):
    password = "p'a\"ss`;\\ DROP USER root; --"
    statement, params = sql.create_user("o'brien", None, password)
    assert password not in statement
    assert params == ("o'brien", '%', password)
    assert mogrify(statement, params) == (
        "CREATE USER 'o\\'brien'@'%' IDENTIFIED BY "
        "'p\\'a\\\"ss`;\\\\ DROP USER root; --'")


def test_create_user_needs_a_password():
    with pytest.raises(sql.InvalidName):
        sql.create_user('u', '%', '')
    with pytest.raises(sql.InvalidName):
        sql.create_user('u', '%', None)


def test_grant_escapes_wildcards_and_percent(mogrify):
    statement, params = sql.grant_all_on_database('my_db%`x', "u'1", '%')
    assert mogrify(statement, params) == (
        "GRANT ALL PRIVILEGES ON `my\\_db\\%``x`.* TO 'u\\'1'@'%'")


def test_admin_is_local_only():
    statements = sql.create_admin('os_admin', 'pw')
    assert all(params[1] == 'localhost' for _, params in statements)
    assert 'pw' not in ''.join(statement for statement, _ in statements)
