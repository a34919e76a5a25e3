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
    'dot.', 'a.b', '..', 'mysql', 'INFORMATION_SCHEMA', 'sys',
    'performance_schema', 'lost+found', '#mysql50#lost+found', '#MySQL50#x',
    '\U0001F600', 42])
def test_invalid_database_names(name):
    with pytest.raises(sql.InvalidName):
        sql.create_database(name)


@pytest.mark.parametrize('name', ['', 'root', 'os_admin', 'mysql',
                                  'mariadb.sys', 'x' * 33, 'x' * 129,
                                  'tab\tname', 'trailing ', 'emoji\U0001F600',
                                  None, 7])
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


def test_init_file_makes_a_local_only_agent_account():
    text = sql.init_file('os_admin', 'Pw_1-x', 'mysql')
    assert "CREATE USER 'os_admin'@'localhost' IDENTIFIED BY 'Pw_1-x';" \
        in text
    assert "DROP USER IF EXISTS 'mysql'@'localhost';" in text
    assert "'%'" not in text


@pytest.mark.parametrize('secret', ["x'; DROP USER root; --", 'a b', ''])
def test_init_file_refuses_what_would_need_quoting(secret):
    with pytest.raises(ValueError):
        sql.init_file('os_admin', secret, 'mysql')


HOSTILE_NAMES = [
    "'; DROP DATABASE mysql; --", 'a`b', '``', "it's", 'dq"uote',
    'semi;colon', 'per%cent', 'x%s', 'données', '数据库', '`; --',
]


@pytest.mark.parametrize('name', HOSTILE_NAMES)
def test_hostile_database_names_stay_one_identifier(mogrify, name):
    quoted = '`%s`' % name.replace('`', '``')
    assert sql.create_database(name, if_not_exists=False) == (
        'CREATE DATABASE %s' % quoted, None)
    assert sql.drop_database(name) == ('DROP DATABASE %s' % quoted, None)
    # Statements with params: the pattern survives %-formatting exactly.
    statement, params = sql.grant_all_on_database(name, 'u', '%')
    pattern = name.replace('_', '\\_').replace('%', '\\%')
    assert mogrify(statement, params) == (
        "GRANT ALL PRIVILEGES ON `%s`.* TO 'u'@'%%'"
        % pattern.replace('`', '``'))
    assert sql.database_of_pattern(pattern) == name
    statement, params = sql.revoke_on_pattern(pattern, 'u', '%')
    assert mogrify(statement, params) == (
        "REVOKE ALL PRIVILEGES ON `%s`.* FROM 'u'@'%%'"
        % pattern.replace('`', '``'))


@pytest.mark.parametrize('name', HOSTILE_NAMES)
def test_hostile_user_names_are_only_parameters(mogrify, name):
    secret = "p'a\"ss`;\\ DROP USER root; --"
    for statement, params in (
            sql.create_user(name, '%', secret),
            sql.set_password(name, '%', secret),
            sql.rename_user(name, '%', name + '2', 'Example.COM'),
            sql.delete_user(name, '%')):
        assert name not in statement and secret not in statement
        assert params[0] == name
        text = mogrify(statement, params)
        # Escaped: no quote in the name or password ends its literal.
        assert "'%s'" % pymysql.converters.escape_string(name) in text
    assert sql.rename_user(name, '%', 'n', 'Example.COM')[1][3] == (
        'example.com')
    assert mogrify(*sql.set_password(name, '%', secret)).endswith(
        "IDENTIFIED BY 'p\\'a\\\"ss`;\\\\ DROP USER root; --'")


def test_hosts_are_lower_case_and_default_to_any():
    assert sql.host_name(None) == '%'
    assert sql.host_name('DB.Example.COM') == 'db.example.com'
    for host in ('', 'h' * 256, 'a\x00', 'trailing '):
        with pytest.raises(sql.InvalidName):
            sql.host_name(host)


@pytest.mark.parametrize('password', ['', None, 42])
def test_passwords_must_be_text(password):
    for build in (lambda: sql.set_password('u', '%', password),
                  lambda: sql.enable_root(password)):
        with pytest.raises(sql.InvalidName, match='password'):
            build()


def test_revoke_grant_option():
    assert sql.revoke_on_pattern('my\\_db', 'u', '%', grant_option=True) == (
        'REVOKE GRANT OPTION ON `my\\_db`.* FROM %s@%s', ('u', '%'))


@pytest.mark.parametrize('charset,collate,probe', [
    ('utf8', None, "SELECT CONVERT('' USING utf8)"),
    ('latin1', 'latin1_bin', "SELECT CONVERT('' USING latin1) "
                             "COLLATE latin1_bin"),
    (None, 'utf8mb4_bin', "SELECT CONVERT('' USING binary) "
                          "COLLATE utf8mb4_bin"),
])
def test_charset_probe(charset, collate, probe):
    assert sql.charset_probe(charset, collate) == (probe, None)


@pytest.mark.parametrize('word', ["utf8'; DROP DATABASE mysql; --", 'a b',
                                  'x`', 'x' * 65])
def test_charset_probe_takes_words_only(word):
    with pytest.raises(sql.InvalidName):
        sql.charset_probe(word, None)
    with pytest.raises(sql.InvalidName):
        sql.charset_probe('utf8', word)


def test_enable_root_never_leaves_root_without_a_password(mogrify):
    statements = sql.enable_root("s3'cret")
    assert [mogrify(*statement) for statement in statements] == [
        "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY 's3\\'cret'",
        "ALTER USER 'root'@'%' IDENTIFIED BY 's3\\'cret'",
        "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION",
    ]


def test_reserved_databases():
    for name in ('mysql', 'SYS', 'lost+found', '#mysql50#lost+found'):
        assert sql.is_reserved_database(name)
    assert not sql.is_reserved_database('mysqlx')
